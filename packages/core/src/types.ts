// The shapes every part of panelsig shares (the case object, sign and verify results, reason
// codes). They are a public contract: the vector corpus and the JSON Lines protocol use them too.

import type { SchemeId } from "./registry.ts";

export type { SchemeId };

/**
 * One header as `[name, value]`; a request's headers are a list of them, in order, repeats kept.
 *
 * @example
 * ```ts
 * const headers: HeaderPair[] = [["X-Timestamp", "1700000000"], ["Authorization", "HMAC-SHA256 Credential=16, Signature=b8dd…4cb7"]];
 * ```
 */
export type HeaderPair = [name: string, value: string];

/**
 * The request of a case object: what is signed, or what was received.
 *
 * @example
 * ```ts
 * const request: CaseRequest = { method: "POST", url: "/account/create", body: '{"username":"alice","domain":"alice.example.com"}' };
 * ```
 */
export interface CaseRequest {
  /** Exactly as sent; case is kept. */
  method: string;
  /** The request-target as sent ("/path?query"), or an absolute URL. */
  url: string;
  /** Ordered [name, value] pairs; duplicates kept. */
  headers?: HeaderPair[];
  /** The body as UTF-8 text, or its exact bytes. Never an object: panelsig signs bytes, not values. */
  body?: string | Uint8Array;
  /** The body's exact bytes in standard base64 (the JSON form of binary bodies). */
  bodyBase64?: string;
}

/**
 * The shared secret, and acepanel's token id.
 *
 * @example
 * ```ts
 * const credentials: CaseCredentials = { secret: "YourSecretToken", keyId: 16 };
 * ```
 */
export interface CaseCredentials {
  /** The shared secret as text: the agent's secret_key, the panel's api_token, the AcePanel token. */
  secret: string;
  /** AcePanel token id: a non-negative integer, or a decimal string for ids beyond 2^53. */
  keyId?: number | string;
}

/**
 * What a signer takes beyond the request: each option belongs to one scheme.
 *
 * @example
 * ```ts
 * const options: SignOptions = { entrance: "/entrance" }; // acepanel: the panel's entry prefix
 * ```
 */
export interface SignOptions {
  /** acepanel: the panel's configured entry prefix ("/" = none). */
  entrance?: string;
  /** opterius-agent: the form of the default timestamp: "Z" (the doc) or "+00:00" (the real panel). */
  timestampForm?: "Z" | "+00:00";
  /** opterius-panel: what an empty body signs as: "{}" (the real client) or "" (the doc's reading). */
  emptyBody?: "{}" | "";
}

/**
 * verify: the receiver's state.
 *
 * @example
 * ```ts
 * const context: VerifyContext = { now: 1700000000, entrance: "/entrance", clientIp: "203.0.113.10:54321", ipWhitelist: ["203.0.113.0/24"] };
 * ```
 */
export interface VerifyContext {
  /** The receiver's clock, Unix seconds (default: the system clock). */
  now?: number;
  /** acepanel: the configured entry prefix; "/" = none (default). */
  entrance?: string;
  /** The TCP peer as a server reads it: "ip", "ip:port" or "[ipv6]:port". */
  clientIp?: string;
  /** acepanel: the header the panel trusts for the client ip ("" = none, default). */
  ipHeader?: string;
  /** acepanel: the token's IP whitelist; empty = any (default). */
  ipWhitelist?: string[];
  /** acepanel: the token's expiry, Unix seconds (default: never). */
  tokenExpiresAt?: number;
  /** opterius schemes: allowed clock difference, seconds (default 300). */
  windowSeconds?: number;
  /** acepanel: the language of `message`, the panel's app.locale (default "en"). */
  locale?: "en" | "zh_CN" | "zh_TW";
  /**
   * acepanel: what the panel answers a request its entrance middleware refuses (its
   * http.entrance_error setting): "418" (default) the entrance page, "nginx" a 404 page,
   * "close" the connection closed without an answer.
   */
  entranceError?: "418" | "nginx" | "close";
  /** The receiver's body limit in bytes: a longer body is body_too_large (default: no limit). */
  maxBodyBytes?: number;
  /**
   * opterius-panel: the signatures (lower-case hex) the receiver has already accepted inside the
   * window; a request carrying one of them is replayed. Absent: no replay guard.
   */
  acceptedSignatures?: string[];
}

/**
 * The case object: one request to sign or verify, with its credentials, as the vector corpus,
 * the CLI and the JSON Lines adapter protocol all write it.
 *
 * @example
 * ```ts
 * import type { Case } from "@panelsig/core";
 * import { sign } from "@panelsig/node";
 *
 * const c: Case = {
 *   scheme: "acepanel",
 *   request: { method: "GET", url: "/entrance/api/user/info" },
 *   credentials: { secret: "YourSecretToken", keyId: 16 },
 *   timestamp: 1700000000,
 *   options: { entrance: "/entrance" },
 * };
 * const { signature } = await sign(c); // "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7"
 * ```
 */
export interface Case {
  /** Which scheme: "opterius-agent", "opterius-panel" or "acepanel". */
  scheme: SchemeId;
  /** What to do with it, where one stream carries both (the adapter protocol). */
  op?: "sign" | "verify";
  /** The request. */
  request: CaseRequest;
  /** The secret, and acepanel's token id. */
  credentials: CaseCredentials;
  /** sign: the timestamp header text to use (a number is printed in decimal); default: now. */
  timestamp?: string | number;
  /** sign: the scheme's signing options. */
  options?: SignOptions;
  /** verify: the receiver's state (its clock, settings, the client's address...). */
  context?: VerifyContext;
  /** Echoed in batch output. */
  id?: string | number;
  /** A vector's id, echoed in batch output. */
  tcId?: number;
}

/**
 * What signing gives: the headers to send, and every intermediate, to compare with a port's.
 *
 * @example
 * ```ts
 * import { sign } from "@panelsig/node";
 * const result: SignResult = await sign({ scheme: "opterius-panel", request: { method: "POST", url: "/api/accounts/42/suspend" },
 *   credentials: { secret: "eyJ-test" }, timestamp: "1775658720" });
 * // result.stringToSign: "1775658720{}" (the real client signs {} for no body)
 * // result.headers: [["X-Timestamp", "1775658720"], ["X-Signature", "f21d3dd0…7146"], ["Accept", "application/json"]]
 * ```
 */
export interface SignResult {
  /** The headers to add to the request, in the order the real client sends them. */
  headers: HeaderPair[];
  /** acepanel only. */
  canonicalRequest?: string;
  /** The exact text that is MACed; absent only when it is not valid UTF-8 (then see stringToSignBase64). */
  stringToSign?: string;
  /** Present instead of stringToSign when a binary body makes the signed bytes invalid UTF-8. */
  stringToSignBase64?: string;
  /** Lower-case hex. */
  signature: string;
  /**
   * Present when the request was signed as asked but the reference receiver would refuse it
   * (opterius-agent: a timestamp text its RFC 3339 parser does not read). Each a sentence.
   */
  warnings?: string[];
}

/**
 * Why a request was let through without its signature being checked (acepanel).
 *
 * @example
 * ```ts
 * import { verify } from "@panelsig/node";
 * const result = await verify({ scheme: "acepanel", request: { method: "GET", url: "/robots.txt" },
 *   credentials: { secret: "YourSecretToken", keyId: 16 }, context: { now: 1700000000, entrance: "/entrance" } });
 * const reason: UncheckedReason | undefined = result.uncheckedReason; // "robots_txt", with valid: true, signatureChecked: false
 * ```
 */
export type UncheckedReason = "public_path" | "non_api_path" | "webhook_or_download" | "robots_txt";

/**
 * Why a request was refused: panelsig's precise reason, stable for a program to branch on (the
 * real receiver's status and message are beside it in the result). docs/verify-outcomes.md has
 * every one, with each scheme's status and message.
 *
 * @example
 * ```ts
 * import { verify } from "@panelsig/node";
 * const result = await verify(c); // c: a verify case object
 * const reason: ReasonCode | undefined = result.error; // e.g. "signature_mismatch", "timestamp_expired"
 * if (reason === "timestamp_expired") console.warn("the client's clock is off");
 * ```
 */
export type ReasonCode =
  | "missing_headers"
  | "malformed_authorization"
  | "unsupported_algorithm"
  | "unknown_key"
  | "token_expired"
  | "signature_mismatch"
  | "timestamp_invalid"
  | "timestamp_expired"
  | "timestamp_in_future"
  | "ip_not_allowed"
  | "websocket_not_allowed"
  | "entrance_mismatch"
  | "body_too_large"
  | "body_incomplete"
  | "replayed"
  | "replay_store_full";

/**
 * The real receiver's answer to a request: valid or not, and if not why (the reason code), with
 * the status and message it answers; what it computed (the string to sign, the expected
 * signature); and, on a signature mismatch, the client's mistake when a known one reproduces it.
 *
 * @example
 * ```ts
 * import { verify } from "@panelsig/node";
 * const result: VerifyResult = await verify({
 *   scheme: "opterius-agent",
 *   request: { method: "GET", url: "/files/list", headers: [["X-Timestamp", "2026-04-08T14:32:00Z"], ["X-Signature", "00"]] },
 *   credentials: { secret: "your-secret-key-here" },
 *   context: { now: 1775658720 },
 * });
 * // { valid: false, error: "signature_mismatch", status: 401, message: "invalid signature",
 * //   stringToSign: "2026-04-08T14:32:00ZGET/files/list", expectedSignature: "60a6cca2…bb8c" }
 * ```
 */
export interface VerifyResult {
  /** Whether the real receiver accepts the request. */
  valid: boolean;
  /** Absent when valid. */
  error?: ReasonCode;
  /** The HTTP status the real receiver answers (absent when valid). */
  status?: number;
  /** The real receiver's message (absent when valid, and where it answers with a page). */
  message?: string;
  /** acepanel, once the signature was computed (absent when the path's bytes are not UTF-8). */
  canonicalRequest?: string;
  /** The text the receiver MACed, once it got that far (absent when it is not valid UTF-8). */
  stringToSign?: string;
  /** Instead of stringToSign when a binary body makes the signed bytes invalid UTF-8. */
  stringToSignBase64?: string;
  /** The signature the receiver expected (lower-case hex), once it computed one. */
  expectedSignature?: string;
  /**
   * false when the receiver let the request through without checking any signature (acepanel:
   * a public path, a path outside the API, /webhook/…, /download/…, /robots.txt); absent otherwise.
   */
  signatureChecked?: false;
  /** Why no signature was checked (with signatureChecked: false). */
  uncheckedReason?: UncheckedReason;
  /** acepanel: where the receiver redirects (status 302: the entrance itself without Authorization). */
  location?: string;
  /** acepanel with entranceError "close": the receiver closes the connection without an answer (no status). */
  connectionClosed?: true;
  /** On signature_mismatch: the client's mistake, when one of the known ones reproduces its signature exactly. */
  diagnosis?: Diagnosis;
}

/**
 * A known client mistake that reproduces the received signature exactly (see docs/verify-outcomes.md):
 * its stable id, one sentence for a person, and what the client signed by mistake.
 *
 * @example
 * ```ts
 * const { diagnosis } = await verify(c); // c: a request signed with the query in the order sent
 * if (diagnosis) console.log(diagnosis.mistake, "—", diagnosis.summary); // "query-unsorted — your client signed the query in the order sent; …"
 * ```
 */
export interface Diagnosis {
  /** The mistake's stable id, e.g. "query-unsorted", "signature-uppercase-hex". */
  mistake: string;
  /** What the client did, one sentence for a person. */
  summary: string;
  /** The signature received (the one the mistake reproduces). */
  signature: string;
  /** acepanel: the canonical request the client built. */
  canonicalRequest?: string;
  /** The string to sign the client MACed. */
  stringToSign?: string;
  /** Instead of stringToSign when a binary body makes those bytes invalid UTF-8. */
  stringToSignBase64?: string;
}
