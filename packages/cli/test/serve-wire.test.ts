// `panelsig serve` on the wire, started in the runtime running this file (Node, Deno or Bun) and
// spoken to in raw bytes: what Node's, Deno's and Bun's own HTTP servers refuse or change, Go's
// server (the real receiver's) accepts, and serve answers as Go does. Also the receiver-state
// flags, the Host check, the hidden signatures and the log's back-pressure. Every signature is
// computed here with node:crypto from a canonical request written out by hand.
import { createHash, createHmac } from "node:crypto";
import { connect } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServeFromArgs } from "../src/commands/serve.ts";
import { createOutput } from "../src/serve-output.ts";

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (secret: string, data: string | Uint8Array) => createHmac("sha256", secret).update(data).digest("hex");
const SECRET = "YourSecretToken";
const NOW = 1700000000;

/** The acepanel signature of a canonical request given line by line. */
function aceSignature(method: string, path: string, query: string, body: string | Uint8Array, timestamp = NOW): string {
  return hmac(SECRET, `HMAC-SHA256\n${timestamp}\n${sha256(`${method}\n${path}\n${query}\n${sha256(body)}`)}`);
}
const auth = (signature: string) => `Authorization: HMAC-SHA256 Credential=16, Signature=${signature}`;

interface Answer {
  head: string;
  status: number;
  body: string;
}

/** Sends bytes on one connection and splits everything the server sent until it closed into answers. */
function raw(port: number, ...parts: (string | Buffer)[]): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : p)))));
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => resolve(splitAnswers(Buffer.concat(chunks).toString("utf8"))));
  });
}

/** As raw, but each piece written on its own (the server may get them in as many reads). */
function rawInPieces(port: number, pieces: string[]): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.setNoDelay(true);
      for (const piece of pieces) socket.write(piece, "latin1");
      socket.end();
    });
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => resolve(splitAnswers(Buffer.concat(chunks).toString("utf8"))));
  });
}

function splitAnswers(text: string): Answer[] {
  const answers: Answer[] = [];
  while (text.length) {
    const end = text.indexOf("\r\n\r\n");
    const head = text.slice(0, end);
    const length = /\r\nContent-Length: (\d+)/i.exec(head);
    const size = length ? Number(length[1]) : text.length - end - 4;
    answers.push({ head, status: Number(head.slice(9, 12)), body: text.slice(end + 4, end + 4 + size) });
    text = text.slice(end + 4 + size);
  }
  return answers;
}

function logSink() {
  let text = "";
  const stream = new Writable({ write: (chunk: Buffer, _e, done) => ((text += chunk.toString("utf8")), done()) });
  return { output: createOutput(stream as unknown as NodeJS.WriteStream, () => {}), text: () => text };
}

async function start(args: string[]) {
  const log = logSink();
  const { server } = await startServeFromArgs([...args, "--port", "0"], log.output);
  return { port: server.port, close: server.close, log: log.text };
}

describe("serve reads requests as Go's server does", () => {
  let s: Awaited<ReturnType<typeof start>>;
  let host: string;
  beforeAll(async () => {
    s = await start(["--scheme", "acepanel", "--secret", SECRET, "--key-id", "16", "--entrance", "/entrance", "--now", String(NOW)]);
    host = `Host: 127.0.0.1:${s.port}\r\n`;
  });
  afterAll(() => s.close());

  const get = (target: string, headers: string, body = "") =>
    raw(s.port, `GET ${target} HTTP/1.1\r\n${host}X-Timestamp: ${NOW}\r\n${headers}${body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : ""}Connection: close\r\n\r\n${body}`);

  it("a lower-case method and a path with .. are checked as sent", async () => {
    const [a] = await raw(s.port, `get /entrance/api/a/../user/info HTTP/1.1\r\n${host}X-Timestamp: ${NOW}\r\n${auth(aceSignature("get", "/api/a/../user/info", "", ""))}\r\nConnection: close\r\n\r\n`);
    expect(a!.status).toBe(200);
    expect(JSON.parse(a!.body)).toMatchObject({ valid: true, method: "get", path: "/entrance/api/a/../user/info" });
  });

  it("raw UTF-8 bytes in the path and query are the bytes signed", async () => {
    const [a] = await get("/entrance/api/files/中?q=é", auth(aceSignature("GET", "/api/files/中", "q=%C3%A9", "")) + "\r\n");
    expect(a!.status).toBe(200);
  });

  it("the absolute form: the path is the URL's, the Host is the URL's", async () => {
    const [a] = await raw(s.port, `GET http://127.0.0.1:${s.port}/entrance/api/user/info?b=1 HTTP/1.1\r\nHost: elsewhere.example\r\nX-Timestamp: ${NOW}\r\n${auth(aceSignature("GET", "/api/user/info", "b=1", ""))}\r\nConnection: close\r\n\r\n`);
    expect(a!.status).toBe(200);
  });

  it("OPTIONS * is answered 200 with no body, as Go's server does", async () => {
    const [a] = await raw(s.port, `OPTIONS * HTTP/1.1\r\n${host}Connection: close\r\n\r\n`);
    expect(a!.status).toBe(200);
    expect(a!.head).toContain("\r\nContent-Length: 0");
  });

  it("a repeated Authorization: the first counts (Go's Header.Get), not the two joined", async () => {
    const [a] = await get("/entrance/api/user/info", `${auth(aceSignature("GET", "/api/user/info", "", ""))}\r\nAuthorization: garbage\r\n`);
    expect(a!.status).toBe(200);
    const [b] = await get("/entrance/api/user/info", `Authorization: garbage\r\n${auth(aceSignature("GET", "/api/user/info", "", ""))}\r\n`);
    expect(b!.status).toBe(401);
  });

  it("header bytes are UTF-8: a no-break space between the Authorization fields is a space to Go's scanner", async () => {
    const [a] = await get("/entrance/api/user/info", `Authorization: HMAC-SHA256 Credential=16,\u00a0Signature=${aceSignature("GET", "/api/user/info", "", "")}\r\n`);
    expect(a!.status).toBe(200);
  });

  it("a GET with a body: the body is read and hashed", async () => {
    const [a] = await get("/entrance/api/user/info", auth(aceSignature("GET", "/api/user/info", "", "abc")) + "\r\n", "abc");
    expect(a!.status).toBe(200);
    expect(JSON.parse(a!.body).body).toStrictEqual({ length: 3, sha256: sha256("abc") });
    const [b] = await get("/entrance/api/user/info", auth(aceSignature("GET", "/api/user/info", "", "")) + "\r\n", "abc");
    expect(b!.status).toBe(401);
  });

  it("line ends as Go's reader takes them: bare LF, a blank line of LF CR LF, a head sent a byte at a time", async () => {
    // The body holds CR LF CR LF: the head ends at the first blank line, however it is written.
    const body = "a\r\n\r\nb";
    const fields = [`Host: 127.0.0.1:${s.port}`, `X-Timestamp: ${NOW}`, auth(aceSignature("POST", "/api/files/create", "", body)), `Content-Length: ${body.length}`, "Connection: close"];
    const head = (eol: string) => ["POST /entrance/api/files/create HTTP/1.1", ...fields].join(eol) + eol;
    const requests = { lf: `${head("\n")}\n${body}`, lfThenCrLf: `${head("\n")}\r\n${body}`, crLf: `${head("\r\n")}\r\n${body}` };
    const answers = [
      ...(await raw(s.port, requests.lf)),
      ...(await raw(s.port, requests.lfThenCrLf)),
      ...(await rawInPieces(s.port, [...requests.crLf])),
    ];
    expect(answers.map((a) => a.status)).toStrictEqual([200, 200, 200]);
    for (const a of answers) expect(JSON.parse(a.body).body).toStrictEqual({ length: 6, sha256: sha256(body) }) // a, CR LF CR LF, b;
  });

  it("2,000 headers before the Authorization: all kept (Node's parser keeps about 1,000)", async () => {
    const filler = Array.from({ length: 2000 }, (_, i) => `X-Filler-${i}: ${i}\r\n`).join("");
    const [a] = await get("/entrance/api/user/info", filler + auth(aceSignature("GET", "/api/user/info", "", "")) + "\r\n");
    expect(a!.status).toBe(200);
  });

  it("a chunked body is the de-chunked bytes", async () => {
    const body = '{"a":1}';
    const [a] = await raw(s.port, `POST /entrance/api/files/create HTTP/1.1\r\n${host}X-Timestamp: ${NOW}\r\n${auth(aceSignature("POST", "/api/files/create", "", body))}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\n{"a\r\n4;ext=1\r\n":1}\r\n0\r\n\r\n`);
    expect(a!.status).toBe(200);
  });

  it("keep-alive: pipelined requests are answered in order on one connection", async () => {
    const ok = `GET /entrance/api/user/info HTTP/1.1\r\n${host}X-Timestamp: ${NOW}\r\n${auth(aceSignature("GET", "/api/user/info", "", ""))}\r\n\r\n`;
    const answers = await raw(s.port, ok, `GET /entrance/api/user/info HTTP/1.1\r\n${host}\r\n`, ok.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
    expect(answers.map((a) => a.status)).toStrictEqual([200, 418, 200]);
  });

  it("what Go's server refuses before any handler: two Host headers, no Host, a bad escape, an unknown transfer coding, a head over Go's 1 MiB + 4 KiB", async () => {
    const plain400 = { status: 400, body: "400 Bad Request" };
    const [twoHosts] = await raw(s.port, `GET /entrance/api/user/info HTTP/1.1\r\n${host}${host}\r\n`);
    expect({ status: twoHosts!.status, body: twoHosts!.body }).toStrictEqual(plain400);
    const [noHost] = await raw(s.port, "GET /entrance/api/user/info HTTP/1.1\r\n\r\n");
    expect(noHost!.body).toBe("400 Bad Request: missing required Host header");
    const [escape] = await raw(s.port, `GET /entrance/api/%zz HTTP/1.1\r\n${host}\r\n`);
    expect({ status: escape!.status, body: escape!.body }).toStrictEqual(plain400);
    const [gzip] = await raw(s.port, `POST /entrance/api/x HTTP/1.1\r\n${host}Transfer-Encoding: gzip\r\n\r\n`);
    expect({ status: gzip!.status, body: gzip!.body }).toStrictEqual({ status: 501, body: "Unsupported transfer encoding" });
    const [huge] = await raw(s.port, `GET /entrance/api/x HTTP/1.1\r\n${host}X-Big: ${"a".repeat((1 << 20) + 8192)}\r\n\r\n`);
    expect(huge!.status).toBe(431);
  });
});

describe("serve's flags: the receiver's state", () => {
  const ace = ["--scheme", "acepanel", "--secret", SECRET, "--key-id", "16", "--entrance", "/entrance", "--now", String(NOW)];
  const signed = (port: number, extra = "") =>
    raw(port, `GET /entrance/api/user/info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Timestamp: ${NOW}\r\n${auth(aceSignature("GET", "/api/user/info", "", ""))}\r\n${extra}Connection: close\r\n\r\n`);

  it("--token-expires-at in the past of --now: 401 token expired; --locale zh_CN: the server's Chinese message", async () => {
    const s = await start([...ace, "--token-expires-at", String(NOW - 1), "--locale", "zh_CN"]);
    const [a] = await signed(s.port);
    await s.close();
    expect({ status: a!.status, body: a!.body }).toStrictEqual({ status: 401, body: '{"msg":"令牌已过期"}' });
  });

  it("--ip-whitelist: the loopback peer passes when listed and is refused when not; --ip-header reads the header's ip:port", async () => {
    const listed = await start([...ace, "--ip-whitelist", "10.0.0.0/8, 127.0.0.1"]);
    expect((await signed(listed.port))[0]!.status).toBe(200);
    await listed.close();
    const other = await start([...ace, "--ip-whitelist", "10.0.0.0/8"]);
    const [refused] = await signed(other.port);
    await other.close();
    expect(refused!.status).toBe(401);
    expect(JSON.parse(refused!.body).msg).toMatch(/^invalid request ip: 127\.0\.0\.1/);
    const header = await start([...ace, "--ip-whitelist", "203.0.113.10", "--ip-header", "X-Forwarded-For"]);
    const [viaHeader] = await signed(header.port, "X-Forwarded-For: 203.0.113.10:5555, 10.0.0.1\r\n");
    await header.close();
    expect(viaHeader!.status).toBe(200);
  });

  it("opterius --window and --now: 30 s old passes a 30 s window, 31 s old does not", async () => {
    const s = await start(["--scheme", "opterius-panel", "--secret", "eyJ-test", "--now", String(NOW), "--window", "30"]);
    const send = (t: number) => raw(s.port, `POST /api/accounts HTTP/1.1\r\nHost: localhost:${s.port}\r\nX-Timestamp: ${t}\r\nX-Signature: ${hmac("eyJ-test", `${t}{}`)}\r\nConnection: close\r\n\r\n`);
    const [inside] = await send(NOW - 30);
    const [outside] = await send(NOW - 31);
    await s.close();
    expect(inside!.status).toBe(200);
    expect({ status: outside!.status, body: outside!.body }).toStrictEqual({ status: 401, body: '{"error":"timestamp out of range"}' });
  });

  it("--entrance-error 418 (the panel's default) answers a path outside the entrance with 418", async () => {
    const s = await start([...ace, "--entrance-error", "418"]);
    const [a] = await raw(s.port, `GET /elsewhere/api/user/info HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nConnection: close\r\n\r\n`);
    await s.close();
    expect(a!.status).toBe(418);
  });

  it("--entrance-error nginx answers the panel's 404 page, close hangs up without an answer; --locale zh_TW: the server's Traditional Chinese", async () => {
    const outside = (port: number) => raw(port, `GET /elsewhere/api/user/info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    const nginx = await start([...ace, "--entrance-error", "nginx"]);
    const [page] = await outside(nginx.port);
    await nginx.close();
    expect(page!.status).toBe(404);
    const close = await start([...ace, "--entrance-error", "close"]);
    const answers = await outside(close.port);
    await close.close();
    expect(answers).toStrictEqual([]);
    const zhTW = await start([...ace, "--token-expires-at", String(NOW - 1), "--locale", "zh_TW"]);
    const [expired] = await signed(zhTW.port);
    await zhTW.close();
    expect({ status: expired!.status, body: expired!.body }).toStrictEqual({ status: 401, body: '{"msg":"令牌已過期"}' });
  });

  it("a value serve or core refuses is named by its flag", async () => {
    await expect(start([...ace, "--locale", "fr"])).rejects.toThrow('--locale must be one of en, zh_CN, zh_TW, not "fr"');
    await expect(start([...ace, "--entrance-error", "teapot"])).rejects.toThrow('--entrance-error must be one of 418, nginx, close, not "teapot"');
    await expect(start([...ace, "--ip-whitelist", "10.0.0.1,,10.0.0.2"])).rejects.toThrow("--ip-whitelist must be IPs and CIDR blocks separated by commas");
    await expect(start(["--scheme", "opterius-agent", "--secret", "s", "--ip-header", "X"])).rejects.toThrow("--ip-header is for acepanel only");
  });
});

describe("serve is safe to run with a real secret", () => {
  it("answers only requests whose Host is the address it listens on, or --allow-host", async () => {
    const s = await start(["--scheme", "opterius-panel", "--secret", "eyJ-test", "--allow-host", "panel.test"]);
    const status = async (hostHeader: string) => (await raw(s.port, `GET /__panelsig/report HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`))[0]!.status;
    const statuses = {
      loopback: await status(`127.0.0.1:${s.port}`),
      localhost: await status(`localhost:${s.port}`),
      ipv6: await status(`[::1]:${s.port}`),
      allowed: await status("panel.test:8080"),
      rebound: await status(`attacker.example:${s.port}`),
      otherPort: await status(`127.0.0.1:${s.port + 1}`),
      noPort: await status("127.0.0.1"),
    };
    await s.close();
    expect(statuses).toStrictEqual({ loopback: 200, localhost: 200, ipv6: 200, allowed: 200, rebound: 403, otherPort: 403, noPort: 403 });
  });

  it("the expected signature is in no answer, report or log line unless --show-signatures", async () => {
    const expectedSignature = aceSignature("GET", "/api/user/info", "tampered=1", "");
    const request = (port: number) =>
      raw(port, `GET /entrance/api/user/info?tampered=1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Timestamp: ${NOW}\r\n${auth(aceSignature("GET", "/api/user/info", "", ""))}\r\n\r\nGET /__panelsig/report HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    const args = ["--scheme", "acepanel", "--secret", SECRET, "--key-id", "16", "--entrance", "/entrance", "--now", String(NOW)];
    const hidden = await start(args);
    const [rejected, report] = await request(hidden.port);
    await hidden.close();
    expect(rejected!.status).toBe(401);
    const entry = JSON.parse(report!.body).requests[0];
    expect(entry.expected).toStrictEqual({ canonicalRequest: `GET\n/api/user/info\ntampered=1\n${sha256("")}`, stringToSign: `HMAC-SHA256\n${NOW}\n${sha256(`GET\n/api/user/info\ntampered=1\n${sha256("")}`)}` });
    expect(report!.body + rejected!.body + hidden.log()).not.toContain(expectedSignature);
    const shown = await start([...args, "--show-signatures"]);
    const [, shownReport] = await request(shown.port);
    await shown.close();
    expect(JSON.parse(shownReport!.body).requests[0].expected.signature).toBe(expectedSignature);
  });

  it("each log line starts with the time", async () => {
    const s = await start(["--scheme", "opterius-agent", "--secret", "s3cret"]);
    await raw(s.port, `POST /account/create HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nConnection: close\r\n\r\n`);
    await s.close();
    expect(s.log()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z POST \/account\/create → 401 missing_headers \("missing signature headers"\)\n$/);
  });
});

describe("serve's log has back-pressure", () => {
  it("a connection whose log line the reader has not taken reads no further request until the log drains", async () => {
    // A log reader that takes nothing until released: its buffer (1 byte) is full after one line.
    let held: (() => void) | undefined;
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const outputStream = new Writable({ highWaterMark: 1, write: (_c, _e, done) => (held === undefined ? ((held = done), wrote()) : done()) });
    const release = () => held!();
    const { server } = await startServeFromArgs(["--scheme", "opterius-agent", "--secret", "s3cret", "--port", "0"], createOutput(outputStream as unknown as NodeJS.WriteStream, () => {}));
    const request = `POST /x HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`;
    const a = connect(server.port, "127.0.0.1");
    const answers: string[] = [];
    let onAnswer: () => void = () => {};
    a.on("data", (c: Buffer) => {
      answers.push(...c.toString("latin1").split("HTTP/1.1 ").slice(1));
      onAnswer();
    });
    const answered = (n: number) => new Promise<void>((resolve) => ((onAnswer = () => answers.length >= n && resolve()), onAnswer()));
    a.write(request);
    await answered(1);
    await written;
    // The log is full now; the request already being read when it filled is still answered…
    a.write(request);
    await answered(2);
    a.write(request);
    // …and another connection's first request too (it is read before anything is logged)…
    const [other] = await raw(server.port, `GET /__panelsig/report HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`);
    expect(other!.status).toBe(200);
    // …but the first connection's third request waits for the log.
    expect(answers.length).toBe(2);
    release();
    await answered(3);
    a.destroy();
    await server.close();
  });
});
