// Part 3: verification of a streamed 1 GiB body against raw createHash over the same stream, each
// run in a fresh process (stream-child.mjs) for its own peak RSS. The raw run gives the body's hash,
// from which hand-written node:crypto code makes the Authorization the verifiers must accept.
// The raw / node pair runs three times, interleaved, and each keeps its fastest run.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { HandParts } from "./cases.ts";
import { acepanelOnNode } from "./handwritten.ts";
import { scriptCommand } from "./runtime.ts";

const CHILD = fileURLToPath(new URL("stream-child.mjs", import.meta.url));
/** Least acceptable verify throughput / raw createHash throughput, and most peak RSS, from the issue. */
export const STREAM_TARGETS = { ratio: 0.8, peakRssMiB: 100 };

/** An AcePanel upload of 1 GiB. */
const STREAM = {
  bytes: 2 ** 30,
  url: "http://panel.example.com/entrance/api/file/upload",
  entrance: "/entrance",
  method: "POST",
  timestamp: "1700000000",
  keyId: 16,
  secret: "YourSecretToken",
};
const STREAM_PARTS: HandParts = { ...STREAM, path: "/api/file/upload", query: "", body: "" };

interface ChildResult {
  mode: string;
  bytes: number;
  seconds: number;
  startRssMiB: number;
  peakRssMiB: number;
  bodySha256?: string;
  valid?: boolean;
  error?: string;
}

export interface StreamRow {
  run: string;
  bytes: number;
  seconds: number;
  mibPerSecond: number;
  /** Resident set before the body starts flowing, and the process's peak. */
  startRssMiB: number;
  peakRssMiB: number;
  /** Throughput / raw createHash throughput. */
  ratio: number;
  target: number | null;
}

function child(mode: string, authorization = ""): ChildResult {
  const [command, args] = scriptCommand(CHILD, [JSON.stringify({ mode, authorization, ...STREAM })]);
  const out = spawnSync(command, args, { encoding: "utf8" });
  const line = out.stdout.trim().split("\n").pop() ?? "";
  if (out.status !== 0 || !line.startsWith("{")) throw new Error(`stream-child ${mode} failed (${out.status}): ${out.stderr}`);
  return JSON.parse(line) as ChildResult;
}

const fastest = (runs: ChildResult[]) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));

export function benchStream(log: (line: string) => void): StreamRow[] {
  const raw: ChildResult[] = [];
  const verified = new Map<string, ChildResult[]>();
  let authorization = "";
  const verify = (provider: string) => {
    const result = child(provider, authorization);
    if (!result.valid) throw new Error(`${provider} did not accept the streamed request: ${result.error}`);
    verified.set(provider, [...(verified.get(provider) ?? []), result]);
    log(`  ${provider} verify: ${result.seconds.toFixed(2)} s`);
  };
  for (let round = 0; round < 3; round++) {
    raw.push(child("raw"));
    log(`  raw createHash: ${raw.at(-1)!.seconds.toFixed(2)} s`);
    authorization ||= acepanelOnNode(STREAM_PARTS, raw[0]!.bodySha256!);
    verify("node");
  }
  verify("webcrypto");
  verify("pure");

  const baseline = fastest(raw);
  const row = (run: string, r: ChildResult, target: number | null): StreamRow => ({
    run,
    bytes: r.bytes,
    seconds: r.seconds,
    mibPerSecond: r.bytes / 2 ** 20 / r.seconds,
    startRssMiB: r.startRssMiB,
    peakRssMiB: r.peakRssMiB,
    ratio: baseline.seconds / r.seconds,
    target,
  });
  return [
    row("raw createHash", baseline, null),
    ...[...verified].map(([provider, runs]) => row(`${provider} verifyRequest`, fastest(runs), provider === "node" ? STREAM_TARGETS.ratio : null)),
  ];
}
