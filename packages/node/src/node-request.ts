// Verifying a request straight off node:http (and Express, Fastify's raw request, Next's API
// routes...): IncomingMessage keeps what a Go server sees and a Web Request loses — the raw
// request-target, every header in order with its repeats, the TCP peer — and its body streams
// through the hash chunk by chunk.

import type { IncomingMessage } from "node:http";
import { peerAddress, verifyHttpWith, type HeaderPair, type VerifiedRequest, type VerifyOptions } from "@panelsig/core";
import { nodeProvider } from "./provider.ts";

/**
 * Verifies a Node request before anything else reads its body. The client address is the socket's
 * peer. On failure, answer with `result.rejection`. Never throws because of what the client sent;
 * throws a PanelsigError only for a mistake in `options`.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { verifyNodeRequest } from "@panelsig/node";
 *
 * createServer(async (req, res) => {
 *   const r = await verifyNodeRequest(req, { scheme: "opterius-agent", secret: process.env.AGENT_SECRET!, keepBody: true });
 *   if (!r.valid) return void res.writeHead(r.rejection!.status, r.rejection!.headers).end(r.rejection!.body);
 *   const account = JSON.parse(new TextDecoder().decode(r.body)); // the verified bytes
 *   res.end(JSON.stringify({ created: account.username }));
 * }).listen(7443, "127.0.0.1");
 * ```
 */
export function verifyNodeRequest(req: IncomingMessage, options: VerifyOptions): Promise<VerifiedRequest> {
  const { remoteAddress, remotePort } = req.socket;
  const headers: HeaderPair[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  return verifyHttpWith(nodeProvider, {
    method: req.method ?? "GET",
    target: req.url ?? "/",
    headers,
    body: req,
    clientIp: remoteAddress === undefined ? undefined : peerAddress(remoteAddress, remotePort ?? 0),
  }, options);
}
