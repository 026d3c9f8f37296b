// @panelsig/vectors: the golden vector corpus with types, and the one helper a consumer needs to
// turn a vector into the contract's case object. JSON import attributes work unchanged on Node
// (>= 20.10), Deno, Bun and modern browsers and bundlers.
//
// Where the JSON is: data/ inside this package, a copy of the repository's vectors/ that the
// package's build makes (build-data.mjs; `npm ci` and turbo run it before the tests). The same
// specifiers serve the sources (tests, Deno, Bun), the compiled dist/ (npm) and JSR, so no
// published module imports a file outside its package.

import { PanelsigError, type Case } from "@panelsig/core";
import acepanelJson from "../data/acepanel.json" with { type: "json" };
import hmacSha256Json from "../data/hmac-sha256.json" with { type: "json" };
import opteriusAgentJson from "../data/opterius-agent.json" with { type: "json" };
import opteriusPanelJson from "../data/opterius-panel.json" with { type: "json" };
import type { BodyRepeat, HmacVectorFile, SchemeVector, SchemeVectorFile, SignVector } from "./types.ts";

export type * from "./types.ts";

export const opteriusAgentVectors = opteriusAgentJson as unknown as SchemeVectorFile;
export const opteriusPanelVectors = opteriusPanelJson as unknown as SchemeVectorFile;
export const acepanelVectors = acepanelJson as unknown as SchemeVectorFile;
export const hmacSha256Vectors = hmacSha256Json as unknown as HmacVectorFile;

/** The three scheme files, in the order the contract lists the schemes. */
export const SCHEME_VECTOR_FILES: readonly SchemeVectorFile[] = [opteriusAgentVectors, opteriusPanelVectors, acepanelVectors];

/** The vector file of one scheme ("opterius-agent", "opterius-panel" or "acepanel"). */
export function loadVectors(scheme: SchemeVectorFile["scheme"]): SchemeVectorFile {
  const file = SCHEME_VECTOR_FILES.find((f) => f.scheme === scheme);
  if (!file) throw new PanelsigError("unknown_scheme", "scheme", `${JSON.stringify(scheme)} has no vectors; the schemes are ${SCHEME_VECTOR_FILES.map((f) => f.scheme).join(", ")}`);
  return file;
}

export function isSignVector(vector: SchemeVector): vector is SignVector {
  return vector.case.op === "sign";
}

/** The body a bodyRepeat stands for. */
export function repeatBody(repeat: BodyRepeat): string {
  return repeat.text.repeat(repeat.count);
}

/**
 * The vector's case as the contract's case object, ready for sign(), verify() or a JSON Lines
 * adapter: bodyRepeat expanded into body, and the vector's tcId attached.
 */
export function toCase(vector: SchemeVector): Case {
  const { bodyRepeat, ...request } = vector.case.request;
  return {
    ...vector.case,
    tcId: vector.tcId,
    request: bodyRepeat ? { ...request, body: repeatBody(bodyRepeat) } : request,
  };
}
