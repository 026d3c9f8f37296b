// A request body as the verifiers take it. One in memory (bytes, or a case object's text) is taken
// whole; a streamed one — a Web ReadableStream (Request.body) or any async iterable of bytes
// (Node's IncomingMessage is one) — is read chunk by chunk into a hash, never holding more than one
// chunk unless the caller asked to keep the bytes, and stopping as soon as the byte limit is passed. A source that fails while it is read (the client went away,
// sent bad chunking, the stream errored) is answered as incomplete, never thrown: what a client
// does must not make a verifier reject.

import { concatChunks, utf8, utf8Length } from "./bytes.ts";
import { PanelsigError } from "./errors.ts";

/**
 * A body as a server holds it: bytes in memory, a Web ReadableStream (Request.body), or any async
 * iterable of bytes (Node's IncomingMessage is one). It streams through the hash.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * createServer((req) => {
 *   const body: BodySource = req; // an IncomingMessage; request.body for a Web Request
 * });
 * ```
 */
export type BodySource = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** A body held whole in memory: its bytes, or text standing for its UTF-8 bytes (a case object's body, kept as text for the crypto). */
export type InMemoryBody = Uint8Array | string;

export function isInMemory(body: BodySource | string): body is InMemoryBody {
  return typeof body === "string" || body instanceof Uint8Array;
}

/** An in-memory body's bytes: text is encoded only here, where the bytes themselves are needed. */
export function inMemoryBytes(body: InMemoryBody): Uint8Array {
  return typeof body === "string" ? utf8(body) : body;
}

/** Whether an in-memory body passes the limit: text is measured only against a finite one. */
export function overLimit(body: InMemoryBody, maxBytes: number): boolean {
  if (typeof body !== "string") return body.length > maxBytes;
  return maxBytes !== Infinity && utf8Length(body) > maxBytes;
}

export interface BodyLimits {
  /** Bytes allowed; one more and reading stops. */
  maxBytes: number;
  /** Collect the bytes to hand back (bounded by maxBytes). */
  keep: boolean;
}

/** Why a body could not be taken: over the limit, or the source failed before its end. */
export type BodyFailure = "body_too_large" | "body_incomplete";

export type BodyRead =
  | { failed: BodyFailure }
  | { failed?: undefined; length: number; bytes: Uint8Array | undefined };

/** A body that arrives in chunks: a Web stream or any async iterable of bytes. */
export type BodyStream = Exclude<BodySource, Uint8Array>;

/** Feeds every chunk of a streamed body to `sink`; collects the bytes only when `keep`. (A body in memory never comes here: the schemes take it whole.) */
export async function readBody(source: BodyStream, sink: (chunk: Uint8Array) => void, limits: BodyLimits): Promise<BodyRead> {
  const kept: Uint8Array[] = [];
  let length = 0;
  const take = (chunk: unknown): boolean => {
    if (!(chunk instanceof Uint8Array)) {
      throw new PanelsigError("invalid_body", "body", `a body stream must yield bytes (Uint8Array), not ${typeof chunk}; do not set an encoding on it`);
    }
    length += chunk.length;
    if (length > limits.maxBytes) return false;
    sink(chunk);
    if (limits.keep) kept.push(chunk);
    return true;
  };
  const failed = isReadableStream(source) ? await readStream(source, take) : await readIterable(source, take);
  return failed ? { failed } : { length, bytes: limits.keep ? concatChunks(kept) : undefined };
}

type Take = (chunk: unknown) => boolean;

/** A Web stream, read to its end or cancelled; its reader's lock is released whatever happens. */
async function readStream(source: ReadableStream<Uint8Array>, take: Take): Promise<BodyFailure | undefined> {
  const reader = source.getReader();
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        return "body_incomplete"; // the stream errored: it is closed, nothing is left to read
      }
      if (next.done) return undefined;
      if (!take(next.value)) {
        await reader.cancel().catch(() => {}); // a source failing to cancel changes nothing: the answer is 413
        return "body_too_large";
      }
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Any other async iterable, stepped by hand: a for-await `break` would destroy a Node request, and
 * with it the socket the 413 answer has to go out on. An iterator that throws has finished.
 */
async function readIterable(source: AsyncIterable<Uint8Array>, take: Take): Promise<BodyFailure | undefined> {
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await iterator.next();
    } catch {
      return "body_incomplete";
    }
    if (next.done) return undefined;
    if (!take(next.value)) return "body_too_large";
  }
}

function isReadableStream(source: BodyStream): source is ReadableStream<Uint8Array> {
  return typeof (source as ReadableStream<Uint8Array>).getReader === "function";
}
