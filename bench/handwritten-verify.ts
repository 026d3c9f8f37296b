// The baselines for `verify(case)`: each scheme's receiver written plainly, as a competent engineer
// would in an Express handler on node:crypto — read the headers the scheme needs, recompute the
// HMAC, compare in constant time with timingSafeEqual, check the window — and nothing more: no
// reason codes, error bodies, diagnosis, body limits, Go-exact header scanning or IP rules. What
// verify(case) does beyond this is what the ratios measure.

import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** What an Express handler is given: method, request-target, headers by lower-case name, the body as text (express.text()). */
export interface HandRequest {
  method: string;
  url: string;
  headers: Record<string, string | undefined>;
  body: string;
}

/** A receiver: true = accept. */
export type HandVerifier = (req: HandRequest) => boolean;

const WINDOW_SECONDS = 300;

const hmacHex = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest("hex");
const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

/** Equal texts, compared in constant time (timingSafeEqual wants equal lengths). */
function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function decodedPath(url: string): string | undefined {
  const queryAt = url.indexOf("?");
  try {
    return decodeURIComponent(queryAt === -1 ? url : url.slice(0, queryAt));
  } catch {
    return undefined;
  }
}

// Each receiver takes its clock, `now`, in Unix seconds.

/** HMAC(timestamp + method + decoded path + body); X-Timestamp is RFC 3339, ±300 s. */
export const opteriusAgentReceiver = (secret: string, now: () => number): HandVerifier => (req) => {
  const timestamp = req.headers["x-timestamp"];
  const signature = req.headers["x-signature"];
  if (!timestamp || !signature) return false;
  const sent = Date.parse(timestamp);
  if (Number.isNaN(sent) || Math.abs(now() - sent / 1000) > WINDOW_SECONDS) return false;
  const path = decodedPath(req.url);
  if (path === undefined) return false;
  return sameText(signature, hmacHex(secret, timestamp + req.method + path + req.body));
};

/** HMAC(timestamp + body); X-Timestamp is Unix seconds, ±300 s; an empty body is signed as "{}" (the real client) or "" (the docs). */
export const opteriusPanelReceiver = (secret: string, now: () => number): HandVerifier => (req) => {
  const timestamp = req.headers["x-timestamp"];
  const signature = req.headers["x-signature"];
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now() - Number(timestamp)) > WINDOW_SECONDS) return false;
  const bodies = req.body === "" ? ["{}", ""] : [req.body];
  return bodies.some((body) => sameText(signature, hmacHex(secret, timestamp + body)));
};

const AUTHORIZATION = /^(\S+) Credential=(\d+), Signature=(\S+)$/;

/** Go's url.QueryEscape: only A–Z a–z 0–9 - _ . ~ left bare, space as "+". */
const queryEscape = (text: string) =>
  encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");

/**
 * AcePanel's check: Authorization "HMAC-SHA256 Credential=<id>, Signature=<hex>", the token's
 * secret, the path after the entrance, the query sorted and re-encoded, the body's SHA-256, then
 * the timestamp no older than 300 s (the future passes).
 */
export const acepanelReceiver = (tokens: ReadonlyMap<string, string>, entrance: string, now: () => number): HandVerifier => (req) => {
  const auth = AUTHORIZATION.exec(req.headers.authorization ?? "");
  if (!auth || auth[1] !== "HMAC-SHA256") return false;
  const secret = tokens.get(auth[2]!);
  if (secret === undefined) return false;
  const path = decodedPath(req.url);
  if (path === undefined || !path.startsWith(`${entrance}/api/`)) return false;
  const queryAt = req.url.indexOf("?");
  const params = new URLSearchParams(queryAt === -1 ? "" : req.url.slice(queryAt + 1));
  params.sort();
  const query = [...params].map(([key, value]) => `${queryEscape(key)}=${queryEscape(value)}`).join("&");
  const timestamp = parseInt(req.headers["x-timestamp"] ?? "", 10);
  const canonicalRequest = `${req.method}\n${path.slice(entrance.length)}\n${query}\n${sha256Hex(req.body)}`;
  const expected = hmacHex(secret, `HMAC-SHA256\n${timestamp}\n${sha256Hex(canonicalRequest)}`);
  if (!sameText(auth[3]!, expected)) return false;
  return timestamp > 0 && timestamp >= now() - WINDOW_SECONDS;
};
