// The report for TAP consumers (TAP version 14): one test point per vector, a YAML block with
// the first differing step on failures, SKIP for unsupported and not-run vectors, and a
// "Bail out!" line when the adapter broke the protocol.

import { diffText, stepName, type Row, type Suite } from "./report.ts";

export function tapReport(suites: readonly Suite[]): string {
  const rows = suites.flatMap((s) => s.rows.map((row) => ({ suite: s.name, row })));
  const out = ["TAP version 14", `1..${rows.length}`];
  rows.forEach(({ suite, row }, i) => out.push(...point(i + 1, suites.length > 1 ? `${suite}: ` : "", row)));
  for (const suite of suites) if (suite.problem) out.push(`Bail out! ${suite.name}: ${suite.problem.message.replace(/\n/g, " ")}`);
  return out.join("\n");
}

function point(n: number, prefix: string, row: Row): string[] {
  const title = `${prefix}${row.scheme} ${row.tcId} ${row.name}`.replace(/#/g, "\\#");
  if (row.status === "passed") return [`ok ${n} - ${title}${row.note ? ` # ${row.note}` : ""}`];
  if (!row.failing) return [`ok ${n} - ${title} # SKIP ${(row.status === "not-run" ? "not run" : `${row.status}: ${row.note ?? ""}`).replace(/\n/g, " ")}`];
  const yaml = ["  ---", `  status: ${row.status}`, `  flags: ${JSON.stringify(row.flags)}`];
  if (row.diff) {
    yaml.push(`  step: ${JSON.stringify(stepName(row.diff.step))}`, `  expected: ${JSON.stringify(diffText(row.diff.expected))}`, `  actual: ${JSON.stringify(diffText(row.diff.actual))}`);
  }
  if (row.note) yaml.push(`  note: ${JSON.stringify(row.note)}`);
  yaml.push("  ...");
  return [`not ok ${n} - ${title}`, ...yaml];
}
