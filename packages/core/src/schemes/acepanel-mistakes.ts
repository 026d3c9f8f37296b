// The mistakes AcePanel clients make, as the diagnosis tries them after a signature mismatch (see
// diagnosis.ts): each changes one part of the canonical request or the string to sign as a known
// client gets it wrong — the seed docs' PHP, Python, Node and Java examples, clients that read the
// clock twice, hex-decode the secret or re-serialise the body. Specific mistakes come before the
// general ones they are cases of ("query unsorted" before "query as sent"): the first match wins.

import { DIAGNOSIS_MAX_BODY_BYTES, firstMatch, latin1, lossyUtf8, secretMistakes, skewSummary, SKEW_SECONDS, upperCaseSignature, whatwgEncoded, type Candidate } from "../diagnosis.ts";
import { jsonBodyMistakes } from "../diagnosis-json.ts";
import { toHex, utf8 } from "../bytes.ts";
import { GO_MAX_QUERY_PARAMS, goQueryEscape, goUnescape } from "../go-url.ts";
import { whenReady } from "../maybe-promise.ts";
import type { CryptoProvider } from "../provider.ts";
import type { Diagnosis } from "../types.ts";
import { acepanelSignature, stripEntrance, type AcepanelIntermediates, type AcepanelParts } from "./acepanel.ts";

/** What the verifier knew when the signature did not match (binary strings: one char per byte). */
export interface AcepanelMismatch {
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

export async function diagnoseAcepanel(provider: CryptoProvider, m: AcepanelMismatch): Promise<Diagnosis | undefined> {
  const { computed } = m;
  const shown = computed.canonicalRequest === undefined ? { stringToSign: computed.stringToSign } : { canonicalRequest: computed.canonicalRequest, stringToSign: computed.stringToSign };
  return upperCaseSignature(m.received, computed.signature, shown) ?? firstMatch(m.received, [key(m.parts)], candidates(provider, m));
}

function key(p: AcepanelParts): string {
  return `${p.method}\n${p.canonicalPath}\n${p.canonicalQuery}\n${p.bodyHash}\n${p.timestamp}\n${latin1(p.secret)}`;
}

function* candidates(provider: CryptoProvider, m: AcepanelMismatch): Generator<Candidate> {
  const p = m.parts;
  const candidate = (mistake: string, summary: string, change: Partial<AcepanelParts>): Candidate => {
    const parts = { ...p, ...change };
    return { mistake, summary, key: key(parts), recompute: () => recompute(provider, parts) };
  };

  for (const method of [m.parts.method.toUpperCase(), m.parts.method.toLowerCase()]) {
    yield candidate("method-case", `your client signed the method as ${JSON.stringify(method)} but sent ${JSON.stringify(p.method)}; the receiver signs the method exactly as sent`, { method });
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
    yield candidate("path-cut-at-first-api", `your client cut the path at its first "/api"; the receiver removes the entrance ${JSON.stringify(m.entrance)} and signs the rest`, {
      canonicalPath: m.path.slice(api),
    });
  }
  yield candidate("entrance-not-stripped", `your client signed the path with the entrance ${JSON.stringify(m.entrance)}; the receiver signs the path after it`, { canonicalPath: m.path });

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
      recompute: () => whenReady(provider.sha256(form.body), (hash) => recompute(provider, { ...parts, bodyHash: toHex(hash) })),
    };
  }

  yield candidate("timestamp-text", `your client signed the X-Timestamp text ${JSON.stringify(m.timestampText)}; the receiver signs the number it reads from it, re-printed (${p.timestamp})`, {
    timestamp: m.timestampText,
  });
  if (m.timestamp > 0n) {
    for (const skew of SKEW_SECONDS) yield candidate("timestamp-skew", skewSummary(skew), { timestamp: (m.timestamp + BigInt(skew)).toString() });
  }
  for (const { mistake, summary, key: secret } of secretMistakes(p.secret)) yield candidate(mistake, summary, { secret });
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
