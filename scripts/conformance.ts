// `npm run conformance`: the whole vector corpus on every provider under every runtime — Node
// (with tsx), Deno and Bun, all three from the project's own devDependencies — printed as a
// matrix of runtime × provider × vector file, then one line per failure (tcId and the first step
// that differs). Exit 0 when every vector passes everywhere, 1 on any failure, 2 when a runtime
// or a provider could not run at all.

import { spawn } from "node:child_process";
import { delimiter } from "node:path";
import { fileURLToPath } from "node:url";
import type { CorpusRow } from "@panelsig/conformance";
import type { RuntimeReport } from "./conformance-runtime.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNNER = fileURLToPath(new URL("./conformance-runtime.ts", import.meta.url));
const CONDITIONS = "--conditions=@panelsig/source";
const FAILURES_SHOWN = 15;

/** Each runtime's command for the runner; deno runs it with no permissions at all. */
const RUNTIMES: { name: string; command: string; args: string[] }[] = [
  { name: "node", command: process.execPath, args: [CONDITIONS, "--import", "tsx", RUNNER] },
  { name: "deno", command: "deno", args: ["run", "--no-check", CONDITIONS, RUNNER] },
  { name: "bun", command: "bun", args: [CONDITIONS, RUNNER] },
];

/** Runs one runtime's share; any way it can go wrong becomes an error report, never an exception. */
function runIn(runtime: (typeof RUNTIMES)[number]): Promise<RuntimeReport> {
  const env = { ...process.env, PATH: `${ROOT}node_modules/.bin${delimiter}${process.env.PATH ?? ""}` };
  return new Promise((resolve) => {
    const child = spawn(runtime.command, runtime.args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const fail = (why: string) => resolve({ runtime: runtime.name, version: "?", error: `${why}${stderr.trim() ? `\n${stderr.trim()}` : ""}` });
    child.on("error", (error) => fail(`could not start ${runtime.command}: ${error.message}`));
    child.on("close", (code) => {
      const lastLine = stdout.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(lastLine) as RuntimeReport);
      } catch {
        fail(`exited with code ${code} without a report`);
      }
    });
  });
}

const cell = (r: CorpusRow) => `${r.passed} / ${r.failed} / ${r.notCheckable} of ${r.total}`;
const short = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 70 ? text.slice(0, 67) + "..." : text;
};

function print(reports: RuntimeReport[]): number {
  const rows = reports.flatMap((r) => ("rows" in r ? r.rows : []));
  const files = [...new Set(rows.map((r) => r.file))];
  const table: string[][] = [["runtime", "provider", ...files]];
  const problems: string[] = [];
  for (const report of reports) {
    const label = `${report.runtime} ${report.version}`;
    if ("error" in report) {
      table.push([label, "-", `cannot run: ${report.error.split("\n")[0]}`]);
      problems.push(`${report.runtime}: ${report.error}`);
      continue;
    }
    for (const provider of [...new Set(report.rows.map((r) => r.provider))]) {
      table.push([label, provider, ...files.map((file) => {
        const row = report.rows.find((r) => r.provider === provider && r.file === file);
        return row ? cell(row) : "-";
      })]);
    }
    for (const { provider, reason } of report.unavailable) {
      table.push([label, provider, `cannot run here: ${reason}`]);
      problems.push(`${report.runtime} ${provider}: ${reason}`);
    }
  }

  const widths = table[0]!.map((_, i) => Math.max(...table.map((line) => (line.length > i + 1 ? line[i]!.length : 0))));
  const total = files.map((file) => `${file} ${rows.find((r) => r.file === file)?.total ?? "?"}`).join(", ");
  console.log(`panelsig conformance: the corpus (${total}) on every provider under every runtime`);
  console.log("each cell: passed / failed / not-checkable of total\n");
  for (const line of table) console.log(line.map((text, i) => (i === line.length - 1 ? text : text.padEnd(widths[i]!))).join("  ").trimEnd());

  for (const report of reports) {
    if (!("rows" in report)) continue;
    for (const row of report.rows.filter((r) => r.failed > 0)) {
      console.log(`\nFAILED ${report.runtime} ${row.provider} ${row.file}: ${row.failed} of ${row.total}`);
      for (const f of row.failures.slice(0, FAILURES_SHOWN)) {
        console.log(`  tcId ${f.tcId}: ${f.step} differs: expected ${short(f.expected)}, got ${short(f.actual)}`);
      }
      if (row.failures.length > FAILURES_SHOWN) console.log(`  ... and ${row.failures.length - FAILURES_SHOWN} more`);
    }
  }
  for (const problem of problems) console.log(`\nCANNOT RUN ${problem}`);

  const sum = (key: "total" | "failed" | "notCheckable") => rows.reduce((n, r) => n + r[key], 0);
  const unchecked = sum("notCheckable") ? `, ${sum("notCheckable")} not checkable` : "";
  if (problems.length) console.log(`\n${problems.length} runtime/provider combination(s) could not run.`);
  console.log(`\n${sum("total")} vector runs: ${sum("failed") ? `${sum("failed")} FAILED` : "none failed"}${unchecked}.`);
  // The plain closing line CI systems read: passed, failed (and not checkable as skipped).
  const passed = sum("total") - sum("failed") - sum("notCheckable");
  console.log(`conformance: ${passed} passed, ${sum("failed")} failed${sum("notCheckable") ? `, ${sum("notCheckable")} skipped` : ""}`);
  return problems.length ? 2 : sum("failed") ? 1 : 0;
}

process.exitCode = print(await Promise.all(RUNTIMES.map(runIn)));
