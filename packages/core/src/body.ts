// Reads a request body chunk by chunk into a hash, never holding more than one chunk unless the
// caller asked to keep the bytes, and stopping as soon as the byte limit is passed. A body may be
// bytes already in memory, a Web ReadableStream (Request.body) or any async iterable of bytes
// (Node's IncomingMessage is one).

import { concatChunks } from "./bytes.ts";
import { PanelsigError } from "./errors.ts";

export type BodySource = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface BodyLimits {
  /** Bytes allowed; one more and reading stops. */
  maxBytes: number;
  /** Collect the bytes to hand back (bounded by maxBytes). */
  keep: boolean;
}

export type BodyRead = { tooLarge: true } | { tooLarge: false; length: number; bytes: Uint8Array | undefined };

/** Feeds every chunk of `source` to `sink`; collects the bytes only when `keep`. */
export async function readBody(source: BodySource, sink: (chunk: Uint8Array) => void, limits: BodyLimits): Promise<BodyRead> {
  if (source instanceof Uint8Array) {
    if (source.length > limits.maxBytes) return { tooLarge: true };
    sink(source);
    return { tooLarge: false, length: source.length, bytes: limits.keep ? source : undefined };
  }
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
  if (isReadableStream(source)) {
    const reader = source.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!take(value)) {
        await reader.cancel();
        return { tooLarge: true };
      }
    }
  } else {
    // Stepped by hand: a for-await `break` would destroy a Node request, and with it the socket
    // the 413 answer has to go out on.
    const iterator = source[Symbol.asyncIterator]();
    for (;;) {
      const { done, value } = await iterator.next();
      if (done) break;
      if (!take(value)) return { tooLarge: true };
    }
  }
  return { tooLarge: false, length, bytes: limits.keep ? concatChunks(kept) : undefined };
}

function isReadableStream(source: BodySource): source is ReadableStream<Uint8Array> {
  return typeof (source as ReadableStream<Uint8Array>).getReader === "function";
}
