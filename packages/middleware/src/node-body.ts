// Express and Fastify hand the middleware Node's IncomingMessage. verifyNodeRequest reads what a
// Go server sees (raw target, raw headers, TCP peer); the body comes through `body`, so that the
// request stream can be handed on afterwards.

import type { IncomingMessage } from "node:http";
import { PassThrough, Readable, pipeline } from "node:stream";
import type { VerifiedRequest, VerifyOptions } from "@panelsig/core";
import { verifyNodeRequest } from "@panelsig/node";

/**
 * verifyNodeRequest on `req` with its body read from `body` (by default `req` itself, through a
 * pass-through) and its request-target `target` (Express strips a mount path from req.url; the
 * client signed the whole path).
 */
export function verifyNodeBody(req: IncomingMessage, options: VerifyOptions, target = req.url, body: Readable = req): Promise<VerifiedRequest> {
  const tap = new PassThrough();
  // An aborted upload destroys `tap` with the error, so the verifier is never left waiting.
  pipeline(body, tap, () => {});
  // The headers are read on `req` itself: Bun builds them lazily, once, on whichever object asks.
  const view: IncomingMessage = Object.create(req, {
    url: { value: target },
    headers: { value: req.headers },
    rawHeaders: { value: req.rawHeaders },
    [Symbol.asyncIterator]: { value: () => tap[Symbol.asyncIterator]() },
  });
  return verifyNodeRequest(view, options);
}

/**
 * Makes a request whose body was read readable again, holding the verified bytes, so that a body
 * parser after the middleware (express.json(), ...) reads them as if nothing had. The stream
 * state is begun anew on the same object: Express hands every middleware that one object.
 */
export function refill(req: IncomingMessage, body: Uint8Array | undefined): void {
  (Readable as unknown as (this: Readable, options: { read(): void }) => void).call(req, { read() {} });
  if (body && body.length > 0) req.push(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  req.push(null);
}
