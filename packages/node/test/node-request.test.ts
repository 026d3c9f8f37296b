// verifyNodeRequest behind a real node:http server on 127.0.0.1: what a Go server sees is what
// it verifies (the raw request-target, repeated headers, the TCP peer), streamed bodies of several
// MiB answer as buffered case objects, and rejections go out as the real receivers send them.
// Signatures are computed with node:crypto directly from hand-written strings.
import { createHash, createHmac } from "node:crypto";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import type { VerifyOptions } from "@panelsig/core";
import { verify, verifyNodeRequest } from "@panelsig/node";

const NOW = 1700000000;
const MiB = 1024 * 1024;
const aceSecret = "YourSecretToken";
const panelSecret = "eyJ-test";
const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (secret: string, ...parts: (string | Uint8Array)[]) => {
  const mac = createHmac("sha256", secret);
  for (const part of parts) mac.update(part);
  return mac.digest("hex");
};
const aceAuthorization = (canonicalRequest: string, timestamp = String(NOW)) =>
  `HMAC-SHA256 Credential=16, Signature=${hmac(aceSecret, `HMAC-SHA256\n${timestamp}\n${sha256(canonicalRequest)}`)}`;

/** The options the server runs with, chosen per request by the test (header X-Test-Options). */
const OPTIONS: Record<string, VerifyOptions> = {
  acepanel: { scheme: "acepanel", token: (id) => (id === "16" ? { secret: aceSecret } : undefined), entrance: "/e", now: () => NOW },
  "acepanel-local-only": { scheme: "acepanel", token: () => ({ secret: aceSecret, ipWhitelist: ["127.0.0.1"] }), entrance: "/e", now: () => NOW },
  "acepanel-lan-only": { scheme: "acepanel", token: () => ({ secret: aceSecret, ipWhitelist: ["10.0.0.0/8"] }), entrance: "/e", now: () => NOW },
  panel: { scheme: "opterius-panel", secret: panelSecret, now: () => NOW, maxBodyBytes: 8 * MiB, keepBody: true },
  "panel-small": { scheme: "opterius-panel", secret: panelSecret, now: () => NOW, maxBodyBytes: 1024 },
};

// The few lines a server author writes.
async function handler(req: IncomingMessage, res: ServerResponse) {
  const result = await verifyNodeRequest(req, OPTIONS[String(req.headers["x-test-options"])]!);
  if (!result.valid) return void res.writeHead(result.rejection!.status, result.rejection!.headers).end(result.rejection!.body);
  const { body, ...answer } = result;
  res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ ...answer, bodyLength: body?.length, bodySha256: body && sha256(body) }));
}

/** A fresh server on 127.0.0.1 for one exchange, closed afterwards. */
async function withServer<T>(exchange: (port: number) => Promise<T>): Promise<T> {
  const server = createServer((req, res) => void handler(req, res).catch((e: Error) => res.writeHead(500).end(e.message)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await exchange((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

interface Sent {
  method?: string;
  path: string;
  headers: Record<string, string | string[]>;
  body?: Uint8Array | string;
  chunk?: number;
}
/** Sends exactly what it is given (node:http keeps the path raw); resolves status and body text. */
const send = (sent: Sent) => withServer((port) => exchange(port, sent));

function exchange(port: number, { method = "GET", path, headers, body, chunk = 256 * 1024 }: Sent): Promise<{ status: number; type: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (p: Buffer) => parts.push(p));
      res.on("end", () => resolve({ status: res.statusCode!, type: res.headers["content-type"], text: Buffer.concat(parts).toString("utf8") }));
    });
    req.on("error", reject);
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    if (bytes) for (let i = 0; i < bytes.length; i += chunk) req.write(bytes.subarray(i, i + chunk));
    req.end();
  });
}

describe("verifyNodeRequest on a real server", () => {
  it("acepanel: the doc's example", async () => {
    const headers = { "X-Test-Options": "acepanel", "X-Timestamp": String(NOW), Authorization: "HMAC-SHA256 Credential=16, Signature=b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7" };
    const { status, text } = await send({ path: "/e/api/user/info", headers });
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ valid: true, expectedSignature: "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7" });
  });
  it("acepanel: the raw request-target, dot segments and all (a Web Request would resolve them)", async () => {
    const canonicalRequest = `GET\n/api/x/../y/\nk=~%2A\n${sha256("")}`;
    const headers = { "X-Test-Options": "acepanel", "X-Timestamp": String(NOW), Authorization: aceAuthorization(canonicalRequest) };
    const { status, text } = await send({ path: "/e/api/x/../y/?k=%7E%2a", headers });
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ valid: true, canonicalRequest });
  });
  it("acepanel: the first of repeated headers counts, as in Go", async () => {
    const canonicalRequest = `GET\n/api/user/info\n\n${sha256("")}`;
    const headers = { "X-Test-Options": "acepanel", "X-Timestamp": [String(NOW), "1"], Authorization: aceAuthorization(canonicalRequest) };
    expect((await send({ path: "/e/api/user/info", headers })).status).toBe(200);
  });
  it("acepanel: the socket's peer is the client; a whitelist with it passes", async () => {
    const headers = { "X-Test-Options": "acepanel-local-only", "X-Timestamp": String(NOW), Authorization: aceAuthorization(`GET\n/api/user/info\n\n${sha256("")}`) };
    expect((await send({ path: "/e/api/user/info", headers })).status).toBe(200);
  });
  it("acepanel: a whitelist without the peer answers 401 with the server's JSON", async () => {
    const headers = { "X-Test-Options": "acepanel-lan-only", "X-Timestamp": String(NOW), Authorization: aceAuthorization(`GET\n/api/user/info\n\n${sha256("")}`) };
    expect(await send({ path: "/e/api/user/info", headers })).toStrictEqual({
      status: 401,
      type: "application/json; charset=utf-8",
      text: '{"msg":"invalid request ip: 127.0.0.1"}',
    });
  });
  it("acepanel: the entrance page", async () => {
    expect(await send({ path: "/api/user/info", headers: { "X-Test-Options": "acepanel", Authorization: "x" } })).toMatchObject({ status: 418, text: "" });
  });
  it("acepanel: a path Go cannot decode is its 400", async () => {
    expect(await send({ path: "/e/api/%zz", headers: { "X-Test-Options": "acepanel", Authorization: "x" } })).toMatchObject({ status: 400, text: "400 Bad Request" });
  });

  describe("a streamed body of several MiB", () => {
    const body = new Uint8Array(5 * MiB + 7).map((_, i) => (i * 31 + (i >> 12)) & 0xff);
    const signature = hmac(panelSecret, String(NOW), body);
    it("verifies, with the same answer as the buffered case object, and the bytes handed back", async () => {
      const headers = { "X-Test-Options": "panel", "X-Timestamp": String(NOW), "X-Signature": signature };
      const { status, text } = await send({ method: "POST", path: "/api/accounts", headers, body });
      expect(status).toBe(200);
      const buffered = await verify({
        scheme: "opterius-panel",
        request: { method: "POST", url: "/api/accounts", headers: Object.entries(headers), body },
        credentials: { secret: panelSecret },
        context: { now: NOW },
      });
      const served = JSON.parse(text);
      expect({ valid: served.valid, expectedSignature: served.expectedSignature }).toStrictEqual({ valid: buffered.valid, expectedSignature: buffered.expectedSignature });
      expect(served.expectedSignature).toBe(signature);
      expect([served.bodyLength, served.bodySha256]).toStrictEqual([body.length, sha256(body)]);
    });
    it("a changed byte is a mismatch, as buffered", async () => {
      const changed = body.slice();
      changed[4 * MiB] = changed[4 * MiB]! ^ 0x80;
      const headers = { "X-Test-Options": "panel", "X-Timestamp": String(NOW), "X-Signature": signature };
      expect(await send({ method: "POST", path: "/api/accounts", headers, body: changed })).toStrictEqual({
        status: 401,
        type: "application/json",
        text: '{"error":"invalid signature"}',
      });
    });
    it("over the limit: 413, and the answer still reaches the client", async () => {
      const headers = { "X-Test-Options": "panel-small", "X-Timestamp": String(NOW), "X-Signature": signature };
      expect(await send({ method: "POST", path: "/api/accounts", headers, body: body.subarray(0, 64 * 1024), chunk: 4096 })).toStrictEqual({
        status: 413,
        type: "application/json",
        text: '{"error":"request body too large"}',
      });
    });
  });
});
