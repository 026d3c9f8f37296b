// AcePanel: the panel's API checks a canonical request, as its Go server builds it
// (internal/data/user_token.go ValidateReq, internal/middleware/entrance.go):
//   canonicalRequest = METHOD \n PATH \n QUERY \n hex(sha256(body))
//   stringToSign     = "HMAC-SHA256" \n TIMESTAMP \n hex(sha256(canonicalRequest))
//   Authorization: HMAC-SHA256 Credential=<token id>, Signature=hex(hmac(secret, stringToSign))
// PATH is the percent-decoded path after the entry prefix, QUERY is Go's re-encoding of the
// query, and TIMESTAMP is the number the server reads from X-Timestamp, re-printed.
// The verifier replays the server's checks in its order (internal/middleware/entrance.go,
// must_login.go, user_token.go ValidateReq; docs/verify-outcomes.md).

import { readBody } from "../body.ts";
import { binaryStringToBytes, isAscii, timingSafeEqualText, toBinaryString, toHex, utf8Text } from "../bytes.ts";
import type { ReadCase } from "../case.ts";
import { PanelsigError } from "../errors.ts";
import { goSscanf } from "../go-scan.ts";
import { acepanelTimestampDecimal, acepanelTimestampValue } from "../go-strconv.ts";
import { binaryToText } from "../go-text.ts";
import { canonicalBinaryQuery, canonicalQuery, goUnescape } from "../go-url.ts";
import { headerValue, splitTarget, type HttpMessage } from "../http-message.ts";
import { ipAllowed, requestIp } from "../ip-whitelist.ts";
import { whenReady } from "../maybe-promise.ts";
import type { CryptoProvider, MaybePromise } from "../provider.ts";
import { decodedPath } from "../request.ts";
import type { SignResult } from "../types.ts";
import { readToken, type AcepanelSettings, type Verdict } from "../verify-options.ts";
import { diagnoseAcepanel } from "./acepanel-mistakes.ts";

export const ALGORITHM = "HMAC-SHA256";
const UINT64_MAX = (1n << 64n) - 1n;
const AUTHORIZATION_FORMAT = "%s Credential=%d, Signature=%s";
const TIMESTAMP_WINDOW_SECONDS = 300n;

/** API paths the server serves without any check (must_login.go's whitelist). */
const PUBLIC_PATHS = new Set([
  "/api/home/panel",
  "/api/user/key",
  "/api/user/captcha",
  "/api/user/login",
  "/api/user/logout",
  "/api/user/is_login",
  "/api/user/is_2fa",
  "/api/user/passkey/enabled",
  "/api/user/passkey/login",
]);

/** The server's reading of its `http.entrance` setting: no trailing "/", a leading "/". */
export function normaliseEntrance(entrance: string): string {
  const trimmed = entrance.replace(/\/+$/, "");
  return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
}

/**
 * What remains of a decoded path once the entrance is removed, as the server's entrance
 * middleware does it; undefined when the path is not under the entrance.
 */
export function stripEntrance(path: string, entrance: string): string | undefined {
  const prefix = normaliseEntrance(entrance);
  if (prefix === "/") return path;
  if (path === prefix) return "";
  return path.startsWith(prefix + "/") ? path.slice(prefix.length) : undefined;
}

export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/**
 * The canonical path a signer uses: what remains after the entrance (absent = "/", as for the
 * verifier), which must be /api or /api/…: the only paths the server checks a token on.
 */
function canonicalPath(path: string, entrance: string | undefined): string {
  const rest = stripEntrance(path, entrance ?? "/");
  if (rest !== undefined && isApiPath(rest)) return rest;
  if (entrance === undefined && /\/api(\/|$)/.test(path)) {
    throw new PanelsigError(
      "invalid_url",
      "request.url",
      `path ${JSON.stringify(path)} has a prefix before /api: set options.entrance to the panel's entrance (e.g. "/entrance"); without it the entrance is "/", as on the server`,
    );
  }
  const under = entrance === undefined ? 'the entrance "/" (no options.entrance)' : `the entrance ${JSON.stringify(normaliseEntrance(entrance))}`;
  throw new PanelsigError("invalid_url", "request.url", `path ${JSON.stringify(path)} is not /api or /api/… under ${under}; the server checks signatures only there`);
}

/** credentials.keyId as the server's "%d" reads it: a decimal uint64, printed without leading zeros. */
export function readKeyId(keyId: unknown): string {
  const field = "credentials.keyId";
  if (typeof keyId === "number") {
    if (Number.isSafeInteger(keyId) && keyId >= 0) return String(keyId);
    throw new PanelsigError("invalid_key_id", field, `${keyId} is not a non-negative integer below 2^53 (use a decimal string for larger ids)`);
  }
  if (typeof keyId === "string" && /^[0-9]+$/.test(keyId) && BigInt(keyId) <= UINT64_MAX) return BigInt(keyId).toString();
  if (keyId === undefined) throw new PanelsigError("invalid_key_id", field, "is required by acepanel: the token id shown when the token was created");
  throw new PanelsigError("invalid_key_id", field, `${JSON.stringify(keyId)} is not a token id (a non-negative integer, or a decimal string up to 2^64-1)`);
}

export interface AcepanelParts {
  method: string;
  /** The canonical path as Go holds it: one char per byte. */
  canonicalPath: string;
  canonicalQuery: string;
  /** Lower-case hex SHA-256 of the body. */
  bodyHash: string;
  /** The re-printed number the server reads from X-Timestamp. */
  timestamp: string;
  secret: Uint8Array;
}

export interface AcepanelIntermediates {
  /** undefined only when a (verified) path's bytes are not UTF-8. */
  canonicalRequest: string | undefined;
  stringToSign: string;
  signature: string;
}

/**
 * Every intermediate, from the already-canonical parts: the one code path for signer and verifier.
 * Synchronous when the provider is: no await between the steps.
 */
export function acepanelSignature(provider: CryptoProvider, parts: AcepanelParts): MaybePromise<AcepanelIntermediates> {
  const canonical = `${parts.method}\n${parts.canonicalPath}\n${parts.canonicalQuery}\n${parts.bodyHash}`;
  const canonicalBytes = binaryStringToBytes(canonical);
  return whenReady(provider.sha256(canonicalBytes), (canonicalHash) => {
    // ASCII throughout (the re-printed number and hex), so its bytes are its UTF-8.
    const stringToSign = `${ALGORITHM}\n${parts.timestamp}\n${toHex(canonicalHash)}`;
    return whenReady(provider.hmacSha256(parts.secret, binaryStringToBytes(stringToSign)), (mac) => ({
      // Only the path can hold bytes from 0x80 on (the query is escaped, the rest ASCII): an ASCII path needs no decoding.
      canonicalRequest: isAscii(parts.canonicalPath) ? canonical : utf8Text(canonicalBytes),
      stringToSign,
      signature: toHex(mac),
    }));
  });
}

export function signAcepanel(provider: CryptoProvider, c: ReadCase): MaybePromise<SignResult> {
  const keyId = readKeyId(c.keyId);
  const timestampText = c.timestamp ?? String(Math.floor(Date.now() / 1000));
  const timestamp = acepanelTimestampDecimal(timestampText);
  if (timestamp === "0") {
    throw new PanelsigError("invalid_timestamp", "timestamp", `the server reads ${JSON.stringify(timestampText)} as 0 and rejects it; give Unix seconds`);
  }
  const { request } = c;
  const path = toBinaryString(canonicalPath(decodedPath(request.rawPath), c.options.entrance));
  const query = request.rawQuery === undefined ? "" : canonicalQuery(request.rawQuery);
  return whenReady(provider.sha256(request.body), (bodyHash) => {
    const parts = { method: request.method, canonicalPath: path, canonicalQuery: query, bodyHash: toHex(bodyHash), timestamp, secret: c.secret };
    return whenReady(acepanelSignature(provider, parts), ({ canonicalRequest, stringToSign, signature }): SignResult => ({
      headers: [
        ["X-Timestamp", timestampText],
        ["Authorization", `${ALGORITHM} Credential=${keyId}, Signature=${signature}`],
      ],
      canonicalRequest,
      stringToSign,
      signature,
    }));
  });
}

/**
 * The entrance middleware (internal/middleware/entrance.go), step by step, for the decoded path
 * and the normalised entrance: a refusal, a pass without any check, or the path the token check
 * (must_login) sees next. The optional bindings of step 1 (domains, IPs, User-Agents) are not modelled.
 */
function throughEntrance(path: string, entrance: string, authorized: boolean): Verdict | { path: string } {
  // 2. No Authorization at the entrance itself (or with no entrance): the session counts as having
  //    come through it; the entrance itself is then redirected to the login page.
  const cameThrough = !authorized && (entrance === "/" || path.replace(/\/$/, "") === entrance);
  if (cameThrough && entrance !== "/") return { outcome: "login_redirect" };
  // 3. Authorization and an API path under the entrance: rewritten to that API path, on to the token check.
  if (authorized) {
    const rest = stripEntrance(path, entrance);
    if (rest !== undefined && isApiPath(rest)) return { path: rest };
  }
  // 4. Webhooks and downloads, never under the entrance, pass untouched.
  if (path.startsWith("/webhook/") || path.startsWith("/download/")) return { unchecked: "webhook_or_download" };
  // 5. Anything else is the entrance page, unless the session came through the entrance or it is /robots.txt.
  if (!cameThrough && path !== "/robots.txt") {
    return { outcome: !authorized && stripEntrance(path, entrance) !== undefined ? "entrance_page" : "entrance_mismatch" };
  }
  return { path };
}

/** The server's answer to a request, check by check in its order; the first failure is the answer. */
export async function verifyAcepanel(provider: CryptoProvider, message: HttpMessage, settings: AcepanelSettings): Promise<Verdict> {
  const { rawPath, rawQuery } = splitTarget(message.target);
  const decoded = goUnescape(rawPath, "path");
  if (decoded === undefined) return { outcome: "bad_path" };
  const entrance = normaliseEntrance(toBinaryString(settings.entrance));
  const authorization = headerValue(message.headers, "Authorization");
  const routed = throughEntrance(decoded, entrance, authorization !== "");
  if (!("path" in routed)) return routed;
  const { path } = routed;

  // must_login: public and non-API paths pass unchecked; without Authorization (only possible with
  // entrance "/") the server falls back to its browser session, which an API client has not got.
  if (PUBLIC_PATHS.has(path)) return { unchecked: "public_path" };
  if (!isApiPath(path)) return { unchecked: path === "/robots.txt" ? "robots_txt" : "non_api_path" };
  if (!authorization) return { outcome: "session_expired" };
  if (path.startsWith("/api/ws")) return { outcome: "websocket_not_allowed" };

  const scanned = goSscanf(authorization, AUTHORIZATION_FORMAT);
  if (!scanned.ok) return { outcome: "malformed_authorization", detail: scanned.error };
  const [algorithm, keyId, signature] = scanned.values as [string, string, string];
  if (algorithm !== ALGORITHM) return { outcome: "unsupported_algorithm" };
  const record = await settings.token(keyId);
  if (record === undefined) return { outcome: "unknown_key" };
  const token = readToken(record, keyId);
  if (token.expiresAt !== undefined && token.expiresAt < settings.now) return { outcome: "token_expired" };

  const bodyHash = provider.createSha256();
  const body = await readBody(message.body, (chunk) => bodyHash.update(chunk), settings.limits);
  if (body.failed) return { outcome: body.failed };
  const timestampText = headerValue(message.headers, "X-Timestamp");
  const timestamp = acepanelTimestampValue(timestampText);
  const parts = {
    method: message.method,
    canonicalPath: path,
    canonicalQuery: rawQuery === undefined ? "" : canonicalBinaryQuery(rawQuery),
    bodyHash: toHex(await bodyHash.digest()),
    timestamp: timestamp.toString(),
    secret: token.secret,
  };
  const computed = await acepanelSignature(provider, parts);
  const shown: Verdict = { canonicalRequest: computed.canonicalRequest, stringToSign: computed.stringToSign, expectedSignature: computed.signature };
  if (!timingSafeEqualText(signature, computed.signature)) {
    const bytes = body.bytes ?? (message.body instanceof Uint8Array ? message.body : undefined);
    const mismatch = { received: signature, parts, computed, rawPath, rawQuery, path: decoded, entrance, timestampText, timestamp, bodyLength: body.length, body: bytes };
    return { outcome: "signature_mismatch", ...shown, diagnose: () => diagnoseAcepanel(provider, mismatch) };
  }
  if (timestamp === 0n) return { outcome: "timestamp_invalid", ...shown };
  if (timestamp < BigInt(Math.floor(settings.now)) - TIMESTAMP_WINDOW_SECONDS) return { outcome: "timestamp_expired", ...shown };

  if (token.ipWhitelist.length > 0) {
    if (message.clientIp === undefined) {
      throw new PanelsigError("invalid_option", "clientIp", `is required: token ${keyId} has an IP whitelist, so the client's address must be given`);
    }
    const ip = requestIp(message.clientIp, settings.ipHeader ? headerValue(message.headers, settings.ipHeader) : undefined);
    if (!ipAllowed(ip, token.ipWhitelist)) return { outcome: "ip_not_allowed", detail: binaryToText(ip), ...shown };
  }
  return body.bytes ? { ...shown, body: body.bytes } : shown;
}
