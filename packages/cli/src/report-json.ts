// The report for machines, described by report.schema.json (shipped in the package; the tests
// validate real reports against it): the versions that judged, the verdict, and per suite the
// adapter's problem if it broke (with its one-line headline and the end of its standard error),
// the counts per scheme and per flag, and every vector with its status (and the first differing
// step when it failed).

import { count, suiteFails, summarise, type Suite } from "./report.ts";
import { CLI_VERSION, CORPUS_VERSION } from "./version.ts";

export function jsonReport(suites: readonly Suite[]): string {
  const report = {
    panelsig: { cli: CLI_VERSION, corpus: CORPUS_VERSION },
    failed: suites.some(suiteFails),
    suites: suites.map((suite) => ({
      name: suite.name,
      failed: suiteFails(suite),
      ...(suite.problem ? { problem: suite.problem, headline: suite.headline ?? suite.problem.message, stderrTail: suite.stderrTail ?? [] } : {}),
      totals: count(suite.rows),
      ...summarise(suite.rows),
      vectors: suite.rows,
    })),
  };
  return JSON.stringify(report, null, 2);
}
