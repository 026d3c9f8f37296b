// The report for CI dashboards: JUnit XML, one <testsuite> per scheme of each suite, one
// <testcase> per vector. A failing vector is a <failure> carrying the readable difference;
// an adapter problem is an <error>; unsupported and not-run vectors are <skipped>.

import { showDifference } from "./diff.ts";
import { count, diffText, stepName, type Row, type Suite } from "./report.ts";

export function junitReport(suites: readonly Suite[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>"];
  for (const suite of suites) {
    const schemes = [...new Set(suite.rows.map((r) => r.scheme))];
    for (const scheme of schemes) {
      const rows = suite.rows.filter((r) => r.scheme === scheme);
      const c = count(rows);
      const failures = rows.filter((r) => r.failing && r.status === "failed").length;
      const errors = rows.filter((r) => r.failing && r.status === "error").length;
      const skipped = rows.filter((r) => !r.failing && r.status !== "passed").length + c.notRun;
      out.push(`  <testsuite name="${xml(`${scheme} (${suite.name})`)}" tests="${c.total}" failures="${failures}" errors="${errors}" skipped="${skipped}">`);
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
  let inner: string;
  if (row.status === "not-run") inner = `<skipped message="not run: the adapter had stopped" />`;
  else if (row.status === "unsupported" && !row.failing) inner = `<skipped message="${xml(`unsupported: ${row.note ?? ""}`)}" />`;
  else if (row.status === "error") inner = `<error message="${xml(row.note ?? "adapter problem")}" />`;
  else {
    const message = row.diff ? `first difference: ${stepName(row.diff.step)}` : `unsupported: ${row.note ?? ""}`;
    const detail = row.diff ? showDifference(diffText(row.diff.expected), diffText(row.diff.actual), "").join("\n") : "";
    const tag = row.failing ? "failure" : "skipped";
    inner = `<${tag} message="${xml(message)}">${xml(`${row.description}\n${detail}`)}</${tag}>`;
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
