// AcePanel: the panel's API checks a canonical request, as its Go server builds it
// (internal/data/user_token.go ValidateReq, internal/middleware/entrance.go):
//   canonicalRequest = METHOD \n PATH \n QUERY \n hex(sha256(body))
//   stringToSign     = "HMAC-SHA256" \n TIMESTAMP \n hex(sha256(canonicalRequest))
//   Authorization: HMAC-SHA256 Credential=<token id>, Signature=hex(hmac(secret, stringToSign))
// PATH is the percent-decoded path after the entry prefix, QUERY is Go's re-encoding of the
// query, and TIMESTAMP is the number the server reads from X-Timestamp, re-printed.
// The verifier replays the server's checks in its order (internal/middleware/entrance.go,
// must_login.go, user_token.go ValidateReq; docs/verify-outcomes.md) and answers with the server's
// statuses and messages in each locale it ships. After a mismatch, the diagnosis tries the
// mistakes AcePanel clients make (at the end of this file).

import { inMemoryBytes, isInMemory, overLimit, readBody, type BodyFailure, type BodyLimits, type BodySource, type BodyStream } from "../body.ts";
import { binaryStringToBytes, isAscii, timingSafeEqualText, toBinaryString, toHex, utf8, utf8Text } from "../bytes.ts";
import { readSecret, type ReadCase } from "../case.ts";
import { DIAGNOSIS_MAX_BODY_BYTES, firstMatch, latin1, lossyUtf8, secretMistakes, skewSummary, SKEW_SECONDS, upperCaseSignature, whatwgEncoded, type Candidate } from "../diagnosis.ts";
import { jsonBodyMistakes } from "../diagnosis-json.ts";
import { hmacSha256Hex, sha256Hex } from "../digest-hex.ts";
import { PanelsigError, shownValue } from "../errors.ts";
import { goSscanf } from "../go-scan.ts";
import { castInt64, castInt64Decimal } from "../go-strconv.ts";
import { binaryToText } from "../go-text.ts";
import { canonicalBinaryQuery, canonicalQuery, GO_MAX_QUERY_PARAMS, goQueryEscape, goUnescape } from "../go-url.ts";
import { headerValue, splitTarget, type HttpMessage } from "../http-message.ts";
import { ipAllowed, requestIp } from "../ip-whitelist.ts";
import { isRecord } from "../is-record.ts";
import { isPromiseLike, whenReady } from "../maybe-promise.ts";
import { BAD_PATH, INCOMPLETE, LOCALES, tableAnswer, TOO_LARGE, type Answer, type AnswerEntry, type Locale, type Outcome } from "../messages.ts";
import type { CryptoProvider, DigestPart, MaybePromise, SigningProvider } from "../provider.ts";
import { decodedPath } from "../request.ts";
import type { CommonSettings, SchemeSigner, SchemeVerifier, Verdict } from "../scheme.ts";
import type { Diagnosis, SignResult } from "../types.ts";
import type { CommonVerifyOptions } from "../verify-options.ts";

export const ALGORITHM = "HMAC-SHA256";

/**
 * The value the server takes from an X-Timestamp header text (0n when it cannot parse it): Go's
 * cast.ToInt64, which reads hex, octal and binary too, and cuts a decimal fraction. The server
 * signs this number re-printed, not the header text.
 *
 * @example
 * ```ts
 * import { acepanelTimestampValue } from "@panelsig/core";
 * acepanelTimestampValue("1700000000");   // 1700000000n
 * acepanelTimestampValue("1700000000.9"); // 1700000000n
 * acepanelTimestampValue("0x10");         // 16n
 * acepanelTimestampValue("soon");         // 0n
 * ```
 */
export function acepanelTimestampValue(text: string): bigint {
  return castInt64(text);
}
const UINT64_MAX = (1n << 64n) - 1n;
const AUTHORIZATION_FORMAT = "%s Credential=%d, Signature=%s";
const TIMESTAMP_WINDOW_SECONDS = 300;

/**
 * An AcePanel API token as the panel stores it.
 *
 * @example
 * ```ts
 * const token: AcepanelToken = { secret: "YourSecretToken", expiresAt: 1800000000, ipWhitelist: ["203.0.113.0/24", "198.51.100.7"] };
 * ```
 */
export interface AcepanelToken {
  /** The token's secret, as text. */
  secret: string;
  /** Unix seconds; absent = never expires. */
  expiresAt?: number;
  /** Exact IPs and CIDR blocks; absent or empty = any client. */
  ipWhitelist?: readonly string[];
}

/**
 * AcePanel's http.entrance_error: the entrance page (418), nginx's 404 page, or a closed connection.
 *
 * @example
 * ```ts
 * const entranceError: EntranceError = "nginx"; // requests outside the entrance get nginx's 404 page
 * ```
 */
export type EntranceError = "418" | "nginx" | "close";
const ENTRANCE_ERRORS: readonly EntranceError[] = ["418", "nginx", "close"];

/**
 * The acepanel verifier's options: the token lookup and the panel's settings.
 *
 * @example
 * ```ts
 * import type { AcepanelToken, AcepanelVerifyOptions } from "@panelsig/core";
 * const tokens = new Map<string, AcepanelToken>([["16", { secret: "YourSecretToken" }]]);
 * const options: AcepanelVerifyOptions = { scheme: "acepanel", token: (keyId) => tokens.get(keyId), entrance: "/entrance", ipHeader: "X-Forwarded-For" };
 * ```
 */
export interface AcepanelVerifyOptions extends CommonVerifyOptions {
  /** Always "acepanel". */
  scheme: "acepanel";
  /** The token with this id (a decimal string: ids are 64-bit), or undefined when there is none. */
  token(keyId: string): MaybePromise<AcepanelToken | undefined>;
  /** The panel's entry prefix (its http.entrance setting); "/" or absent = none. */
  entrance?: string;
  /** The header the panel trusts for the client ip (its http.ip_header), e.g. "X-Forwarded-For". */
  ipHeader?: string;
  /** Language of the messages, the panel's app.locale: "en" (default), "zh_CN" or "zh_TW". */
  locale?: Locale;
  /** What the entrance middleware's refusal looks like (http.entrance_error): "418" (default), "nginx" (404) or "close". */
  entranceError?: EntranceError;
}

export interface AcepanelSettings {
  token: AcepanelVerifyOptions["token"];
  /** Normalised, one char per byte. */
  entrance: string;
  ipHeader: string;
  locale: Locale;
  entranceError: EntranceError;
}

export const signer: SchemeSigner = {
  signOptions: {
    entrance: ['a path prefix such as "/entrance" ("/" for none), without spaces, "?", "#" or "%"', (v) => typeof v === "string" && !/[\s?#%]/.test(v)],
  },
  sign,
};

export const verifier: SchemeVerifier<AcepanelSettings, AcepanelVerifyOptions> = {
  options: {
    token: ["a function from a key id (decimal string) to the token { secret, expiresAt?, ipWhitelist? } or undefined", (v) => typeof v === "function"],
    entrance: ['a path prefix such as "/entrance" ("/" for none)', (v) => typeof v === "string"],
    ipHeader: ['a header name such as "X-Forwarded-For"', (v) => typeof v === "string"],
    locale: ['"en", "zh_CN" or "zh_TW"', (v) => LOCALES.includes(v as Locale)],
    entranceError: ['"418", "nginx" or "close"', (v) => ENTRANCE_ERRORS.includes(v as EntranceError)],
  },
  settings: acepanelSettings,
  caseSettings({ secret, keyId }, context) {
    const id = readKeyId(keyId);
    const token: AcepanelToken = { secret, expiresAt: context.tokenExpiresAt, ipWhitelist: context.ipWhitelist };
    return acepanelSettings({ token: (k: string) => (k === id ? token : undefined), entrance: context.entrance, ipHeader: context.ipHeader, locale: context.locale, entranceError: context.entranceError });
  },
  verify,
  answer,
  errorBody: (message) => ({ contentType: "application/json; charset=utf-8", body: JSON.stringify({ msg: message }) }),
  howToSign:
    "compare your canonical request with expected.canonicalRequest line by line (method as sent, decoded path after the entrance, " +
    "query re-encoded and sorted the Go way, SHA-256 of the exact body), then HMAC expected.stringToSign with the token secret",
  contextAtSigning: (timestamp, options) => ({ now: Number(acepanelTimestampValue(timestamp)), entrance: options.entrance ?? "/" }),
};

function acepanelSettings(o: Readonly<Record<string, unknown>>): AcepanelSettings {
  if (o.token === undefined) {
    throw new PanelsigError("invalid_option", "options.token", "is required: a function from a key id (decimal string) to the token { secret, expiresAt?, ipWhitelist? } or undefined");
  }
  return {
    token: o.token as AcepanelVerifyOptions["token"],
    entrance: normaliseEntrance(toBinaryString((o.entrance as string | undefined) ?? "/")),
    ipHeader: (o.ipHeader as string | undefined) ?? "",
    locale: (o.locale as Locale | undefined) ?? "en",
    entranceError: (o.entranceError as EntranceError | undefined) ?? "418",
  };
}

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

/**
 * The server's reading of its `http.entrance` setting: one trailing "/" cut (Go's
 * strings.TrimSuffix, so "/e//" is the entrance "/e/"), a leading "/" added.
 */
function normaliseEntrance(entrance: string): string {
  const trimmed = entrance.endsWith("/") ? entrance.slice(0, -1) : entrance;
  return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
}

/**
 * What remains of a decoded path below the normalised entrance, as the server's entrance
 * middleware cuts it; undefined when the path is not below it. (The entrance itself has nothing
 * below it to sign: the signer refuses it, the verifier redirects or refuses it.)
 */
function stripEntrance(path: string, entrance: string): string | undefined {
  if (entrance === "/") return path;
  return path.startsWith(entrance + "/") ? path.slice(entrance.length) : undefined;
}

function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/**
 * The canonical path a signer uses: what remains after the entrance (absent = "/", as for the
 * verifier), which must be /api or /api/…: the only paths the server checks a token on.
 */
function canonicalPath(path: string, entrance: string | undefined): string {
  const rest = stripEntrance(path, normaliseEntrance(entrance ?? "/"));
  if (rest !== undefined && isApiPath(rest)) return rest;
  // Without options.entrance, /api after a prefix is most likely under the panel's entrance.
  const hint = entrance === undefined && /\/api(\/|$)/.test(path) ? `; set options.entrance (e.g. "/entrance")` : "";
  const under = JSON.stringify(normaliseEntrance(entrance ?? "/"));
  throw new PanelsigError("invalid_url", "request.url", `path ${shownValue(path)} is not /api or /api/… under the entrance ${under}: the server checks signatures only there${hint}`);
}

/** credentials.keyId as the server's "%d" reads it: a decimal uint64, printed without leading zeros. */
function readKeyId(keyId: unknown): string {
  const field = "credentials.keyId";
  if (typeof keyId === "number" && Number.isSafeInteger(keyId) && keyId >= 0) return String(keyId);
  if (typeof keyId === "string" && /^[0-9]+$/.test(keyId) && BigInt(keyId) <= UINT64_MAX) return BigInt(keyId).toString();
  if (keyId === undefined) throw new PanelsigError("invalid_key_id", field, "is required by acepanel: the token id shown when the token was created");
  throw new PanelsigError("invalid_key_id", field, `${shownValue(keyId)} is not a token id: a whole number below 2^53, or a decimal string up to 2^64-1`);
}

interface AcepanelParts {
  method: string;
  /** The canonical path as Go holds it: one char per byte. */
  canonicalPath: string;
  canonicalQuery: string;
  /** Lower-case hex SHA-256 of the body. */
  bodyHash: string;
  /** The re-printed number the server reads from X-Timestamp. */
  timestamp: string;
  /** The signer's secret text, or the verifier's token secret bytes (the only ones a diagnosis meets). */
  secret: DigestPart;
}

interface AcepanelIntermediates {
  /** undefined only when a (verified) path's bytes are not UTF-8. */
  canonicalRequest: string | undefined;
  stringToSign: string;
  signature: string;
}

/**
 * Every intermediate, from the already-canonical parts: the one code path for signer and verifier.
 * Synchronous when the provider is: no await between the steps.
 */
function acepanelSignature(provider: SigningProvider, parts: AcepanelParts): MaybePromise<AcepanelIntermediates> {
  const canonical = `${parts.method}\n${parts.canonicalPath}\n${parts.canonicalQuery}\n${parts.bodyHash}`;
  // Only the path can hold bytes from 0x80 on (the query is escaped, the rest ASCII): ASCII is its own UTF-8.
  const ascii = isAscii(canonical);
  const canonicalBytes = ascii ? undefined : binaryStringToBytes(canonical);
  return whenReady(sha256Hex(provider, [canonicalBytes ?? canonical]), (canonicalHash) => {
    // ASCII throughout (the re-printed number and hex).
    const stringToSign = `${ALGORITHM}\n${parts.timestamp}\n${canonicalHash}`;
    return whenReady(hmacSha256Hex(provider, parts.secret, [stringToSign]), (signature) => ({
      canonicalRequest: canonicalBytes ? utf8Text(canonicalBytes) : canonical,
      stringToSign,
      signature,
    }));
  });
}

function sign(provider: SigningProvider, c: ReadCase): MaybePromise<SignResult> {
  const keyId = readKeyId(c.keyId);
  const timestampText = c.timestamp ?? String(Math.floor(Date.now() / 1000));
  const timestamp = castInt64Decimal(timestampText);
  if (timestamp === "0") {
    throw new PanelsigError("invalid_timestamp", "timestamp", `the server reads ${shownValue(timestampText)} as 0 and rejects it; give Unix seconds`);
  }
  const { request } = c;
  const path = toBinaryString(canonicalPath(decodedPath(request.rawPath), c.options.entrance));
  const query = request.rawQuery === undefined ? "" : canonicalQuery(request.rawQuery);
  return whenReady(sha256Hex(provider, [request.body]), (bodyHash) => {
    const parts = { method: request.method, canonicalPath: path, canonicalQuery: query, bodyHash, timestamp, secret: c.secret };
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

// ---- The receiver.

// The server's own texts (pkg/embed/locales at commit f26cae5); %s is the scan error or the ip.
// Written out (no spreads) so that a bundle of `sign` can drop the table.

const ANSWERS: Readonly<Record<string, AnswerEntry>> = {
  entrance_mismatch: ["entrance_mismatch", 418],
  entrance_page: ["missing_headers", 418],
  login_redirect: ["missing_headers", 302],
  session_expired: ["missing_headers", 401, "session expired, please login again", "会话已过期，请重新登录", "工作階段已過期，請重新登入"],
  websocket_not_allowed: ["websocket_not_allowed", 403, "ws not allowed", "不允许 ws", "不允許 ws"],
  malformed_authorization: ["malformed_authorization", 401, "invalid header: %s", "无效的请求头： %s", "無效的請求標頭：%s"],
  unsupported_algorithm: ["unsupported_algorithm", 401, "invalid signature", "无效的签名", "無效的簽名"],
  unknown_key: ["unknown_key", 401, "invalid signature", "无效的签名", "無效的簽名"],
  token_expired: ["token_expired", 401, "token expired", "令牌已过期", "令牌已過期"],
  signature_mismatch: ["signature_mismatch", 401, "invalid signature", "无效的签名", "無效的簽名"],
  timestamp_invalid: ["timestamp_invalid", 401, "signature expired", "签名已过期", "簽名已過期"],
  timestamp_expired: ["timestamp_expired", 401, "signature expired", "签名已过期", "簽名已過期"],
  ip_not_allowed: ["ip_not_allowed", 401, "invalid request ip: %s", "无效的请求 IP：%s", "無效的請求 IP：%s"],
  body_too_large: TOO_LARGE,
  body_incomplete: INCOMPLETE,
  bad_path: BAD_PATH,
};

/** Where the entrance itself, asked for without a session, is redirected. */
const LOGIN_PAGE = "/login";

/** The server's answer; a refusal by the entrance middleware takes the form entranceError says. */
function answer(outcome: Outcome, own: AcepanelSettings, detail: string): Answer {
  const a = tableAnswer(ANSWERS, outcome, own.locale, detail);
  if (a.status === 418 && own.entranceError !== "418") return own.entranceError === "nginx" ? { error: a.error, status: 404 } : { error: a.error, connectionClosed: true };
  if (outcome === "login_redirect") return { error: a.error, status: a.status, location: LOGIN_PAGE };
  return a;
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
async function verify(provider: CryptoProvider, message: HttpMessage, common: CommonSettings, own: AcepanelSettings): Promise<Verdict> {
  const { rawPath, rawQuery } = splitTarget(message.target);
  const decoded = goUnescape(rawPath, "path");
  if (decoded === undefined) return { outcome: "bad_path" };
  const { entrance } = own;
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

  const scanned = readAuthorization(authorization);
  if (!scanned.ok) return { outcome: "malformed_authorization", detail: scanned.error };
  const [algorithm, keyId, signature] = scanned.values as [string, string, string];
  if (algorithm !== ALGORITHM) return { outcome: "unsupported_algorithm" };
  const lookup = own.token(keyId);
  const record = isPromiseLike(lookup) ? await lookup : lookup;
  if (record === undefined) return { outcome: "unknown_key" };
  const token = readToken(record, keyId);
  if (token.expiresAt !== undefined && token.expiresAt < common.now) return { outcome: "token_expired" };

  const hashed = hashBody(provider, message.body, common.limits);
  const body = isPromiseLike(hashed) ? await hashed : hashed;
  if (body.failed) return { outcome: body.failed };
  const timestampText = headerValue(message.headers, "X-Timestamp");
  const timestamp = castInt64Decimal(timestampText);
  const parts: AcepanelParts = {
    method: message.method,
    canonicalPath: path,
    canonicalQuery: rawQuery === undefined ? "" : canonicalBinaryQuery(rawQuery),
    bodyHash: body.hash,
    timestamp,
    secret: token.secret,
  };
  const signed = acepanelSignature(provider, parts);
  const computed = isPromiseLike(signed) ? await signed : signed;
  const shown: Verdict = { canonicalRequest: computed.canonicalRequest, stringToSign: computed.stringToSign, expectedSignature: computed.signature };
  if (!timingSafeEqualText(signature, computed.signature)) {
    // The body, when it is at hand (in memory, or streamed and kept), for the diagnosis.
    const atHand = body.kept ?? (isInMemory(message.body) ? inMemoryBytes(message.body) : undefined);
    const mismatch: AcepanelMismatch = { received: signature, parts, computed, rawPath, rawQuery, path: decoded, entrance, timestampText, timestamp: BigInt(timestamp), bodyLength: atHand ? atHand.length : body.length!, body: atHand };
    shown.outcome = "signature_mismatch";
    shown.diagnose = () => diagnose(provider, mismatch);
    return shown;
  }
  if (timestamp === "0") return { outcome: "timestamp_invalid", ...shown };
  if (beforeWindow(timestamp, common.now)) return { outcome: "timestamp_expired", ...shown };

  if (token.ipWhitelist.length > 0) {
    if (message.clientIp === undefined) {
      throw new PanelsigError("invalid_option", "clientIp", `is required: token ${keyId} has an IP whitelist, so the client's address must be given`);
    }
    const ip = requestIp(message.clientIp, own.ipHeader ? headerValue(message.headers, own.ipHeader) : undefined);
    if (!ipAllowed(ip, token.ipWhitelist)) return { outcome: "ip_not_allowed", detail: binaryToText(ip), ...shown };
  }
  if (body.kept) shown.body = body.kept;
  return shown;
}

/** The server's window check on the int64 it read (decimal): older than 300 s before the clock. Numbers while they are exact. */
function beforeWindow(timestamp: string, now: number): boolean {
  const oldest = Math.floor(now) - TIMESTAMP_WINDOW_SECONDS;
  return timestamp.length <= 15 ? Number(timestamp) < oldest : BigInt(timestamp) < BigInt(oldest);
}

/**
 * A well-formed header (printable ASCII, one space each, a decimal id without leading zeros that
 * fits in 15 digits) is read by a regex; anything else by the Go scanner, for Go's exact errors.
 * On the inputs the regex takes, both give the same values (test/authorization.test.ts).
 */
const WELL_FORMED_AUTHORIZATION = /^([!-~]+) Credential=(0|[1-9][0-9]{0,14}), Signature=([!-~]+)$/;

export function readAuthorization(header: string): ReturnType<typeof goSscanf> {
  const m = WELL_FORMED_AUTHORIZATION.exec(header);
  return m ? { ok: true, values: [m[1]!, m[2]!, m[3]!] } : goSscanf(header, AUTHORIZATION_FORMAT);
}

/** `length`: a streamed body's (a body in memory has its bytes at hand for the diagnosis). */
type BodyHash = { failed: BodyFailure } | { failed?: undefined; hash: string; length: number | undefined; kept: Uint8Array | undefined };

/** hex(sha256(body)): a body in memory in one call (text as it is), a streamed one chunk by chunk as it arrives. */
function hashBody(provider: CryptoProvider, body: BodySource | string, limits: BodyLimits): MaybePromise<BodyHash> {
  if (isInMemory(body)) {
    if (overLimit(body, limits.maxBytes)) return { failed: "body_too_large" };
    const kept = limits.keep ? inMemoryBytes(body) : undefined;
    return whenReady(sha256Hex(provider, [body]), (hash) => ({ hash, length: undefined, kept }));
  }
  return hashStream(provider, body, limits);
}

async function hashStream(provider: CryptoProvider, body: BodyStream, limits: BodyLimits): Promise<BodyHash> {
  const hash = provider.createSha256();
  const read = await readBody(body, (chunk) => hash.update(chunk), limits);
  if (read.failed) return read;
  return { hash: toHex(await hash.digest()), length: read.length, kept: read.bytes };
}

/** A token record from the author's lookup, checked: a broken record is a programmer error. */
function readToken(token: unknown, keyId: string): { secret: Uint8Array; expiresAt: number | undefined; ipWhitelist: readonly string[] } {
  const field = `options.token("${keyId}")`;
  if (!isRecord(token)) throw new PanelsigError("invalid_option", field, "must return { secret, expiresAt?, ipWhitelist? } or undefined");
  const { expiresAt, ipWhitelist } = token;
  if (expiresAt !== undefined && (typeof expiresAt !== "number" || Number.isNaN(expiresAt))) {
    throw new PanelsigError("invalid_option", `${field}.expiresAt`, "must be Unix seconds");
  }
  if (ipWhitelist !== undefined && (!Array.isArray(ipWhitelist) || !ipWhitelist.every((e) => typeof e === "string"))) {
    throw new PanelsigError("invalid_option", `${field}.ipWhitelist`, "must be an array of IPs and CIDR blocks (strings)");
  }
  return { secret: readSecret(token.secret, `${field}.secret`), expiresAt, ipWhitelist: ipWhitelist ?? [] };
}

// ---- Diagnosis: the mistakes AcePanel clients make, tried after a signature mismatch (diagnosis.ts):
// each changes one part of the canonical request or the string to sign as a known client gets it
// wrong — the seed docs' PHP, Python, Node and Java examples, clients that read the clock twice,
// hex-decode the secret or re-serialise the body. Specific mistakes come before the general ones
// they are cases of ("query unsorted" before "query as sent"): the first match wins.

/** What the verifier knew when the signature did not match (binary strings: one char per byte). */
interface AcepanelMismatch {
  received: string;
  /** The parts the receiver signed, and what it computed from them. */
  parts: AcepanelParts;
  computed: AcepanelIntermediates;
  rawPath: string;
  rawQuery: string | undefined;
  /** The whole decoded path, entrance included; the entrance normalised. */
  path: string;
  entrance: string;
  timestampText: string;
  timestamp: bigint;
  bodyLength: number;
  /** The body, when its bytes are at hand (in memory, or kept). */
  body: Uint8Array | undefined;
}

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const NOT_SENT_BODIES = ["{}", "[]"];

async function diagnose(provider: CryptoProvider, m: AcepanelMismatch): Promise<Diagnosis | undefined> {
  const { computed } = m;
  const shown = computed.canonicalRequest === undefined ? { stringToSign: computed.stringToSign } : { canonicalRequest: computed.canonicalRequest, stringToSign: computed.stringToSign };
  return upperCaseSignature(m.received, computed.signature, shown) ?? firstMatch(m.received, [key(m.parts)], candidates(provider, m));
}

function key(p: AcepanelParts): string {
  return `${p.method}\n${p.canonicalPath}\n${p.canonicalQuery}\n${p.bodyHash}\n${p.timestamp}\n${latin1(p.secret as Uint8Array)}`;
}

function* candidates(provider: CryptoProvider, m: AcepanelMismatch): Generator<Candidate> {
  const p = m.parts;
  const candidate = (mistake: string, summary: string, change: Partial<AcepanelParts>): Candidate => {
    const parts = { ...p, ...change };
    return { mistake, summary, key: key(parts), recompute: () => recompute(provider, parts) };
  };

  for (const method of [m.parts.method.toUpperCase(), m.parts.method.toLowerCase()]) {
    yield candidate("method-case", `your client signed the method as ${shownValue(method)} but sent ${shownValue(p.method)}; the receiver signs the method exactly as sent`, { method });
  }

  const rawRest = stripEntrance(m.rawPath, m.entrance);
  if (rawRest !== undefined) {
    yield candidate("path-as-sent", "your client signed the path as sent, percent-encoded; the receiver signs it percent-decoded", { canonicalPath: rawRest });
    yield candidate("path-whatwg", "your client signed the path as the WHATWG URL class encodes it (new URL().pathname); the receiver signs it percent-decoded", {
      canonicalPath: whatwgEncoded(rawRest, "path"),
    });
  }
  yield candidate("path-decoded-as-text", "your client decoded the path as UTF-8 text, so bytes that are not UTF-8 became U+FFFD; the receiver signs the decoded bytes as they are", {
    canonicalPath: lossyUtf8(p.canonicalPath),
  });
  const api = m.path.indexOf("/api");
  if (api > 0) {
    yield candidate("path-cut-at-first-api", `your client cut the path at its first "/api"; the receiver removes the entrance ${shownValue(m.entrance)} and signs the rest`, {
      canonicalPath: m.path.slice(api),
    });
  }
  yield candidate("entrance-not-stripped", `your client signed the path with the entrance ${shownValue(m.entrance)}; the receiver signs the path after it`, { canonicalPath: m.path });

  if (m.rawQuery !== undefined) yield* queryCandidates(m.rawQuery, p.canonicalQuery, candidate);

  if (m.bodyLength > 0) yield candidate("body-signed-empty", "your client hashed an empty body but sent a body; hash the exact bytes you send", { bodyHash: EMPTY_SHA256 });
  const bodies = m.bodyLength === 0 ? NOT_SENT_BODIES.map((text) => ({ mistake: "body-not-sent", summary: `your client hashed the body ${text} but sent no body; hash the exact bytes you send`, body: utf8(text) })) : [];
  if (m.body && m.body.length <= DIAGNOSIS_MAX_BODY_BYTES) bodies.push(...jsonBodyMistakes(m.body));
  for (const form of bodies) {
    // The body's hash is known only once computed: the key names the body itself.
    const parts = { ...p, bodyHash: "" };
    yield {
      mistake: form.mistake,
      summary: form.summary,
      key: `${key(parts)}\n${latin1(form.body)}`,
      recompute: () => whenReady(sha256Hex(provider, [form.body]), (bodyHash) => recompute(provider, { ...parts, bodyHash })),
    };
  }

  yield candidate("timestamp-text", `your client signed the X-Timestamp text ${shownValue(m.timestampText)}; the receiver signs the number it reads from it, re-printed (${p.timestamp})`, {
    timestamp: m.timestampText,
  });
  if (m.timestamp > 0n) {
    for (const skew of SKEW_SECONDS) yield candidate("timestamp-skew", skewSummary(skew), { timestamp: (m.timestamp + BigInt(skew)).toString() });
  }
  for (const { mistake, summary, key: secret } of secretMistakes(p.secret as Uint8Array)) yield candidate(mistake, summary, { secret });
}

type Make = (mistake: string, summary: string, change: Partial<AcepanelParts>) => Candidate;

/** The query lines a client may have signed instead of Go's url.Values.Encode(). */
function* queryCandidates(rawQuery: string, canonical: string, candidate: Make): Generator<Candidate> {
  const pairs = sentPairs(rawQuery);
  if (pairs === undefined) return;
  const q = (mistake: string, summary: string, canonicalQuery: string) => candidate(mistake, summary, { canonicalQuery });
  yield q("query-unsorted", "your client signed the query in the order sent; the receiver sorts it by key", pairs.map(([k, v]) => `${goQueryEscape(k)}=${goQueryEscape(v)}`).join("&"));
  yield q("query-space-percent-20", 'your client encoded a space in the query as %20; the receiver writes it as "+"', canonical.replaceAll("+", "%20"));
  yield q("query-lowercase-hex", "your client wrote the query's percent escapes in lower-case hex; the receiver writes upper-case (%E4, not %e4)", canonical.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()));
  const reserved = "your client escaped the query the JavaScript way (*!'() left as they are, or ~ escaped); the receiver escapes *!'() and leaves ~ (Go's url.QueryEscape)";
  yield q("query-escapes", reserved, canonical.replace(/%(?:21|27|28|29|2A)/g, (e) => String.fromCharCode(parseInt(e.slice(1), 16))));
  yield q("query-escapes", reserved, canonical.replaceAll("~", "%7E"));
  yield q("query-key-without-equals", 'your client signed a key without a value as "key"; the receiver writes "key="', canonical.split("&").map((pair) => (pair.endsWith("=") ? pair.slice(0, -1) : pair)).join("&"));
  yield q("query-as-sent", "your client signed the query as sent; the receiver sorts it and re-encodes it the Go way (url.Values.Encode)", rawQuery);
  const decoded = goUnescape(rawQuery, "path");
  if (decoded !== undefined) yield q("query-decoded", "your client signed the query percent-decoded; the receiver sorts it and re-encodes it the Go way (url.Values.Encode)", decoded);
  yield q("query-whatwg", "your client signed the query as the WHATWG URL class encodes it (new URL().search); the receiver sorts it and re-encodes it the Go way", whatwgEncoded(rawQuery, "query"));
  yield q("query-omitted", "your client left the query out of the canonical request; the receiver signs it, sorted and re-encoded, on the third line", "");
}

/** The query's pairs decoded in the order sent, as Go's url.ParseQuery keeps them; undefined when Go drops the whole query. */
function sentPairs(rawQuery: string): [string, string][] | undefined {
  const split = rawQuery.split("&");
  if (split.length > GO_MAX_QUERY_PARAMS) return undefined;
  const pairs: [string, string][] = [];
  for (const pair of split) {
    if (pair === "" || pair.includes(";")) continue;
    const eq = pair.indexOf("=");
    const k = goUnescape(eq < 0 ? pair : pair.slice(0, eq), "query");
    const v = goUnescape(eq < 0 ? "" : pair.slice(eq + 1), "query");
    if (k !== undefined && v !== undefined) pairs.push([k, v]);
  }
  return pairs;
}

function recompute(provider: CryptoProvider, parts: AcepanelParts) {
  return whenReady(acepanelSignature(provider, parts), ({ canonicalRequest, stringToSign, signature }) =>
    canonicalRequest === undefined ? { signature, stringToSign } : { signature, canonicalRequest, stringToSign },
  );
}
