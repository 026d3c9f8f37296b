// The diagnosis of a signature mismatch: the receiver recomputes the signature under each known
// client mistake of the scheme (a fixed catalogue, schemes/*-mistakes.ts) and names the first
// one that reproduces the received signature exactly. An HMAC match is no guess: without one,
// there is no diagnosis. It runs only after a rejection, and its work is bounded: at most
// MAX_CANDIDATES HMACs, each over the request's own signed bytes (a body only up to
// DIAGNOSIS_MAX_BODY_BYTES), so a rejected request costs at most a few dozen signatures more.

import { timingSafeEqualText, toBinaryString, toHex } from "./bytes.ts";
import { whenReady } from "./maybe-promise.ts";
import type { CryptoProvider, MaybePromise } from "./provider.ts";
import { showSignedBytes } from "./signed-bytes.ts";
import type { Diagnosis } from "./types.ts";

/** Candidates tried at most per rejection (every catalogue stays well under it). */
const MAX_CANDIDATES = 64;
/** Bodies re-signed (Opterius) or re-serialised (every scheme) only up to this size. */
export const DIAGNOSIS_MAX_BODY_BYTES = 64 * 1024;

/** What a candidate mistake makes the client sign: its signature and the mistaken intermediates. */
export interface Recomputed {
  signature: string;
  canonicalRequest?: string;
  stringToSign?: string;
  stringToSignBase64?: string;
}

/** One mistake of the catalogue, applied to this request; `key` identifies what it signs (duplicates are skipped). */
export interface Candidate {
  mistake: string;
  summary: string;
  key: string;
  recompute(): MaybePromise<Recomputed>;
}

/**
 * The first candidate whose signature equals the received one, in catalogue order, or undefined.
 * `serverKeys` are what the receiver itself signed: a candidate that signs the same is skipped.
 */
export async function firstMatch(received: string, serverKeys: readonly string[], candidates: Iterable<Candidate>): Promise<Diagnosis | undefined> {
  const seen = new Set(serverKeys);
  const limit = serverKeys.length + MAX_CANDIDATES;
  for (const candidate of candidates) {
    if (seen.has(candidate.key)) continue;
    seen.add(candidate.key);
    if (seen.size > limit) return undefined;
    const { signature, ...shown } = await candidate.recompute();
    if (timingSafeEqualText(received, signature)) {
      return { mistake: candidate.mistake, summary: candidate.summary, signature: received, ...shown };
    }
  }
  return undefined;
}

/** The received signature is the expected one in upper-case hex: the only mistake that costs no HMAC. */
export function upperCaseSignature(received: string, expected: string, shown: Omit<Recomputed, "signature">): Diagnosis | undefined {
  if (received === expected || received.toLowerCase() !== expected) return undefined;
  return {
    mistake: "signature-uppercase-hex",
    summary: "your client signed the right bytes but sent the signature in upper-case hex; the receiver compares lower-case hex exactly",
    signature: received,
    ...shown,
  };
}

/** The keys a client may have used instead of the secret's text, each with its mistake. */
export function secretMistakes(secret: Uint8Array): { mistake: string; summary: string; key: Uint8Array }[] {
  const out = [];
  const text = latin1(secret);
  if (/^(?:[0-9a-fA-F]{2})+$/.test(text)) {
    const decoded = new Uint8Array(text.length / 2);
    for (let i = 0; i < decoded.length; i++) decoded[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
    out.push({ mistake: "secret-hex-decoded", summary: "your client hex-decoded the secret; the receiver uses the secret's text as the key", key: decoded });
  }
  const newline = new Uint8Array(secret.length + 1);
  newline.set(secret);
  newline[secret.length] = 10;
  out.push({ mistake: "secret-trailing-newline", summary: "your client's secret ends with a newline (read from a file?); the receiver's does not", key: newline });
  return out;
}

/** The skewed timestamps tried, nearest first: a client that read its clock twice. */
export const SKEW_SECONDS = [1, -1, 2, -2, 3, -3, 4, -4, 5, -5];

export function skewSummary(skew: number): string {
  const n = Math.abs(skew);
  return `your client signed a timestamp ${n} second${n === 1 ? "" : "s"} ${skew > 0 ? "later" : "earlier"} than the X-Timestamp it sent; sign the very text you send`;
}

/** A key for the set of seen candidates: bytes as one char per byte. */
export function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

/** An Opterius candidate: the bytes the client MACed with this key. */
export function macCandidate(provider: CryptoProvider, mistake: string, summary: string, key: Uint8Array, signed: Uint8Array): Candidate {
  return {
    mistake,
    summary,
    key: macKey(key, signed),
    recompute: () => whenReady(provider.hmacSha256(key, signed), (mac) => ({ signature: toHex(mac), ...showSignedBytes(signed) })),
  };
}

/** What an Opterius MAC covers, as a key for the set of seen candidates. */
export function macKey(key: Uint8Array, signed: Uint8Array): string {
  return latin1(key) + "\u0000" + latin1(signed);
}

/** A client's WHATWG URL encoding of a path or query held as bytes (invalid UTF-8 read as U+FFFD). */
export function whatwgEncoded(binary: string, part: "path" | "query"): string {
  // Only a path that starts with a slash is appended to an origin as it is (OPTIONS * has none to encode).
  if (part === "path" && !binary.startsWith("/")) return binary;
  const text = lenientUtf8.decode(binaryBytes(binary));
  const url = new URL(part === "path" ? `http://h${text}` : `http://h/?${text}`);
  return part === "path" ? url.pathname : url.search.slice(1);
}

const lenientUtf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** A binary string's bytes in a fresh array (kept across awaits, unlike the pooled ones). */
function binaryBytes(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Bytes read as UTF-8 text with U+FFFD for invalid ones, back as a binary string. */
export function lossyUtf8(binary: string): string {
  return toBinaryString(lenientUtf8.decode(binaryBytes(binary)));
}
