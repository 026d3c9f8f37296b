// The schemes panelsig knows: the one place that names them. Adding a scheme is its module in
// schemes/ and its line in each table below (docs/architecture.md). The signers are a table of
// their own so that `sign` reaches no verifier: a bundle of `sign` alone stays small.

import * as acepanel from "./schemes/acepanel.ts";
import * as opteriusAgent from "./schemes/opterius-agent.ts";
import * as opteriusPanel from "./schemes/opterius-panel.ts";

export const SIGNERS = {
  "opterius-agent": opteriusAgent.signer,
  "opterius-panel": opteriusPanel.signer,
  acepanel: acepanel.signer,
};

export const VERIFIERS = {
  "opterius-agent": opteriusAgent.verifier,
  "opterius-panel": opteriusPanel.verifier,
  acepanel: acepanel.verifier,
};

/**
 * A scheme's name: "opterius-agent", "opterius-panel" or "acepanel".
 *
 * @example
 * ```ts
 * const scheme: SchemeId = "opterius-agent";
 * ```
 */
export type SchemeId = keyof typeof SIGNERS;

/**
 * Every scheme's name, in the contract's order.
 *
 * @example
 * ```ts
 * import { SCHEME_IDS } from "@panelsig/core";
 * console.log(SCHEME_IDS); // ["opterius-agent", "opterius-panel", "acepanel"]
 * ```
 */
export const SCHEME_IDS = Object.keys(SIGNERS) as readonly SchemeId[];

/**
 * Each scheme's verify options: the scheme's name and its own options, plus the common ones
 * ({@link OpteriusAgentVerifyOptions}, {@link OpteriusPanelVerifyOptions}, {@link AcepanelVerifyOptions}).
 *
 * @example
 * ```ts
 * import type { VerifyOptions } from "@panelsig/core";
 * const options: VerifyOptions = { scheme: "opterius-agent", secret: process.env.AGENT_SECRET!, windowSeconds: 60 };
 * ```
 */
export type VerifyOptions = {
  [S in SchemeId]: NonNullable<(typeof VERIFIERS)[S]["optionsType"]>;
}[SchemeId];
