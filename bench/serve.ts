// Part 4: `panelsig serve` under load against a bare node:http server doing one createHmac per
// request, each in its own Node process, driven by autocannon over loopback with the same signed
// acepanel request at 1, 16 and 128 connections. The two servers take turns (bare, serve, bare,
// serve…) so that a busy moment of the shared machine hits both; each keeps its best round.
// Also each server's peak RSS over the whole run (VmHWM, Linux).

import { spawn, type ChildProcess } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const BARE = fileURLToPath(new URL("bare-server.mjs", import.meta.url));
const CLI = fileURLToPath(new URL("../packages/cli/bin/panelsig.js", import.meta.url));
const SECRET = "YourSecretToken";
const NOW = 1700000000;
export const SERVE_TARGETS = { ratio: 0.6, p99Ratio: 3 };
const CONNECTIONS = [1, 16, 128];
const ROUNDS = 2;
const SECONDS = 4;

export interface ServeRow {
  connections: number;
  bareRps: number;
  serveRps: number;
  ratio: number;
  bareP99Ms: number;
  serveP99Ms: number;
  p99Ratio: number;
  /** Answers that were not 200 (must be 0: every request is a valid signed one). */
  serveNon2xx: number;
  /** CPU time (user + system) each server process spent per answered request, in µs: less sensitive to the machine's load than req/s. */
  bareCpuUs: number;
  serveCpuUs: number;
}

export interface ServeBench {
  rows: ServeRow[];
  peakRssMiB: { bare: number; serve: number };
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

function peakRssMiB(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

async function load(server: ChildProcess, port: number, connections: number, headers: Record<string, string>): Promise<autocannon.Result & { cpuUs: number }> {
  const before = cpuUs(server);
  const result = await autocannon({ url: `http://127.0.0.1:${port}/entrance/api/user/info`, headers, connections, duration: SECONDS });
  return { ...result, cpuUs: (cpuUs(server) - before) / result.requests.total };
}

export async function benchServe(progress: (line: string) => void): Promise<ServeBench> {
  const headers = signedHeaders();
  const bare = await startProcess([BARE, SECRET]);
  const serve = await startServe([CLI, "serve", "--scheme", "acepanel", "--secret", SECRET, "--key-id", "16", "--entrance", "/entrance", "--now", String(NOW)]);
  try {
    const rows: ServeRow[] = [];
    for (const connections of CONNECTIONS) {
      let b: Awaited<ReturnType<typeof load>> | undefined;
      let s: Awaited<ReturnType<typeof load>> | undefined;
      for (let round = 0; round < ROUNDS; round++) {
        progress(`  serve vs bare node:http, ${connections} connection(s), round ${round + 1} of ${ROUNDS} …`);
        const br = await load(bare.child, bare.port, connections, headers);
        const sr = await load(serve.child, serve.port, connections, headers);
        if (!b || br.requests.average > b.requests.average) b = br;
        if (!s || sr.requests.average > s.requests.average) s = sr;
      }
      rows.push({
        connections,
        bareRps: b!.requests.average,
        serveRps: s!.requests.average,
        ratio: s!.requests.average / b!.requests.average,
        bareP99Ms: b!.latency.p99,
        serveP99Ms: s!.latency.p99,
        p99Ratio: s!.latency.p99 / Math.max(b!.latency.p99, 1),
        serveNon2xx: s!.non2xx,
        bareCpuUs: b!.cpuUs,
        serveCpuUs: s!.cpuUs,
      });
    }
    const logLines = readFileSync(serve.logFile, "utf8").split("\n").length - 2;
    return { rows, peakRssMiB: { bare: peakRssMiB(bare.child), serve: peakRssMiB(serve.child) }, logMiB: statSync(serve.logFile).size / 2 ** 20, logLines };
  } finally {
    bare.child.kill();
    serve.child.kill();
    rmSync(serve.logFile.slice(0, -"/serve.log".length), { recursive: true, force: true });
  }
}
