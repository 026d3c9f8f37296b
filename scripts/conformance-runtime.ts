// One runtime's share of `npm run conformance`: runs the whole corpus on every provider in the
// runtime executing this file and writes the report as one JSON line on stdout, for
// scripts/conformance.ts to gather. The same file runs unchanged under node (with tsx), deno and
// bun; only the harness library does the work.

import type { CorpusReport } from "@panelsig/conformance";

export type RuntimeReport = { runtime: string; version: string } & (CorpusReport | { error: string });

const runtimeGlobals = globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string }; process?: { version: string } };
const [runtime, version] = runtimeGlobals.Deno
  ? ["deno", runtimeGlobals.Deno.version.deno]
  : runtimeGlobals.Bun
    ? ["bun", runtimeGlobals.Bun.version]
    : ["node", runtimeGlobals.process!.version.replace(/^v/, "")];

let report: RuntimeReport;
try {
  // Loaded here, not imported above, so that a harness failing to load is reported, not a crash.
  // A provider that cannot load in this runtime stays in PROVIDERS as a stand-in, and runCorpus
  // reports it in `unavailable` with the runtime's reason.
  const { PROVIDERS, runCorpus } = await import("@panelsig/conformance");
  report = { runtime, version, ...(await runCorpus(PROVIDERS)) };
} catch (error) {
  report = { runtime, version, error: `could not load the harness and its providers: ${error instanceof Error ? error.message : String(error)}` };
}
console.log(JSON.stringify(report));
