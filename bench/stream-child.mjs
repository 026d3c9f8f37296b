// One streamed-body run, in a process of its own so that its peak RSS is its own. Plain JavaScript,
// so that Node runs it without a TypeScript loader (tsx's loader thread alone adds ~40 MiB of RSS):
// under Node it uses the packages' built dist/ (npm run bench builds them first), under Deno and Bun
// their sources. The body is made on the fly as a ReadableStream of fresh 64 KiB chunks and never
// stored; it is hashed by raw node:crypto createHash (the baseline) or verified as a Web Request by
// a provider (what its `verifyRequest` does: verifyRequestWith on that provider).
//   node stream-child.mjs '{"mode":"raw" | "node" | "webcrypto" | "pure", ...the request (see stream.ts)}'
// Prints one JSON line: { mode, bytes, seconds, startRssMiB, peakRssMiB, bodySha256 | valid, error }.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { verifyRequestWith } from "@panelsig/core";
import { nodeProvider } from "@panelsig/node";
import { pureProvider } from "@panelsig/pure";
import { webcryptoProvider } from "@panelsig/webcrypto";

const PROVIDERS = { node: nodeProvider, webcrypto: webcryptoProvider, pure: pureProvider };
const CHUNK = 64 * 1024;
const run = JSON.parse(process.argv[2] ?? "{}");

// Chunks look random (xorshift) and differ (each numbered in its first 4 bytes).
const template = new Uint8Array(CHUNK);
for (let i = 0, x = 0x9e3779b9 | 0; i < CHUNK; i++) {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  template[i] = x;
}

function body() {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= run.bytes) return controller.close();
      const chunk = template.slice(0, Math.min(CHUNK, run.bytes - sent));
      new DataView(chunk.buffer).setUint32(0, sent / CHUNK);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

// Resident set in MiB: the kernel's figures where there are any (VmHWM is the peak), else sampled.
let sampledPeak = 0;
const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 20);
function rssMiB(field) {
  try {
    const kib = new RegExp(`${field}:\\s*(\\d+) kB`).exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kib) return Number(kib) / 1024;
  } catch {
    // not Linux: sampled below
  }
  return Math.max(field === "VmHWM" ? sampledPeak : 0, process.memoryUsage().rss) / 2 ** 20;
}

async function hashRaw() {
  const hash = createHash("sha256");
  const reader = body().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
  }
  return { bodySha256: hash.digest("hex") };
}

async function verify(provider) {
  const request = new Request(run.url, {
    method: run.method,
    headers: { "X-Timestamp": run.timestamp, Authorization: run.authorization },
    body: body(),
    duplex: "half", // a streamed request body (Node's fetch requires saying so)
  });
  const result = await verifyRequestWith(provider, request, {
    scheme: "acepanel",
    token: (keyId) => (keyId === String(run.keyId) ? { secret: run.secret } : undefined),
    entrance: run.entrance,
    maxBodyBytes: run.bytes,
    now: () => Number(run.timestamp),
  });
  return { valid: result.valid, error: result.error };
}

const startRssMiB = rssMiB("VmRSS");
const start = performance.now();
const outcome = run.mode === "raw" ? await hashRaw() : await verify(PROVIDERS[run.mode]);
const seconds = (performance.now() - start) / 1000;
clearInterval(sampler);
console.log(JSON.stringify({ mode: run.mode, bytes: run.bytes, seconds, startRssMiB, peakRssMiB: rssMiB("VmHWM"), ...outcome }));
