// @panelsig/middleware/express in a real Express 5 app on 127.0.0.1, mounted under path prefixes
// (the signed path is the whole one), with express.json() after it.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panelsig } from "@panelsig/middleware/express";
import { receivers, abortUpload, acepanelHeaders, agentHeaders, panelHeaders, send, sha256 } from "./helpers.ts";

const reached: string[] = [];
const errors: unknown[] = [];
const closed = new Map<string, () => void>();
let server: Server;
let port: number;

beforeAll(async () => {
  const app = express();
  // Test instrumentation: tells when the server has closed an exchange (the aborted upload).
  app.use((req, res, next) => {
    res.on("close", () => closed.get(String(req.headers["x-test-id"]))?.());
    next();
  });
  for (const [name, options] of Object.entries(receivers())) app.use(`/${name}`, panelsig({ ...options, onError: (e) => errors.push(e) }));
  app.use(express.json());
  app.all("/*path", (req, res) => {
    reached.push(req.originalUrl);
    const body = req.panelsig!.body;
    res.json({ valid: req.panelsig!.valid, json: req.body ?? null, bytes: body?.length ?? 0, sha256: body && sha256(body) });
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("Express 5: panelsig() before express.json()", () => {
  it("accepts a signed POST; the route reads the JSON body parsed by express.json() and the verified bytes", async () => {
    const body = JSON.stringify({ username: "alice", domain: "alice.example.com" });
    const answer = await send(port, "POST", "/agent/account/create", agentHeaders("POST", "/agent/account/create", body), body);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ valid: true, json: { username: "alice", domain: "alice.example.com" }, bytes: body.length, sha256: sha256(body) });
  });

  it("accepts a signed GET with no body", async () => {
    const answer = await send(port, "GET", "/agent/status?verbose=1", agentHeaders("GET", "/agent/status"));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ valid: true, json: null, bytes: 0, sha256: sha256("") });
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
    for (const [what, answer, expected] of cases) expect({ what, ...(await answer as object) }).toMatchObject({ what, ...(expected as object) });
    expect(reached.length).toBe(before);
  });

  it("acepanel: the path as signed (the entrance cut), though Express mounted the middleware there", async () => {
    const answer = await send(port, "GET", "/ace/api/user/info", acepanelHeaders("GET", "/api/user/info"));
    expect(answer).toMatchObject({ status: 200, text: `{"valid":true,"json":null,"bytes":0,"sha256":"${sha256("")}"}` });
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

  it("a body over maxBodyBytes: 413 and the connection closed", async () => {
    const body = JSON.stringify({ pad: "x".repeat(4096) });
    expect(await send(port, "POST", "/agent/big", agentHeaders("POST", "/agent/big", body), body)).toStrictEqual({
      status: 413,
      type: "application/json",
      connection: "close",
      text: '{"error":"request body too large"}',
    });
  });

  it("an aborted upload reaches no route, and the server goes on answering", async () => {
    const before = reached.length;
    const gone = new Promise<void>((resolve) => closed.set("abort", resolve));
    await abortUpload(port, "/agent/upload", { ...agentHeaders("POST", "/agent/upload", "x".repeat(500)), "X-Test-Id": "abort" }, 500, 10);
    await gone;
    expect(reached.length).toBe(before);
    const body = '{"after":"abort"}';
    expect((await send(port, "POST", "/agent/upload", agentHeaders("POST", "/agent/upload", body), body)).status).toBe(200);
  });
});
