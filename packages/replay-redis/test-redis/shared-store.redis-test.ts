// The replay guard shared by separate processes, against a real redis-server started here on a
// free loopback port (never the machine's own service). Two verifier processes, one on the `redis`
// client and one on `ioredis`, each an Express receiver with @panelsig/middleware:
// a signed opterius-panel request is accepted exactly once, also under 100 concurrent duplicates;
// Redis stopped → both fail closed (503); Redis back → both work again. Every wait is for an event
// (a line printed, a process exited), never for time.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const RECEIVER = fileURLToPath(new URL("receiver.ts", import.meta.url));
const PANEL_SECRET = "panel-api-token-for-the-redis-test";

/** A child process whose output lines can be awaited. */
class Watched {
  readonly output: string[] = [];
  private readonly waiters: { pattern: RegExp; from: number; resolve: (line: string) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    let pending = "";
    const take = (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        this.output.push(line);
        for (const waiter of [...this.waiters]) this.check(waiter);
      }
    };
    child.stdout!.on("data", take);
    child.stderr!.on("data", take);
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  }

  /** The next line matching `pattern` printed from now on (or from output line `from`). */
  next(pattern: RegExp, from = this.output.length): Promise<string> {
    return new Promise((resolve) => {
      const waiter = { pattern, from, resolve };
      this.waiters.push(waiter);
      this.check(waiter);
    });
  }

  private check(waiter: { pattern: RegExp; from: number; resolve: (line: string) => void }): void {
    const line = this.output.slice(waiter.from).find((l) => waiter.pattern.test(l));
    if (line === undefined) return;
    this.waiters.splice(this.waiters.indexOf(waiter), 1);
    waiter.resolve(line);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<Watched> {
  const redis = new Watched(
    spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"], { stdio: ["ignore", "pipe", "pipe"] }),
  );
  const ready = redis.next(/Ready to accept connections/, 0);
  const failed = redis.exited.then((code) => {
    throw new Error(`redis-server exited (${code}) before it was ready (install Debian's redis-server package):\n${redis.output.join("\n")}`);
  });
  await Promise.race([ready, failed]);
  return redis;
}

async function stopRedis(redis: Watched): Promise<void> {
  redis.child.kill("SIGTERM");
  await redis.exited;
}

async function startReceiver(client: "redis" | "ioredis", redisPort: number): Promise<{ watched: Watched; port: number }> {
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, ["--conditions=@panelsig/source", RECEIVER], {
    cwd: ROOT,
    env: { ...process.env, CLIENT: client, REDIS_PORT: String(redisPort), PANEL_SECRET },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const watched = new Watched(child);
  const [listening] = await Promise.all([watched.next(/^listening \d+$/, 0), watched.next(/^redis ready$/, 0)]);
  return { watched, port: Number(listening.split(" ")[1]) };
}

/** An opterius-panel request signed with node:crypto: hex(HMAC(api_token, TIMESTAMP + BODY)), now. */
function signed(body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", PANEL_SECRET).update(timestamp + body).digest("hex");
  return { "X-Timestamp": timestamp, "X-Signature": signature, "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) };
}

function post(port: number, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/hook", headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (p: Buffer) => parts.push(p));
      res.on("end", () => resolve({ status: res.statusCode!, text: Buffer.concat(parts).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const tally = (answers: { status: number }[]) => answers.reduce<Record<number, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {});

let redisPort: number;
let redis: Watched;
let a: { watched: Watched; port: number };
let b: { watched: Watched; port: number };

beforeAll(async () => {
  redisPort = await freePort();
  redis = await startRedis(redisPort);
  [a, b] = await Promise.all([startReceiver("redis", redisPort), startReceiver("ioredis", redisPort)]);
}, 60_000);

afterAll(async () => {
  for (const receiver of [a, b]) {
    if (!receiver) continue;
    receiver.watched.child.stdin!.end();
    await receiver.watched.exited;
  }
  if (redis) await stopRedis(redis);
});

describe("redisReplayStore shared by two verifier processes (redis and ioredis clients)", () => {
  it("accepts one signed request exactly once across both processes", async () => {
    const body = '{"invoice":1}';
    const headers = signed(body);
    const answers = await Promise.all([post(a.port, headers, body), post(b.port, headers, body)]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 401]);
    expect(answers.find((x) => x.status === 200)!.text).toBe('{"accepted":{"invoice":1}}');
    expect(answers.find((x) => x.status === 401)!.text).toBe('{"error":"request already used"}');
  });

  it("accepts exactly one of 100 concurrent duplicates sent to both processes", async () => {
    const body = '{"invoice":2}';
    const headers = signed(body);
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => post(i % 2 ? a.port : b.port, headers, body)));
    expect(tally(answers)).toEqual({ 200: 1, 401: 99 });
  });

  it("fails closed (503) in both processes while Redis is down, and works again once it is back", async () => {
    const downA = a.watched.next(/^redis down$/);
    const downB = b.watched.next(/^redis down$/);
    await stopRedis(redis);
    await Promise.all([downA, downB]);

    const body = '{"invoice":3}';
    const headers = signed(body);
    const refused = await Promise.all([post(a.port, headers, body), post(b.port, headers, body)]);
    expect(refused).toEqual([
      { status: 503, text: '{"error":"replay guard unavailable"}' },
      { status: 503, text: '{"error":"replay guard unavailable"}' },
    ]);

    const readyA = a.watched.next(/^redis ready$/);
    const readyB = b.watched.next(/^redis ready$/);
    redis = await startRedis(redisPort);
    await Promise.all([readyA, readyB]);
    const again = signed('{"invoice":4}');
    const answers = await Promise.all([post(a.port, again, '{"invoice":4}'), post(b.port, again, '{"invoice":4}')]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 401]);
  });

  it("logged the outage without the secret or any signature", () => {
    const logs = [...a.watched.output, ...b.watched.output].join("\n");
    expect(logs).toContain("panelsig: a request could not be verified: ReplayStoreUnavailableError [replay_store_unavailable]");
    expect(logs).not.toContain(PANEL_SECRET);
    expect(/[0-9a-f]{64}/.test(logs)).toBe(false);
  });
});
