// What the two Opterius receivers share (the Agent and the Panel are one vendor's code): their
// options, the clock window, the answers and the error body. Their messages are panelsig's own
// (the receivers are not public; docs/verify-outcomes.md), in English only.

import { inMemoryBytes, isInMemory, overLimit, readBody, type BodyFailure, type BodyLimits, type BodySource, type BodyStream, type InMemoryBody } from "../body.ts";
import { binaryStringToBytes, isAscii, toHex, utf8 } from "../bytes.ts";
import { hmacSha256Hex } from "../digest-hex.ts";
import { createHmacSha256 } from "../hmac-stream.ts";
import { whenReady } from "../maybe-promise.ts";
import type { CryptoProvider, MaybePromise } from "../provider.ts";
import { BAD_PATH, INCOMPLETE, tableAnswer, TOO_LARGE, type AnswerEntry } from "../messages.ts";
import type { Outcome } from "../messages.ts";
import type { OptionRule } from "../scheme.ts";

/** The Opterius verifiers' own settings. */
export interface OpteriusSettings {
  /** Checked text (case.ts checkSecret): the HMAC key is its UTF-8, and a provider may key with text as it is. */
  secret: string;
  windowSeconds: number;
}

const DEFAULT_WINDOW_SECONDS = 300;

/** The secret is checked by checkSecret (invalid_secret, naming options.secret). */
export const SECRET_RULE: OptionRule = null;
// Number.isFinite is false for anything but a finite number (it does not convert).
export const WINDOW_RULE: OptionRule = ["a non-negative number of seconds", (v) => Number.isFinite(v) && (v as number) >= 0];

/** The settings from the checked secret and the window, the window's default filled in. */
export function opteriusSettings(secret: string, windowSeconds: unknown): OpteriusSettings {
  return { secret, windowSeconds: (windowSeconds as number | undefined) ?? DEFAULT_WINDOW_SECONDS };
}

/**
 * The clock check: the timestamp may differ from the receiver's clock by at most the window, in
 * either direction (the Agent's doc: "more than 5 minutes" is refused).
 */
export function outsideWindow(timestamp: number, now: number, windowSeconds: number): "timestamp_expired" | "timestamp_in_future" | undefined {
  if (timestamp < now - windowSeconds) return "timestamp_expired";
  if (timestamp > now + windowSeconds) return "timestamp_in_future";
  return undefined;
}

const ANSWERS: Readonly<Record<string, AnswerEntry>> = {
  missing_headers: ["missing_headers", 401, "missing signature headers"],
  timestamp_invalid: ["timestamp_invalid", 401, "invalid timestamp"],
  timestamp_expired: ["timestamp_expired", 401, "timestamp out of range"],
  timestamp_in_future: ["timestamp_in_future", 401, "timestamp out of range"],
  signature_mismatch: ["signature_mismatch", 401, "invalid signature"],
  replayed: ["replayed", 401, "request already used"],
  // panelsig's own: a replay store that cannot remember another signature refuses it.
  replay_store_full: ["replay_store_full", 503, "replay store full, try again later"],
  body_too_large: TOO_LARGE,
  body_incomplete: INCOMPLETE,
  bad_path: BAD_PATH,
};

export function opteriusAnswer(outcome: Outcome, _own: unknown, detail: string) {
  return tableAnswer(ANSWERS, outcome, "en", detail);
}

export function opteriusErrorBody(message: string) {
  return { contentType: "application/json", body: JSON.stringify({ error: message }) };
}

/**
 * The body's MAC after the prefix, or why the body could not be taken. `length` is a streamed
 * body's (a body in memory is at hand, measured only where needed); `kept` the bytes when kept.
 */
export type BodyMac = { failed: BodyFailure } | { failed?: undefined; signature: string; empty: boolean; length: number | undefined; kept: Uint8Array | undefined };

/**
 * hex(hmac(secret, PREFIX + BODY)), PREFIX one char per byte: a body in memory in one call (text
 * as it is), a streamed one chunk by chunk as it arrives (never held unless the caller keeps it).
 */
export function macPrefixedBody(provider: CryptoProvider, secret: string, prefix: string, body: BodySource | string, limits: BodyLimits): MaybePromise<BodyMac> {
  const prefixPart = isAscii(prefix) ? prefix : binaryStringToBytes(prefix);
  if (isInMemory(body)) {
    if (overLimit(body, limits.maxBytes)) return { failed: "body_too_large" };
    const empty = body.length === 0;
    const kept = limits.keep ? inMemoryBytes(body) : undefined;
    return whenReady(hmacSha256Hex(provider, secret, [prefixPart, body]), (signature) => ({ signature, empty, length: undefined, kept }));
  }
  return macStream(provider, secret, typeof prefixPart === "string" ? binaryStringToBytes(prefixPart) : prefixPart, body, limits);
}

async function macStream(provider: CryptoProvider, secret: string, prefix: Uint8Array, body: BodyStream, limits: BodyLimits): Promise<BodyMac> {
  const mac = await createHmacSha256(provider, utf8(secret));
  mac.update(prefix);
  const read = await readBody(body, (chunk) => mac.update(chunk), limits);
  if (read.failed) return read;
  return { signature: toHex(await mac.digest()), empty: read.length === 0, length: read.length, kept: read.bytes };
}

/** The body as the verifier can show and diagnose it: in memory, or streamed and kept (keepBody); never held for this alone. */
export function bodyAtHand(body: BodySource | string, kept: Uint8Array | undefined): InMemoryBody | undefined {
  return kept ?? (isInMemory(body) ? body : undefined);
}
