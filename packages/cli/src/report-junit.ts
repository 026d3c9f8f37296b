// The report for CI dashboards: JUnit XML, one <testsuite> per scheme of each suite, one
// <testcase> per vector. A failing vector is a <failure> carrying the readable difference;
// an adapter problem is an <error>; unsupported and not-run vectors are <skipped>.

import { showDifference } from "./diff.ts";
import { diffText, stepName, type Row, type Suite } from "./report.ts";

export function junitReport(suites: readonly Suite[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>"];
  for (const suite of suites) {
    const schemes = [...new Set(suite.rows.map((r) => r.scheme))];
    for (const scheme of schemes) {
      const rows = suite.rows.filter((r) => r.scheme === scheme);
      const failures = rows.filter((r) => r.failing && r.status !== "error").length;
      const errors = rows.filter((r) => r.failing && r.status === "error").length;
      const skipped = rows.filter((r) => !r.failing && r.status !== "passed").length;
      out.push(`  <testsuite name="${xml(`${scheme} (${suite.name})`)}" tests="${rows.length}" failures="${failures}" errors="${errors}" skipped="${skipped}">`);
      for (const row of rows) out.push(...testcase(row, scheme));
      if (suite.problem) out.push(`    <system-err>${xml([suite.problem.message, ...(suite.stderrTail ?? [])].join("\n"))}</system-err>`);
      out.push("  </testsuite>");
    }
  }
  out.push("</testsuites>");
  return out.join("\n");
}

function testcase(row: Row, scheme: string): string[] {
  const open = `    <testcase classname="panelsig.${xml(scheme)}" name="${xml(`${row.tcId} ${row.name} [${row.flags.join(", ")}]`)}"`;
  if (row.status === "passed") return [open + " />"];
  const step = row.diff ? `first difference: ${stepName(row.diff.step)}` : (row.note ?? row.status);
  let inner: string;
  if (!row.failing) inner = `<skipped message="${xml(row.status === "not-run" ? "not run: the adapter had stopped" : `${row.status}: ${step}`)}" />`;
  else if (row.status === "error") inner = `<error message="${xml(step)}" />`;
  else {
    const detail = row.diff ? showDifference(diffText(row.diff.expected), diffText(row.diff.actual), "").join("\n") : "";
    inner = `<failure message="${xml(step)}">${xml(`${row.description}\n${detail}`)}</failure>`;
  }
  return [`${open}>`, `      ${inner}`, "    </testcase>"];
}

/** XML text: the five special characters escaped, and characters XML 1.0 cannot hold replaced. */
function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
