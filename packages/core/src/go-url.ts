// Go's net/url behaviour that the AcePanel server (written in Go) applies to every request:
// the percent-decoded path (URL.Path) and the query as url.Values.Encode() re-prints it.
// Go strings are bytes, so this works on "binary strings": one char per byte (0-255), which
// also makes JavaScript's string comparison equal to Go's byte-wise sort.

import { toBinaryString } from "./bytes.ts";

/** Go ≥ 1.26 (GODEBUG urlmaxqueryparams default): a query with more pairs parses to nothing. */
export const GO_MAX_QUERY_PARAMS = 10000;

/** A "%" that does not start an escape: Go's unescape fails on it. */
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const PATH_ESCAPE = /%[0-9A-Fa-f]{2}/g;
const QUERY_ESCAPE = /%[0-9A-Fa-f]{2}|\+/g;

/**
 * Go's unescape: "%XX" becomes the byte XX; in a query component "+" becomes a space.
 * Returns undefined where Go returns an error (a "%" not followed by two hex digits).
 */
export function goUnescape(binary: string, mode: "path" | "query"): string | undefined {
  // Nothing to decode (most paths and values): the text is its own decoding.
  if (!binary.includes("%") && (mode === "path" || !binary.includes("+"))) return binary;
  return unescapeEach(binary, mode);
}

/** goUnescape every escape, without its shortcut; exported for the test that compares the two. */
export function unescapeEach(binary: string, mode: "path" | "query"): string | undefined {
  if (BAD_ESCAPE.test(binary)) return undefined;
  return binary.replace(mode === "query" ? QUERY_ESCAPE : PATH_ESCAPE, (escape) => (escape === "+" ? " " : String.fromCharCode(parseInt(escape.slice(1), 16))));
}

const UPPER_HEX = "0123456789ABCDEF";
const ONLY_UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
const RESERVED = /[^A-Za-z0-9\-_.~]/g;

/** A-Z a-z 0-9 - _ . ~: the bytes Go's url.QueryEscape leaves as they are. */
export function isUnreserved(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 46 || c === 126;
}

/** Go's url.QueryEscape: only A-Z a-z 0-9 - _ . ~ stay; space is "+"; the rest is %XX. */
export function goQueryEscape(binary: string): string {
  // Nothing to escape (most keys and values): one native regex test instead of a loop.
  if (ONLY_UNRESERVED.test(binary)) return binary;
  return queryEscapeEach(binary);
}

/** goQueryEscape every byte, without its shortcut; exported for the test that compares the two. */
export function queryEscapeEach(binary: string): string {
  return binary.replace(RESERVED, (c) => (c === " " ? "+" : "%" + UPPER_HEX[c.charCodeAt(0) >> 4]! + UPPER_HEX[c.charCodeAt(0) & 15]!));
}

/**
 * The query as the AcePanel server signs it: url.ParseQuery then Values.Encode().
 * Pairs with ";" or a bad escape and empty pairs are dropped; keys sort by decoded bytes;
 * a repeated key keeps its values in the order sent.
 *
 * @example
 * ```ts
 * import { canonicalQuery } from "@panelsig/core";
 * canonicalQuery("b=2&a=1");     // "a=1&b=2"
 * canonicalQuery("q=a%20b&q=c"); // "q=a+b&q=c"
 * ```
 */
export function canonicalQuery(rawQuery: string): string {
  return canonicalBinaryQuery(toBinaryString(rawQuery));
}

/** canonicalQuery for a query already held as bytes (one char per byte), as HTTP servers give it. */
export function canonicalBinaryQuery(binary: string): string {
  let pairs = 1;
  for (let i = 0; i < binary.length; i++) if (binary.charCodeAt(i) === 38) pairs++;
  if (pairs > GO_MAX_QUERY_PARAMS) return "";
  return isAlreadyCanonical(binary) ? binary : reencodeQuery(binary);
}

/**
 * url.ParseQuery then Values.Encode(), every step done: what canonicalBinaryQuery does when its
 * shortcut does not apply; exported for the test that compares the two.
 */
export function reencodeQuery(binary: string): string {
  const values = new Map<string, string[]>();
  for (const pair of binary.split("&")) {
    if (pair === "" || pair.includes(";")) continue;
    const eq = pair.indexOf("=");
    const key = goUnescape(eq < 0 ? pair : pair.slice(0, eq), "query");
    const value = goUnescape(eq < 0 ? "" : pair.slice(eq + 1), "query");
    if (key === undefined || value === undefined) continue;
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  }

  // sort()'s own order, by UTF-16 code units, is Go's byte order on binary strings.
  const keys = [...values.keys()].sort();
  const parts: string[] = [];
  for (const key of keys) {
    const escapedKey = goQueryEscape(key);
    for (const value of values.get(key)!) parts.push(escapedKey + "=" + goQueryEscape(value));
  }
  return parts.join("&");
}

/**
 * True when Values.Encode() would print the query back unchanged, as most clients send it: every
 * pair is key=value of unreserved characters only (nothing to unescape or escape), and the keys
 * are already in order. Checked in one pass, it spares the parse, sort and re-escape. Exported for
 * the test that checks it against that definition and against reencodeQuery.
 */
export function isAlreadyCanonical(binary: string): boolean {
  let previousKey = "";
  let start = 0;
  let eq = -1;
  for (let i = 0; i <= binary.length; i++) {
    const c = i < binary.length ? binary.charCodeAt(i) : 38 /* & */;
    if (c === 38) {
      if (eq < 0) return false; // an empty pair (dropped) or a key without "=" (printed "key=")
      const key = binary.slice(start, eq);
      if (key < previousKey) return false;
      previousKey = key;
      start = i + 1;
      eq = -1;
    } else if (c === 61 /* = */) {
      if (eq >= 0) return false; // a second "=" belongs to the value and is escaped
      eq = i;
    } else if (!isUnreserved(c)) {
      return false;
    }
  }
  return true;
}
