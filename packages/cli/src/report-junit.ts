// The report for CI dashboards: JUnit XML as the Jenkins xUnit plugin's junit-10.xsd describes it
// (what Jenkins, GitLab and the GitHub Actions JUnit reporters read; test/report-formats.test.ts
// validates against it). One <testsuite> per scheme of each suite, one <testcase> per vector: a
// failing vector is a <failure> carrying the readable difference, unsupported and not-run vectors
// are <skipped>. An adapter that could not start or broke the protocol comes first, as a test
// suite of its own whose one test case is an <error> with the end of its standard error, so a
// dashboard shows the cause before the vectors it left unrun.

import { showDifference } from "./diff.ts";
import { diffText, stepName, type Row, type Suite } from "./report.ts";

export function junitReport(suites: readonly Suite[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>"];
  for (const suite of suites) if (suite.problem) out.push(...adapterSuite(suite));
  for (const suite of suites) {
    const schemes = [...new Set(suite.rows.map((r) => r.scheme))];
    for (const scheme of schemes) {
      const rows = suite.rows.filter((r) => r.scheme === scheme);
      const failures = rows.filter((r) => r.failing && r.status !== "error").length;
      const errors = rows.filter((r) => r.failing && r.status === "error").length;
      const skipped = rows.filter((r) => !r.failing && r.status !== "passed").length;
      out.push(`  <testsuite name="${xml(`${scheme} (${suite.name})`)}" tests="${rows.length}" failures="${failures}" errors="${errors}" skipped="${skipped}">`);
      for (const row of rows) out.push(...testcase(row, scheme));
      out.push("  </testsuite>");
    }
  }
  out.push("</testsuites>");
  return out.join("\n");
}

function adapterSuite(suite: Suite): string[] {
  const message = suite.headline ?? suite.problem!.message;
  return [
    `  <testsuite name="${xml(`adapter (${suite.name})`)}" tests="1" failures="0" errors="1" skipped="0">`,
    `    <testcase classname="panelsig.adapter" name="${xml(`the adapter follows the protocol (${suite.problem!.kind})`)}">`,
    `      <error type="${xml(suite.problem!.kind)}" message="${xml(message)}">${xml([suite.problem!.message, "", "last lines of its standard error:", ...(suite.stderrTail ?? [])].join("\n"))}</error>`,
    "    </testcase>",
    "  </testsuite>",
  ];
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
    const mistake = row.diagnosis ? `the mistake: ${row.diagnosis.mistake} — ${row.diagnosis.summary}\n` : "";
    inner = `<failure message="${xml(step)}">${xml(`${row.description}\n${mistake}${detail}`)}</failure>`;
  }
  return [`${open}>`, `      ${inner}`, "    </testcase>"];
}

/**
 * XML text: the five special characters escaped, and what XML 1.0 cannot hold (control
 * characters, U+FFFE, U+FFFF, lone surrogates from an adapter's JSON) written as \uXXXX.
 */
function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
