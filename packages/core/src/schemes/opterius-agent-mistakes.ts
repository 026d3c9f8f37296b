// The mistakes Opterius Agent clients make, as the diagnosis tries them after a signature mismatch
// (see diagnosis.ts): the doc's "Z" where the panel sends "+00:00" (or the reverse), the query kept
// in the path, the path encoded where the Agent decodes it, the body re-serialised, the method's
// case, and the mistakes every scheme shares. Each candidate MACs TIMESTAMP + METHOD + PATH + BODY
// once, so it needs the body's bytes: without them only "signed an empty body" is tried.

import { concatBytes, utf8 } from "../bytes.ts";
import { DIAGNOSIS_MAX_BODY_BYTES, firstMatch, macCandidate, macKey, secretMistakes, skewSummary, SKEW_SECONDS, upperCaseSignature, whatwgEncoded, type Candidate } from "../diagnosis.ts";
import { jsonBodyMistakes } from "../diagnosis-json.ts";
import type { CryptoProvider } from "../provider.ts";
import { formatRfc3339 } from "../rfc3339.ts";
import type { Diagnosis } from "../types.ts";
import { agentSignedPrefix, type AgentPrefix } from "./opterius-agent.ts";

/** What the verifier knew when the signature did not match (binary strings: one char per byte). */
export interface AgentMismatch {
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

export async function diagnoseOpteriusAgent(provider: CryptoProvider, m: AgentMismatch): Promise<Diagnosis | undefined> {
  const upper = upperCaseSignature(m.received, m.expectedSignature, m.shown);
  if (upper) return upper;
  // Without the body only its omission can be tried; with it, every mistake (bodies up to the bound).
  const body = m.bodyLength === 0 ? new Uint8Array(0) : m.body && m.body.length <= DIAGNOSIS_MAX_BODY_BYTES ? m.body : undefined;
  const serverKey = body ? macKey(m.secret, concatBytes(agentSignedPrefix(m.prefix), body)) : "";
  return firstMatch(m.received, [serverKey], candidates(provider, m, body));
}

function* candidates(provider: CryptoProvider, m: AgentMismatch, body: Uint8Array | undefined): Generator<Candidate> {
  const p = m.prefix;
  if (m.bodyLength > 0) {
    yield macCandidate(provider, "body-signed-empty", "your client signed an empty body but sent a body; sign the exact bytes you send", m.secret, agentSignedPrefix(p));
  }
  if (!body) return;
  const signing = (mistake: string, summary: string, change: Partial<AgentPrefix>, signedBody = body, key = m.secret) =>
    macCandidate(provider, mistake, summary, key, concatBytes(agentSignedPrefix({ ...p, ...change }), signedBody));

  const other = p.timestamp.endsWith("Z") ? p.timestamp.slice(0, -1) + "+00:00" : p.timestamp.endsWith("+00:00") ? p.timestamp.slice(0, -6) + "Z" : undefined;
  if (other !== undefined) {
    yield signing("timestamp-form", `your client signed the timestamp as ${JSON.stringify(other)} but sent ${JSON.stringify(p.timestamp)}; sign the X-Timestamp text exactly as you send it`, { timestamp: other });
  }
  if (m.rawQuery !== undefined) {
    const summary = "your client signed the path with its query; the Agent signs the path without the query";
    yield signing("path-with-query", summary, { path: `${p.path}?${m.rawQuery}` });
    yield signing("path-with-query", summary, { path: `${m.rawPath}?${m.rawQuery}` });
  }
  yield signing("path-as-sent", "your client signed the path as sent, percent-encoded; the Agent (Go) signs it percent-decoded", { path: m.rawPath });
  yield signing("path-encoded", "your client signed the path percent-encoded (as the WHATWG URL class writes it); the Agent (Go) signs it percent-decoded", { path: whatwgEncoded(m.rawPath, "path") });
  for (const method of [p.method.toUpperCase(), p.method.toLowerCase()]) {
    yield signing("method-case", `your client signed the method as ${JSON.stringify(method)} but sent ${JSON.stringify(p.method)}; sign the method exactly as sent`, { method });
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

