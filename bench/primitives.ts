// Part 1: SHA-256 and HMAC-SHA256 of @panelsig/pure against @noble/hashes (the best pure-JS
// anchor) and node:crypto (native, with the CPU's SHA extensions where it has them), one message
// size at a time. The three must agree on every output before any of them is timed.

import { Buffer } from "node:buffer";
import { createHash, createHmac } from "node:crypto";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { hmacSha256, sha256 } from "@panelsig/pure";
import { compare, type Settings } from "./measure.ts";

const SIZES = [0, 32, 1024, 64 * 1024, 1024 * 1024];
const IMPLEMENTATIONS = ["pure", "noble", "node"] as const;
type Implementation = (typeof IMPLEMENTATIONS)[number];

export interface PrimitiveRow {
  algorithm: "sha256" | "hmac-sha256";
  bytes: number;
  nsPerOp: Record<Implementation, number>;
  /** Throughput of pure / throughput of the other: above 1 means pure is faster. */
  pureVsNoble: number;
  pureVsNode: number;
  /** Largest spread between rounds among the three (see measure.ts). */
  spread: number;
}

/** Bytes that look random (xorshift), so no implementation can profit from a regular pattern. */
function pseudoRandomBytes(length: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x;
  }
  return out;
}

const KEY = new TextEncoder().encode("YourSecretToken");

function functionsFor(algorithm: PrimitiveRow["algorithm"], data: Uint8Array): Record<Implementation, () => Uint8Array> {
  return algorithm === "sha256"
    ? {
        pure: () => sha256(data),
        noble: () => nobleSha256(data),
        node: () => createHash("sha256").update(data).digest(),
      }
    : {
        pure: () => hmacSha256(KEY, data),
        noble: () => hmac(nobleSha256, KEY, data),
        node: () => createHmac("sha256", KEY).update(data).digest(),
      };
}

export async function benchPrimitives(settings: Settings, log: (line: string) => void): Promise<PrimitiveRow[]> {
  const rows: PrimitiveRow[] = [];
  for (const algorithm of ["sha256", "hmac-sha256"] as const) {
    for (const bytes of SIZES) {
      const fns = functionsFor(algorithm, pseudoRandomBytes(bytes));
      const expected = Buffer.from(fns.node()).toString("hex");
      for (const name of IMPLEMENTATIONS) {
        const got = Buffer.from(fns[name]()).toString("hex");
        if (got !== expected) throw new Error(`${algorithm} ${bytes} B: ${name} gives ${got}, node:crypto ${expected}`);
      }
      const timings = await compare(IMPLEMENTATIONS.map((name) => ({ name, run: fns[name] })), settings);
      const ns = (name: Implementation) => timings.get(name)!.ns;
      rows.push({
        algorithm,
        bytes,
        nsPerOp: { pure: ns("pure"), noble: ns("noble"), node: ns("node") },
        pureVsNoble: ns("noble") / ns("pure"),
        pureVsNode: ns("node") / ns("pure"),
        spread: Math.max(...IMPLEMENTATIONS.map((name) => timings.get(name)!.spread)),
      });
      log(`  ${algorithm} ${bytes} B done`);
    }
  }
  return rows;
}
