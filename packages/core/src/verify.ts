// verify(provider, case): a case object is a received request plus the receiver's state
// (credentials and context). It is read once, its context checked (a bad context is a mistake in
// the case, so it throws), and then it goes through the same path as a live request: the
// context's body limit and replay memory become the options a server would pass.

import { isAscii, toBinaryString } from "./bytes.ts";
import { checkSecret, readCase, readScheme } from "./case.ts";
import { PanelsigError } from "./errors.ts";
import type { HttpMessage } from "./http-message.ts";
import { isRecord } from "./is-record.ts";
import { LOCALES, type Locale } from "./messages.ts";
import type { CryptoProvider } from "./provider.ts";
import { VERIFIERS, type SchemeId } from "./registry.ts";
import type { ReplayStore } from "./replay.ts";
import type { Case, CaseCredentials, HeaderPair, VerifyContext, VerifyResult } from "./types.ts";
import { verifyPrepared, type VerifiedRequest } from "./verify-http.ts";
import { checkOption, type PreparedOptions } from "./verify-options.ts";
import type { ReadCredentials, SchemeVerifier } from "./scheme.ts";

/**
 * Receiver state given beside the case instead of in its context: a live replay store shared between calls.
 *
 * @example
 * ```ts
 * import { MemoryReplayStore } from "@panelsig/core";
 * import { verify } from "@panelsig/node";
 * const replayStore = new MemoryReplayStore();
 * const first = await verify(c, { replayStore });  // c: an opterius-panel verify case; valid
 * const again = await verify(c, { replayStore });  // error: "replayed"
 * ```
 */
export interface VerifyCaseOptions {
  /** opterius-panel: refuse a signature already accepted inside the window (instead of context.acceptedSignatures). */
  replayStore?: ReplayStore;
  /** Bytes of body accepted (instead of context.maxBodyBytes; default: no limit). */
  maxBodyBytes?: number;
}

/**
 * Verifies one case object. Rejects with a PanelsigError only when the case is malformed or `options`
 * repeats its context. The provider packages' `verify` is this, bound to their provider.
 *
 * @example
 * ```ts
 * import { verifyWith } from "@panelsig/core";
 * import { nodeProvider } from "@panelsig/node";
 * const result = await verifyWith(nodeProvider, {
 *   scheme: "acepanel",
 *   request: { method: "GET", url: "/entrance/api/user/info",
 *     headers: [["X-Timestamp", "1700000000"], ["Authorization", "HMAC-SHA256 Credential=16, Signature=b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7"]] },
 *   credentials: { secret: "YourSecretToken", keyId: 16 },
 *   context: { now: 1700000000, entrance: "/entrance" },
 * });
 * // result.valid: true
 * ```
 */
export function verifyWith(provider: CryptoProvider, input: Case, options?: VerifyCaseOptions): Promise<VerifyResult> {
  try {
    const extra = readCaseOptions(options);
    const c = readCase(input, "verify");
    const context = readContext(input.context, c.scheme);
    const { rawPath, rawQuery, method, headers, body } = c.request;
    const message: HttpMessage = {
      method,
      target: toBinaryString(rawQuery === undefined ? rawPath : `${rawPath}?${rawQuery}`),
      headers: asBinaryHeaders(headers),
      body,
      clientIp: context.clientIp === undefined ? undefined : toBinaryString(context.clientIp),
    };
    // The contract's verify result has no response to send: no rejection.
    return verifyPrepared(provider, prepareCase(c.scheme, { secret: c.secret, keyId: c.keyId }, context, extra), message, false);
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The receiving side of a case object: everything but the request (and its client address, which comes with each request).
 *
 * @example
 * ```ts
 * const receiver: CaseReceiver = { scheme: "acepanel", credentials: { secret: "YourSecretToken", keyId: 16 }, context: { entrance: "/entrance" } };
 * ```
 */
export interface CaseReceiver {
  /** The scheme the receiver checks. */
  scheme: SchemeId;
  /** Its secret (and acepanel's token id). */
  credentials: CaseCredentials;
  /** Its state, as in a case object (the client's address comes with each request). */
  context?: Omit<VerifyContext, "clientIp">;
}

/**
 * A case's receiver, its credentials and context read once, answering requests as they arrive off
 * the wire (the bytes of a request that no case object could hold, such as a target that is not
 * UTF-8, included): each answer is verifyWith's for the same case, plus on a failure the response
 * the receiver sends. For servers that stand in for the receiver (`panelsig serve`). Throws a
 * PanelsigError for a malformed receiver, like verifyWith for a malformed case; never for a request.
 *
 * @example
 * ```ts
 * import { caseReceiverWith } from "@panelsig/core";
 * import { nodeProvider } from "@panelsig/node";
 *
 * const receive = caseReceiverWith(nodeProvider, { scheme: "opterius-agent", credentials: { secret: "your-secret-key-here" } });
 * const r = await receive({ method: "GET", target: "/files/list", headers: [["X-Timestamp", "2026-04-08T14:32:00Z"]], body: new Uint8Array(0) });
 * // r.error: "missing_headers", r.rejection: { status: 401, headers: { "Content-Type": "application/json" }, body: '{"error":"missing signature headers"}' }
 * ```
 */
export function caseReceiverWith(provider: CryptoProvider, receiver: CaseReceiver): (request: HttpMessage) => Promise<VerifiedRequest> {
  if (!isRecord(receiver)) throw new PanelsigError("invalid_case", "case", "must be an object with scheme, credentials and context");
  const scheme = readScheme(receiver.scheme);
  if (!isRecord(receiver.credentials)) throw new PanelsigError("invalid_case", "credentials", "must be an object with a secret");
  const secret = checkSecret(receiver.credentials.secret);
  const context = readContext(receiver.context, scheme);
  if (context.clientIp !== undefined) throw new PanelsigError("invalid_case", "context.clientIp", "is each request's own: give it as the request's clientIp");
  const credentials = { secret, keyId: receiver.credentials.keyId };
  const prepared = prepareCase(scheme, credentials, context, {});
  return (request) => verifyPrepared(provider, prepared, request);
}

/** The verifier a case's receiver is: its scheme's settings from the context, the body limit and replay memory from the context or beside the case. */
function prepareCase(scheme: SchemeId, credentials: ReadCredentials, context: VerifyContext, extra: VerifyCaseOptions): PreparedOptions {
  checkOption(scheme, "maxBodyBytes", extra.maxBodyBytes);
  checkOption(scheme, "replayStore", extra.replayStore);
  const maxBodyBytes = onlyOnce("maxBodyBytes", context.maxBodyBytes, extra.maxBodyBytes);
  const accepted = context.acceptedSignatures && acceptedSignaturesStore(context.acceptedSignatures);
  const replayStore = onlyOnce("replayStore", accepted, extra.replayStore, "acceptedSignatures");
  const verifier: SchemeVerifier = VERIFIERS[scheme];
  const now = context.now;
  return {
    scheme,
    verifier,
    own: verifier.caseSettings(credentials, context, replayStore),
    clock: now === undefined ? undefined : () => now,
    limits: { maxBytes: maxBodyBytes ?? Infinity, keep: false },
    diagnose: true,
  };
}

const CASE_OPTION_NAMES = ["replayStore", "maxBodyBytes"];

/** The second argument: absent, or an object of those names only (their values are checked as verifier options). */
function readCaseOptions(options: unknown): VerifyCaseOptions {
  if (options === undefined) return {};
  if (!isRecord(options)) throw new PanelsigError("invalid_option", "options", `must be an object such as { replayStore, maxBodyBytes }, or absent; not ${options === null ? "null" : typeof options}`);
  for (const name of Object.keys(options)) {
    if (!CASE_OPTION_NAMES.includes(name)) {
      throw new PanelsigError("invalid_option", `options.${name}`, `is not an option of verify(case, options), which takes: ${CASE_OPTION_NAMES.join(", ")} (the receiver's other state goes in the case's context)`);
    }
  }
  return options as VerifyCaseOptions;
}

/** A setting stated in the context and passed beside the case: two answers to one question, refused. */
function onlyOnce<T>(option: string, fromContext: T | undefined, fromOptions: T | undefined, contextField = option): T | undefined {
  if (fromContext !== undefined && fromOptions !== undefined) {
    throw new PanelsigError("invalid_option", `options.${option}`, `is also given as context.${contextField}: give the receiver's state once`);
  }
  return fromContext ?? fromOptions;
}

/** The replay memory a case states: the signatures already accepted, and each one accepted from now on. */
function acceptedSignaturesStore(accepted: readonly string[]): ReplayStore {
  const taken = new Set(accepted);
  return {
    claim(signature) {
      if (taken.has(signature)) return false;
      taken.add(signature);
      return true;
    },
  };
}

const CONTEXT_FIELDS: Record<keyof VerifyContext, [what: string, ok: (v: unknown) => boolean]> = {
  now: ["Unix seconds (a number)", isFiniteNumber],
  entrance: ['a path prefix such as "/entrance" ("/" for none)', isString],
  clientIp: ['the TCP peer: "ip", "ip:port" or "[ipv6]:port"', isString],
  ipHeader: ['a header name such as "X-Forwarded-For" ("" for none)', isString],
  ipWhitelist: ["an array of IPs and CIDR blocks (strings)", (v) => Array.isArray(v) && v.every(isString)],
  tokenExpiresAt: ["Unix seconds (a number)", isFiniteNumber],
  windowSeconds: ["a non-negative number of seconds", (v) => isFiniteNumber(v) && v >= 0],
  locale: ['"en", "zh_CN" or "zh_TW"', (v) => LOCALES.includes(v as Locale)],
  entranceError: ['"418", "nginx" or "close"', (v) => v === "418" || v === "nginx" || v === "close"],
  maxBodyBytes: ["a non-negative whole number of bytes", (v) => Number.isSafeInteger(v) && (v as number) >= 0],
  acceptedSignatures: ["an array of signatures, each 64 lower-case hex digits", (v) => Array.isArray(v) && v.every((s) => isString(s) && SIGNATURE_HEX.test(s))],
};

/** An HMAC-SHA256 signature as the Opterius schemes send it. */
const SIGNATURE_HEX = /^[0-9a-f]{64}$/;

function readContext(context: unknown, scheme: SchemeId): VerifyContext {
  if (context === undefined) return {};
  if (!isRecord(context)) throw new PanelsigError("invalid_case", "context", "must be an object (the receiver's state)");
  for (const name of Object.keys(context)) {
    const value = context[name];
    const field = CONTEXT_FIELDS[name as keyof VerifyContext];
    if (!field) throw new PanelsigError("invalid_case", `context.${name}`, `unknown field; the context takes: ${Object.keys(CONTEXT_FIELDS).join(", ")}`);
    if (value !== undefined && !field[1](value)) throw new PanelsigError("invalid_case", `context.${name}`, `must be ${field[0]}`);
  }
  if (context.acceptedSignatures !== undefined && !Object.hasOwn(VERIFIERS[scheme].options, "replayStore")) {
    const guarded = (Object.keys(VERIFIERS) as SchemeId[]).filter((s) => Object.hasOwn(VERIFIERS[s].options, "replayStore"));
    throw new PanelsigError("invalid_case", "context.acceptedSignatures", `is for ${guarded.join(" and ")} only: the other schemes have no replay guard`);
  }
  return context as VerifyContext;
}

function isString(v: unknown): v is string {
  return typeof v === "string";
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/** The headers with their values as the wire carries them (UTF-8 bytes, one char per byte): ASCII ones as they are. */
function asBinaryHeaders(headers: HeaderPair[]): HeaderPair[] {
  for (let i = 0; i < headers.length; i++) {
    if (!isAscii(headers[i]![1])) return headers.map(([name, value]) => [name, toBinaryString(value)]);
  }
  return headers;
}
