// The report for a person: first, in one line, an adapter that could not start or broke the
// protocol (its cause is what matters, not the vectors it left unrun); then only what needs
// attention (each failing, erroring or unsupported vector with the first step that differs,
// expected beside actual with invisible characters shown), then a summary per scheme and per
// flag, the adapter's problem again with its standard error, then the verdict.

import { showDifference } from "./diff.ts";
import { count, diffText, stepName, suiteFails, summarise, type Counts, type Row, type Suite } from "./report.ts";

export function humanReport(suites: readonly Suite[]): string {
  const out: string[] = suites.filter((s) => s.headline).flatMap((s) => [`✗ ${s.headline}`, ""]);
  for (const suite of suites) {
    out.push(`== ${suite.name}`);
    for (const row of suite.rows) if (row.status !== "passed" && row.status !== "not-run") out.push(...showRow(row));
    const acceptable = suite.rows.filter((r) => r.result === "acceptable" && r.status === "passed");
    if (acceptable.length) {
      const [accepted, rejected] = [true, false].map((a) => acceptable.filter((r) => r.acceptedAcceptable === a).map((r) => r.tcId));
      out.push("", `${acceptable.length} acceptable vectors (either answer passes): accepted ${accepted!.join(", ") || "none"}; rejected ${rejected!.join(", ") || "none"}`);
    }
    const { byScheme, byFlag } = summarise(suite.rows);
    out.push("", "per scheme:", ...table(byScheme), "per flag:", ...table(byFlag));
    if (suite.problem) {
      out.push("", `adapter problem (${suite.problem.kind}): ${suite.problem.message}`);
      const notRun = suite.rows.filter((r) => r.status === "not-run").length;
      if (notRun) out.push(`${notRun} vectors were not run because of it.`);
      if (suite.stderrTail?.length) out.push("last lines of its standard error:", ...suite.stderrTail.map((l) => "  | " + l));
    }
    const total = count(suite.rows);
    out.push("", `${suiteFails(suite) ? "FAIL" : "PASS"} ${suite.name}: ${describe(total)}`, "");
  }
  return out.join("\n");
}

function showRow(row: Row): string[] {
  const mark = row.status === "unsupported" ? (row.failing ? "✗ unsupported" : "- unsupported") : row.failing ? "✗" : "!";
  const kind = row.op === "verify" ? `verify, ${row.result}` : row.op;
  const out = ["", `${mark} ${row.scheme} tcId ${row.tcId} ${row.name} (${kind}) [${row.flags.join(", ")}]`, `    ${row.description}`];
  if (row.status === "unsupported") out.push(`    the adapter says: ${row.note}`);
  if (row.status === "error") out.push(`    ${row.note}`);
  if (row.diagnosis) out.push(`    the mistake: ${row.diagnosis.mistake} — ${row.diagnosis.summary}`);
  if (row.diff) {
    out.push(`    first difference: ${stepName(row.diff.step)}`);
    out.push(...showDifference(diffText(row.diff.expected), diffText(row.diff.actual), "      "));
  }
  return out;
}

function table(groups: Record<string, Counts>): string[] {
  const width = Math.max(0, ...Object.keys(groups).map((k) => k.length));
  return Object.entries(groups).map(([name, c]) => `  ${name.padEnd(width)}  ${describe(c)}`);
}

function describe(c: Counts): string {
  const parts = [`${c.passed}/${c.total} passed`];
  if (c.failed) parts.push(`${c.failed} failed`);
  if (c.error) parts.push(`${c.error} error`);
  if (c.unsupported) parts.push(`${c.unsupported} unsupported`);
  if (c.notRun) parts.push(`${c.notRun} not run`);
  return parts.join(", ");
}
