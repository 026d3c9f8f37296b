// The whole of `panelsig serve` as one Web-standard function, (Request, client address) →
// Response, so that it runs unchanged on Node (through serve-node.ts), Deno.serve and Bun.serve.
// Every request except the report is checked exactly as the real receiver checks it: a failure
// gets the receiver's status and error body; a success gets a JSON echo of what was verified.

import { toHex, verifyRequestWith, type CryptoProvider, type HeaderPair, type Locale, type SchemeId, type VerifyRequestOptions } from "@panelsig/core";
import { pageResponse, PAGE_PATH } from "./serve-page.ts";
import { RecentRequests, type ReportEntry } from "./serve-report.ts";

export const REPORT_PATH = "/__panelsig/report";

export interface ServeSettings {
  scheme: SchemeId;
  secret: string;
  /** acepanel: the token id, a decimal string. */
  keyId?: string;
  entrance?: string;
  windowSeconds?: number;
  locale?: Locale;
  maxBodyBytes: number;
  provider: CryptoProvider;
  /** How many recent requests the report keeps. */
  reportSize: number;
  /** Told about each checked request (the terminal log). */
  onRequest?(entry: ReportEntry): void;
}

export type ServeHandler = (request: Request, clientIp: string) => Promise<Response>;

const SIGNATURE_HEADERS = new Set(["x-timestamp", "x-signature", "authorization"]);

export function createServeHandler(settings: ServeSettings): ServeHandler {
  const recent = new RecentRequests(settings.reportSize);
  return async (request, clientIp) => {
    const url = new URL(request.url);
    if (url.pathname === REPORT_PATH) return reportResponse(request.method, settings, recent.list());
    if (url.pathname === PAGE_PATH) return pageResponse(request.method, settings, recent.list(), REPORT_PATH);
    const result = await verifyRequestWith(settings.provider, request, verifyOptions(settings, clientIp));
    const signatureHeaders: HeaderPair[] = [];
    request.headers.forEach((value, name) => SIGNATURE_HEADERS.has(name) && signatureHeaders.push([name, value]));
    const expected = dropUndefined({
      canonicalRequest: result.canonicalRequest,
      stringToSign: result.stringToSign,
      stringToSignBase64: (result as { stringToSignBase64?: string }).stringToSignBase64,
      signature: result.expectedSignature,
    });
    const entry: ReportEntry = {
      at: new Date().toISOString(),
      method: request.method,
      target: url.pathname + url.search,
      clientIp,
      valid: result.valid,
      ...(result.valid ? {} : { error: result.error, message: result.message }),
      status: result.valid ? 200 : result.status!,
      signatureHeaders,
      ...(Object.keys(expected).length ? { expected } : {}),
    };
    if (!result.valid) entry.hint = hintFor(settings.scheme, result.error!);
    if (result.diagnosis) entry.diagnosis = result.diagnosis;
    recent.add(entry);
    settings.onRequest?.(entry);
    if (!result.valid) {
      const { status, headers, body } = result.rejection!;
      return new Response(body === "" ? null : body, { status, headers });
    }
    const seen = { valid: true, scheme: settings.scheme, method: request.method, path: url.pathname, query: url.search.slice(1) };
    if (expected.signature === undefined) return Response.json({ ...seen, note: "the receiver does not check this path (a public path, or outside /api)" });
    const body = result.body ?? new Uint8Array(0);
    const digest = toHex(await settings.provider.sha256(body));
    return Response.json({ ...seen, verifiedHeaders: signatureHeaders, body: { length: body.length, sha256: digest }, ...expected });
  };
}

function verifyOptions(s: ServeSettings, clientIp: string): VerifyRequestOptions {
  const common = { maxBodyBytes: s.maxBodyBytes, keepBody: true, clientIp };
  if (s.scheme === "acepanel") {
    const token = { secret: s.secret };
    return { ...common, scheme: s.scheme, token: (id) => (id === s.keyId ? token : undefined), entrance: s.entrance, locale: s.locale };
  }
  return { ...common, scheme: s.scheme, secret: s.secret, windowSeconds: s.windowSeconds };
}

function reportResponse(method: string, settings: ServeSettings, requests: ReportEntry[]): Response {
  if (method !== "GET" && method !== "HEAD") return Response.json({ error: `${REPORT_PATH} answers GET only` }, { status: 405, headers: { Allow: "GET" } });
  const { scheme, keyId, entrance, maxBodyBytes, windowSeconds } = settings;
  const body = { scheme, ...dropUndefined({ keyId, entrance, windowSeconds }), maxBodyBytes, requests };
  return new Response(JSON.stringify(body, null, 2) + "\n", { headers: { "Content-Type": "application/json; charset=utf-8" } });
}

const HINTS: Record<string, string> = {
  missing_headers: "the signature headers are missing or empty (or, for acepanel, the path is under the entrance but carries no Authorization)",
  malformed_authorization: 'the Authorization header must read exactly "HMAC-SHA256 Credential=<id>, Signature=<hex>"',
  unsupported_algorithm: 'the algorithm must be exactly "HMAC-SHA256"',
  unknown_key: "the Credential id is not the token id this server was started with (--key-id)",
  token_expired: "the token has expired",

  timestamp_invalid: "X-Timestamp is not a timestamp this scheme reads",
  timestamp_expired: "X-Timestamp is too old: use the current time",
  timestamp_in_future: "X-Timestamp is too far in the future: check the client's clock",
  ip_not_allowed: "the client address is not in the token's IP whitelist",
  websocket_not_allowed: "acepanel refuses signed requests to /api/ws…",
  entrance_mismatch: "the path is not under the entrance this server was started with (--entrance)",
  body_too_large: "the body is larger than --max-body",
  replayed: "this signature was already used",
};

/** What a signature mismatch means, per scheme: what the client must have signed. */
const MISMATCH_HINTS: Record<SchemeId, string> = {
  acepanel:
    "compare your canonical request with expected.canonicalRequest line by line (method as sent, decoded path after the entrance, " +
    "query re-encoded and sorted the Go way, SHA-256 of the exact body), then HMAC expected.stringToSign with the token secret",
  "opterius-agent": "sign HMAC-SHA256(secret, X-Timestamp text + method + decoded path without the query + the exact body bytes), in lower-case hex",
  "opterius-panel": 'sign HMAC-SHA256(api token, X-Timestamp + the exact body bytes; "{}" when no body is sent), in lower-case hex',
};

function hintFor(scheme: SchemeId, error: string): string {
  return error === "signature_mismatch" ? MISMATCH_HINTS[scheme] : (HINTS[error] ?? error);
}

function dropUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
