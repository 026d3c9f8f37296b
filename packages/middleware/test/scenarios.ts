// The scenarios every framework's middleware must pass, written once: each framework's test file
// starts its real app on 127.0.0.1 with the receivers of helpers.ts mounted under their names, a
// route answering { valid, json, bytes, sha256 } and records of what reached the route and what
// onError was told, then calls receiverScenarios with them.
import { expect, it } from "vitest";
import { abortUpload, acepanelHeaders, agentHeaders, panelHeaders, send, sha256 } from "./helpers.ts";

export interface ReceiverUnderTest {
  /** The port the app listens on (read once the app has started). */
  port(): number;
  /** Paths the route was reached with, in order. */
  reached: string[];
  /** What onError was told. */
  errors: unknown[];
  /** Resolves when the server is done with the exchange whose X-Test-Id header is `id`. */
  exchangeDone(id: string): Promise<void>;
  /** The 413 answer: the status, type and body are the receiver's; Express also closes the connection. */
  oversized: Record<string, unknown>;
}

export function receiverScenarios(app: ReceiverUnderTest): void {
  it("accepts a signed POST; the route reads the JSON body and the verified bytes", async () => {
    const body = JSON.stringify({ username: "alice", domain: "alice.example.com" });
    const answer = await send(app.port(), "POST", "/agent/account/create", agentHeaders("POST", "/agent/account/create", body), body);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ valid: true, json: { username: "alice", domain: "alice.example.com" }, bytes: body.length, sha256: sha256(body) });
  });

  it("accepts a signed GET with no body", async () => {
    const answer = await send(app.port(), "GET", "/agent/status?verbose=1", agentHeaders("GET", "/agent/status"));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ valid: true, json: null, bytes: 0 });
  });

  it("answers each rejection with the real receiver's status, headers and body, and never reaches the route", async () => {
    const port = app.port();
    const body = '{"a":1}';
    const before = app.reached.length;
    const cases: [string, Promise<unknown>, unknown][] = [
      ["missing headers", send(port, "POST", "/agent/x", {}, body), { status: 401, type: "application/json", text: '{"error":"missing signature headers"}' }],
      ["wrong signature", send(port, "POST", "/agent/x", agentHeaders("POST", "/agent/y", body), body), { status: 401, type: "application/json", text: '{"error":"invalid signature"}' }],
      ["stale timestamp", send(port, "POST", "/agent/x", agentHeaders("POST", "/agent/x", body, "2023-11-14T22:00:00Z"), body), { status: 401, type: "application/json", text: '{"error":"timestamp out of range"}' }],
      ["acepanel, no signature", send(port, "GET", "/ace/api/user/info", {}), { status: 418, text: "" }],
      ["acepanel signature", send(port, "GET", "/ace/api/user/info", acepanelHeaders("GET", "/api/user/other")), { status: 401, type: "application/json; charset=utf-8", text: '{"msg":"invalid signature"}' }],
    ];
    for (const [what, answer, expected] of cases) expect({ what, ...((await answer) as object) }).toMatchObject({ what, ...(expected as object) });
    expect(app.reached.length).toBe(before);
  });

  it("acepanel: the path as signed, the entrance cut (the middleware is mounted at the entrance)", async () => {
    expect((await send(app.port(), "GET", "/ace/api/user/info", acepanelHeaders("GET", "/api/user/info"))).status).toBe(200);
  });

  it("opterius-panel: a replayed request is refused (401 request already used)", async () => {
    const body = '{"invoice":42}';
    const headers = panelHeaders(body);
    expect((await send(app.port(), "POST", "/panel/hook", headers, body)).status).toBe(200);
    expect(await send(app.port(), "POST", "/panel/other", headers, body)).toMatchObject({ status: 401, type: "application/json", text: '{"error":"request already used"}' });
  });

  it("fails closed with 503 when the replay store cannot answer; onError is told", async () => {
    const body = '{"invoice":43}';
    app.errors.length = 0;
    expect(await send(app.port(), "POST", "/panel-down/hook", panelHeaders(body), body)).toMatchObject({ status: 503, type: "application/json", text: '{"error":"replay guard unavailable"}' });
    expect(app.errors.map((e) => (e as { code?: string }).code)).toEqual(["replay_store_unavailable"]);
  });

  it("answers 500 without details when the token lookup throws; onError gets the error", async () => {
    app.errors.length = 0;
    expect(await send(app.port(), "GET", "/ace-broken/api/user/info", acepanelHeaders("GET", "/api/user/info"))).toMatchObject({
      status: 500,
      type: "application/json; charset=utf-8",
      text: '{"msg":"internal error"}',
    });
    expect(app.errors.map((e) => (e as Error).message)).toEqual(["token database unreachable"]);
  });

  it("a body over maxBodyBytes: 413 with the receiver's body", async () => {
    const body = JSON.stringify({ pad: "x".repeat(4096) });
    expect(await send(app.port(), "POST", "/agent/big", agentHeaders("POST", "/agent/big", body), body)).toMatchObject(app.oversized);
  });

  it("an aborted upload reaches no route, and the server goes on answering", async () => {
    const before = app.reached.length;
    const done = app.exchangeDone("abort");
    await abortUpload(app.port(), "/agent/upload", { ...agentHeaders("POST", "/agent/upload", "x".repeat(500)), "X-Test-Id": "abort" }, 500, 10);
    await done;
    expect(app.reached.length).toBe(before);
    const body = '{"after":"abort"}';
    expect((await send(app.port(), "POST", "/agent/upload", agentHeaders("POST", "/agent/upload", body), body)).status).toBe(200);
  });
}
