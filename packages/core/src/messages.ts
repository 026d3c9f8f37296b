// What each receiver answers for each outcome: the reason code (panelsig's, precise), the HTTP
// status and message (the real receiver's), and the response it sends. AcePanel's messages are
// the server's in each locale it ships (pkg/embed/locales: en, zh_CN, zh_TW); the Opterius
// receivers are not public, so their messages are panelsig's own (docs/verify-outcomes.md).

import type { ReasonCode, SchemeId } from "./types.ts";

/**
 * How a verification ended. The reason codes, plus the receiver-specific ways of failing that
 * share a code: AcePanel's entrance page, its redirect of the entrance to the login and its
 * session error (all missing_headers), and Go's 400 for a path it cannot decode.
 */
export type Outcome = ReasonCode | "entrance_page" | "login_redirect" | "session_expired" | "bad_path";

export type Locale = "en" | "zh_CN" | "zh_TW";
export const LOCALES: readonly Locale[] = ["en", "zh_CN", "zh_TW"];

/** AcePanel's http.entrance_error: the entrance page (418), nginx's 404 page, or a closed connection. */
export type EntranceError = "418" | "nginx" | "close";
export const ENTRANCE_ERRORS: readonly EntranceError[] = ["418", "nginx", "close"];

export interface Answer {
  error: ReasonCode;
  /** Absent only when the receiver closes the connection without answering (acepanel, entranceError "close"). */
  status?: number;
  /** Absent where the receiver answers with a page rather than a message. */
  message?: string;
  /** The redirect target of a 302. */
  location?: string;
  connectionClosed?: true;
}

/**
 * The response a receiver sends on failure, ready for `new Response(body, { status, headers })` or
 * Node's writeHead. `close`: send nothing, close the connection (status is then 0).
 */
export interface Rejection {
  status: number;
  headers: Record<string, string>;
  body: string;
  close?: true;
}

/** [reason code, status, then the message in en, zh_CN, zh_TW] */
type Entry = [error: ReasonCode, status: number, en?: string, zhCN?: string, zhTW?: string];

const BAD_PATH: Entry = ["signature_mismatch", 400, "400 Bad Request"];
const TOO_LARGE: Entry = ["body_too_large", 413, "request body too large"];
// panelsig's own answers where a live request cannot be judged (no client sees a receiver's answer
// to a body it never finished sending; a full replay store is panelsig's).
const INCOMPLETE: Entry = ["body_incomplete", 400, "request body incomplete"];

// The server's own texts (pkg/embed/locales at commit f26cae5); %s is the scan error or the ip.
const INVALID_SIGNATURE = ["invalid signature", "无效的签名", "無效的簽名"] as const;
const SIGNATURE_EXPIRED = ["signature expired", "签名已过期", "簽名已過期"] as const;

const ACEPANEL: Record<string, Entry> = {
  entrance_mismatch: ["entrance_mismatch", 418],
  entrance_page: ["missing_headers", 418],
  login_redirect: ["missing_headers", 302],
  session_expired: ["missing_headers", 401, "session expired, please login again", "会话已过期，请重新登录", "工作階段已過期，請重新登入"],
  websocket_not_allowed: ["websocket_not_allowed", 403, "ws not allowed", "不允许 ws", "不允許 ws"],
  malformed_authorization: ["malformed_authorization", 401, "invalid header: %s", "无效的请求头： %s", "無效的請求標頭：%s"],
  unsupported_algorithm: ["unsupported_algorithm", 401, ...INVALID_SIGNATURE],
  unknown_key: ["unknown_key", 401, ...INVALID_SIGNATURE],
  token_expired: ["token_expired", 401, "token expired", "令牌已过期", "令牌已過期"],
  signature_mismatch: ["signature_mismatch", 401, ...INVALID_SIGNATURE],
  timestamp_invalid: ["timestamp_invalid", 401, ...SIGNATURE_EXPIRED],
  timestamp_expired: ["timestamp_expired", 401, ...SIGNATURE_EXPIRED],
  ip_not_allowed: ["ip_not_allowed", 401, "invalid request ip: %s", "无效的请求 IP：%s", "無效的請求 IP：%s"],
  body_too_large: TOO_LARGE,
  body_incomplete: INCOMPLETE,
  bad_path: BAD_PATH,
};

/** Where the entrance itself, asked for without a session, is redirected. */
const LOGIN_PAGE = "/login";

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

/**
 * The code, status and message for an outcome; `detail` fills the message's %s. A refusal by
 * AcePanel's entrance middleware takes the form `entranceError` says.
 */
export function answer(scheme: SchemeId, outcome: Outcome, locale: Locale, detail = "", entranceError: EntranceError = "418"): Answer {
  const entry = TABLES[scheme][outcome];
  if (!entry) throw new Error(`panelsig: ${scheme} has no outcome ${outcome}`); // a bug in panelsig, not bad input
  const [error, status, en, zhCN, zhTW] = entry;
  if (status === 418 && entranceError !== "418") return entranceError === "nginx" ? { error, status: 404 } : { error, connectionClosed: true };
  if (outcome === "login_redirect") return { error, status, location: LOGIN_PAGE };
  const text = (locale === "zh_CN" ? zhCN : locale === "zh_TW" ? zhTW : undefined) ?? en;
  return text === undefined ? { error, status } : { error, status, message: text.replace("%s", detail) };
}

/** The response body the receiver sends: AcePanel {"msg"}, Opterius {"error"}, Go's plain 400, an empty page, a redirect or nothing. */
export function rejection(scheme: SchemeId, outcome: Outcome, a: Answer): Rejection {
  if (a.connectionClosed) return { status: 0, headers: {}, body: "", close: true };
  if (a.location !== undefined) return { status: a.status!, headers: { Location: a.location }, body: "" };
  if (a.message === undefined) return { status: a.status!, headers: {}, body: "" };
  if (outcome === "bad_path") return { status: a.status!, headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" }, body: a.message };
  const headers: Record<string, string> = { "Content-Type": scheme === "acepanel" ? "application/json; charset=utf-8" : "application/json" };
  // The unread rest of an oversized body would stall a kept-alive connection, and after a broken
  // body the connection is in no known state: close it.
  if (outcome === "body_too_large" || outcome === "body_incomplete") headers.Connection = "close";
  const body = JSON.stringify(scheme === "acepanel" ? { msg: a.message } : { error: a.message });
  return { status: a.status!, headers, body };
}
