// Reads the `request` part of a case object into what the schemes sign: the method, the raw path
// and query of the request-target, the headers and the exact body bytes. Anything that could not
// be sent over HTTP is refused here, with the field named, before any scheme sees it.

import { binaryStringToBytes, fromBase64, isAscii, loneSurrogateAt, toBinaryString, utf8Text } from "./bytes.ts";
import { PanelsigError, shownValue, type PanelsigErrorCode } from "./errors.ts";
import { goUnescape } from "./go-url.ts";
import { isRecord } from "./is-record.ts";
import type { HeaderPair } from "./types.ts";

export interface ParsedRequest {
  method: string;
  /** The path as sent (still percent-encoded). */
  rawPath: string;
  /** Everything after the first "?" (undefined when there is none). */
  rawQuery: string | undefined;
  headers: HeaderPair[];
  /** The exact body: its bytes (empty when there is none), or the text given, standing for its UTF-8 bytes. */
  body: Uint8Array | string;
}

// RFC 9110 token characters: what a method or a header name may be made of.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What a header value may not carry: CR, LF or NUL would end or split the header. */
export const BAD_HEADER_VALUE = /[\r\n\0]/;
export const HEADER_VALUE_RULE = "a header value may not contain CR, LF or NUL";
// Control characters and spaces cannot appear in a request-target.
const BAD_TARGET_CHAR = /[\x00-\x20\x7f]/;
const REQUEST_FIELDS = ["method", "url", "headers", "body", "bodyBase64"];
/** The body of a request without one, shared: nothing writes to a body. */
const NO_BODY = new Uint8Array(0);
// An absolute URL: scheme://authority, then (group 1) the path and query up to any #fragment.
const ABSOLUTE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*([^#]*)/;
/** What request.url takes, as its messages say. */
const TARGET = 'a request-target "/path?query" or an absolute URL';

export function parseRequest(request: unknown): ParsedRequest {
  if (!isRecord(request)) throw new PanelsigError("invalid_case", "request", "must be an object with method and url");
  refuseUnknown(request, REQUEST_FIELDS, "request.", "request");
  const method = parseMethod(request.method);
  const { rawPath, rawQuery } = parseTarget(request.url);
  return { method, rawPath, rawQuery, headers: parseHeaders(request.headers), body: parseBody(request.body, request.bodyBase64) };
}

/** An unknown field is a mistake (a typo such as "contxt" would otherwise silently change the answer). */
export function refuseUnknown(object: Record<string, unknown>, known: readonly string[], prefix: string, what: string): void {
  // for-in, no array of keys made for every case read; the own-property check (an inherited
  // enumerable name is no field) only for a name not known, which a case rarely has.
  for (const name in object) {
    if (!known.includes(name) && Object.hasOwn(object, name)) throw new PanelsigError("invalid_case", prefix + name, `unknown field; ${what} takes: ${known.join(", ")}`);
  }
}

/** Text with a lone surrogate has no UTF-8 form: it could be neither sent nor signed. */
export function refuseLoneSurrogate(text: string, code: PanelsigErrorCode, field: string, hint = ""): void {
  const at = loneSurrogateAt(text);
  if (at >= 0) throw new PanelsigError(code, field, `has a lone surrogate at index ${at}, so it has no UTF-8 form${hint}`);
}

function parseMethod(method: unknown): string {
  if (typeof method !== "string" || method === "") {
    throw new PanelsigError("invalid_method", "request.method", "must be a non-empty string such as \"GET\"");
  }
  if (!TOKEN.test(method)) {
    throw new PanelsigError("invalid_method", "request.method", `${shownValue(method)} is not an HTTP method token (no spaces or separators)`);
  }
  return method;
}

function parseTarget(url: unknown): { rawPath: string; rawQuery: string | undefined } {
  const field = "request.url";
  if (typeof url !== "string" || url === "") {
    throw new PanelsigError("invalid_url", field, `must be ${TARGET}`);
  }
  let target = url;
  const absolute = ABSOLUTE_URL.exec(url);
  if (absolute) {
    // An absolute URL is what an HTTP client is given, and no client sends its #fragment.
    target = absolute[1]!;
    if (!target.startsWith("/")) target = "/" + target;
  } else if (!url.startsWith("/")) {
    throw new PanelsigError("invalid_url", field, `${shownValue(url)} is not ${TARGET}`);
  }
  // A request-target is the request line's bytes: a "#" in it stays in the path or the query, as
  // Go's url.ParseRequestURI leaves it (GET /p?a=1#x has the query a=1#x).
  const bad = BAD_TARGET_CHAR.exec(target);
  if (bad) {
    throw new PanelsigError("invalid_url", field, `contains ${shownValue(bad[0])} at index ${bad.index}; percent-encode it`);
  }
  refuseLoneSurrogate(target, "invalid_url", field);
  const q = target.indexOf("?");
  return q < 0 ? { rawPath: target, rawQuery: undefined } : { rawPath: target.slice(0, q), rawQuery: target.slice(q + 1) };
}

/**
 * The percent-decoded path, as Go's URL.Path (what Go servers sign). A "%" without two hex
 * digits makes Go's server answer 400, so it is refused; so are bytes that are not UTF-8,
 * which no text intermediate could show.
 */
export function decodedPath(rawPath: string): string {
  // An ASCII path without "%" decodes to itself (test/request-fast-paths.test.ts compares).
  return rawPath.includes("%") || !isAscii(rawPath) ? decodePath(rawPath) : rawPath;
}

/** decodedPath without its shortcut: Go's unescaping, then the UTF-8 check. Exported for the test that compares. */
export function decodePath(rawPath: string): string {
  const decoded = goUnescape(toBinaryString(rawPath), "path");
  if (decoded === undefined) {
    throw new PanelsigError("invalid_url", "request.url", `path ${shownValue(rawPath)} has a "%" not followed by two hex digits; a Go server answers 400`);
  }
  if (isAscii(decoded)) return decoded; // already valid UTF-8, and the same text
  const text = utf8Text(binaryStringToBytes(decoded));
  if (text === undefined) {
    throw new PanelsigError("invalid_url", "request.url", `path ${shownValue(rawPath)} decodes to bytes that are not UTF-8`);
  }
  return text;
}

function parseHeaders(headers: unknown): HeaderPair[] {
  if (headers === undefined) return [];
  if (!Array.isArray(headers)) {
    throw new PanelsigError("invalid_header", "request.headers", "must be an array of [name, value] pairs");
  }
  // Checked in place and handed on as given: nothing in panelsig writes to them.
  headers.forEach((pair: unknown, i) => {
    const field = `request.headers[${i}]`;
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string" || typeof pair[1] !== "string") {
      throw new PanelsigError("invalid_header", field, "must be a [name, value] pair of strings");
    }
    if (!TOKEN.test(pair[0])) {
      throw new PanelsigError("invalid_header", `${field}[0]`, `${shownValue(pair[0])} is not a valid header name`);
    }
    if (BAD_HEADER_VALUE.test(pair[1])) {
      throw new PanelsigError("invalid_header", `${field}[1]`, HEADER_VALUE_RULE);
    }
  });
  return headers as HeaderPair[];
}

/** Text stays text (checked to have a UTF-8 form): the crypto takes it as it is. */
function parseBody(body: unknown, bodyBase64: unknown): Uint8Array | string {
  if (body !== undefined && bodyBase64 !== undefined) {
    throw new PanelsigError("invalid_body", "request.body", "give either body or bodyBase64, not both");
  }
  if (bodyBase64 !== undefined) {
    const bytes = typeof bodyBase64 === "string" ? fromBase64(bodyBase64) : undefined;
    if (!bytes) throw new PanelsigError("invalid_body", "request.bodyBase64", "must be standard base64 with padding");
    return bytes;
  }
  if (body === undefined) return NO_BODY;
  if (typeof body === "string") {
    refuseLoneSurrogate(body, "invalid_body", "request.body", " (send bytes instead)");
    return body;
  }
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new PanelsigError(
    "invalid_body",
    "request.body",
    `must be a string (UTF-8 text) or bytes, not ${body === null ? "null" : typeof body}: serialise the body yourself (e.g. JSON.stringify)`,
  );
}
