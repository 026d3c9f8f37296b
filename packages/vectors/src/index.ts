// @panelsig/vectors: the golden vector corpus with types, and the one helper a consumer needs to
// turn a vector into the contract's case object. JSON import attributes work unchanged on Node
// (>= 20.10), Deno, Bun and modern browsers and bundlers.
//
// Where the JSON is: data/ inside this package, a copy of the repository's vectors/ that the
// package's build makes (build-data.mjs; `npm ci` and turbo run it before the tests). The same
// specifiers serve the sources (tests, Deno, Bun), the compiled dist/ (npm) and JSR, so no
// published module imports a file outside its package.

/**
 * The golden vector corpus of the three schemes and of HMAC-SHA256, typed, with the helper that
 * turns a vector into the contract's case object.
 *
 * @module @panelsig/vectors
 */

import { PanelsigError, type Case } from "@panelsig/core";
import acepanelJson from "../data/acepanel.json" with { type: "json" };
import hmacSha256Json from "../data/hmac-sha256.json" with { type: "json" };
import opteriusAgentJson from "../data/opterius-agent.json" with { type: "json" };
import opteriusPanelJson from "../data/opterius-panel.json" with { type: "json" };
import type { BodyRepeat, HmacVectorFile, SchemeVector, SchemeVectorFile, SignVector } from "./types.ts";

export type * from "./types.ts";

/**
 * The opterius-agent vectors (vectors/opterius-agent.json): sign and verify cases with what the
 * real client signs and the real receiver answers.
 *
 * @example
 * ```ts
 * import { opteriusAgentVectors } from "@panelsig/vectors";
 * console.log(opteriusAgentVectors.scheme, opteriusAgentVectors.vectors.length); // "opterius-agent" …
 * ```
 */
export const opteriusAgentVectors = opteriusAgentJson as unknown as SchemeVectorFile;

/**
 * The opterius-panel vectors (vectors/opterius-panel.json).
 *
 * @example
 * ```ts
 * import { opteriusPanelVectors } from "@panelsig/vectors";
 * const bigBodies = opteriusPanelVectors.vectors.filter((v) => v.case.request.bodyRepeat);
 * ```
 */
export const opteriusPanelVectors = opteriusPanelJson as unknown as SchemeVectorFile;

/**
 * The acepanel vectors (vectors/acepanel.json); tcId 3001 is the AcePanel documentation's example.
 *
 * @example
 * ```ts
 * import { acepanelVectors } from "@panelsig/vectors";
 * const docExample = acepanelVectors.vectors.find((v) => v.tcId === 3001)!;
 * console.log(docExample.name); // "doc-example"
 * ```
 */
export const acepanelVectors = acepanelJson as unknown as SchemeVectorFile;

/**
 * HMAC-SHA256 vectors (vectors/hmac-sha256.json): RFC 4231's and more, for checking a port's HMAC
 * on its own before its signatures.
 *
 * @example
 * ```ts
 * import { createHmac } from "node:crypto";
 * import { hmacSha256Vectors } from "@panelsig/vectors";
 *
 * for (const v of hmacSha256Vectors.vectors) {
 *   const tag = createHmac("sha256", Buffer.from(v.key, "hex")).update(Buffer.from(v.msg, "hex")).digest("hex");
 *   const matches = tag.slice(0, v.tagSize / 4) === v.tag;
 *   if (matches !== (v.result === "valid")) console.log("wrong:", v.tcId);
 * }
 * ```
 */
export const hmacSha256Vectors = hmacSha256Json as unknown as HmacVectorFile;

/**
 * The three scheme files, in the order the contract lists the schemes.
 *
 * @example
 * ```ts
 * import { SCHEME_VECTOR_FILES } from "@panelsig/vectors";
 * for (const file of SCHEME_VECTOR_FILES) console.log(file.scheme, file.numberOfVectors);
 * ```
 */
export const SCHEME_VECTOR_FILES: readonly SchemeVectorFile[] = [opteriusAgentVectors, opteriusPanelVectors, acepanelVectors];

/**
 * The vector file of one scheme ("opterius-agent", "opterius-panel" or "acepanel"); any other
 * name is a PanelsigError (`unknown_scheme`, field `scheme`).
 *
 * @example
 * ```ts
 * import { loadVectors } from "@panelsig/vectors";
 * const { vectors } = loadVectors("acepanel");
 * ```
 */
export function loadVectors(scheme: SchemeVectorFile["scheme"]): SchemeVectorFile {
  const file = SCHEME_VECTOR_FILES.find((f) => f.scheme === scheme);
  if (!file) throw new PanelsigError("unknown_scheme", "scheme", `${JSON.stringify(scheme)} has no vectors; the schemes are ${SCHEME_VECTOR_FILES.map((f) => f.scheme).join(", ")}`);
  return file;
}

/**
 * Whether the vector is a sign vector (its case's `op` is "sign"), as a type guard.
 *
 * @example
 * ```ts
 * import { acepanelVectors, isSignVector } from "@panelsig/vectors";
 * const signVectors = acepanelVectors.vectors.filter(isSignVector); // SignVector[]
 * ```
 */
export function isSignVector(vector: SchemeVector): vector is SignVector {
  return vector.case.op === "sign";
}

/**
 * The body a bodyRepeat stands for.
 *
 * @example
 * ```ts
 * import { repeatBody } from "@panelsig/vectors";
 * repeatBody({ text: "ab", count: 3 }); // "ababab"
 * ```
 */
export function repeatBody(repeat: BodyRepeat): string {
  return repeat.text.repeat(repeat.count);
}

/**
 * The vector's case as the contract's case object, ready for sign(), verify() or a JSON Lines
 * adapter: bodyRepeat expanded into body, and the vector's tcId attached.
 *
 * @example
 * ```ts
 * import { sign } from "@panelsig/node";
 * import { acepanelVectors, isSignVector, toCase } from "@panelsig/vectors";
 *
 * const vector = acepanelVectors.vectors.find((v) => v.tcId === 3001)!;
 * const result = await sign(toCase(vector));
 * if (isSignVector(vector)) console.log(result.signature === vector.expected.signature); // true
 * ```
 */
export function toCase(vector: SchemeVector): Case {
  const { bodyRepeat, ...request } = vector.case.request;
  return {
    ...vector.case,
    tcId: vector.tcId,
    request: bodyRepeat ? { ...request, body: repeatBody(bodyRepeat) } : request,
  };
}
