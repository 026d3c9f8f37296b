// What `panelsig serve` answers to one request read from the wire (serve-http.ts). Every request
// except serve's own pages under /__panelsig/ goes, exactly as received (method, raw target, header
// bytes, body), to core's case receiver: the receiver's credentials and state (the flags) read once
// as a case object's, each request answered as verify(case) answers it. So the receiver's rules
// and answers are core's: a failure gets the receiver's status and body, a success a JSON echo of
// what was verified. Requests whose Host is not the address serve listens on are refused first (DNS
// rebinding: a web page must not reach a server holding a real secret).

import { caseReceiverWith, howToSign, toHex, type CryptoProvider, type HeaderPair, type HttpMessage, type SchemeId, type VerifiedRequest, type VerifyContext } from "@panelsig/core";
import type { RawRequest } from "./serve-http.ts";
import { pageAnswer, PAGE_PATH } from "./serve-page.ts";
import { RecentRequests, type ReportEntry } from "./serve-report.ts";

/** serve's own pages live under this prefix; everything else is checked. */
export const PAGES_PREFIX = "/__panelsig/";
export const REPORT_PATH = `${PAGES_PREFIX}report`;

export interface ServeSettings {
  scheme: SchemeId;
  secret: string;
  /** acepanel: the token id, a decimal string. */
  keyId?: string;
  /** The receiver's state, as a case object's context (clientIp is each request's peer). */
  context: Omit<VerifyContext, "clientIp">;
  provider: CryptoProvider;
  /** Host header values accepted ("host:port", lower case); a name alone accepts it on any port. */
  allowedHosts: Set<string>;
  /** Show the expected signature (a value derived from the secret) in answers, the report and the log. */
  showSignatures: boolean;
  /** How many recent requests the report keeps. */
  reportSize: number;
  /** Told about each checked request (the terminal log). */
  onRequest?(entry: ReportEntry): void;
}

/** The response to send; `hangUp` closes the connection without one (AcePanel's entrance error "close"). */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
  close?: boolean;
  hangUp?: boolean;
}

/** One of serve's pages under /__panelsig/. */
export type Page = (request: RawRequest, state: { settings: ServeSettings; recent: RecentRequests }) => Answer;

export type ServeHandler = (request: RawRequest, peer: string) => Promise<Answer>;

const SIGNATURE_HEADERS = new Set(["x-timestamp", "x-signature", "authorization"]);
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Throws a PanelsigError naming the context field when core refuses the receiver's state. */
export function createServeHandler(settings: ServeSettings, pages: Record<string, Page> = { [REPORT_PATH]: reportPage, [PAGE_PATH]: livePage }): ServeHandler {
  const credentials = settings.keyId === undefined ? { secret: settings.secret } : { secret: settings.secret, keyId: settings.keyId };
  const receive = caseReceiverWith(settings.provider, { scheme: settings.scheme, credentials, context: settings.context });
  const state = { settings, recent: new RecentRequests(settings.reportSize), receive };
  return async (request, peer) => {
    if (!hostAllowed(settings.allowedHosts, request.host)) {
      return plain(403, `panelsig serve: Host ${JSON.stringify(request.host)} is not the address this server listens on; start it with --allow-host to accept it\n`);
    }
    // Go's server answers "OPTIONS *" itself, before any handler.
    if (request.method === "OPTIONS" && request.target === "*") return { status: 200, headers: {}, body: "" };
    const { path, query } = splitTarget(request.target);
    if (path.startsWith(PAGES_PREFIX)) {
      const page = pages[path];
      return page ? page(request, state) : plain(404, `panelsig serve: no page ${path}; the report is ${REPORT_PATH}\n`);
    }
    return check(state, request, peer, path, query);
  };
}

type State = { settings: ServeSettings; recent: RecentRequests; receive: (request: HttpMessage) => Promise<VerifiedRequest> };

async function check(state: State, request: RawRequest, peer: string, path: string, query: string | undefined): Promise<Answer> {
  const s = state.settings;
  const result = await state.receive({ method: request.method, target: request.target, headers: request.headers, body: request.body, clientIp: peer });
  const signatureHeaders: HeaderPair[] = [];
  for (const [name, value] of request.headers) if (isSignatureHeader(name)) signatureHeaders.push([name, text(value)]);
  const closed = (result as { connectionClosed?: boolean }).connectionClosed === true;
  const at = isoNow();
  const target = text(request.target);
  const entry: ReportEntry = result.valid
    ? { at, method: request.method, target, clientIp: peer, valid: true, status: 200, signatureHeaders }
    : { at, method: request.method, target, clientIp: peer, valid: false, error: result.error, message: result.message, status: closed ? 0 : result.status!, signatureHeaders };
  const expected: NonNullable<ReportEntry["expected"]> = {};
  if (result.canonicalRequest !== undefined) expected.canonicalRequest = result.canonicalRequest;
  if (result.stringToSign !== undefined) expected.stringToSign = result.stringToSign;
  if (result.stringToSignBase64 !== undefined) expected.stringToSignBase64 = result.stringToSignBase64;
  if (s.showSignatures && result.expectedSignature !== undefined) expected.signature = result.expectedSignature;
  if (result.canonicalRequest !== undefined || result.stringToSign !== undefined || result.stringToSignBase64 !== undefined) entry.expected = expected;
  if (!result.valid) entry.hint = hintFor(s.scheme, result.error!);
  if (result.diagnosis) entry.diagnosis = result.diagnosis;
  state.recent.add(entry);
  s.onRequest?.(entry);
  if (closed) return { status: 0, headers: {}, body: "", hangUp: true };
  if (!result.valid) {
    const { status, headers: answerHeaders, body } = result.rejection!;
    return { status, headers: answerHeaders, body, close: answerHeaders.Connection === "close" };
  }
  // A JSON echo of what was verified, written out (the intermediates as the report keeps them).
  const seen = `{"valid":true,"scheme":${JSON.stringify(s.scheme)},"method":${JSON.stringify(request.method)},"path":${JSON.stringify(text(path))},"query":${JSON.stringify(text(query ?? ""))}`;
  if (result.expectedSignature === undefined) return jsonText(200, `${seen},"note":"the receiver does not check this path (a public path, or outside /api)"}`);
  const digest = request.body.length === 0 ? EMPTY_SHA256 : toHex(await s.provider.sha256(request.body));
  const shown = JSON.stringify(expected);
  return jsonText(200, `${seen},"verifiedHeaders":${JSON.stringify(signatureHeaders)},"body":{"length":${request.body.length},"sha256":"${digest}"}${shown === "{}" ? "" : `,${shown.slice(1)}`}`);
}

/** x-timestamp, x-signature or authorization, in any case (the length is looked at first: most headers are none of them). */
function isSignatureHeader(name: string): boolean {
  return (name.length === 11 || name.length === 13) && SIGNATURE_HEADERS.has(name.toLowerCase());
}

function livePage(request: RawRequest, { settings, recent }: { settings: ServeSettings; recent: RecentRequests }): Answer {
  return pageAnswer(request.method, { scheme: settings.scheme, keyId: settings.keyId, entrance: settings.context.entrance }, recent.list(), REPORT_PATH);
}

function reportPage(request: RawRequest, { settings, recent }: { settings: ServeSettings; recent: RecentRequests }): Answer {
  if (request.method !== "GET" && request.method !== "HEAD") return { ...json(405, { error: `${REPORT_PATH} answers GET only` }), headers: { "Content-Type": "application/json", Allow: "GET" } };
  const { scheme, keyId, context } = settings;
  const body = { scheme, ...dropUndefined({ keyId }), ...context, requests: recent.list() };
  return { status: 200, headers: { "Content-Type": "application/json; charset=utf-8" }, body: JSON.stringify(body, null, 2) + "\n" };
}

let lastMs = 0;
let lastIso = "";

/** The time as ISO 8601, made once per millisecond (a busy server logs many requests in one). */
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

function hostAllowed(allowed: Set<string>, host: string): boolean {
  if (allowed.has(host)) return true;
  const lower = host.toLowerCase();
  if (allowed.has(lower)) return true;
  const port = /:[0-9]*$/.exec(lower);
  return port !== null && allowed.has(lower.slice(0, port.index));
}

/** The raw path and query of a request-target; an absolute form's scheme and authority dropped. */
function splitTarget(target: string): { path: string; query: string | undefined } {
  const authority = target.charCodeAt(0) === 47 ? null : /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?]*/.exec(target);
  const rest = authority ? target.slice(authority[0].length) : target;
  const q = rest.indexOf("?");
  return q < 0 ? { path: rest, query: undefined } : { path: rest.slice(0, q), query: rest.slice(q + 1) };
}

const NON_ASCII = /[\x80-\xff]/;

/** Bytes held one per char, read as UTF-8 text (what a case object carries; invalid bytes become U+FFFD). */
function text(binary: string): string {
  return NON_ASCII.test(binary) ? Buffer.from(binary, "latin1").toString("utf8") : binary;
}

function plain(status: number, body: string): Answer {
  return { status, headers: { "Content-Type": "text/plain; charset=utf-8" }, body };
}

function json(status: number, value: unknown): Answer {
  return jsonText(status, JSON.stringify(value));
}

function jsonText(status: number, body: string): Answer {
  return { status, headers: { "Content-Type": "application/json" }, body };
}

const HINTS: Record<string, string> = {
  missing_headers: "the signature headers are missing or empty (or, for acepanel, the path is under the entrance but carries no Authorization)",
  malformed_authorization: 'the Authorization header must read exactly "HMAC-SHA256 Credential=<id>, Signature=<hex>"',
  unsupported_algorithm: 'the algorithm must be exactly "HMAC-SHA256"',
  unknown_key: "the Credential id is not the token id this server was started with (--key-id)",
  token_expired: "the token has expired (--token-expires-at)",
  timestamp_invalid: "X-Timestamp is not a timestamp this scheme reads",
  timestamp_expired: "X-Timestamp is too old: use the current time (or the server's --now)",
  timestamp_in_future: "X-Timestamp is too far in the future: check the client's clock",
  ip_not_allowed: "the client address is not in the token's IP whitelist (--ip-whitelist, --ip-header)",
  websocket_not_allowed: "acepanel refuses signed requests to /api/ws…",
  entrance_mismatch: "the path is not under the entrance this server was started with (--entrance)",
  body_too_large: "the body is larger than --max-body",
  replayed: "this signature was already used",
};

function hintFor(scheme: SchemeId, error: string): string {
  return error === "signature_mismatch" ? howToSign(scheme) : (HINTS[error] ?? error);
}

function dropUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
