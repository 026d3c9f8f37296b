// @panelsig/middleware/hono in a real Hono 4 app on 127.0.0.1, served by the runtime's own
// server: @hono/node-server under Node, Deno.serve under Deno, Bun.serve under Bun.
import { createServer as createNodeServer } from "node:http";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VerifyRequestOptions } from "@panelsig/core";
import { panelsig, type PanelsigEnv } from "@panelsig/middleware/hono";
import { verifyRequest as nodeVerifyRequest } from "@panelsig/node";
import { ACE_SECRET, NOW, receivers, abortUpload, acepanelHeaders, agentHeaders, panelHeaders, send, sha256 } from "./helpers.ts";

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
  it("accepts a signed POST; the route reads the body with c.req.text() and the verified bytes with c.get('panelsig')", async () => {
    const body = JSON.stringify({ username: "alice", domain: "alice.example.com" });
    const answer = await send(port, "POST", "/agent/account/create", agentHeaders("POST", "/agent/account/create", body), body);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ valid: true, json: { username: "alice", domain: "alice.example.com" }, bytes: body.length, sha256: sha256(body) });
  });

  it("accepts a signed GET with no body", async () => {
    const answer = await send(port, "GET", "/agent/status?verbose=1", agentHeaders("GET", "/agent/status"));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ valid: true, json: null });
  });

  it("answers each rejection with the real receiver's status, headers and body, and never reaches the route", async () => {
    const body = '{"a":1}';
    const before = reached.length;
    const cases: [string, Promise<unknown>, unknown][] = [
      ["missing headers", send(port, "POST", "/agent/x", {}, body), { status: 401, type: "application/json", text: '{"error":"missing signature headers"}' }],
      ["wrong signature", send(port, "POST", "/agent/x", agentHeaders("POST", "/agent/y", body), body), { status: 401, type: "application/json", text: '{"error":"invalid signature"}' }],
      ["stale timestamp", send(port, "POST", "/agent/x", agentHeaders("POST", "/agent/x", body, "2023-11-14T22:00:00Z"), body), { status: 401, type: "application/json", text: '{"error":"timestamp out of range"}' }],
      ["acepanel, no signature", send(port, "GET", "/ace/api/user/info", {}), { status: 418, text: "" }],
      ["acepanel signature", send(port, "GET", "/ace/api/user/info", acepanelHeaders("GET", "/api/user/other")), { status: 401, type: "application/json; charset=utf-8", text: '{"msg":"invalid signature"}' }],
    ];
    for (const [what, answer, expected] of cases) expect({ what, ...((await answer) as object) }).toMatchObject({ what, ...(expected as object) });
    expect(reached.length).toBe(before);
  });

  it("acepanel: the path as signed, the entrance cut", async () => {
    expect((await send(port, "GET", "/ace/api/user/info", acepanelHeaders("GET", "/api/user/info"))).status).toBe(200);
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

  it("opterius-panel: a replayed request is refused (401 request already used)", async () => {
    const body = '{"invoice":42}';
    const headers = panelHeaders(body);
    expect((await send(port, "POST", "/panel/hook", headers, body)).status).toBe(200);
    expect(await send(port, "POST", "/panel/other", headers, body)).toMatchObject({ status: 401, type: "application/json", text: '{"error":"request already used"}' });
  });

  it("fails closed with 503 when the replay store cannot answer; onError is told", async () => {
    const body = '{"invoice":43}';
    errors.length = 0;
    expect(await send(port, "POST", "/panel-down/hook", panelHeaders(body), body)).toMatchObject({ status: 503, type: "application/json", text: '{"error":"replay guard unavailable"}' });
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(["replay_store_unavailable"]);
  });

  it("answers 500 without details when the token lookup throws; onError gets the error", async () => {
    errors.length = 0;
    expect(await send(port, "GET", "/ace-broken/api/user/info", acepanelHeaders("GET", "/api/user/info"))).toMatchObject({
      status: 500,
      type: "application/json; charset=utf-8",
      text: '{"msg":"internal error"}',
    });
    expect(errors.map((e) => (e as Error).message)).toEqual(["token database unreachable"]);
  });

  it("a body over maxBodyBytes: 413 with the receiver's body", async () => {
    const body = JSON.stringify({ pad: "x".repeat(4096) });
    expect(await send(port, "POST", "/agent/big", agentHeaders("POST", "/agent/big", body), body)).toMatchObject({
      status: 413,
      type: "application/json",
      text: '{"error":"request body too large"}',
    });
  });

  it("an aborted upload reaches no route, and the server goes on answering", async () => {
    const before = reached.length;
    const done = new Promise<void>((resolve) => finished.set("abort", resolve));
    await abortUpload(port, "/agent/upload", { ...agentHeaders("POST", "/agent/upload", "x".repeat(500)), "X-Test-Id": "abort" }, 500, 10);
    await done;
    expect(reached.length).toBe(before);
    const body = '{"after":"abort"}';
    expect((await send(port, "POST", "/agent/upload", agentHeaders("POST", "/agent/upload", body), body)).status).toBe(200);
  });
});
