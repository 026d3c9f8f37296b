// A request as a receiver sees it, whatever server produced it (a case object, a Web Request, a
// Node IncomingMessage): text is held as "binary strings", one char per byte, which is how HTTP
// servers in JavaScript hand out header values and how Go holds them.

import type { BodySource } from "./body.ts";
import type { HeaderPair } from "./types.ts";

/**
 * A request as a receiver sees it, whatever server produced it: text one char per byte (as HTTP
 * servers in JavaScript hand out header values, and as Go holds them).
 *
 * @example
 * ```ts
 * const message: HttpMessage = {
 *   method: "GET",
 *   target: "/entrance/api/user/info",
 *   headers: [["X-Timestamp", "1700000000"], ["Authorization", "HMAC-SHA256 Credential=16, Signature=b8dd…4cb7"]],
 *   body: new Uint8Array(0),
 *   clientIp: "203.0.113.10:54321",
 * };
 * ```
 */
export interface HttpMessage {
  /** As sent; case is kept. */
  method: string;
  /** The request-target as received: "/path?query", or an absolute URL (one char per byte). */
  target: string;
  /** [name, value] pairs in the order received, duplicates kept (values one char per byte). */
  headers: readonly HeaderPair[];
  /** The body: bytes, a stream, or text standing for its UTF-8 bytes (a case object's: hashed as text, never copied). */
  body: BodySource | string;
  /** The TCP peer as a Go server reads it: "ip:port", "[ipv6]:port" (see peerAddress), or "ip". */
  clientIp?: string;
}

/**
 * Go's Header.Get: the first value of the header named `name` in any letter case, "" when absent.
 * HTTP parsers trim spaces and tabs around a value; case objects may carry them, so trim here too.
 *
 * @example
 * ```ts
 * import { headerValue } from "@panelsig/core";
 * headerValue([["x-timestamp", " 1700000000 "], ["X-Timestamp", "1"]], "X-Timestamp"); // "1700000000"
 * headerValue([], "Authorization"); // ""
 * ```
 */
export function headerValue(headers: readonly HeaderPair[], name: string): string {
  const lower = name.toLowerCase();
  for (let i = 0; i < headers.length; i++) {
    const [n, value] = headers[i]!;
    // Only a name of the same length can match: most are passed over without a lower-case copy.
    if (n.length === lower.length && (n === name || n.toLowerCase() === lower)) return trimSpacesAndTabs(value);
  }
  return "";
}

/**
 * Spaces and tabs off both ends, by two scans from the ends: linear in the value's length. (A
 * regex such as /[ \t]+$/ retries from every space of an inner run, quadratic in that run.)
 */
export function trimSpacesAndTabs(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isSpaceOrTab(value.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTab(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/** The raw path and query of a request-target, as Go's url.ParseRequestURI splits them (no fragment). */
export function splitTarget(target: string): { rawPath: string; rawQuery: string | undefined } {
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?]*/.exec(target);
  const rest = authority ? target.slice(authority[0].length) : target;
  const q = rest.indexOf("?");
  return q < 0 ? { rawPath: rest, rawQuery: undefined } : { rawPath: rest.slice(0, q), rawQuery: rest.slice(q + 1) };
}

/**
 * The peer address as a Go server prints it (net.JoinHostPort; an IPv4 client of a dual-stack
 * socket, "::ffff:203.0.113.10", shows as plain IPv4). For Deno's info.remoteAddr, Bun's
 * server.requestIP(req) and Node's socket.remoteAddress/remotePort.
 *
 * @example
 * ```ts
 * import { peerAddress } from "@panelsig/core";
 * peerAddress("::ffff:203.0.113.10", 54321); // "203.0.113.10:54321"
 * peerAddress("2001:db8::1", 443);           // "[2001:db8::1]:443"
 * ```
 */
export function peerAddress(ip: string, port: number | string): string {
  const unmapped = /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip;
  return unmapped.includes(":") ? `[${unmapped}]:${port}` : `${unmapped}:${port}`;
}
