// The mistakes Opterius Panel clients make, as the diagnosis tries them after a signature mismatch
// (see diagnosis.ts): an empty body signed for a body sent (the doc's "" reading) or a body signed
// for none sent, the method or path wrongly included (the Agent's formula), the body re-serialised
// (PHP json_encode against JSON.stringify), and the mistakes every scheme shares. Each candidate
// MACs TIMESTAMP + BODY once, so it needs the body's bytes: without them only "signed an empty
// body" is tried.

import { binaryStringToBytes, concatBytes, utf8 } from "../bytes.ts";
import { DIAGNOSIS_MAX_BODY_BYTES, firstMatch, macCandidate, macKey, secretMistakes, skewSummary, SKEW_SECONDS, upperCaseSignature, type Candidate } from "../diagnosis.ts";
import { jsonBodyMistakes } from "../diagnosis-json.ts";
import type { CryptoProvider } from "../provider.ts";
import type { Diagnosis } from "../types.ts";

/** What the verifier knew when the signature did not match (binary strings: one char per byte). */
export interface PanelMismatch {
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

export async function diagnoseOpteriusPanel(provider: CryptoProvider, m: PanelMismatch): Promise<Diagnosis | undefined> {
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
