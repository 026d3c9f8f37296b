// The report for machines: every vector with its status (and the first differing step when it
// failed), the adapter's problem if it broke, the counts per scheme and per flag, and the verdict.

import { count, suiteFails, summarise, type Suite } from "./report.ts";

export function jsonReport(suites: readonly Suite[]): string {
  const report = {
    failed: suites.some(suiteFails),
    suites: suites.map((suite) => ({
      name: suite.name,
      failed: suiteFails(suite),
      ...(suite.problem ? { problem: suite.problem, stderrTail: suite.stderrTail ?? [] } : {}),
      totals: count(suite.rows),
      ...summarise(suite.rows),
      vectors: suite.rows,
    })),
  };
  return JSON.stringify(report, null, 2);
}
