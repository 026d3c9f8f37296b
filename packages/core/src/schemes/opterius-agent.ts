// Opterius Agent: the panel calls its server agent (a Go program) with
//   X-Signature = hex(hmac(secret, TIMESTAMP + METHOD + PATH + BODY)), no separators,
// TIMESTAMP the X-Timestamp text (RFC 3339) exactly as sent, PATH the decoded path without the
// query (what the Go agent compares), BODY the exact bytes sent ("" when none).
// The doc writes "…Z"; the real panel (PHP Carbon) sends "…+00:00": both are valid and differ.
// The verifier signs the X-Timestamp text as received and parses it only for the window check.
// After a mismatch, the diagnosis tries the mistakes Agent clients make (at the end of this file).

import { inMemoryBytes } from "../body.ts";
import { binaryStringToBytes, concatBytes, timingSafeEqualText, toBinaryString, utf8 } from "../bytes.ts";
import { checkSecret, type ReadCase } from "../case.ts";
import { DIAGNOSIS_MAX_BODY_BYTES, firstMatch, macCandidate, macKey, secretMistakes, skewSummary, SKEW_SECONDS, upperCaseSignature, whatwgEncoded, type Candidate } from "../diagnosis.ts";
import { jsonBodyMistakes } from "../diagnosis-json.ts";
import { hmacSha256Hex } from "../digest-hex.ts";
import { shownValue } from "../errors.ts";
import { goUnescape } from "../go-url.ts";
import { headerValue, splitTarget, type HttpMessage } from "../http-message.ts";
import { isPromiseLike, whenReady } from "../maybe-promise.ts";
import type { CryptoProvider, MaybePromise, SigningProvider } from "../provider.ts";
import { decodedPath } from "../request.ts";
import { formatRfc3339, parseRfc3339 } from "../rfc3339.ts";
import type { CommonSettings, SchemeSigner, SchemeVerifier, Verdict } from "../scheme.ts";
import { showPrefixedBody } from "../signed-bytes.ts";
import type { Diagnosis, HeaderPair, SignResult } from "../types.ts";
import type { CommonVerifyOptions } from "../verify-options.ts";
import {
  bodyAtHand,
  macPrefixedBody,
  SECRET_RULE,
  opteriusAnswer,
  opteriusErrorBody,
  opteriusSettings,
  outsideWindow,
  WINDOW_RULE,
  type OpteriusSettings,
} from "./opterius.ts";

/**
 * The opterius-agent verifier's options: the agent's secret and its clock window.
 *
 * @example
 * ```ts
 * const options: OpteriusAgentVerifyOptions = { scheme: "opterius-agent", secret: process.env.AGENT_SECRET!, windowSeconds: 300 };
 * ```
 */
export interface OpteriusAgentVerifyOptions extends CommonVerifyOptions {
  /** Always "opterius-agent". */
  scheme: "opterius-agent";
  /** The agent's shared secret (secret_key), as text. */
  secret: string;
  /** Allowed clock difference either way, seconds (default 300). */
  windowSeconds?: number;
}

export const signer: SchemeSigner = {
  signOptions: { timestampForm: ['"Z" or "+00:00"', (v) => v === "Z" || v === "+00:00"] },
  sign,
};

export const verifier: SchemeVerifier<OpteriusSettings, OpteriusAgentVerifyOptions> = {
  options: { secret: SECRET_RULE, windowSeconds: WINDOW_RULE },
  settings: (o) => opteriusSettings(checkSecret(o.secret, "options.secret"), o.windowSeconds),
  caseSettings: (credentials, context) => opteriusSettings(credentials.secret, context.windowSeconds),
  verify,
  answer: opteriusAnswer,
  errorBody: opteriusErrorBody,
  howToSign: "sign HMAC-SHA256(secret, X-Timestamp text + method + decoded path without the query + the exact body bytes), in lower-case hex",
  // A timestamp the Agent cannot read leaves the clock unset: the verifier answers timestamp_invalid first.
  contextAtSigning: (timestamp) => ({ now: parseRfc3339(timestamp) }),
};

function sign(provider: SigningProvider, c: ReadCase): MaybePromise<SignResult> {
  // Signed verbatim, as the real panel signs whatever text it sends; a text the reference verifier
  // cannot read is the verifier's question (the closed Agent's parser is not known), so a warning.
  const timestamp = c.timestamp ?? formatRfc3339(Date.now() / 1000, c.options.timestampForm ?? "Z");
  const { request } = c;
  // Text throughout (the path decoded to text): its UTF-8 is the bytes Go signs.
  const prefix = timestamp + request.method + decodedPath(request.rawPath);
  const { body } = request;
  return whenReady(hmacSha256Hex(provider, c.secret, [prefix, body]), (signature): SignResult => {
    const headers: HeaderPair[] = [
      ["X-Signature", signature],
      ["X-Timestamp", timestamp],
      ["Content-Type", "application/json"],
    ];
    const result = showPrefixedBody({ headers } as SignResult, toBinaryString(prefix), body);
    result.signature = signature;
    if (parseRfc3339(timestamp) === undefined) {
      result.warnings = [
        `timestamp ${shownValue(timestamp)} is signed verbatim, but Go's time.Parse(time.RFC3339) refuses it ` +
          "(YYYY-MM-DDThh:mm:ss, upper-case T and Z, seconds 00-59): panelsig's verify answers timestamp_invalid",
      ];
    }
    return result;
  });
}

/** The reference Agent's answer (docs/verify-outcomes.md); a streamed body is MACed as it comes in. */
async function verify(provider: CryptoProvider, message: HttpMessage, common: CommonSettings, own: OpteriusSettings): Promise<Verdict> {
  const { rawPath, rawQuery } = splitTarget(message.target);
  const path = goUnescape(rawPath, "path");
  if (path === undefined) return { outcome: "bad_path" }; // Go's server answers 400 before any handler
  const signature = headerValue(message.headers, "X-Signature");
  const timestamp = headerValue(message.headers, "X-Timestamp");
  if (!signature || !timestamp) return { outcome: "missing_headers" };
  const time = parseRfc3339(timestamp);
  if (time === undefined) return { outcome: "timestamp_invalid" };
  const late = outsideWindow(time, common.now, own.windowSeconds);
  if (late) return { outcome: late };

  const prefix = timestamp + message.method + path;
  const maced = macPrefixedBody(provider, own.secret, prefix, message.body, common.limits);
  const body = isPromiseLike(maced) ? await maced : maced;
  if (body.failed) return { outcome: body.failed };
  // The string to sign holds the body: shown when the body is at hand (see bodyAtHand).
  const atHand = bodyAtHand(message.body, body.kept);
  const shown: Verdict = atHand !== undefined ? showPrefixedBody({}, prefix, atHand) : {};
  shown.expectedSignature = body.signature;
  if (!timingSafeEqualText(signature, body.signature)) {
    const bytes = atHand === undefined ? undefined : inMemoryBytes(atHand);
    const mismatch: AgentMismatch = {
      received: signature,
      expectedSignature: body.signature,
      prefix: { timestamp, method: message.method, path },
      rawPath,
      rawQuery,
      time,
      secret: utf8(own.secret),
      bodyLength: bytes ? bytes.length : body.length!,
      body: bytes,
      shown: atHand === undefined ? {} : shown.stringToSign !== undefined ? { stringToSign: shown.stringToSign } : { stringToSignBase64: shown.stringToSignBase64 },
    };
    shown.outcome = "signature_mismatch";
    shown.diagnose = () => diagnose(provider, mismatch);
    return shown;
  }
  if (body.kept) shown.body = body.kept;
  return shown;
}

// ---- Diagnosis: the mistakes Agent clients make, tried after a signature mismatch (diagnosis.ts):
// the doc's "Z" where the panel sends "+00:00" (or the reverse), the query kept in the path, the
// path encoded where the Agent decodes it, the body re-serialised, the method's case, and the
// mistakes every scheme shares. Each candidate MACs TIMESTAMP + METHOD + PATH + BODY once, so it
// needs the body's bytes: without them only "signed an empty body" is tried.

/** What precedes the body in the MAC; every part as Go holds it (one char per byte). */
interface AgentPrefix {
  timestamp: string;
  method: string;
  path: string;
}

/** What the verifier knew when the signature did not match (binary strings: one char per byte). */
interface AgentMismatch {
  received: string;
  expectedSignature: string;
  /** The receiver's prefix: the X-Timestamp text, the method, the decoded path. */
  prefix: AgentPrefix;
  rawPath: string;
  rawQuery: string | undefined;
  /** The instant X-Timestamp names, Unix seconds. */
  time: number;
  secret: Uint8Array;
  bodyLength: number;
  /** The body, when its bytes are at hand (in memory, or kept). */
  body: Uint8Array | undefined;
  /** The string to sign the receiver shows (when the body is at hand). */
  shown: { stringToSign?: string; stringToSignBase64?: string };
}

const NOT_SENT_BODIES = ["{}", "[]"];

function signedPrefix(p: AgentPrefix): Uint8Array {
  return binaryStringToBytes(p.timestamp + p.method + p.path);
}

async function diagnose(provider: CryptoProvider, m: AgentMismatch): Promise<Diagnosis | undefined> {
  const upper = upperCaseSignature(m.received, m.expectedSignature, m.shown);
  if (upper) return upper;
  // Without the body only its omission can be tried; with it, every mistake (bodies up to the bound).
  const body = m.bodyLength === 0 ? new Uint8Array(0) : m.body && m.body.length <= DIAGNOSIS_MAX_BODY_BYTES ? m.body : undefined;
  const serverKey = body ? macKey(m.secret, concatBytes(signedPrefix(m.prefix), body)) : "";
  return firstMatch(m.received, [serverKey], candidates(provider, m, body));
}

function* candidates(provider: CryptoProvider, m: AgentMismatch, body: Uint8Array | undefined): Generator<Candidate> {
  const p = m.prefix;
  if (m.bodyLength > 0) {
    yield macCandidate(provider, "body-signed-empty", "your client signed an empty body but sent a body; sign the exact bytes you send", m.secret, signedPrefix(p));
  }
  if (!body) return;
  const signing = (mistake: string, summary: string, change: Partial<AgentPrefix>, signedBody = body, key = m.secret) =>
    macCandidate(provider, mistake, summary, key, concatBytes(signedPrefix({ ...p, ...change }), signedBody));

  const other = p.timestamp.endsWith("Z") ? p.timestamp.slice(0, -1) + "+00:00" : p.timestamp.endsWith("+00:00") ? p.timestamp.slice(0, -6) + "Z" : undefined;
  if (other !== undefined) {
    yield signing("timestamp-form", `your client signed the timestamp as ${shownValue(other)} but sent ${shownValue(p.timestamp)}; sign the X-Timestamp text exactly as you send it`, { timestamp: other });
  }
  if (m.rawQuery !== undefined) {
    const summary = "your client signed the path with its query; the Agent signs the path without the query";
    yield signing("path-with-query", summary, { path: `${p.path}?${m.rawQuery}` });
    yield signing("path-with-query", summary, { path: `${m.rawPath}?${m.rawQuery}` });
  }
  yield signing("path-as-sent", "your client signed the path as sent, percent-encoded; the Agent (Go) signs it percent-decoded", { path: m.rawPath });
  yield signing("path-encoded", "your client signed the path percent-encoded (as the WHATWG URL class writes it); the Agent (Go) signs it percent-decoded", { path: whatwgEncoded(m.rawPath, "path") });
  for (const method of [p.method.toUpperCase(), p.method.toLowerCase()]) {
    yield signing("method-case", `your client signed the method as ${shownValue(method)} but sent ${shownValue(p.method)}; sign the method exactly as sent`, { method });
  }
  if (m.bodyLength === 0) {
    for (const text of NOT_SENT_BODIES) yield signing("body-not-sent", `your client signed the body ${text} but sent no body; sign the exact bytes you send ("" when none)`, {}, utf8(text));
  } else {
    for (const form of jsonBodyMistakes(body)) yield signing(form.mistake, form.summary, {}, form.body);
  }
  const form = p.timestamp.endsWith("Z") ? "Z" : p.timestamp.endsWith("+00:00") ? "+00:00" : undefined;
  if (form && p.timestamp.length === (form === "Z" ? 20 : 25)) {
    for (const skew of SKEW_SECONDS) yield signing("timestamp-skew", skewSummary(skew), { timestamp: formatRfc3339(m.time + skew, form) });
  }
  for (const { mistake, summary, key } of secretMistakes(m.secret)) yield signing(mistake, summary, {}, body, key);
}
