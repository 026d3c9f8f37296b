// What each receiver answers for each outcome: the reason code (panelsig's, precise), the HTTP
// status and message (the real receiver's), and the response it sends. AcePanel's messages are
// the server's (English, or its zh_CN translations where the server has one); the Opterius
// receivers are not public, so their messages are panelsig's own (docs/verify-outcomes.md).

import type { ReasonCode, SchemeId } from "./types.ts";

/**
 * How a verification ended. The reason codes, plus the receiver-specific ways of failing that
 * share a code: AcePanel's entrance page and session error (both missing_headers), and Go's 400
 * for a path it cannot decode.
 */
export type Outcome = ReasonCode | "entrance_page" | "session_expired" | "bad_path";

export type Locale = "en" | "zh_CN";

export interface Answer {
  error: ReasonCode;
  status: number;
  /** Absent where the receiver answers with a page rather than a message. */
  message?: string;
}

/** The response a receiver sends on failure, ready for `new Response(body, { status, headers })` or Node's writeHead. */
export interface Rejection {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Entry = [error: ReasonCode, status: number, en?: string, zh?: string];

const BAD_PATH: Entry = ["signature_mismatch", 400, "400 Bad Request"];
const TOO_LARGE: Entry = ["body_too_large", 413, "request body too large"];
// panelsig's own answers where a live request cannot be judged (no client sees a receiver's answer
// to a body it never finished sending; a full replay store is panelsig's).
const INCOMPLETE: Entry = ["body_incomplete", 400, "request body incomplete"];

const ACEPANEL: Record<string, Entry> = {
  entrance_mismatch: ["entrance_mismatch", 418],
  entrance_page: ["missing_headers", 418],
  session_expired: ["missing_headers", 401, "session expired, please login again"],
  websocket_not_allowed: ["websocket_not_allowed", 403, "ws not allowed"],
  malformed_authorization: ["malformed_authorization", 401, "invalid header: %s"],
  unsupported_algorithm: ["unsupported_algorithm", 401, "invalid signature", "无效的签名"],
  unknown_key: ["unknown_key", 401, "invalid signature", "无效的签名"],
  token_expired: ["token_expired", 401, "token expired", "令牌已过期"],
  signature_mismatch: ["signature_mismatch", 401, "invalid signature", "无效的签名"],
  timestamp_invalid: ["timestamp_invalid", 401, "signature expired", "签名已过期"],
  timestamp_expired: ["timestamp_expired", 401, "signature expired", "签名已过期"],
  ip_not_allowed: ["ip_not_allowed", 401, "invalid request ip: %s"],
  body_too_large: TOO_LARGE,
  body_incomplete: INCOMPLETE,
  bad_path: BAD_PATH,
};

const OPTERIUS: Record<string, Entry> = {
  missing_headers: ["missing_headers", 401, "missing signature headers"],
  timestamp_invalid: ["timestamp_invalid", 401, "invalid timestamp"],
  timestamp_expired: ["timestamp_expired", 401, "timestamp out of range"],
  timestamp_in_future: ["timestamp_in_future", 401, "timestamp out of range"],
  signature_mismatch: ["signature_mismatch", 401, "invalid signature"],
  replayed: ["replayed", 401, "request already used"],
  replay_store_full: ["replay_store_full", 503, "replay store full, try again later"],
  body_too_large: TOO_LARGE,
  body_incomplete: INCOMPLETE,
  bad_path: BAD_PATH,
};

const TABLES: Record<SchemeId, Record<string, Entry>> = {
  acepanel: ACEPANEL,
  "opterius-agent": OPTERIUS,
  "opterius-panel": OPTERIUS,
};

/** The code, status and message for an outcome; `detail` fills the message's %s. */
export function answer(scheme: SchemeId, outcome: Outcome, locale: Locale, detail = ""): Answer {
  const entry = TABLES[scheme][outcome];
  if (!entry) throw new Error(`panelsig: ${scheme} has no outcome ${outcome}`); // a bug in panelsig, not bad input
  const [error, status, en, zh] = entry;
  const text = locale === "zh_CN" && zh ? zh : en;
  return text === undefined ? { error, status } : { error, status, message: text.replace("%s", detail) };
}

/** The response body the receiver sends: AcePanel {"msg"}, Opterius {"error"}, Go's plain 400, or an empty page. */
export function rejection(scheme: SchemeId, outcome: Outcome, a: Answer): Rejection {
  if (a.message === undefined) return { status: a.status, headers: {}, body: "" };
  if (outcome === "bad_path") return { status: a.status, headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" }, body: a.message };
  const headers: Record<string, string> = { "Content-Type": scheme === "acepanel" ? "application/json; charset=utf-8" : "application/json" };
  // The unread rest of an oversized body would stall a kept-alive connection, and after a broken
  // body the connection is in no known state: close it.
  if (outcome === "body_too_large" || outcome === "body_incomplete") headers.Connection = "close";
  const body = JSON.stringify(scheme === "acepanel" ? { msg: a.message } : { error: a.message });
  return { status: a.status, headers, body };
}
