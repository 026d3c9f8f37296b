// Runs one vector of the corpus against one provider package and reports the outcome as data:
// passed, failed (with the first step that differs, earliest intermediate first, so a porter
// sees where the computations part), or not-checkable when the package has no verifier yet.
// A vector is never skipped silently.

import { toHex, utf8, type CryptoProvider, type SignResult, type VerifyResult } from "@panelsig/core";
import { sha256 } from "@panelsig/pure";
import { toCase, type HmacVector, type SchemeVector, type SignVector, type VerifyExpected, type VerifyVector } from "@panelsig/vectors";
import { diagnoseSignature } from "./diagnose-sign.ts";
import type { ProviderPackage } from "./providers.ts";

/**
 * What a run needs of an implementation: its name and its sign/verify (a provider package, or an adapter's answers).
 *
 * @example
 * ```ts
 * import { sign } from "@panelsig/webcrypto";
 * const signOnly: Implementation = { name: "webcrypto, sign only", sign }; // verify vectors: not-checkable
 * ```
 */
export type Implementation = Pick<ProviderPackage, "name" | "sign"> & Partial<Pick<ProviderPackage, "verify">>;

/**
 * How a vector went: passed, failed (see the diff), or not-checkable (a verify vector for an
 * implementation without a verifier).
 *
 * @example
 * ```ts
 * import { PROVIDERS, runVector, type VectorStatus } from "@panelsig/conformance";
 * import { acepanelVectors } from "@panelsig/vectors";
 * const status: VectorStatus = (await runVector(PROVIDERS[0]!, acepanelVectors.vectors[0]!)).status; // "passed"
 * ```
 */
export type VectorStatus = "passed" | "failed" | "not-checkable";

/**
 * Where a failed vector first differs, the earliest step first: canonical request, string to
 * sign, signature, headers, or the verdict's fields.
 *
 * @example
 * ```ts
 * const diff: VectorDiff = { step: "canonicalRequest", expected: "GET\n/api/user/info\n\n…", actual: "GET\n/entrance/api/user/info\n\n…" };
 * ```
 */
export interface VectorDiff {
  /** The first field that differs: an intermediate, the signature, the headers, or the verdict. */
  step: string;
  /** What the vector expects there. */
  expected: unknown;
  /** What the implementation gave. */
  actual: unknown;
}

/**
 * The outcome of one vector on one implementation.
 *
 * @example
 * ```ts
 * import { runVector } from "@panelsig/conformance";
 * import { sign, verify } from "@panelsig/pure";
 * import { acepanelVectors } from "@panelsig/vectors";
 * const outcome: VectorOutcome = await runVector({ name: "pure", sign, verify }, acepanelVectors.vectors[0]!);
 * if (outcome.status === "failed") console.log(outcome.tcId, outcome.diff!.step);
 * ```
 */
export interface VectorOutcome {
  /** The vector's id. */
  tcId: number;
  /** passed, failed or not-checkable. */
  status: VectorStatus;
  /** failed: the first step that differs. */
  diff?: VectorDiff;
  /** For acceptable vectors, which way the implementation went; for not-checkable, why. */
  note?: string;
  /** A sign vector signed otherwise: the known client mistake that gives the implementation's signature. */
  diagnosis?: {
    /** The mistake's name, e.g. "query-unsorted". */
    mistake: string;
    /** What the client did, in a sentence. */
    summary: string;
  };
}

/**
 * Runs one sign or verify vector on an implementation and compares every field, the earliest
 * intermediate first. A sign vector signed otherwise is also matched against the known client
 * mistakes (the outcome's `diagnosis`). A verify vector on an implementation without `verify` is
 * not-checkable, never skipped silently.
 *
 * @example
 * ```ts
 * import { runVector } from "@panelsig/conformance";
 * import { loadVectors } from "@panelsig/vectors";
 * import { sign, verify } from "my-port"; // your implementation: case object in, result out
 *
 * for (const vector of loadVectors("opterius-agent").vectors) {
 *   const outcome = await runVector({ name: "my-port", sign, verify }, vector);
 *   if (outcome.status === "failed") console.log(vector.tcId, vector.name, outcome.diff);
 * }
 * ```
 */
export async function runVector(pkg: Implementation, vector: SchemeVector): Promise<VectorOutcome> {
  return vector.case.op === "sign" ? runSign(pkg, vector as SignVector) : runVerify(pkg, vector as VerifyVector);
}

async function runSign(pkg: Implementation, vector: SignVector): Promise<VectorOutcome> {
  let actual: SignResult;
  try {
    actual = await pkg.sign(toCase(vector));
  } catch (error) {
    return failed(vector, { step: "sign", expected: "a sign result", actual: describeError(error) });
  }
  const expected = vector.expected;
  const diff =
    compare("canonicalRequest", expected.canonicalRequest, actual.canonicalRequest) ??
    compareSignedText(expected, actual) ??
    compare("signature", expected.signature, actual.signature) ??
    compare("headers", normaliseHeaders(expected.headers), normaliseHeaders(actual.headers));
  if (!diff) return { tcId: vector.tcId, status: "passed" };
  const diagnosis = typeof actual.signature === "string" ? await diagnoseSignature(vector, actual.signature) : undefined;
  return diagnosis ? { ...failed(vector, diff), diagnosis: { mistake: diagnosis.mistake, summary: diagnosis.summary } } : failed(vector, diff);
}

/** The string to sign, as text, as base64, or (for a large body) by its SHA-256. */
function compareSignedText(expected: SignVector["expected"], actual: SignResult): VectorDiff | undefined {
  if (expected.stringToSignSha256 !== undefined) {
    const digest = actual.stringToSign === undefined ? undefined : toHex(sha256(utf8(actual.stringToSign)));
    return compare("stringToSign (SHA-256)", expected.stringToSignSha256, digest);
  }
  return compare("stringToSign", expected.stringToSign, actual.stringToSign) ?? compare("stringToSignBase64", expected.stringToSignBase64, actual.stringToSignBase64);
}

async function runVerify(pkg: Implementation, vector: VerifyVector): Promise<VectorOutcome> {
  const verify = pkg.verify;
  if (typeof verify !== "function") return { tcId: vector.tcId, status: "not-checkable", note: `${pkg.name} has no verify yet` };
  let actual: VerifyResult;
  try {
    actual = await verify(toCase(vector));
  } catch (error) {
    return failed(vector, { step: "verify", expected: "a verify result (a verifier never throws on a request)", actual: describeError(error) });
  }
  const expected = vector.expected;
  if (vector.result === "acceptable") {
    const note = actual.valid ? "accepted" : `rejected (${actual.error})`;
    return { tcId: vector.tcId, status: "passed", note: `acceptable: ${note}` };
  }
  const diff =
    compare("valid", vector.result === "valid", actual.valid) ??
    compare("error", expected.error, actual.error) ??
    compare("status", expected.status, actual.status) ??
    compare("message", expected.message, actual.message) ??
    compareWhenBoth("canonicalRequest", expected.canonicalRequest, actual.canonicalRequest) ??
    compareWhenBoth("stringToSign", expected.stringToSign, actual.stringToSign) ??
    compareWhenBoth("stringToSignBase64", expected.stringToSignBase64, actual.stringToSignBase64) ??
    compareWhenBoth("expectedSignature", expected.expectedSignature, actual.expectedSignature) ??
    // The entrance's other answers (acepanel), compared when the implementation reports them.
    compareWhenBoth("location", expected.location, actual.location) ??
    compareWhenBoth("connectionClosed", expected.connectionClosed, actual.connectionClosed) ??
    compareWhenBoth("signatureChecked", expected.signatureChecked, actual.signatureChecked) ??
    compareWhenBoth("uncheckedReason", expected.uncheckedReason, actual.uncheckedReason) ??
    compareDiagnosis(expected.diagnosis, actual.diagnosis);
  return diff ? failed(vector, diff) : { tcId: vector.tcId, status: "passed" };
}

/** The diagnosis is optional for ports: compared when both sides give one, its summary (free text) never. */
function compareDiagnosis(expected: VerifyExpected["diagnosis"], actual: VerifyResult["diagnosis"]): VectorDiff | undefined {
  if (!expected || !actual) return undefined;
  return (
    compare("diagnosis.mistake", expected.mistake, actual.mistake) ??
    compare("diagnosis.signature", expected.signature, actual.signature) ??
    compareWhenBoth("diagnosis.canonicalRequest", expected.canonicalRequest, actual.canonicalRequest) ??
    compareWhenBoth("diagnosis.stringToSign", expected.stringToSign, actual.stringToSign) ??
    compareWhenBoth("diagnosis.stringToSignBase64", expected.stringToSignBase64, actual.stringToSignBase64)
  );
}

/**
 * An HMAC-SHA256 vector against a provider's primitive: the tag is its first tagSize bits.
 *
 * @example
 * ```ts
 * import { runHmacVector } from "@panelsig/conformance";
 * import { nodeProvider } from "@panelsig/node";
 * import { hmacSha256Vectors } from "@panelsig/vectors";
 * const outcome = await runHmacVector(nodeProvider, hmacSha256Vectors.vectors[0]!); // { tcId: 9001, status: "passed" }
 * ```
 */
export async function runHmacVector(provider: CryptoProvider, vector: HmacVector): Promise<VectorOutcome> {
  const full = toHex(await provider.hmacSha256(hexBytes(vector.key), hexBytes(vector.msg)));
  const tag = full.slice(0, vector.tagSize / 4);
  const matches = tag === vector.tag;
  if (matches === (vector.result === "valid")) return { tcId: vector.tcId, status: "passed" };
  return { tcId: vector.tcId, status: "failed", diff: { step: "tag", expected: `${vector.result}: ${vector.tag}`, actual: tag } };
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function compare(step: string, expected: unknown, actual: unknown): VectorDiff | undefined {
  return JSON.stringify(expected) === JSON.stringify(actual) ? undefined : { step, expected, actual };
}

/** Intermediates of a verify result: a verifier gives them only when it got far enough. */
function compareWhenBoth(step: string, expected: string | boolean | undefined, actual: string | boolean | undefined): VectorDiff | undefined {
  return expected === undefined || actual === undefined ? undefined : compare(step, expected, actual);
}

/** Header names are case-insensitive and their order carries no meaning; repeated names keep theirs. */
function normaliseHeaders(headers: [string, string][] | undefined): [string, string][] | undefined {
  if (!headers) return headers;
  const lowered = headers.map(([name, value]): [string, string] => [name.toLowerCase(), value]);
  return lowered.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function failed(vector: SchemeVector, diff: VectorDiff): VectorOutcome {
  return { tcId: vector.tcId, status: "failed", diff };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
