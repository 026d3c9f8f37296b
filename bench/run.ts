// `npm run bench`: measures panelsig's speed against its baselines, side by side in one run, prints
// the tables with their ratios and the targets, and records the figures with the machine
// and runtime in bench/results.json (one entry per runtime: node, deno, bun).
//   --only=primitives,signing,verify,peers,stream,diagnosis,edge,serve   run some parts (then results.json is left alone)
//   --quick   fewer, shorter rounds, for iterating: rougher figures (results.json is left alone)
// Each part runs in a process of its own (this script again, with --part=NAME), and the signing part
// once per provider: a program signs with one provider, while all three through core's one code path
// in one process make its call sites polymorphic and its heap another part's (node's verify(case) at
// 0 B measured 0.85× alone and 0.42× after the signing part in the same process). The child prints
// its rows as JSON on stdout; progress goes to stderr.
// Signing and verify run in two such processes each, and every contender keeps its best round of
// both: now and then a process runs one contender 1-2 µs slower from start to end, which more
// rounds in that process cannot undo (node's signing part, six processes, the same code: in one,
// opterius-panel's sign at 0 B took 2.81 µs against 1.60-1.81 µs in the others; in another,
// acepanel's at 1 KiB took 6.53 µs against 4.23-4.49 µs).

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { benchHeaders, benchReplay, HEADER_TARGET, REPLAY_TARGET, type HeaderRow, type ReplayRow } from "./edge.ts";
import type { Settings } from "./measure.ts";
import { benchDiagnosis, type DiagnosisRow } from "./diagnosis.ts";
import { benchPrimitives, type PrimitiveRow } from "./primitives.ts";
import { installedRuntimes, machine, runtime, scriptCommand } from "./runtime.ts";
import { benchPeers, PEER_BYTES, type PeerRow } from "./peers.ts";
import { REQUESTS } from "./cases.ts";
import { BATCH, benchSigning, type SigningRow } from "./signing.ts";
import { benchServe, SERVE_TARGETS, type ServeBench } from "./serve.ts";
import { benchStream, STREAM_TARGETS, type StreamRow } from "./stream.ts";
import type { Primitive } from "./handwritten.ts";
import { duration, floor, passMiss, ratio, size, table, throughput, verdict } from "./table.ts";
import { benchVerify, type VerifyRow } from "./verify.ts";

const PARTS = ["primitives", "signing", "verify", "peers", "stream", "diagnosis", "edge", "serve"] as const;
type Part = (typeof PARTS)[number];
const SIGNING_PROVIDERS: readonly Primitive[] = ["node", "webcrypto", "pure"];
const RESULTS = fileURLToPath(new URL("results.json", import.meta.url));
// Many short rounds rather than a few long ones: on a shared machine, the more rounds, the likelier
// one of them runs undisturbed.
const quick = process.argv.includes("--quick");
const SETTINGS: Settings = quick ? { rounds: 2, roundMs: 40 } : { rounds: 5, roundMs: 120 };
const progress = (line: string) => console.error(line);

/** One part's measurements, in this process: what a child prints. */
async function measurePart(part: string): Promise<unknown> {
  const [name, provider] = part.split(":") as [Part, Primitive | undefined];
  switch (name) {
    case "primitives":
      return benchPrimitives(SETTINGS, progress);
    case "signing":
      if (provider === undefined) throw new Error("--part=signing:PROVIDER: name the provider (node, webcrypto or pure)");
      return benchSigning(SETTINGS, progress, provider);
    case "verify":
      return benchVerify(SETTINGS, progress);
    case "peers":
      return benchPeers(SETTINGS, progress);
    case "stream":
      return benchStream(progress);
    case "diagnosis":
      return benchDiagnosis(SETTINGS, progress);
    case "edge":
      return { headers: await benchHeaders(SETTINGS, progress), replay: await benchReplay(SETTINGS, progress) };
    case "serve":
      return benchServe(progress);
  }
  throw new Error(`--part: no part named ${part}`);
}

const childPart = process.argv.find((a) => a.startsWith("--part="))?.slice("--part=".length);
if (childPart !== undefined) {
  process.stdout.write(JSON.stringify(await measurePart(childPart)) + "\n");
  process.exit(0);
}

/** Fresh processes per part where one process can be slow throughout (see the top of this file). */
const PROCESSES = 2;

/** Runs one part in a fresh process under this runtime and returns its rows. */
function inOwnProcess<T>(part: string): T {
  const script = fileURLToPath(import.meta.url);
  const [command, args] = scriptCommand(script, [`--part=${part}`, ...(quick ? ["--quick"] : [])], true);
  const out = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 2 ** 20 });
  const line = out.stdout.trim().split("\n").pop() ?? "";
  if (out.status !== 0 || !/^[[{]/.test(line)) throw new Error(`bench part ${part} failed (exit ${out.status}): ${out.stdout.slice(-2000)}`);
  return JSON.parse(line) as T;
}

/**
 * One part's rows from PROCESSES fresh processes, merged row by row (the rows come in the same
 * order): each contender's best time of them all, by `best`.
 */
function bestOfProcesses<R>(part: string, best: (a: R, b: R) => R): R[] {
  const runs = Array.from({ length: PROCESSES }, (_, i) => {
    progress(`  (process ${i + 1} of ${PROCESSES})`);
    return inOwnProcess<R[]>(part);
  });
  return runs[0]!.map((row, i) => runs.slice(1).reduce((merged, run) => best(merged, run[i]!), row));
}

const bestSigning = (a: SigningRow, b: SigningRow): SigningRow => {
  const [signNs, handwrittenNs, interfaceNs] = [Math.min(a.signNs, b.signNs), Math.min(a.handwrittenNs, b.handwrittenNs), Math.min(a.interfaceNs, b.interfaceNs)];
  return { ...a, signNs, handwrittenNs, interfaceNs, ratio: handwrittenNs / signNs, interfaceRatio: handwrittenNs / interfaceNs, spread: Math.max(a.spread, b.spread) };
};

const bestVerify = (a: VerifyRow, b: VerifyRow): VerifyRow => {
  const [verifyNs, handwrittenNs] = [Math.min(a.verifyNs, b.verifyNs), Math.min(a.handwrittenNs, b.handwrittenNs)];
  return { ...a, verifyNs, handwrittenNs, ratio: handwrittenNs / verifyNs, spread: Math.max(a.spread, b.spread) };
};

const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
const unknown = only?.filter((p) => !(PARTS as readonly string[]).includes(p)) ?? [];
if (unknown.length > 0) {
  console.error(`--only: no part named ${unknown.join(", ")}; the parts are ${PARTS.join(", ")}`);
  process.exit(2);
}
const parts = PARTS.filter((p) => !only || only.includes(p));

interface Target {
  what: string;
  target: string;
  measured: string;
  met: boolean;
}

function primitivesReport(rows: PrimitiveRow[]): string {
  return table(
    ["algorithm", "size", "pure", "@noble/hashes", "node:crypto", "pure/noble", "pure/node", "spread"],
    rows.map((r) => {
      const cell = (ns: number) => (r.bytes >= 1024 ? throughput(r.bytes, ns) : duration(ns));
      return [r.algorithm, size(r.bytes), cell(r.nsPerOp.pure), cell(r.nsPerOp.noble), cell(r.nsPerOp.node),
        ratio(r.pureVsNoble), ratio(r.pureVsNode), `${(r.spread * 100).toFixed(0)}%`];
    }),
  );
}

function signingReport(rows: SigningRow[]): string {
  return table(
    ["scheme", "body", "provider", "mode", "sign", "hand-written", "ratio", "on interface", "ratio", "spread", "target", ""],
    rows.map((r) => [r.scheme, size(r.bytes), r.provider, r.mode, duration(r.signNs), duration(r.handwrittenNs), ratio(r.ratio),
      duration(r.interfaceNs), ratio(r.interfaceRatio), `${(r.spread * 100).toFixed(0)}%`, floor(r.target), passMiss(r.ratio, r.target)]),
  );
}

function verifyReport(rows: VerifyRow[]): string {
  return table(
    ["scheme", "body", "verify(case)", "hand-written", "ratio", "spread", "target", ""],
    rows.map((r) => [r.scheme, size(r.bytes), duration(r.verifyNs), duration(r.handwrittenNs), ratio(r.ratio),
      `${(r.spread * 100).toFixed(0)}%`, floor(r.target), passMiss(r.ratio, r.target)]),
  );
}

function peersReport(rows: PeerRow[]): string {
  return table(
    ["verifier", "time", "panelsig", "verifier/panelsig", "spread", "target", ""],
    rows.map((r) => [r.verifier, duration(r.ns), duration(r.panelsigNs), ratio(r.ratio), `${(r.spread * 100).toFixed(0)}%`, floor(r.target), passMiss(r.ratio, r.target)]),
  );
}

/** For each group of rows under one target, the worst ratio measured against it. */
function worstAgainstTargets<R extends { ratio: number; target: number | null }>(rows: R[], what: (target: number) => string, where: (row: R) => string): Target[] {
  const targets: Target[] = [];
  for (const target of new Set(rows.map((r) => r.target))) {
    if (target === null) continue;
    const worst = rows.filter((r) => r.target === target).reduce((a, b) => (b.ratio < a.ratio ? b : a));
    targets.push({ what: what(target), target: floor(target), measured: `${ratio(worst.ratio)} at worst (${where(worst)})`, met: worst.ratio >= target });
  }
  return targets;
}

function streamReport(rows: StreamRow[]): string {
  return table(
    ["run", "body", "time", "throughput", "vs raw", "RSS before", "peak RSS", "target"],
    rows.map((r) => [r.run, size(r.bytes), `${r.seconds.toFixed(2)} s`, throughput(r.bytes, r.seconds * 1e9), ratio(r.ratio),
      `${r.startRssMiB.toFixed(0)} MiB`, `${r.peakRssMiB.toFixed(0)} MiB`, verdict(r.ratio, r.target)]),
  );
}

function serveReport({ rows, peakRssMiB, serveRssMiB, logMiB, logLines }: ServeBench): string {
  const t = table(
    ["connections", "bare node:http", "serve", "ratio", "each round", "CPU/req bare", "serve", "bare p99", "serve p99", "p99 ratio", "load", "non-200", "target"],
    rows.map((r) => [String(r.connections), `${r.bareRps.toFixed(0)} req/s`, `${r.serveRps.toFixed(0)} req/s`, ratio(r.ratio),
      r.rounds.map((x) => (x.serve.rps / x.bare.rps).toFixed(2)).join(" "),
      `${r.bareCpuUs.toFixed(0)} µs`, `${r.serveCpuUs.toFixed(0)} µs`,
      `${r.bareP99Ms.toFixed(2)} ms`, `${r.serveP99Ms.toFixed(2)} ms`, ratio(r.p99Ratio),
      r.rounds.map((x) => x.loadAverage.toFixed(1)).join(" "), String(r.serveNon2xx),
      verdict(r.ratio, SERVE_TARGETS.ratio) + (r.connections === SERVE_TARGETS.p99At ? `; p99 ${r.p99Ratio <= SERVE_TARGETS.p99Ratio ? "ok" : "MISSED"} (target ≤ ${ratio(SERVE_TARGETS.p99Ratio)})` : "")]),
  );
  return `${t}\npeak RSS over the run: bare ${peakRssMiB.bare.toFixed(0)} MiB, serve ${peakRssMiB.serve.toFixed(0)} MiB; serve's RSS after each connection count: ${serveRssMiB.map((m) => m.toFixed(0)).join(", ")} MiB; serve's log: ${logLines} lines, ${logMiB.toFixed(1)} MiB`;
}

function serveTargets({ rows, peakRssMiB }: ServeBench): Target[] {
  const worst = rows.reduce((a, b) => (b.ratio < a.ratio ? b : a));
  const busiest = rows.find((r) => r.connections === SERVE_TARGETS.p99At)!;
  const rss = peakRssMiB.serve / peakRssMiB.bare;
  return [
    { what: "serve vs bare node:http + createHmac, req/s (median round)", target: `≥ ${ratio(SERVE_TARGETS.ratio)}`, measured: `${ratio(worst.ratio)} at worst (${worst.connections} conn.)`, met: worst.ratio >= SERVE_TARGETS.ratio },
    { what: `serve p99 at ${SERVE_TARGETS.p99At} connections vs bare`, target: `≤ ${ratio(SERVE_TARGETS.p99Ratio)}`, measured: `${ratio(busiest.p99Ratio)} (${busiest.serveP99Ms.toFixed(1)} vs ${busiest.bareP99Ms.toFixed(1)} ms)`, met: busiest.p99Ratio <= SERVE_TARGETS.p99Ratio },
    { what: "serve peak RSS vs bare", target: `≤ ${ratio(SERVE_TARGETS.rssRatio)}`, measured: `${ratio(rss)} (${peakRssMiB.serve.toFixed(0)} vs ${peakRssMiB.bare.toFixed(0)} MiB)`, met: rss <= SERVE_TARGETS.rssRatio },
  ];
}

function headerReport(rows: HeaderRow[]): string {
  return table(
    ["scheme", "api", "60,000 spaces", "60,000 letters", "spaces/letters", "spread", "target"],
    rows.map((r) => [r.scheme, r.api, duration(r.spacesNs), duration(r.lettersNs), ratio(r.ratio), `${(r.spread * 100).toFixed(0)}%`,
      r.ratio <= HEADER_TARGET ? `ok (target ≤ ${ratio(HEADER_TARGET)})` : `MISSED (target ≤ ${ratio(HEADER_TARGET)})`]),
  );
}

function replayReport(rows: ReplayRow[]): string {
  return table(
    ["MemoryReplayStore", "claim", "vs empty", "spread"],
    rows.map((r) => [r.store, duration(r.claimNs), ratio(r.ratio), `${(r.spread * 100).toFixed(0)}%`]),
  );
}

function edgeTargets(headers: HeaderRow[], replay: ReplayRow[]): Target[] {
  const worstHeader = headers.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const worstStore = replay.filter((r) => !r.baseline).reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const floor = replay.find((r) => r.baseline)!;
  return [
    { what: "a header of 60,000 spaces vs 60,000 letters, every scheme and api", target: `≤ ${ratio(HEADER_TARGET)}`, measured: `${ratio(worstHeader.ratio)} at worst (${worstHeader.scheme}, ${worstHeader.api})`, met: worstHeader.ratio <= HEADER_TARGET },
    { what: "replay store claim: expiring and full vs empty", target: `≤ ${ratio(REPLAY_TARGET)}`, measured: `${ratio(worstStore.ratio)} at worst (${worstStore.store})`, met: worstStore.ratio <= REPLAY_TARGET },
    { what: "replay store claim: every state vs a bare Map of the same size", target: `≤ ${ratio(REPLAY_TARGET)}`, measured: `${ratio(worstStore.ratio / floor.ratio)} at worst (${worstStore.store})`, met: worstStore.ratio / floor.ratio <= REPLAY_TARGET },
  ];
}

function diagnosisReport(rows: DiagnosisRow[]): string {
  return table(
    ["scheme", "candidates", "accepted", "rejected, diagnose: false", "explained early", "no mistake found", "worst / plain", "spread"],
    rows.map((r) => [r.scheme, String(r.candidates), duration(r.acceptedNs), duration(r.rejectedPlainNs), duration(r.explainedEarlyNs), duration(r.worstNs),
      ratio(r.worstRatio), `${(r.spread * 100).toFixed(0)}%`]),
  );
}

/** The pure provider keeps at least twice @noble/hashes' speed (issue 15). */
const PURE_VS_NOBLE = 2;

function primitiveTargets(rows: PrimitiveRow[]): Target[] {
  const worst = rows.reduce((a, b) => (b.pureVsNoble < a.pureVsNoble ? b : a));
  return [
    { what: "pure SHA-256 and HMAC-SHA256 vs @noble/hashes, every size", target: `≥ ${ratio(PURE_VS_NOBLE)}`, measured: `${ratio(worst.pureVsNoble)} at worst (${worst.algorithm}, ${size(worst.bytes)})`, met: worst.pureVsNoble >= PURE_VS_NOBLE },
  ];
}

function signingTargets(rows: SigningRow[]): Target[] {
  return (["node", "webcrypto"] as const).flatMap((provider) =>
    worstAgainstTargets(
      rows.filter((r) => r.provider === provider),
      (target) => `${provider} sign vs hand-written, ${target === 0.9 && provider === "node" ? "Opterius at 64 KiB and 1 MiB" : "every scheme at 0–1 KiB"}`,
      (r) => `${r.scheme}, ${size(r.bytes)}, ${r.mode}`,
    ),
  );
}

function verifyTargets(rows: VerifyRow[]): Target[] {
  return worstAgainstTargets(
    rows,
    (target) => `node verify(case) vs hand-written, ${target === 0.5 ? "every scheme at 0–1 KiB" : "Opterius at 64 KiB and 1 MiB"}`,
    (r) => `${r.scheme}, ${size(r.bytes)}`,
  );
}

function peersTargets(rows: PeerRow[]): Target[] {
  return worstAgainstTargets(rows, () => `verify of ${size(PEER_BYTES)}: standardwebhooks and svix time ÷ panelsig's`, (r) => r.verifier);
}

function streamTargets(rows: StreamRow[]): Target[] {
  const node = rows.find((r) => r.target !== null)!;
  const verifiers = rows.filter((r) => r.run !== "raw createHash");
  const heaviest = verifiers.reduce((a, b) => (b.peakRssMiB > a.peakRssMiB ? b : a));
  return [
    { what: "streamed 1 GiB: node verifyRequest vs raw createHash", target: `≥ ${ratio(STREAM_TARGETS.ratio)}`, measured: ratio(node.ratio), met: node.ratio >= STREAM_TARGETS.ratio },
    { what: "streamed 1 GiB: peak RSS of every verifier", target: `< ${STREAM_TARGETS.peakRssMiB} MiB`, measured: `${heaviest.peakRssMiB.toFixed(0)} MiB at most (${heaviest.run})`, met: heaviest.peakRssMiB < STREAM_TARGETS.peakRssMiB },
  ];
}

const COMMANDS = { node: "npm run bench", deno: "npm run bench:deno", bun: "npm run bench:bun" };
const rt = runtime();
const box = machine();
// The machine is shared: the load around the run says how much to trust small differences.
const loadBefore = os.loadavg()[0]!;
console.log(`panelsig benchmark on ${rt.name} ${rt.version} (${rt.engine}), ${box.cpu}, ${box.cores} cores, ${box.os}`);
console.log("Each figure is the best of several interleaved rounds' medians; spread = (slowest - best) / best of those");
console.log("rounds, i.e. how noisy the figure was. A ratio above 1 means the first named is faster. Each part, and each");
console.log(`provider's signing, runs in a fresh process; signing and verify in ${PROCESSES}, each contender keeping its best round.\n`);

const record: Record<string, unknown> = {};
const targets: Target[] = [];

for (const part of parts) {
  if (part === "primitives") {
    progress("SHA-256 and HMAC-SHA256 …");
    const rows = inOwnProcess<PrimitiveRow[]>("primitives");
    console.log("SHA-256 and HMAC-SHA256 (time per call below 1 KiB, throughput from 1 KiB)\n");
    console.log(primitivesReport(rows) + "\n");
    record.primitives = rows;
    targets.push(...primitiveTargets(rows));
  } else if (part === "signing") {
    progress("sign per scheme …");
    const order = (r: SigningRow) => [REQUESTS.findIndex((q) => q.scheme === r.scheme), r.bytes, r.mode === "batched" ? 1 : 0, SIGNING_PROVIDERS.indexOf(r.provider)];
    const rows = SIGNING_PROVIDERS.flatMap((provider) => bestOfProcesses(`signing:${provider}`, bestSigning)).sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return x.map((v, i) => v - y[i]!).find((d) => d !== 0) ?? 0;
    });
    console.log(`sign vs hand-written code on the same primitive, per body size (time per signature; batched = ${BATCH} concurrent,`);
    console.log("WebCrypto only, up to 1 KiB); ratio = hand-written time ÷ sign time.");
    console.log("The hand-written code does no input validation, URL parsing or query canonicalisation. \"on interface\" is the");
    console.log("same code through the provider's CryptoProvider interface (bytes in, bytes out): the crypto's cost through that");
    console.log("interface without any of sign's work, so \"on interface\" ratio is about the best sign can reach on that provider.\n");
    console.log(signingReport(rows) + "\n");
    record.signing = rows;
    targets.push(...signingTargets(rows));
  } else if (part === "verify") {
    progress("verify(case) per scheme and body size …");
    const rows = bestOfProcesses("verify", bestVerify);
    console.log("verify(case) of @panelsig/node vs a hand-written node:crypto receiver (time per verification, one at a time)");
    console.log("The hand-written receiver is what an Express handler would do: read the headers, recompute the HMAC, compare with");
    console.log("timingSafeEqual, check the window; no reason codes, error bodies, limits, Go-exact parsing or IP rules. Both were");
    console.log("checked to accept the valid request and to refuse it with its body or signature changed or 1000 s later.\n");
    console.log(verifyReport(rows) + "\n");
    record.verify = rows;
    targets.push(...verifyTargets(rows));
  } else if (part === "peers") {
    progress("verify vs standardwebhooks and svix …");
    const rows = inOwnProcess<PeerRow[]>("peers");
    console.log(`Verifying a ${size(PEER_BYTES)} JSON body: standardwebhooks and svix Webhook.verify vs panelsig's verify(case) for`);
    console.log("opterius-panel (HMAC over timestamp + body, one header, ±300 s on the system clock). standardwebhooks also");
    console.log("JSON-parses the body by default (the jsonParse: false row does not); both peers hash in pure JavaScript");
    console.log("(fast-sha256). Each was checked to accept the valid request and to refuse a changed body or signature.\n");
    console.log(peersReport(rows) + "\n");
    record.peers = rows;
    targets.push(...peersTargets(rows));
  } else if (part === "edge") {
    progress("the live edge: header runs and replay store states …");
    const { headers, replay } = inOwnProcess<{ headers: HeaderRow[]; replay: ReplayRow[] }>("edge");
    console.log("Reading a request is linear: a header (X-Timestamp, inside \"1…1\") of 60,000 spaces vs 60,000 letters, time per verification\n");
    console.log(headerReport(headers) + "\n");
    console.log("Replay guard: one MemoryReplayStore claim (batches of 4096) on an empty store, one at its bound with an entry expiring");
    console.log("at every claim, and a full one (every new signature refused, replay_store_full)\n");
    console.log(replayReport(replay) + "\n");
    record.edge = { headers, replay };
    targets.push(...edgeTargets(headers, replay));
  } else if (part === "diagnosis") {
    progress("diagnosis of a signature mismatch …");
    const rows = inOwnProcess<DiagnosisRow[]>("diagnosis");
    console.log("The diagnosis after a signature mismatch (node provider, 1 KiB JSON body, time per verification): an accepted");
    console.log("request, a rejection with diagnose: false, one a mistake early in the catalogue explains, and one no mistake explains");
    console.log("(every candidate tried: the worst case). \"candidates\" counts the HMACs the worst case adds.\n");
    console.log(diagnosisReport(rows) + "\n");
    record.diagnosis = rows;
  } else if (part === "serve") {
    if (rt.name !== "node") {
      console.log("panelsig serve under load: measured by `npm run bench` (Node, with autocannon)\n");
      continue;
    }
    progress("panelsig serve under load …");
    const result = inOwnProcess<ServeBench>("serve");
    console.log("panelsig serve vs a bare node:http server doing one createHmac per request (autocannon over loopback, the same");
    console.log("signed acepanel GET; each server in its own Node process). Per connection count a warm-up, then rounds of the same");
    console.log("length in which both are loaded back to back, the order swapped each round; ratio = the median round's serve/bare,");
    console.log("\"each round\" lists every round's; p99 from every response's own latency; load = the 1-minute load average\n");
    console.log(serveReport(result) + "\n");
    record.serve = result;
    targets.push(...serveTargets(result));
  } else {
    progress("streamed 1 GiB body …");
    const rows = inOwnProcess<StreamRow[]>("stream");
    console.log("Verification of a streamed 1 GiB body (acepanel; 64 KiB chunks made on the fly, never stored), each run in its own process");
    if (rt.name === "node") console.log("Under Node the runs use the packages' built dist/ with plain node (no TypeScript loader).");
    console.log("");
    console.log(streamReport(rows) + "\n");
    record.stream = rows;
    targets.push(...streamTargets(rows));
  }
}

console.log(table(["target", "wanted", "measured", ""], targets.map((t) => [t.what, t.target, t.measured, t.met ? "met" : "MISSED"])));
console.log(`\n1-minute load average: ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after (${box.cores} cores)`);

if (quick) console.log("\n--quick: fewer, shorter rounds; figures for iterating, not for the record");
if (!only && !quick) {
  const previous = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, "utf8")) : {};
  const load = { before: loadBefore, after: os.loadavg()[0]! };
  const run = { date: new Date().toISOString(), command: COMMANDS[rt.name], runtime: rt, machine: box, runtimes: installedRuntimes(), load, settings: SETTINGS, ...record, targets };
  const runs = { ...previous.runs, [rt.name]: run };
  writeFileSync(RESULTS, JSON.stringify({ runs }, null, 2) + "\n");
  console.log(`\nwrote ${RESULTS}`);
}
