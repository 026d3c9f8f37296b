// `npm run bench`: measures panelsig's speed against its baselines, side by side in one run, prints
// the tables with their ratios and the targets, and records the figures with the machine
// and runtime in bench/results.json (one entry per runtime: node, deno, bun).
//   --only=primitives,signing,stream,diagnosis,edge,serve   run some parts (then results.json is left alone)

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { benchHeaders, benchReplay, HEADER_TARGET, REPLAY_TARGET, type HeaderRow, type ReplayRow } from "./edge.ts";
import type { Settings } from "./measure.ts";
import { benchDiagnosis, type DiagnosisRow } from "./diagnosis.ts";
import { benchPrimitives, type PrimitiveRow } from "./primitives.ts";
import { installedRuntimes, machine, runtime } from "./runtime.ts";
import { BATCH, benchSigning, type SigningRow } from "./signing.ts";
import { benchServe, SERVE_TARGETS, type ServeBench } from "./serve.ts";
import { benchStream, STREAM_TARGETS, type StreamRow } from "./stream.ts";
import { duration, ratio, size, table, throughput, verdict } from "./table.ts";

const PARTS = ["primitives", "signing", "stream", "diagnosis", "edge", "serve"] as const;
const RESULTS = fileURLToPath(new URL("results.json", import.meta.url));
// Many short rounds rather than a few long ones: on a shared machine, the more rounds, the likelier
// one of them runs undisturbed.
const SETTINGS: Settings = { rounds: 5, roundMs: 120 };

const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
const parts = PARTS.filter((p) => !only || only.includes(p));
const progress = (line: string) => console.error(line);

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
    ["scheme", "mode", "provider", "sign", "hand-written", "ratio", "on interface", "ratio", "spread", "target"],
    rows.map((r) => [r.scheme, r.mode, r.provider, duration(r.signNs), duration(r.handwrittenNs), ratio(r.ratio),
      duration(r.interfaceNs), ratio(r.interfaceRatio), `${(r.spread * 100).toFixed(0)}%`, verdict(r.ratio, r.target)]),
  );
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

function primitiveTargets(rows: PrimitiveRow[]): Target[] {
  const hmac = rows.filter((r) => r.algorithm === "hmac-sha256");
  const worst = Math.min(...hmac.map((r) => r.pureVsNoble));
  const at = hmac.find((r) => r.pureVsNoble === worst)!;
  return [
    { what: "pure HMAC-SHA256 vs @noble/hashes, every size", target: "≥ 1.00× (aim 1.50×)", measured: `${ratio(worst)} at worst (${size(at.bytes)})`, met: worst >= 1 },
  ];
}

function signingTargets(rows: SigningRow[]): Target[] {
  const targets: Target[] = [];
  for (const provider of ["node", "webcrypto"] as const) {
    const mine = rows.filter((r) => r.provider === provider);
    const worst = mine.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    targets.push({
      what: `${provider} sign vs hand-written, every scheme and mode`,
      target: `≥ ${ratio(worst.target!)}`,
      measured: `${ratio(worst.ratio)} at worst (${worst.scheme}, ${worst.mode})`,
      met: worst.ratio >= worst.target!,
    });
  }
  return targets;
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
console.log("rounds, i.e. how noisy the figure was. A ratio above 1 means the first named is faster.\n");

const record: Record<string, unknown> = {};
const targets: Target[] = [];

for (const part of parts) {
  if (part === "primitives") {
    progress("SHA-256 and HMAC-SHA256 …");
    const rows = await benchPrimitives(SETTINGS, progress);
    console.log("SHA-256 and HMAC-SHA256 (time per call below 1 KiB, throughput from 1 KiB)\n");
    console.log(primitivesReport(rows) + "\n");
    record.primitives = rows;
    targets.push(...primitiveTargets(rows));
  } else if (part === "signing") {
    progress("sign per scheme …");
    const rows = await benchSigning(SETTINGS, progress);
    console.log(`sign vs hand-written code on the same primitive (time per signature; batched = ${BATCH} concurrent)`);
    console.log("The hand-written code does no input validation, URL parsing or query canonicalisation. \"on interface\" is the");
    console.log("same code through the provider's CryptoProvider interface (bytes in, bytes out): the crypto's cost through that");
    console.log("interface without any of sign's work, so \"on interface\" ratio is about the best sign can reach on that provider.\n");
    console.log(signingReport(rows) + "\n");
    record.signing = rows;
    targets.push(...signingTargets(rows));
  } else if (part === "edge") {
    progress("the live edge: header runs and replay store states …");
    const headers = await benchHeaders(SETTINGS, progress);
    const replay = await benchReplay(SETTINGS, progress);
    console.log("Reading a request is linear: a header (X-Timestamp, inside \"1…1\") of 60,000 spaces vs 60,000 letters, time per verification\n");
    console.log(headerReport(headers) + "\n");
    console.log("Replay guard: one MemoryReplayStore claim (batches of 4096) on an empty store, one at its bound with an entry expiring");
    console.log("at every claim, and a full one (every new signature refused, replay_store_full)\n");
    console.log(replayReport(replay) + "\n");
    record.edge = { headers, replay };
    targets.push(...edgeTargets(headers, replay));
  } else if (part === "diagnosis") {
    progress("diagnosis of a signature mismatch …");
    const rows = await benchDiagnosis(SETTINGS, progress);
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
    const result = await benchServe(progress);
    console.log("panelsig serve vs a bare node:http server doing one createHmac per request (autocannon over loopback, the same");
    console.log("signed acepanel GET; each server in its own Node process). Per connection count a warm-up, then rounds of the same");
    console.log("length in which both are loaded back to back, the order swapped each round; ratio = the median round's serve/bare,");
    console.log("\"each round\" lists every round's; p99 from every response's own latency; load = the 1-minute load average\n");
    console.log(serveReport(result) + "\n");
    record.serve = result;
    targets.push(...serveTargets(result));
  } else {
    progress("streamed 1 GiB body …");
    const rows = benchStream(progress);
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

if (!only) {
  const previous = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, "utf8")) : {};
  const load = { before: loadBefore, after: os.loadavg()[0]! };
  const run = { date: new Date().toISOString(), command: COMMANDS[rt.name], runtime: rt, machine: box, runtimes: installedRuntimes(), load, settings: SETTINGS, ...record, targets };
  const runs = { ...previous.runs, [rt.name]: run };
  writeFileSync(RESULTS, JSON.stringify({ runs }, null, 2) + "\n");
  console.log(`\nwrote ${RESULTS}`);
}
