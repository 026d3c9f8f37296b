// The report for TAP consumers, TAP version 14 (test/report-formats.test.ts parses it with
// tap-parser, strict): one test point per vector, a YAML block with the first differing step on
// failures, SKIP for unsupported and not-run vectors. An adapter problem is a comment right after
// the plan, so a reader sees it first, and a "Bail out!" at the end.

import { diffText, stepName, type Row, type Suite } from "./report.ts";

export function tapReport(suites: readonly Suite[]): string {
  const rows = suites.flatMap((s) => s.rows.map((row) => ({ suite: s.name, row })));
  const out = ["TAP version 14", `1..${rows.length}`];
  for (const suite of suites) if (suite.headline) out.push(`# ${oneLine(suite.headline)}`);
  rows.forEach(({ suite, row }, i) => out.push(...point(i + 1, suites.length > 1 ? `${suite}: ` : "", row)));
  for (const suite of suites) if (suite.problem) out.push(`Bail out! ${oneLine(`${suite.name}: ${suite.problem.message}`)}`);
  return out.join("\n");
}

function point(n: number, prefix: string, row: Row): string[] {
  const title = escape(`${prefix}${row.scheme} ${row.tcId} ${row.name}${row.status === "passed" && row.note ? ` (${row.note})` : ""}`);
  if (row.status === "passed") return [`ok ${n} - ${title}`];
  if (!row.failing) return [`ok ${n} - ${title} # SKIP ${escape(row.status === "not-run" ? "not run" : `${row.status}: ${row.note ?? ""}`)}`];
  const yaml = ["  ---", `  status: ${row.status}`, `  flags: ${JSON.stringify(row.flags)}`];
  if (row.diff) {
    yaml.push(`  step: ${JSON.stringify(stepName(row.diff.step))}`, `  expected: ${JSON.stringify(diffText(row.diff.expected))}`, `  actual: ${JSON.stringify(diffText(row.diff.actual))}`);
  }
  if (row.note) yaml.push(`  note: ${JSON.stringify(row.note)}`);
  if (row.diagnosis) yaml.push(`  mistake: ${JSON.stringify(row.diagnosis.mistake)}`, `  summary: ${JSON.stringify(row.diagnosis.summary)}`);
  yaml.push("  ...");
  return [`not ok ${n} - ${title}`, ...yaml];
}

/** Text on one TAP line: every line break (CR and LF alone too, which a reader may split at) a space. */
function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n\v\f\x85\u2028\u2029]/g, " ");
}

/** A description or directive reason: one line, with TAP 14's escapes for "\" and "#". */
function escape(text: string): string {
  return oneLine(text).replace(/\\/g, "\\\\").replace(/#/g, "\\#");
}
