// @panelsig/middleware/hono in a real Hono 4 app on 127.0.0.1, served by the runtime's own
// server: @hono/node-server under Node, Deno.serve under Deno, Bun.serve under Bun.
import { createServer as createNodeServer } from "node:http";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VerifyRequestOptions } from "@panelsig/core";
import { panelsig, type PanelsigEnv } from "@panelsig/middleware/hono";
import { verifyRequest as nodeVerifyRequest } from "@panelsig/node";
import { ACE_SECRET, NOW, receivers, acepanelHeaders, send, sha256 } from "./helpers.ts";
import { receiverScenarios } from "./scenarios.ts";

const reached: string[] = [];
const errors: unknown[] = [];
const finished = new Map<string, () => void>();
const nodeVerified: (string | undefined)[] = [];
let port: number;
let stop: () => Promise<void>;

interface RuntimeServer {
  port: number;
  stop(): Promise<void>;
}
type Fetch = (request: Request) => Response | Promise<Response>;
const runtime = globalThis as unknown as {
  Deno?: { serve(options: { port: number; hostname: string; onListen(): void }, fetch: Fetch): { addr: { port: number }; shutdown(): Promise<void> } };
  Bun?: { serve(options: { port: number; hostname: string; fetch: Fetch }): { port: number; stop(force: boolean): Promise<void> } };
};

async function serve(fetch: Fetch): Promise<RuntimeServer> {
  if (runtime.Deno) {
    const server = runtime.Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, fetch);
    return { port: server.addr.port, stop: () => server.shutdown() };
  }
  if (runtime.Bun) {
    const server = runtime.Bun.serve({ port: 0, hostname: "127.0.0.1", fetch });
    return { port: server.port, stop: () => server.stop(true) };
  }
  const { getRequestListener } = await import("@hono/node-server");
  const server = createNodeServer(getRequestListener(fetch));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    stop: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

beforeAll(async () => {
  const app = new Hono<PanelsigEnv>();
  // Test instrumentation: tells when the middleware chain is done with a request (the aborted upload).
  app.use(async (c, next) => {
    try {
      await next();
    } finally {
      finished.get(c.req.header("x-test-id") ?? "")?.();
    }
  });
  for (const [name, options] of Object.entries(receivers())) app.use(`/${name}/*`, panelsig({ ...options, onError: (e) => errors.push(e) }));
  // The provider chosen by the author, and the client address a Request does not carry.
  for (const [name, whitelist] of [["ace-lan", "10.0.0.0/8"], ["ace-local", "127.0.0.1"]] as const) {
    app.use(
      `/${name}/*`,
      panelsig({
        scheme: "acepanel",
        token: () => ({ secret: ACE_SECRET, ipWhitelist: [whitelist] }),
        entrance: `/${name}`,
        now: () => NOW,
        clientIp: () => "127.0.0.1:40000",
        verifyRequest: (request: Request, options: VerifyRequestOptions) => (nodeVerified.push(options.clientIp), nodeVerifyRequest(request, options)),
      }),
    );
  }
  app.all("*", async (c) => {
    reached.push(c.req.path);
    const text = await c.req.text();
    const body = c.get("panelsig").body;
    return c.json({ valid: c.get("panelsig").valid, json: text === "" ? null : JSON.parse(text), bytes: body?.length ?? 0, sha256: body && sha256(body) });
  });
  ({ port, stop } = await serve(app.fetch));
});

afterAll(() => stop());

describe("Hono 4: app.use(panelsig())", () => {
  receiverScenarios({
    port: () => port,
    reached,
    errors,
    exchangeDone: (id) => new Promise((resolve) => finished.set(id, resolve)),
    oversized: { status: 413, type: "application/json", text: '{"error":"request body too large"}' },
  });

  it("verifies with the verifyRequest passed, given the client address from clientIp(c)", async () => {
    nodeVerified.length = 0;
    expect(await send(port, "GET", "/ace-lan/api/user/info", acepanelHeaders("GET", "/api/user/info"))).toMatchObject({
      status: 401,
      type: "application/json; charset=utf-8",
      text: '{"msg":"invalid request ip: 127.0.0.1"}',
    });
    expect((await send(port, "GET", "/ace-local/api/user/info", acepanelHeaders("GET", "/api/user/info"))).status).toBe(200);
    expect(nodeVerified).toEqual(["127.0.0.1:40000", "127.0.0.1:40000"]);
  });
});
