// Opterius Panel: a billing system (Opterius Commerce) calls the panel with
//   X-Signature = hex(hmac(api_token, TIMESTAMP + BODY)), TIMESTAMP Unix seconds.
// Method and path are NOT signed. The real client signs "{}" when it sends no body at all;
// the doc reads as signing "" (option emptyBody: ""). The verifier accepts both for an empty body,
// and can refuse a signature it has already accepted (the replay guard, see replay.ts).
// After a mismatch, the diagnosis tries the mistakes Panel clients make (at the end of this file).

import { inMemoryBytes, isInMemory } from "../body.ts";
import { binaryStringToBytes, concatBytes, timingSafeEqualText, utf8 } from "../bytes.ts";
import { checkSecret, type ReadCase } from "../case.ts";
import { DIAGNOSIS_MAX_BODY_BYTES, firstMatch, macCandidate, macKey, secretMistakes, skewSummary, SKEW_SECONDS, upperCaseSignature, type Candidate } from "../diagnosis.ts";
import { jsonBodyMistakes } from "../diagnosis-json.ts";
import { hmacSha256Hex } from "../digest-hex.ts";
import { PanelsigError, shownValue } from "../errors.ts";
import { goUnescape } from "../go-url.ts";
import { headerValue, splitTarget, type HttpMessage } from "../http-message.ts";
import { isPromiseLike, whenReady } from "../maybe-promise.ts";
import type { CryptoProvider, MaybePromise, SigningProvider } from "../provider.ts";
import { claimOutcome, type ReplayStore } from "../replay.ts";
import type { CommonSettings, SchemeSigner, SchemeVerifier, Verdict } from "../scheme.ts";
import { showPrefixedBody } from "../signed-bytes.ts";
import type { Diagnosis, HeaderPair, SignResult } from "../types.ts";
import type { CommonVerifyOptions } from "../verify-options.ts";
import { bodyAtHand, macPrefixedBody, SECRET_RULE, type BodyMac, opteriusAnswer, opteriusErrorBody, opteriusSettings, outsideWindow, WINDOW_RULE, type OpteriusSettings } from "./opterius.ts";

/**
 * The opterius-panel verifier's options: the panel's api token, its clock window, and the replay
 * guard this scheme needs (it signs neither method nor path).
 *
 * @example
 * ```ts
 * import { MemoryReplayStore, type OpteriusPanelVerifyOptions } from "@panelsig/core";
 * const options: OpteriusPanelVerifyOptions = { scheme: "opterius-panel", secret: process.env.PANEL_API_TOKEN!, replayStore: new MemoryReplayStore() };
 * ```
 */
export interface OpteriusPanelVerifyOptions extends CommonVerifyOptions {
  /** Always "opterius-panel". */
  scheme: "opterius-panel";
  /** The panel's api_token, as text. */
  secret: string;
  /** Allowed clock difference either way, seconds (default 300). */
  windowSeconds?: number;
  /** Refuse a signature already accepted inside the window (see docs/verifying.md). */
  replayStore?: ReplayStore;
}

export type PanelSettings = OpteriusSettings & { replayStore: ReplayStore | undefined };

/** What an empty body is signed as: "{}" by the real client (tried first), "" by the doc. */
const EMPTY_BODY_FORMS = ["{}", ""];

const UNIX_SECONDS = /^[0-9]+$/;

export const signer: SchemeSigner = {
  signOptions: { emptyBody: ['"{}" (the real client) or "" (the doc\'s reading)', (v) => v === "{}" || v === ""] },
  sign,
};

export const verifier: SchemeVerifier<PanelSettings, OpteriusPanelVerifyOptions> = {
  options: {
    secret: SECRET_RULE,
    windowSeconds: WINDOW_RULE,
    replayStore: ["an object with a claim(signature, expiresAt, now) method", (v) => typeof v === "object" && v !== null && typeof (v as ReplayStore).claim === "function"],
  },
  settings: (o) => panelSettings(checkSecret(o.secret, "options.secret"), o.windowSeconds, o.replayStore as ReplayStore | undefined),
  caseSettings: (credentials, context, replayStore) => panelSettings(credentials.secret, context.windowSeconds, replayStore),
  verify,
  answer: opteriusAnswer,
  errorBody: opteriusErrorBody,
  howToSign: 'sign HMAC-SHA256(api token, X-Timestamp + the exact body bytes; "{}" when no body is sent), in lower-case hex',
  contextAtSigning(timestamp) {
    const now = Number(timestamp); // not Unix seconds: the clock is left unset (the panel answers timestamp_invalid first)
    return { now: UNIX_SECONDS.test(timestamp) && Number.isFinite(now) ? now : undefined };
  },
};

function panelSettings(secret: string, windowSeconds: unknown, replayStore: ReplayStore | undefined): PanelSettings {
  const { secret: key, windowSeconds: window } = opteriusSettings(secret, windowSeconds);
  return { secret: key, windowSeconds: window, replayStore };
}

function sign(provider: SigningProvider, c: ReadCase): MaybePromise<SignResult> {
  const timestamp = c.timestamp ?? String(Math.floor(Date.now() / 1000));
  if (!UNIX_SECONDS.test(timestamp)) {
    throw new PanelsigError("invalid_timestamp", "timestamp", `${shownValue(timestamp)} is not Unix seconds in decimal`);
  }
  const { body } = c.request;
  // With no body, the empty-body form is signed; otherwise the body (text as it is).
  const signedBody = body.length > 0 ? body : (c.options.emptyBody ?? "{}");
  return whenReady(hmacSha256Hex(provider, c.secret, [timestamp, signedBody]), (signature): SignResult => {
    const headers: HeaderPair[] = [
      ["X-Timestamp", timestamp],
      ["X-Signature", signature],
      ["Accept", "application/json"],
    ];
    if (body.length > 0) headers.push(["Content-Type", "application/json"]);
    const result = showPrefixedBody({ headers } as SignResult, timestamp, signedBody);
    result.signature = signature;
    return result;
  });
}

/** The reference panel's answer (docs/verify-outcomes.md); a streamed body is MACed as it comes in. */
async function verify(provider: CryptoProvider, message: HttpMessage, common: CommonSettings, own: PanelSettings): Promise<Verdict> {
  const signature = headerValue(message.headers, "X-Signature");
  const timestamp = headerValue(message.headers, "X-Timestamp");
  if (!signature || !timestamp) return { outcome: "missing_headers" };
  if (!UNIX_SECONDS.test(timestamp)) return { outcome: "timestamp_invalid" };
  const late = outsideWindow(Number(timestamp), common.now, own.windowSeconds);
  if (late) return { outcome: late };

  // No body in memory: nothing to MAC but the empty-body forms below.
  const maced: MaybePromise<BodyMac> =
    isInMemory(message.body) && message.body.length === 0
      ? { signature: "", empty: true, length: undefined, kept: common.limits.keep ? inMemoryBytes(message.body) : undefined }
      : macPrefixedBody(provider, own.secret, timestamp, message.body, common.limits);
  const body = isPromiseLike(maced) ? await maced : maced;
  if (body.failed) return { outcome: body.failed };
  const atHand = bodyAtHand(message.body, body.kept);
  let shown: Verdict | undefined;
  const expected: Verdict[] = [];
  if (body.empty) {
    // An empty body may have been signed either way: the real client's "{}" first, the doc's "" only if needed.
    for (const form of EMPTY_BODY_FORMS) {
      // A streamed body that turned out empty was MACed as "" already.
      const computed = form === "" && body.signature !== "" ? body.signature : hmacSha256Hex(provider, own.secret, [timestamp, form]);
      const mac = isPromiseLike(computed) ? await computed : computed;
      const candidate = showPrefixedBody<Verdict>({}, timestamp, form);
      candidate.expectedSignature = mac;
      expected.push(candidate);
      if (timingSafeEqualText(signature, mac)) {
        shown = candidate;
        break;
      }
    }
  } else {
    // The string to sign holds the body: shown when the body is at hand (see bodyAtHand).
    const candidate: Verdict = atHand !== undefined ? showPrefixedBody({}, timestamp, atHand) : {};
    candidate.expectedSignature = body.signature;
    expected.push(candidate);
    if (timingSafeEqualText(signature, body.signature)) shown = candidate;
  }
  if (!shown) {
    const { rawPath } = splitTarget(message.target);
    const bytes = atHand === undefined ? undefined : inMemoryBytes(atHand);
    const mismatch: PanelMismatch = {
      received: signature,
      expected: expected.map(({ expectedSignature, ...signed }) => ({ signature: expectedSignature!, ...signed })),
      timestamp,
      method: message.method,
      path: goUnescape(rawPath, "path") ?? rawPath,
      rawPath,
      secret: utf8(own.secret),
      bodyLength: bytes ? bytes.length : body.length!,
      body: bytes,
    };
    return { outcome: "signature_mismatch", ...expected[0], diagnose: () => diagnose(provider, mismatch) };
  }
  const store = own.replayStore;
  const refused = store && claimOutcome(await store.claim(signature, Number(timestamp) + own.windowSeconds, common.now));
  if (refused) return { outcome: refused, ...shown };
  if (body.kept) shown.body = body.kept;
  return shown;
}

// ---- Diagnosis: the mistakes Panel clients make, tried after a signature mismatch (diagnosis.ts):
// an empty body signed for a body sent (the doc's "" reading) or a body signed for none sent, the
// method or path wrongly included (the Agent's formula), the body re-serialised (PHP json_encode
// against JSON.stringify), and the mistakes every scheme shares. Each candidate MACs
// TIMESTAMP + BODY once, so it needs the body's bytes: without them only "signed an empty body" is tried.

/** What the verifier knew when the signature did not match (binary strings: one char per byte). */
interface PanelMismatch {
  received: string;
  /** What the receiver accepts: one signature for a body, one per empty-body form for none. */
  expected: { signature: string; stringToSign?: string; stringToSignBase64?: string }[];
  timestamp: string;
  method: string;
  /** The decoded path and the path as sent. */
  path: string;
  rawPath: string;
  secret: Uint8Array;
  bodyLength: number;
  body: Uint8Array | undefined;
}

/** What the receiver accepts for no body ("{}" and ""), and what else a client may sign then. */
const EMPTY_FORMS = ["{}", ""];
const NOT_SENT_BODIES = ["[]", "null"];

async function diagnose(provider: CryptoProvider, m: PanelMismatch): Promise<Diagnosis | undefined> {
  for (const { signature, ...shown } of m.expected) {
    const upper = upperCaseSignature(m.received, signature, shown);
    if (upper) return upper;
  }
  const bodies = m.bodyLength === 0 ? EMPTY_FORMS.map(utf8) : m.body && m.body.length <= DIAGNOSIS_MAX_BODY_BYTES ? [m.body] : undefined;
  const serverKeys = (bodies ?? []).map((body) => macKey(m.secret, signed(m.timestamp, body)));
  return firstMatch(m.received, serverKeys, candidates(provider, m, bodies));
}

function signed(prefix: string, body: Uint8Array): Uint8Array {
  return concatBytes(binaryStringToBytes(prefix), body);
}

function* candidates(provider: CryptoProvider, m: PanelMismatch, bodies: Uint8Array[] | undefined): Generator<Candidate> {
  const mac = (mistake: string, summary: string, prefix: string, body: Uint8Array, key = m.secret) => macCandidate(provider, mistake, summary, key, signed(prefix, body));
  if (m.bodyLength > 0) yield mac("body-signed-empty", 'your client signed an empty body ("") but sent a body; sign the exact bytes you send', m.timestamp, new Uint8Array(0));
  if (!bodies) return;
  if (m.bodyLength === 0) {
    for (const text of NOT_SENT_BODIES) yield mac("body-not-sent", `your client signed the body ${text} but sent no body; with no body, sign {}`, m.timestamp, utf8(text));
  }
  const paths = m.rawPath === m.path ? [m.path] : [m.path, m.rawPath];
  for (const body of bodies) {
    yield mac("method-included", "your client signed the method too; the panel signs only X-Timestamp + body", m.timestamp + m.method, body);
    for (const path of paths) {
      yield mac("path-included", "your client signed the path too; the panel signs only X-Timestamp + body", m.timestamp + path, body);
      yield mac("method-path-included", "your client signed the method and path too (the Agent's formula); the panel signs only X-Timestamp + body", m.timestamp + m.method + path, body);
    }
  }
  if (m.bodyLength > 0) for (const form of jsonBodyMistakes(bodies[0]!)) yield mac(form.mistake, form.summary, m.timestamp, form.body);
  const seconds = Number(m.timestamp);
  for (const skew of SKEW_SECONDS) {
    if (seconds + skew >= 0) for (const body of bodies) yield mac("timestamp-skew", skewSummary(skew), String(seconds + skew), body);
  }
  for (const { mistake, summary, key } of secretMistakes(m.secret)) for (const body of bodies) yield mac(mistake, summary, m.timestamp, body, key);
}
