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

export type SchemeId = keyof typeof SIGNERS;
export const SCHEME_IDS = Object.keys(SIGNERS) as readonly SchemeId[];

/** Each scheme's verify options: the scheme's name and its own options, plus the common ones. */
export type VerifyOptions = {
  [S in SchemeId]: NonNullable<(typeof VERIFIERS)[S]["optionsType"]>;
}[SchemeId];
