// `panelsig check`: the corpus run through a third-party implementation that speaks the JSON
// Lines adapter protocol. The adapter is started here (adapter-process.ts); the protocol and the
// judging are @panelsig/conformance's runAdapter. Whatever the adapter does, the answer is a report.

import { runAdapter } from "@panelsig/conformance";
import { parseFlags, UsageError } from "../args.ts";
import { startAdapter } from "../adapter-process.ts";
import { EXIT, exitCodes, type Command } from "../command.ts";
import { writeOut } from "../output.ts";
import { progressLine } from "../progress.ts";
import { problemHeadline, toRows, suiteFails, type Suite } from "../report.ts";
import { FORMAT_FLAG, pickFormat, writeReport } from "../report-format.ts";
import { SELECT_FLAGS, selectVectors } from "../select-vectors.ts";

const FLAGS = { exec: { type: "string" }, timeout: { type: "string" }, "exit-timeout": { type: "string" }, strict: { type: "boolean" }, ...SELECT_FLAGS, ...FORMAT_FLAG } as const;

export const checkCommand: Command = {
  name: "check",
  usage: `Usage: panelsig check --exec "<command>" [--scheme S] [--flags A,B] [--format F] [--timeout SECONDS] [--exit-timeout SECONDS] [--strict]

Starts <command> once through the shell and checks it against every vector of the corpus,
speaking the adapter protocol (docs/adapter-protocol.md): one case object per line on its
standard input (with "tcId" and "op": "sign" or "verify"), one result per line expected on its
standard output, in the same order. Reports each failing vector with the first step that
differs (canonical request → string to sign → signature → headers; or the verdict), expected
beside actual with invisible characters shown, then a summary per scheme and per flag.

  --exec "<cmd>"      the adapter command, run through the shell in the current directory
  --scheme S          only opterius-agent, opterius-panel or acepanel (default: all three)
  --flags A,B         only vectors carrying at least one of these flags
  --format F          human (default), json, junit or tap
  --timeout SECONDS   how long a case may wait for its answer (default 10); the first case's
                      wait includes the adapter's start-up
  --exit-timeout SECONDS
                      how long the adapter may take to exit once its input is closed
                      (default: --timeout)
  --strict            count "unsupported" answers as failures

An adapter that cannot start, crashes, hangs, prints something that is not a result or answers
out of order is stopped and said first, in one line with the case it was on and the end of its
standard error (on standard error with --format json, junit or tap); the vectors after it are
reported as not run, and the summary repeats the problem. Vectors whose result is
"acceptable" (either answer is fine) are reported, never failed.

Examples:
  panelsig check --exec "python3 my_adapter.py"
  panelsig check --exec "./gradlew -q run" --scheme acepanel --timeout 30
  panelsig check --exec "node adapter.js" --flags QueryCanonicalization --format junit > panelsig.xml
  panelsig check --exec "panelsig adapter"        (panelsig's own implementation: passes every vector)

${exitCodes("no valid, invalid or sign vector failed", "one did, or the adapter could not\n      start, crashed, hung or broke the protocol (said first, with the end of its standard error)")}`,

  async run(argv) {
    const { values } = parseFlags(argv, FLAGS);
    if (values.help) return writeOut(this.usage + "\n").then(() => EXIT.ok);
    if (values.exec === undefined || values.exec.trim() === "") throw new UsageError('missing --exec "<command>": the command that starts your adapter');
    const format = pickFormat(values.format);
    const timeout = seconds("--timeout", values.timeout, 10);
    const exitTimeout = seconds("--exit-timeout", values["exit-timeout"], timeout);
    const { vectors } = selectVectors(values.scheme, values.flags);
    const progress = progressLine("panelsig check");
    const adapter = startAdapter(values.exec);
    const run = await runAdapter(adapter, vectors, { timeoutMs: timeout * 1000, exitTimeoutMs: exitTimeout * 1000, onProgress: progress.update });
    progress.clear();
    const suite: Suite = { name: values.exec, rows: toRows(run.checked, values.strict ?? false) };
    if (run.problem) {
      Object.assign(suite, { problem: run.problem, stderrTail: run.stderrTail, headline: problemHeadline(run.problem, run.stderrTail, adapter.couldNotStart()) });
      // The human report starts with it; a machine format goes to a file, so the log gets it here.
      if (format !== "human") process.stderr.write(`panelsig check: ${suite.headline}\n`);
    }
    await writeReport(format, [suite]);
    return suiteFails(suite) ? EXIT.verdictFailed : EXIT.ok;
  },
};

/** A flag giving a number of seconds above 0, or its default. */
function seconds(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) throw new UsageError(`${flag} must be a number of seconds above 0, not ${JSON.stringify(text)}`);
  return value;
}
