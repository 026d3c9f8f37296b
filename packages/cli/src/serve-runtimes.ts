// The Deno and Bun edges of `panelsig serve`: both hand the handler a Web Request already, so
// each is a few lines around Deno.serve or Bun.serve. Only the members used here are declared.

import { peerAddress } from "@panelsig/core";
import type { ServeHandler } from "./serve-handler.ts";
import type { Listening } from "./serve-node.ts";

interface DenoServer {
  finished: Promise<void>;
  shutdown(): Promise<void>;
}
interface DenoGlobal {
  serve(
    options: { hostname: string; port: number; onListen?: (addr: { port: number }) => void },
    handler: (request: Request, info: { remoteAddr: { hostname: string; port: number } }) => Promise<Response>,
  ): DenoServer;
}
interface BunServer {
  port: number;
  requestIP(request: Request): { address: string; port: number } | null;
  stop(closeActiveConnections?: boolean): Promise<void> | void;
}
interface BunGlobal {
  serve(options: {
    hostname: string;
    port: number;
    maxRequestBodySize: number;
    fetch(request: Request, server: BunServer): Promise<Response>;
  }): BunServer;
}

const BUN_DEFAULT_MAX_BODY = 128 * 1024 * 1024;

const runtime = globalThis as unknown as { Deno?: DenoGlobal; Bun?: BunGlobal };

/** "deno" or "bun" when running there, else undefined (Node). */
export function webRuntime(): "deno" | "bun" | undefined {
  return runtime.Deno ? "deno" : runtime.Bun ? "bun" : undefined;
}

export function listenDeno(handler: ServeHandler, port: number): Promise<Listening> {
  return new Promise((resolve) => {
    const server: DenoServer = runtime.Deno!.serve(
      { hostname: "127.0.0.1", port, onListen: (addr) => resolve({ port: addr.port, close: () => server.shutdown() }) },
      (request, info) => handler(request, peerAddress(info.remoteAddr.hostname, info.remoteAddr.port)),
    );
  });
}

export function listenBun(handler: ServeHandler, port: number, maxBodyBytes: number): Promise<Listening> {
  const server = runtime.Bun!.serve({
    hostname: "127.0.0.1",
    port,
    // Bun answers its own 413 past this, before the handler runs: keep it well above ours, so
    // that oversized bodies normally get the receiver's 413 from the handler.
    maxRequestBodySize: Math.max(2 * maxBodyBytes + 1, BUN_DEFAULT_MAX_BODY),
    fetch(request, s) {
      const peer = s.requestIP(request);
      return handler(request, peer ? peerAddress(peer.address, peer.port) : "");
    },
  });
  return Promise.resolve({ port: server.port, close: async () => void (await server.stop(true)) });
}
