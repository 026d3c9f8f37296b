// The shapes every part of panelsig shares (the case object, sign and verify results, reason
// codes). They are a public contract: the vector corpus and the JSON Lines protocol use them too.

import type { SchemeId } from "./registry.ts";

export type { SchemeId };

export type HeaderPair = [name: string, value: string];

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

export interface CaseCredentials {
  secret: string;
  /** AcePanel token id: a non-negative integer, or a decimal string for ids beyond 2^53. */
  keyId?: number | string;
}

export interface SignOptions {
  /** acepanel: the panel's configured entry prefix ("/" = none). */
  entrance?: string;
  /** opterius-agent: the form of the default timestamp: "Z" (the doc) or "+00:00" (the real panel). */
  timestampForm?: "Z" | "+00:00";
  /** opterius-panel: what an empty body signs as: "{}" (the real client) or "" (the doc's reading). */
  emptyBody?: "{}" | "";
}

/** verify: the receiver's state. */
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

export interface Case {
  scheme: SchemeId;
  op?: "sign" | "verify";
  request: CaseRequest;
  credentials: CaseCredentials;
  /** sign: the timestamp header text to use (a number is printed in decimal); default: now. */
  timestamp?: string | number;
  options?: SignOptions;
  context?: VerifyContext;
  /** Echoed in batch output. */
  id?: string | number;
  tcId?: number;
}

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

/** Why a request was let through without its signature being checked (acepanel). */
export type UncheckedReason = "public_path" | "non_api_path" | "webhook_or_download" | "robots_txt";

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

export interface VerifyResult {
  valid: boolean;
  /** Absent when valid. */
  error?: ReasonCode;
  /** The HTTP status the real receiver answers (absent when valid). */
  status?: number;
  /** The real receiver's message (absent when valid, and where it answers with a page). */
  message?: string;
  /** acepanel, once the signature was computed (absent when the path's bytes are not UTF-8). */
  canonicalRequest?: string;
  stringToSign?: string;
  /** Instead of stringToSign when a binary body makes the signed bytes invalid UTF-8. */
  stringToSignBase64?: string;
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
 */
export interface Diagnosis {
  mistake: string;
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
