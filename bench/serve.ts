// Part 4: `panelsig serve` under load against a bare node:http server doing one createHmac per
// request, each in its own Node process, driven by autocannon over loopback with the same signed
// acepanel request at 1, 16 and 128 connections. Per connection count: each server first gets a
// warm-up load (thrown away: the JIT compiles the hot path), then ROUNDS rounds in which both are
// loaded for the same time back to back, the order swapped each round, so that a busy moment of the
// shared machine falls on both. A round's ratio (serve / bare) is taken within the round; the
// figure is the median round's. Latencies are each response's own (autocannon's histogram keeps
// whole milliseconds); the machine's load is recorded with each round. Also each server's RSS.

import { spawn, type ChildProcess } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const BARE = fileURLToPath(new URL("bare-server.mjs", import.meta.url));
const CLI = fileURLToPath(new URL("../packages/cli/bin/panelsig.js", import.meta.url));
const SECRET = "YourSecretToken";
const NOW = 1700000000;
/** The targets: req/s at least 0.6× bare's at every connection count, p99 at 128 within 3×, RSS bounded (here: at most 2× bare's). */
export const SERVE_TARGETS = { ratio: 0.6, p99Ratio: 3, p99At: 128, rssRatio: 2 };
const CONNECTIONS = [1, 16, 128];
const ROUNDS = 3;
const SECONDS = 3;
const WARM_UP_SECONDS = 1;

/** One server's load in one round. */
export interface Load {
  rps: number;
  p99Ms: number;
  /** Answers that were not 200 (must be 0: every request is a valid signed one). */
  non2xx: number;
  /** CPU time (user + system) the server process spent per answered request, in µs: less sensitive to the machine's load than req/s. */
  cpuUs: number;
}

export interface ServeRound {
  bare: Load;
  serve: Load;
  /** Which ran first in this round. */
  first: "bare" | "serve";
  /** The machine's 1-minute load average when the round ended. */
  loadAverage: number;
}

export interface ServeRow {
  connections: number;
  rounds: ServeRound[];
  /** The median round's serve req/s / bare req/s. */
  ratio: number;
  /** The median round's serve p99 / bare p99. */
  p99Ratio: number;
  /** Medians over the rounds, for the table. */
  bareRps: number;
  serveRps: number;
  bareP99Ms: number;
  serveP99Ms: number;
  bareCpuUs: number;
  serveCpuUs: number;
  serveNon2xx: number;
}

export interface ServeBench {
  rows: ServeRow[];
  peakRssMiB: { bare: number; serve: number };
  /** serve's RSS after each connection count's rounds: bounded means it does not climb with the requests served. */
  serveRssMiB: number[];
  /** serve's log over the run: it logs every request. */
  logMiB: number;
  logLines: number;
}

/** The hand-signed request: acepanel GET /entrance/api/user/info at X-Timestamp NOW. */
function signedHeaders(): Record<string, string> {
  const canonical = `GET\n/api/user/info\n\n${createHash("sha256").update("").digest("hex")}`;
  const stringToSign = `HMAC-SHA256\n${NOW}\n${createHash("sha256").update(canonical).digest("hex")}`;
  const signature = createHmac("sha256", SECRET).update(stringToSign).digest("hex");
  return { "X-Timestamp": String(NOW), Authorization: `HMAC-SHA256 Credential=16, Signature=${signature}` };
}

/** A port free on 127.0.0.1 at the moment. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts serve with its log going straight into a file (a reader as fast as a terminal, so that
 * the log's back-pressure never waits on this process, busy running autocannon), and resolves once
 * the file shows its start line.
 */
async function startServe(args: string[]): Promise<{ child: ChildProcess; port: number; logFile: string }> {
  const port = await freePort();
  const logFile = join(mkdtempSync(join(tmpdir(), "panelsig-bench-")), "serve.log");
  const fd = openSync(logFile, "w");
  const child = spawn(process.execPath, [...args, "--port", String(port)], { stdio: ["ignore", fd, "inherit"] });
  closeSync(fd);
  while (!readFileSync(logFile, "utf8").includes("on http://127.0.0.1:")) {
    if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}) before it started`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, port, logFile };
}

/** Starts a server process and resolves to it and its port once it prints where it listens. */
function startProcess(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    const look = (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const match = /on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (!match) return;
      child.stdout!.off("data", look);
      child.stdout!.resume();
      resolve({ child, port: Number(match[1]) });
    };
    child.stdout!.on("data", look);
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited (${code}) before it started: ${out}`)));
  });
}

/** User + system CPU time of a process so far, in µs (Linux: /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuUs(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

function rssMiB(child: ChildProcess, field: "VmHWM" | "VmRSS"): number {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
}

/** The p-th percentile (0-100) of the values, nearest rank. */
function percentile(values: Float64Array, count: number, p: number): number {
  const sorted = values.subarray(0, count).sort();
  return sorted[Math.min(count - 1, Math.max(0, Math.ceil((p / 100) * count) - 1))] ?? NaN;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[(sorted.length - 1) >> 1]!;
}

async function load(server: ChildProcess, port: number, connections: number, headers: Record<string, string>, seconds: number): Promise<Load> {
  const before = cpuUs(server);
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({ url: `http://127.0.0.1:${port}/entrance/api/user/info`, headers, connections, duration: seconds }, (error, r) => (error ? reject(error) : resolve(r)));
    run.on("response", (_client, _status, _bytes, ms) => {
      if (count === latencies.length) {
        const larger = new Float64Array(latencies.length * 2);
        larger.set(latencies);
        latencies = larger;
      }
      latencies[count++] = ms;
    });
  });
  return { rps: result.requests.total / seconds, p99Ms: percentile(latencies, count, 99), non2xx: result.non2xx, cpuUs: (cpuUs(server) - before) / result.requests.total };
}

export async function benchServe(progress: (line: string) => void): Promise<ServeBench> {
  const headers = signedHeaders();
  const bare = await startProcess([BARE, SECRET]);
  const serve = await startServe([CLI, "serve", "--scheme", "acepanel", "--secret", SECRET, "--key-id", "16", "--entrance", "/entrance", "--now", String(NOW)]);
  const servers = { bare, serve };
  try {
    const rows: ServeRow[] = [];
    const serveRssMiB: number[] = [];
    for (const connections of CONNECTIONS) {
      progress(`  serve vs bare node:http, ${connections} connection(s): warm-up …`);
      for (const s of [bare, serve]) await load(s.child, s.port, connections, headers, WARM_UP_SECONDS);
      const rounds: ServeRound[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        progress(`  serve vs bare node:http, ${connections} connection(s), round ${round + 1} of ${ROUNDS} …`);
        const first = round % 2 === 0 ? "bare" : "serve";
        const loads: Partial<Record<"bare" | "serve", Load>> = {};
        for (const name of first === "bare" ? (["bare", "serve"] as const) : (["serve", "bare"] as const)) {
          loads[name] = await load(servers[name].child, servers[name].port, connections, headers, SECONDS);
        }
        rounds.push({ bare: loads.bare!, serve: loads.serve!, first, loadAverage: loadavg()[0]! });
      }
      serveRssMiB.push(rssMiB(serve.child, "VmRSS"));
      const of = (pick: (r: ServeRound) => number) => median(rounds.map(pick));
      rows.push({
        connections,
        rounds,
        ratio: of((r) => r.serve.rps / r.bare.rps),
        p99Ratio: of((r) => r.serve.p99Ms / r.bare.p99Ms),
        bareRps: of((r) => r.bare.rps),
        serveRps: of((r) => r.serve.rps),
        bareP99Ms: of((r) => r.bare.p99Ms),
        serveP99Ms: of((r) => r.serve.p99Ms),
        bareCpuUs: of((r) => r.bare.cpuUs),
        serveCpuUs: of((r) => r.serve.cpuUs),
        serveNon2xx: rounds.reduce((n, r) => n + r.serve.non2xx, 0),
      });
    }
    const logLines = readFileSync(serve.logFile, "utf8").split("\n").length - 2;
    return {
      rows,
      peakRssMiB: { bare: rssMiB(bare.child, "VmHWM"), serve: rssMiB(serve.child, "VmHWM") },
      serveRssMiB,
      logMiB: statSync(serve.logFile).size / 2 ** 20,
      logLines,
    };
  } finally {
    bare.child.kill();
    serve.child.kill();
    rmSync(serve.logFile.slice(0, -"/serve.log".length), { recursive: true, force: true });
  }
}
