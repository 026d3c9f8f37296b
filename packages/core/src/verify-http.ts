// The one verification path: a request as received (HttpMessage) and the author's options in, the
// receiver's answer out. Case objects (verify.ts), Web Requests (verify-request.ts) and Node's
// IncomingMessage (@panelsig/node) are each turned into an HttpMessage and come through here.
// The options are read once per verifier (prepareVerifier); each request reads only the clock.

import { rejection, type Rejection } from "./messages.ts";
import type { HttpMessage } from "./http-message.ts";
import type { CryptoProvider } from "./provider.ts";
import type { SignOptions, VerifyContext, VerifyResult } from "./types.ts";
import { DEFAULT_MAX_BODY_BYTES, prepareOptions, readClock, type PreparedOptions } from "./verify-options.ts";
import { VERIFIERS, type SchemeId, type VerifyOptions } from "./registry.ts";

/**
 * A verify result for a received request: the verdict, the verified body when asked for, and on
 * failure the response the real receiver sends.
 *
 * @example
 * ```ts
 * import { verifyNodeRequest } from "@panelsig/node";
 * const r: VerifiedRequest = await verifyNodeRequest(req, { scheme: "opterius-agent", secret: "your-secret-key-here", keepBody: true });
 * if (!r.valid) res.writeHead(r.rejection!.status, r.rejection!.headers).end(r.rejection!.body);
 * else res.end(JSON.stringify({ bytes: r.body!.length }));
 * ```
 */
export interface VerifiedRequest extends VerifyResult {
  /** The body, when `keepBody` was asked for and the signature passed. */
  body?: Uint8Array;
  /** On failure: the response the real receiver sends (status, headers, body). */
  rejection?: Rejection;
}

/**
 * A verifier for many requests: the options checked once. Throws a PanelsigError for a mistake in
 * them; the verifier it returns never rejects because of what a client sent.
 *
 * @example
 * ```ts
 * import { prepareVerifier } from "@panelsig/core";
 * import { nodeProvider } from "@panelsig/node";
 *
 * const check = prepareVerifier(nodeProvider, { scheme: "opterius-agent", secret: "your-secret-key-here", now: () => 1775658720 });
 * const r = await check({ method: "GET", target: "/files/list",
 *   headers: [["X-Timestamp", "2026-04-08T14:32:00Z"], ["X-Signature", "00"]], body: new Uint8Array(0) });
 * // r.error: "signature_mismatch", r.expectedSignature: "60a6cca2…bb8c"
 * ```
 */
export function prepareVerifier(provider: CryptoProvider, options: VerifyOptions, defaultMaxBodyBytes = DEFAULT_MAX_BODY_BYTES): (message: HttpMessage) => Promise<VerifiedRequest> {
  const prepared = prepareOptions(options, defaultMaxBodyBytes);
  return (message) => verifyPrepared(provider, prepared, message);
}

/**
 * Verifies one received request. Never throws because of what the client sent; throws a
 * PanelsigError only for a mistake in `options` (no secret, no token lookup, a broken token record).
 * For a server that is neither Node's nor a Web one: give the request as an {@link HttpMessage}.
 *
 * @example
 * ```ts
 * import { verifyHttpWith } from "@panelsig/core";
 * import { pureProvider } from "@panelsig/pure";
 *
 * const r = await verifyHttpWith(pureProvider, { method: "POST", target: "/api/accounts/42/suspend",
 *   headers: [["X-Timestamp", "1775658720"], ["X-Signature", "f21d3dd043240efa42386b16fc79e049c338a06a7057788aff2fe466400b7146"]],
 *   body: new Uint8Array(0) }, { scheme: "opterius-panel", secret: "eyJ-test", now: () => 1775658720 });
 * // r.valid: true
 * ```
 */
export async function verifyHttpWith(
  provider: CryptoProvider,
  message: HttpMessage,
  options: VerifyOptions,
  defaultMaxBodyBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<VerifiedRequest> {
  return verifyPrepared(provider, prepareOptions(options, defaultMaxBodyBytes), message);
}

/** One request through a prepared verifier; `withRejection`: add the response to send on a failure. */
export async function verifyPrepared(provider: CryptoProvider, p: PreparedOptions, message: HttpMessage, withRejection = true): Promise<VerifiedRequest> {
  const common = { now: readClock(p.clock), limits: p.limits, diagnose: p.diagnose };
  const verdict = await p.verifier.verify(provider, message, common, p.own);
  if (verdict.unchecked) return { valid: true, signatureChecked: false, uncheckedReason: verdict.unchecked };
  const { outcome } = verdict;
  const result: VerifiedRequest = { valid: outcome === undefined };
  if (outcome !== undefined) {
    const a = p.verifier.answer(outcome, p.own, verdict.detail ?? "");
    result.error = a.error;
    if (a.status !== undefined) result.status = a.status;
    if (a.message !== undefined) result.message = a.message;
    if (a.location !== undefined) result.location = a.location;
    if (a.connectionClosed) result.connectionClosed = true;
    showIntermediates(result, verdict);
    const diagnosis = verdict.diagnose && p.diagnose ? await verdict.diagnose() : undefined;
    if (diagnosis) result.diagnosis = diagnosis;
    if (withRejection) result.rejection = rejection(p.verifier.errorBody, outcome, a);
    return result;
  }
  showIntermediates(result, verdict);
  if (verdict.body) result.body = verdict.body;
  return result;
}

/** The intermediates the verdict has, as plain properties (absent ones left out, not undefined). */
function showIntermediates(result: VerifiedRequest, verdict: Pick<VerifyResult, "canonicalRequest" | "stringToSign" | "stringToSignBase64" | "expectedSignature">): void {
  if (verdict.canonicalRequest !== undefined) result.canonicalRequest = verdict.canonicalRequest;
  if (verdict.stringToSign !== undefined) result.stringToSign = verdict.stringToSign;
  if (verdict.stringToSignBase64 !== undefined) result.stringToSignBase64 = verdict.stringToSignBase64;
  if (verdict.expectedSignature !== undefined) result.expectedSignature = verdict.expectedSignature;
}

/**
 * A failure of the verifier itself (a replay store that cannot answer: 503; a bug: 500) as a
 * response in the scheme's own error shape, saying nothing of the cause. An unknown scheme gets
 * a plain JSON error.
 *
 * @example
 * ```ts
 * import { errorRejection } from "@panelsig/core";
 * errorRejection("opterius-agent", 503, "replay guard unavailable");
 * // { status: 503, headers: { "Content-Type": "application/json" }, body: '{"error":"replay guard unavailable"}' }
 * errorRejection("acepanel", 500, "internal error");
 * // { status: 500, headers: { "Content-Type": "application/json; charset=utf-8" }, body: '{"msg":"internal error"}' }
 * ```
 */
export function errorRejection(scheme: unknown, status: number, message: string): Rejection {
  const verifier = Object.hasOwn(VERIFIERS, scheme as string) ? VERIFIERS[scheme as SchemeId] : undefined;
  const { contentType, body } = verifier ? verifier.errorBody(message) : { contentType: "application/json", body: JSON.stringify({ error: message }) };
  return { status, headers: { "Content-Type": contentType }, body };
}

/**
 * What a client of the scheme must sign, one sentence: for reports that explain a signature mismatch.
 *
 * @example
 * ```ts
 * import { howToSign } from "@panelsig/core";
 * howToSign("opterius-panel"); // 'sign HMAC-SHA256(api token, X-Timestamp + the exact body bytes; "{}" when no body is sent), in lower-case hex'
 * ```
 */
export function howToSign(scheme: SchemeId): string {
  return VERIFIERS[scheme].howToSign;
}

/**
 * The context of the receiver that accepts a signed case: its clock at the case's timestamp (as the
 * scheme's receiver reads it) and the options signer and receiver share. For replaying what a
 * signer made to the verifier, as `panelsig check` does to diagnose an implementation's signature.
 *
 * @example
 * ```ts
 * import { contextAtSigning } from "@panelsig/core";
 * contextAtSigning("acepanel", "0x6553f100", { entrance: "/entrance" }); // { now: 1700000000, entrance: "/entrance" }
 * contextAtSigning("opterius-agent", "2026-04-08T14:32:00+00:00", {});  // { now: 1775658720 }
 * ```
 */
export function contextAtSigning(scheme: SchemeId, timestamp: string, options: SignOptions): VerifyContext {
  return VERIFIERS[scheme].contextAtSigning(timestamp, options);
}
