// examples/receivers/: each example started by its one command (tsx, under Node whatever runs
// this test; with the packages' sources, so no build need come first), then sent signed and
// unsigned requests. Waits are for the "listening" line and the
// process's exit, never for time.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AGENT_SECRET, PANEL_SECRET, send } from "./helpers.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SOURCES = "--conditions=@panelsig/source";
const hmac = (secret: string, message: string) => createHmac("sha256", secret).update(message).digest("hex");

/** Starts an example on a free port; resolves its port once it says it is listening. */
function start(file: string, env: Record<string, string>): Promise<{ port: number; child: ChildProcess; output: () => string }> {
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, [SOURCES, file], { cwd: ROOT, env: { ...process.env, ...env, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const take = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (port) resolve({ port: Number(port), child, output: () => output });
    };
    child.stdout!.on("data", take);
    child.stderr!.on("data", take);
    child.on("exit", (code) => reject(new Error(`${file} exited (${code}) before listening:\n${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

describe("examples/receivers", () => {
  it("express.ts: a signed opterius-agent call reaches the route with its JSON; a tampered one gets 401", async () => {
    const { port, child } = await start("examples/receivers/express.ts", { AGENT_SECRET });
    try {
      const body = '{"username":"alice","domain":"alice.example.com"}';
      const timestamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
      const headers = { "X-Timestamp": timestamp, "X-Signature": hmac(AGENT_SECRET, `${timestamp}POST/account/create${body}`), "Content-Type": "application/json" };
      expect(await send(port, "POST", "/account/create", headers, body)).toMatchObject({ status: 200, text: '{"created":{"username":"alice","domain":"alice.example.com"}}' });
      expect(await send(port, "POST", "/account/create", headers, body.replace("alice", "mallory"))).toMatchObject({ status: 401, text: '{"error":"invalid signature"}' });
    } finally {
      await stop(child);
    }
  });

  it("express.ts: without AGENT_SECRET it says what to set and exits 2", async () => {
    const child = spawn(`${ROOT}node_modules/.bin/tsx`, [SOURCES, "examples/receivers/express.ts"], { cwd: ROOT, env: { ...process.env, AGENT_SECRET: "" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect([code, stderr.trim()]).toEqual([2, "express receiver: set AGENT_SECRET to the agent's shared secret"]);
  });

  it("hono.ts: a signed opterius-panel call is accepted once, then refused as a replay", async () => {
    const { port, child } = await start("examples/receivers/hono.ts", { PANEL_TOKEN: PANEL_SECRET, REDIS_URL: "" });
    try {
      const body = '{"username":"alice"}';
      const timestamp = String(Math.floor(Date.now() / 1000));
      const headers = { "X-Timestamp": timestamp, "X-Signature": hmac(PANEL_SECRET, timestamp + body), "Content-Type": "application/json" };
      expect(await send(port, "POST", "/api/accounts", headers, body)).toMatchObject({ status: 200, text: '{"created":"alice"}' });
      expect(await send(port, "POST", "/api/accounts", headers, body)).toMatchObject({ status: 401, text: '{"error":"request already used"}' });
      expect(await send(port, "GET", "/api/ping", {})).toMatchObject({ status: 401, text: '{"error":"missing signature headers"}' });
    } finally {
      await stop(child);
    }
  });
});
