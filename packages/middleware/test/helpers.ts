// What every framework's tests share: signatures computed with node:crypto straight from the
// scheme formulas (docs/schemes/), the options the receivers run with, and a client on raw
// loopback sockets that sends exactly what it is given, or stops halfway through a body.
import { createHash, createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { MemoryReplayStore, type ReplayStore, type VerifyOptions } from "@panelsig/core";

export const NOW = 1700000000;
export const AGENT_SECRET = "agent-secret-0123456789abcdef";
export const PANEL_SECRET = "panel-api-token";
export const ACE_SECRET = "YourSecretToken";

export const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (secret: string, message: string) => createHmac("sha256", secret).update(message).digest("hex");

/** opterius-agent: hex(HMAC(secret, TIMESTAMP + METHOD + PATH + BODY)). */
export function agentHeaders(method: string, path: string, body = "", timestamp = "2023-11-14T22:13:20Z"): Record<string, string> {
  return { "X-Timestamp": timestamp, "X-Signature": hmac(AGENT_SECRET, timestamp + method + path + body), "Content-Type": "application/json" };
}

/** opterius-panel: hex(HMAC(api_token, TIMESTAMP + BODY)), TIMESTAMP in Unix seconds. */
export function panelHeaders(body: string, timestamp = String(NOW)): Record<string, string> {
  return { "X-Timestamp": timestamp, "X-Signature": hmac(PANEL_SECRET, timestamp + body), "Content-Type": "application/json" };
}

/** acepanel: HMAC(secret, "HMAC-SHA256\n" + ts + "\n" + sha256(canonical request)), entrance cut from the path. */
export function acepanelHeaders(method: string, path: string, body = ""): Record<string, string> {
  const canonical = `${method}\n${path}\n\n${sha256(body)}`;
  const signature = hmac(ACE_SECRET, `HMAC-SHA256\n${NOW}\n${sha256(canonical)}`);
  return { "X-Timestamp": String(NOW), Authorization: `HMAC-SHA256 Credential=16, Signature=${signature}` };
}

/** A replay store whose backend is down, as @panelsig/replay-redis reports it. */
export const unreachableStore: ReplayStore = {
  claim: () => Promise.reject(Object.assign(new Error("the replay store (Redis) did not answer: connect ECONNREFUSED"), { code: "replay_store_unavailable" })),
};

/**
 * The receivers each test file mounts, by path prefix (an acepanel receiver's prefix is its
 * entrance); made anew for each app, so that no two share a replay store (Bun runs every test
 * file in one process).
 */
export const receivers = (): Record<string, VerifyOptions> => ({
  agent: { scheme: "opterius-agent", secret: AGENT_SECRET, now: () => NOW, maxBodyBytes: 1024 },
  panel: { scheme: "opterius-panel", secret: PANEL_SECRET, now: () => NOW, replayStore: new MemoryReplayStore() },
  "panel-down": { scheme: "opterius-panel", secret: PANEL_SECRET, now: () => NOW, replayStore: unreachableStore },
  ace: { scheme: "acepanel", token: (id) => (id === "16" ? { secret: ACE_SECRET } : undefined), entrance: "/ace", now: () => NOW },
  "ace-broken": { scheme: "acepanel", token: () => { throw new Error("token database unreachable"); }, entrance: "/ace-broken", now: () => NOW },
});

export interface Answer {
  status: number;
  type: string | undefined;
  connection: string | undefined;
  text: string;
}

/** One request on its own connection (Content-Length stated); resolves the status, the headers that matter and the body. */
export function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string | Uint8Array): Promise<Answer> {
  const length = body === undefined ? {} : { "Content-Length": String(typeof body === "string" ? Buffer.byteLength(body) : body.length) };
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers: { ...headers, ...length }, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (p: Buffer) => parts.push(p));
      res.on("end", () =>
        resolve({ status: res.statusCode!, type: res.headers["content-type"], connection: res.headers.connection, text: Buffer.concat(parts).toString("utf8") }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends the head of a request announcing `declared` bytes, then `sent` of them, then closes the socket. */
export function abortUpload(port: number, path: string, headers: Record<string, string>, declared: number, sent: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      const head = [`POST ${path} HTTP/1.1`, "Host: 127.0.0.1", `Content-Length: ${declared}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${head.join("\r\n")}\r\n\r\n${"x".repeat(sent)}`, () => socket.destroy());
    });
    socket.on("close", () => resolve());
    socket.on("error", reject);
  });
}
