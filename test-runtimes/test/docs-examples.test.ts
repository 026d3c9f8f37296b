// The example servers of README.md and docs/verifying.md, run as the docs show them, survive
// clients that break off: an upload cut off mid-body, bad chunking, a chunk cut short. The code is
// taken from the docs' code blocks when the test runs, and run by the runtime running the tests:
// the node:http examples under Node, Deno and Bun, the Deno.serve example under Deno, the
// Bun.serve one under Bun. A small module loaded first makes each listen on 127.0.0.1, port 0.
// Every broken client waits until the server has closed the connection; then a whole, signed
// request must still get its exact answer, and at the end the server must still be running with
// nothing on its standard error (no unhandled rejection, no listener-leak warning).
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const HERE = fileURLToPath(new URL("./docs-examples/", import.meta.url));
const RUNTIME = process.versions.deno ? "deno" : process.versions.bun ? "bun" : "node";
const SECRET = "example-secret";

const hmac = (key: string, data: string) => createHmac("sha256", key).update(data).digest("hex");
const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");

/** The ```ts blocks of a Markdown file, each with the heading (or bold lead-in) above it. */
function codeBlocks(file: string): { heading: string; code: string }[] {
  const blocks: { heading: string; code: string }[] = [];
  let heading = "";
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("#") || line.startsWith("**")) heading = line;
    if (line !== "```ts") continue;
    const end = lines.indexOf("```", i + 1);
    blocks.push({ heading, code: lines.slice(i + 1, end).join("\n") });
    i = end;
  }
  return blocks;
}

function exampleCode(file: string, heading: string): string {
  const block = codeBlocks(file).find((b) => b.heading.includes(heading));
  if (!block) throw new Error(`${file} has no ts code block under "${heading}"`);
  return block.code;
}

interface Example {
  name: string;
  code: () => string;
  /** The module that makes it listen on 127.0.0.1:0. */
  listen: string;
  env: Record<string, string>;
  runtimes: string[];
  /** A request the verifier reads the body of (the signature itself need not pass). */
  bodyRequest: (port: number) => string;
  /** A whole, signed request and the exact response body expected for it. */
  whole: (port: number, n: number) => { request: string; status: string; body: string };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const rfc3339 = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, "Z");

/** opterius-agent (the node:http examples): signed over timestamp + method + path + body. */
const agentExample = (name: string, code: () => string): Example => ({
  name,
  code,
  listen: "node-http.ts",
  env: { AGENT_SECRET: SECRET },
  runtimes: ["node", "deno", "bun"],
  bodyRequest: (port) => `POST /api/accounts HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Timestamp: ${rfc3339(nowSeconds())}\r\nX-Signature: 00\r\n`,
  whole(port, n) {
    const timestamp = rfc3339(nowSeconds());
    const body = JSON.stringify({ domain: `example${n}.com` });
    const signature = hmac(SECRET, `${timestamp}POST/api/accounts${body}`);
    const head = `POST /api/accounts HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Timestamp: ${timestamp}\r\nX-Signature: ${signature}\r\n`;
    return { request: `${head}Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`, status: "HTTP/1.1 200", body: "{}" };
  },
});

const EXAMPLES: Example[] = [
  agentExample("README.md: Verify in a server", () => exampleCode("README.md", "**Verify in a server**")),
  agentExample("docs/verifying.md: Node", () => exampleCode("docs/verifying.md", "## Node")),
  {
    name: "docs/verifying.md: Deno",
    code: () => exampleCode("docs/verifying.md", "## Deno"),
    listen: "deno-serve.ts",
    env: { PANEL_TOKEN: SECRET },
    runtimes: ["deno"],
    bodyRequest: (port) =>
      `POST /entrance/api/files/upload HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Timestamp: ${nowSeconds()}\r\nAuthorization: HMAC-SHA256 Credential=16, Signature=00\r\n`,
    whole(port) {
      // Valid, but the token's whitelist (203.0.113.0/24) does not hold the loopback client.
      const timestamp = String(nowSeconds());
      const canonicalRequest = `GET\n/api/user/info\n\n${sha256("")}`;
      const signature = hmac(SECRET, `HMAC-SHA256\n${timestamp}\n${sha256(canonicalRequest)}`);
      const request = `GET /entrance/api/user/info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Timestamp: ${timestamp}\r\nAuthorization: HMAC-SHA256 Credential=16, Signature=${signature}\r\nConnection: close\r\n\r\n`;
      return { request, status: "HTTP/1.1 401", body: '{"msg":"invalid request ip: 127.0.0.1"}' };
    },
  },
  {
    name: "docs/verifying.md: Bun",
    code: () => exampleCode("docs/verifying.md", "## Bun"),
    listen: "bun-serve.ts",
    env: { COMMERCE_TOKEN: SECRET },
    runtimes: ["bun"],
    bodyRequest: (port) => `POST /api/accounts HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Timestamp: ${nowSeconds()}\r\nX-Signature: 00\r\n`,
    whole(port, n) {
      // Each body differs: the example's replay guard accepts a signature once.
      const timestamp = String(nowSeconds());
      const body = JSON.stringify({ call: n });
      const request = `POST /api/accounts HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Timestamp: ${timestamp}\r\nX-Signature: ${hmac(SECRET, timestamp + body)}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
      return { request, status: "HTTP/1.1 200", body: '{"ok":true}' };
    },
  },
];

/** Clients that break off once the verifier is reading their body. */
const BROKEN_CLIENTS: [string, (head: string) => string][] = [
  ["an upload cut off mid-body", (head) => `${head}Content-Length: 65536\r\n\r\n${"x".repeat(1000)}`],
  ["bad chunking", (head) => `${head}Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\nnot a chunk\r\n\r\n`],
  ["a chunk cut short", (head) => `${head}Transfer-Encoding: chunked\r\n\r\nffff\r\n${"x".repeat(100)}`],
];

/**
 * Sends `bytes` (a broken client then half-closes: it has nothing more to send) and resolves with
 * everything received once the server has closed the connection.
 */
function exchange(port: number, bytes: string, halfClose: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    const received: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" ? undefined : reject(error)));
    socket.on("close", () => resolve(Buffer.concat(received).toString("latin1")));
    socket.on("connect", () => (halfClose ? socket.end(bytes) : socket.write(bytes)));
  });
}

interface Running {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  exited: Promise<unknown>;
}

function command(file: string): [string, string[]] {
  if (RUNTIME === "deno") return [process.execPath, ["run", "-A", "--conditions=@panelsig/source", file]];
  if (RUNTIME === "bun") return [process.execPath, ["--conditions=@panelsig/source", file]];
  return [process.execPath, ["--import", "tsx", "--conditions=@panelsig/source", file]];
}

/** Writes the example (after its listen module) into a directory of the repository and starts it. */
function start(example: Example, dir: string): Promise<Running> {
  const file = join(dir, "example.ts");
  writeFileSync(file, `import ${JSON.stringify(join(HERE, example.listen))};\n${example.code()}\n`);
  const [program, args] = command(file);
  const child = spawn(program, args, { cwd: ROOT, env: { ...process.env, ...example.env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => {
      stdout += c.toString("utf8");
      const match = /listening on (\d+)/.exec(stdout);
      if (match) resolve({ child, port: Number(match[1]), stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`the example exited (${String(code)}) before listening: ${stderr}`)));
  });
}

describe(`the docs' example servers stay up when clients break off (${RUNTIME})`, () => {
  for (const example of EXAMPLES.filter((e) => e.runtimes.includes(RUNTIME))) {
    it(example.name, async () => {
      // Outside test/: the hygiene test lists test/ while this runs, and must not meet a folder that is about to go.
      const dir = mkdtempSync(join(HERE, "..", "..", ".docs-examples-run-"));
      const server = await start(example, dir);
      try {
        let n = 0;
        for (const [what, broken] of BROKEN_CLIENTS) {
          for (let i = 0; i < 3; i++) await exchange(server.port, broken(example.bodyRequest(server.port)), true);
          const { request, status, body } = example.whole(server.port, n++);
          const response = await exchange(server.port, request, false);
          expect({ after: what, status: response.slice(0, status.length), body: response.slice(response.indexOf("\r\n\r\n") + 4) }).toStrictEqual({ after: what, status, body });
        }
        expect({ exitCode: server.child.exitCode, signal: server.child.signalCode, stderr: server.stderr() }).toStrictEqual({ exitCode: null, signal: null, stderr: "" });
      } finally {
        server.child.kill("SIGKILL");
        await server.exited;
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  }
});
