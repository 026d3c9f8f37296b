// What a receiver answers: the reason code (panelsig's, precise), the HTTP status and message (the
// real receiver's), and the response it sends. Each scheme keeps its own table of answers (in its
// module); the answers shared by every receiver — a path Go cannot decode, a body over the limit or
// broken off — are here, with the lookup and the response every scheme builds the same way.

import type { ReasonCode } from "./types.ts";

/**
 * How a verification ended. The reason codes, plus the receiver-specific ways of failing that
 * share a code: AcePanel's entrance page, its redirect of the entrance to the login and its
 * session error (all missing_headers), and Go's 400 for a path it cannot decode.
 */
export type Outcome = ReasonCode | "entrance_page" | "login_redirect" | "session_expired" | "bad_path";

/**
 * The language of AcePanel's messages (its app.locale).
 *
 * @example
 * ```ts
 * const locale: Locale = "zh_CN"; // { scheme: "acepanel", locale, ... } answers in Simplified Chinese
 * ```
 */
export type Locale = "en" | "zh_CN" | "zh_TW";
export const LOCALES: readonly Locale[] = ["en", "zh_CN", "zh_TW"];

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
 *
 * @example
 * ```ts
 * const { rejection } = await verifyRequest(request, options);
 * if (rejection) return new Response(rejection.body, { status: rejection.status, headers: rejection.headers });
 * ```
 */
export interface Rejection {
  /** The HTTP status (0 with `close`). */
  status: number;
  /** The response headers (the content type, a redirect's Location). */
  headers: Record<string, string>;
  /** The response body, exactly as the receiver sends it. */
  body: string;
  /** acepanel with entranceError "close": send nothing and close the connection. */
  close?: true;
}

/** [reason code, status, then the message in en, zh_CN, zh_TW (absent: no message, a page)] */
export type AnswerEntry = readonly [error: ReasonCode, status: number, en?: string, zhCN?: string, zhTW?: string];

/** Go's own answer, before any handler, to a request-target whose path it cannot decode. */
export const BAD_PATH: AnswerEntry = ["signature_mismatch", 400, "400 Bad Request"];
export const TOO_LARGE: AnswerEntry = ["body_too_large", 413, "request body too large"];
// panelsig's own answer where a live request cannot be judged: no client sees a receiver's answer
// to a body it never finished sending.
export const INCOMPLETE: AnswerEntry = ["body_incomplete", 400, "request body incomplete"];

/** An outcome's answer from a scheme's table, its message in the locale (English where it has none). */
export function tableAnswer(table: Readonly<Record<string, AnswerEntry>>, outcome: Outcome, locale: Locale, detail: string): Answer {
  const entry = table[outcome];
  if (!entry) throw new Error(`panelsig: no answer for outcome ${outcome}`); // a bug in panelsig, not bad input
  const [error, status, en, zhCN, zhTW] = entry;
  const text = (locale === "zh_CN" ? zhCN : locale === "zh_TW" ? zhTW : undefined) ?? en;
  return text === undefined ? { error, status } : { error, status, message: text.replace("%s", detail) };
}

/** The response body the receiver sends: the scheme's error body, Go's plain 400, an empty page, a redirect or nothing. */
export function rejection(errorBody: (message: string) => { contentType: string; body: string }, outcome: Outcome, a: Answer): Rejection {
  if (a.connectionClosed) return { status: 0, headers: {}, body: "", close: true };
  if (a.location !== undefined) return { status: a.status!, headers: { Location: a.location }, body: "" };
  if (a.message === undefined) return { status: a.status!, headers: {}, body: "" };
  if (outcome === "bad_path") return { status: a.status!, headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" }, body: a.message };
  const { contentType, body } = errorBody(a.message);
  const headers: Record<string, string> = { "Content-Type": contentType };
  // The unread rest of an oversized body would stall a kept-alive connection, and after a broken
  // body the connection is in no known state: close it.
  if (outcome === "body_too_large" || outcome === "body_incomplete") headers.Connection = "close";
  return { status: a.status!, headers, body };
}
