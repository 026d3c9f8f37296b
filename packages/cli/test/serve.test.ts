// `panelsig serve` as a process, hit by real HTTP clients (fetch, curl, a raw socket): valid,
// tampered, stale, oversized and malformed requests get the real receiver's statuses and bodies;
// the report explains them; SIGINT/SIGTERM stop it cleanly; the same handler serves under Deno
// and Bun. Signatures are computed here with node:crypto from hand-written canonical strings.
import { createHash, createHmac } from "node:crypto";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, CLI_JS, NODE, panelsig, runProcess, SEES_EXIT_CODE_AFTER_SIGNAL, startServer, type Server } from "./run-cli.ts";

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (secret: string, data: string | Uint8Array) => createHmac("sha256", secret).update(data).digest("hex");
const nowSeconds = () => Math.floor(Date.now() / 1000);
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SECRET = "YourSecretToken";

/** AcePanel headers for a request whose canonical path and query are written out by hand. */
function aceHeaders(method: string, path: string, query: string, body: string, timestamp = nowSeconds()) {
  const canonicalRequest = `${method}\n${path}\n${query}\n${sha256(body)}`;
  const signature = hmac(SECRET, `HMAC-SHA256\n${timestamp}\n${sha256(canonicalRequest)}`);
  return { canonicalRequest, signature, headers: { "X-Timestamp": String(timestamp), Authorization: `HMAC-SHA256 Credential=16, Signature=${signature}` } };
}

/** Sends raw bytes on a TCP connection and returns everything the server answered. */
function rawHttp(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let answer = "";
    socket.on("data", (c) => (answer += c.toString("latin1")));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

/** Sends the start of a request and hangs up before its body is complete; resolves once the socket is closed. */
function cutShort(port: number, bytes: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes, () => socket.destroy()));
    socket.on("close", () => resolve());
    socket.on("error", reject);
  });
}

describe("panelsig serve --scheme acepanel (Node)", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = await startServer(NODE, [BIN, "serve", "--scheme", "acepanel", "--secret", SECRET, "--key-id", "16", "--entrance", "/entrance", "--port", "0", "--max-body", "1024"]);
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("prints where it listens", () => {
    expect(server.output()).toContain(`panelsig serve: acepanel on http://127.0.0.1:${server.port} (entrance /entrance, key id 16) — live page at /__panelsig/, report at /__panelsig/report\n`);
  });

  it("a valid GET (fetch): 200 and a JSON echo of what was verified", async () => {
    const { canonicalRequest, headers } = aceHeaders("GET", "/api/files/list", "a=1&b=x+y", "");
    const response = await fetch(`${base}/entrance/api/files/list?b=x%20y&a=1`, { headers });
    expect(response.status).toBe(200);
    const echo = (await response.json()) as Record<string, unknown>;
    expect(echo).toMatchObject({ valid: true, scheme: "acepanel", method: "GET", path: "/entrance/api/files/list", query: "b=x%20y&a=1", canonicalRequest });
    expect(echo.body).toStrictEqual({ length: 0, sha256: sha256("") });
  });

  it("a valid POST with a body: the echo carries the body's length and SHA-256", async () => {
    const body = '{"path":"/home/b\u00fccher"}';
    const { headers } = aceHeaders("POST", "/api/files/create", "", body);
    const response = await fetch(`${base}/entrance/api/files/create`, { method: "POST", headers, body });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { body: unknown }).body).toStrictEqual({ length: Buffer.byteLength(body), sha256: sha256(body) });
  });

  it("a tampered request: 401 and the server's own body", async () => {
    const { headers } = aceHeaders("GET", "/api/files/list", "a=1", "");
    const response = await fetch(`${base}/entrance/api/files/list?a=2`, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await response.text()).toBe('{"msg":"invalid signature"}');
  });

  it("a stale request: 401 signature expired", async () => {
    const { headers } = aceHeaders("GET", "/api/user/info", "", "", nowSeconds() - 3600);
    const response = await fetch(`${base}/entrance/api/user/info`, { headers });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('{"msg":"signature expired"}');
  });

  it("an oversized body: 413, read as a stream", async () => {
    const body = "x".repeat(4096);
    const { headers } = aceHeaders("POST", "/api/files/create", "", body);
    const response = await fetch(`${base}/entrance/api/files/create`, { method: "POST", headers, body });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe('{"msg":"request body too large"}');
  });

  it("a path outside the entrance: 418, as the real server answers its entrance page", async () => {
    const response = await fetch(`${base}/other/api/user/info`);
    expect(response.status).toBe(418);
  });

  it("curl: the command `panelsig sign --curl` prints is accepted; a tampered header is not", async () => {
    const sign = await panelsig(["sign", "acepanel", "--method", "GET", "--url", `${base}/entrance/api/user/info?z=1&a=2`, "--entrance", "/entrance", "--secret", SECRET, "--key-id", "16", "--curl"]);
    expect(sign.code).toBe(0);
    const accepted = await runProcess("sh", ["-c", sign.stdout.trim() + " --silent --write-out '\\n%{http_code}'"]);
    expect(accepted.stdout.endsWith("\n200")).toBe(true);
    expect(JSON.parse(accepted.stdout.split("\n")[0]!)).toMatchObject({ valid: true, query: "z=1&a=2" });
    const { headers } = aceHeaders("GET", "/api/user/info", "", "");
    const rejected = await runProcess("curl", ["--silent", "--write-out", "\n%{http_code}", "-H", `X-Timestamp: ${headers["X-Timestamp"]}`, "-H", `Authorization: ${headers.Authorization.replace("Credential=16", "Credential=17")}`, `${base}/entrance/api/user/info`]);
    expect(rejected.stdout).toBe('{"msg":"invalid signature"}\n401');
  });

  it("malformed HTTP gets Go's 400, a client hanging up mid-body is dropped (Go answers no one), and the server goes on", async () => {
    expect(await rawHttp(server.port, "GARBAGE\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(await rawHttp(server.port, "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 /);
    await cutShort(server.port, "POST /entrance/api/x HTTP/1.1\r\nHost: x\r\nAuthorization: HMAC-SHA256 Credential=16, Signature=00\r\nContent-Length: 1000\r\n\r\nonly ten b");
    // The server logs the drop when it sees the hang-up, which may be after this client is done:
    // wait for that line, then check the server still answers.
    await server.waitForOutput("POST /entrance/api/x → dropped: the client closed the connection before the body ended\n");
    expect((await fetch(`${base}/entrance/api/user/info`)).status).toBe(418);
  });

  it("GET /__panelsig/report: recent requests, newest first, with what the client should have signed", async () => {
    const { headers } = aceHeaders("GET", "/api/report/check", "", "");
    await fetch(`${base}/entrance/api/report/check?tampered=1`, { headers });
    const report = (await (await fetch(`${base}/__panelsig/report`)).json()) as { scheme: string; requests: Record<string, unknown>[] };
    expect(report.scheme).toBe("acepanel");
    const latest = report.requests[0]!;
    const canonicalRequest = `GET\n/api/report/check\ntampered=1\n${sha256("")}`;
    expect(latest).toMatchObject({
      method: "GET",
      target: "/entrance/api/report/check?tampered=1",
      valid: false,
      error: "signature_mismatch",
      status: 401,
      message: "invalid signature",
      expected: { canonicalRequest, stringToSign: `HMAC-SHA256\n${headers["X-Timestamp"]}\n${sha256(canonicalRequest)}` },
    });
    expect("signature" in (latest.expected as object)).toBe(false);
    expect(report.requests.some((r) => r.valid === true)).toBe(true);
    const log = await server.waitForOutput("GET /entrance/api/report/check?tampered=1 → 401 signature_mismatch");
    expect(log).toMatch(/\n\d{4}-\d\d-\d\dT[\d:.]+Z GET \/entrance\/api\/report\/check\?tampered=1 → 401 signature_mismatch/);
  });

  it("a known mistake: named in the log, the report and the live page (readable without JavaScript)", async () => {
    // By hand: the client signs the query as sent, "b=2&a=1"; the receiver signs it sorted, "a=1&b=2".
    const { canonicalRequest: client, headers } = aceHeaders("GET", "/api/files/list", "b=2&a=1", "");
    const answer = await fetch(`${base}/entrance/api/files/list?b=2&a=1`, { headers });
    expect(answer.status).toBe(401);
    expect(await answer.text()).toBe('{"msg":"invalid signature"}'); // the client is told nothing more
    await server.waitForOutput(
      "GET /entrance/api/files/list?b=2&a=1 → 401 signature_mismatch (\"invalid signature\")\n  the client's mistake: query-unsorted — your client signed the query in the order sent; the receiver sorts it by key\n",
    );
    const report = (await (await fetch(`${base}/__panelsig/report`)).json()) as { requests: Record<string, unknown>[] };
    expect(report.requests[0]).toMatchObject({
      target: "/entrance/api/files/list?b=2&a=1",
      diagnosis: { mistake: "query-unsorted", signature: headers.Authorization.slice(-64), canonicalRequest: client },
    });
    const page = await fetch(`${base}/__panelsig/`);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await page.text();
    expect(html).toContain("<code>GET /entrance/api/files/list?b=2&amp;a=1</code>");
    expect(html).toContain("Your client's mistake: <strong>query-unsorted</strong>");
    expect(html).toContain('<tr class="differs"><th scope="row">3</th><td><pre>a=1&amp;b=2⏎</pre></td><td><pre>b=2&amp;a=1⏎</pre></td></tr>');
    expect((await fetch(`${base}/__panelsig/`, { method: "POST" })).status).toBe(405);
  });
});

describe("panelsig serve --scheme opterius-agent", () => {
  it("answers {\"error\": …} and stops cleanly on SIGINT", async () => {
    const server = await startServer(NODE, [BIN, "serve", "--scheme", "opterius-agent", "--secret", "s3cret", "--port", "0"]);
    const base = `http://127.0.0.1:${server.port}`;
    const timestamp = new Date().toISOString().slice(0, 19) + "Z";
    const body = '{"username":"alice"}';
    const valid = await fetch(`${base}/account/create?ignored=1`, { method: "POST", body, headers: { "X-Timestamp": timestamp, "X-Signature": hmac("s3cret", `${timestamp}POST/account/create${body}`) } });
    expect(valid.status).toBe(200);
    const stale = "2020-01-01T00:00:00Z";
    const old = await fetch(`${base}/account/create`, { method: "POST", body, headers: { "X-Timestamp": stale, "X-Signature": hmac("s3cret", `${stale}POST/account/create${body}`) } });
    expect(old.status).toBe(401);
    expect(old.headers.get("content-type")).toBe("application/json");
    expect(await old.text()).toBe('{"error":"timestamp out of range"}');
    const { code, output } = await server.stop("SIGINT");
    expect(code).toBe(SEES_EXIT_CODE_AFTER_SIGNAL ? 0 : null);
    expect(output).toContain("panelsig serve: stopped (SIGINT)\n");
  });
});

/** serve with its standard output closed under it: it stops at the next log line, says why, exits 1. */
async function outputGoesAway(file: string, args: string[], cwd?: string) {
  const server = await startServer(file, [...args, "serve", "--scheme", "opterius-agent", "--secret", "s3cret", "--port", "0"], cwd);
  let errors = "";
  server.child.stderr!.on("data", (c: Buffer) => (errors += c.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => server.child.on("exit", (code) => resolve(code)));
  server.child.stdout!.destroy();
  // The request is answered or cut off as serve stops; what counts is how serve ends.
  await rawHttp(server.port, `POST /account/create HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`).catch(() => "");
  expect(await exited).toBe(1);
  expect(errors).toContain("panelsig serve: standard output closed (EPIPE); stopping\n");
}

describe("panelsig serve when its standard output goes away", () => {
  it("stops with a message on standard error and exit code 1 at the next log line", async () => {
    await outputGoesAway(NODE, [BIN]);
  });
});

describe("panelsig serve: bad arguments exit 2", () => {
  const cases: [string, string[], string][] = [
    ["no --scheme", ["serve", "--secret", "s"], "missing --scheme"],
    ["acepanel without --key-id", ["serve", "--scheme", "acepanel", "--secret", "s"], "missing --key-id"],
    ["a port that is not a number", ["serve", "--scheme", "opterius-panel", "--secret", "s", "--port", "http"], '--port must be a whole number, not "http"'],
    ["an acepanel flag for opterius", ["serve", "--scheme", "opterius-panel", "--secret", "s", "--entrance", "/e"], "--entrance is for acepanel only"],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const { code, stderr } = await panelsig(args, { env: { PANELSIG_SECRET: "" } });
      expect(stderr).toContain(`panelsig serve: ${message}`);
      expect(code).toBe(2);
    });
  }

  it("a port already in use", async () => {
    const first = await startServer(NODE, [BIN, "serve", "--scheme", "opterius-panel", "--secret", "s", "--port", "0"]);
    const { code, stderr } = await panelsig(["serve", "--scheme", "opterius-panel", "--secret", "s", "--port", String(first.port)]);
    await first.stop();
    expect(stderr).toContain(`panelsig serve: --port: cannot listen on 127.0.0.1:${first.port} (EADDRINUSE)`);
    expect(code).toBe(2);
  });
});

describe("the same serve under Deno and Bun", () => {
  const runtimes: [string, string, string[]][] = [
    ["deno", `${ROOT}node_modules/.bin/deno`, ["run", "-A", CLI_JS]],
    ["bun", `${ROOT}node_modules/.bin/bun`, [CLI_JS]],
  ];
  for (const [name, file, args] of runtimes) {
    it(`${name}: valid and tampered requests, then a clean stop`, async () => {
      const server = await startServer(file, [...args, "serve", "--scheme", "opterius-panel", "--secret", "eyJ-test", "--port", "0"], ROOT);
      const base = `http://127.0.0.1:${server.port}`;
      const timestamp = String(nowSeconds());
      const body = '{"domain":"example.com"}';
      const valid = await fetch(`${base}/api/accounts`, { method: "POST", body, headers: { "X-Timestamp": timestamp, "X-Signature": hmac("eyJ-test", timestamp + body) } });
      expect(valid.status).toBe(200);
      expect(await valid.json()).toMatchObject({ valid: true, scheme: "opterius-panel", body: { length: body.length, sha256: sha256(body) } });
      const noBody = await fetch(`${base}/api/ping`, { headers: { "X-Timestamp": timestamp, "X-Signature": hmac("eyJ-test", timestamp + "{}") } });
      expect(noBody.status).toBe(200);
      const tampered = await fetch(`${base}/api/accounts`, { method: "POST", body: body + " ", headers: { "X-Timestamp": timestamp, "X-Signature": hmac("eyJ-test", timestamp + body) } });
      expect(tampered.status).toBe(401);
      expect(await tampered.text()).toBe('{"error":"invalid signature"}');
      const { code, output } = await server.stop("SIGTERM");
      expect(code).toBe(SEES_EXIT_CODE_AFTER_SIGNAL ? 0 : null);
      expect(output).toContain("panelsig serve: stopped (SIGTERM)");
    }, 30_000);

    it(`${name}: stops with exit code 1 when its standard output goes away`, async () => {
      await outputGoesAway(file, args, ROOT);
    }, 30_000);
  }
});

