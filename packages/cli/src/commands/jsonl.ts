// The JSON Lines batch form shared by `sign --jsonl`, `verify --jsonl` and `adapter`: a case
// object per input line, one result per line out, in order, each echoing the case's id or tcId.
// A line that is not a case gets {"error": "bad_case", "message": …naming the field} and the
// stream goes on; only a bug in panelsig stops it. At the end `sign --jsonl` and `verify --jsonl`
// exit 1 if any line was bad (or, for verify, any request would be rejected), with a one-line
// tally on standard error, so that a pipeline need not parse the output to notice. The adapter
// always exits 0: under the adapter protocol a bad_case answer is an answer, and the runner
// reads any other exit code as the adapter failing.

import { createInterface } from "node:readline";
import { PanelsigError, type Case } from "@panelsig/core";
import { jsonLine } from "@panelsig/conformance/json-line";
import type { ProviderPackage } from "@panelsig/conformance/providers";
import { EXIT } from "../command.ts";
import { writeOut } from "../output.ts";

type Op = "sign" | "verify";

/** "sign" or "verify": every line is that operation. "adapter": each line's `op` says which. */
export type Mode = Op | "adapter";

type Answer = Record<string, unknown>;

export async function runJsonl(mode: Mode, provider: ProviderPackage): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  const tally = new Tally();
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    const answer = await answerLine(line, lineNumber, mode, provider);
    tally.add(answer, lineNumber);
    await writeOut(jsonLine(answer) + "\n");
  }
  if (mode === "adapter" || tally.allGood()) return EXIT.ok;
  process.stderr.write(`panelsig ${mode} --jsonl: ${tally.describe()}\n`);
  return EXIT.verdictFailed;
}

async function answerLine(line: string, lineNumber: number, mode: Mode, provider: ProviderPackage): Promise<Answer> {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return badCase(mode === "adapter" ? { tcId: null } : { id: null }, `line ${lineNumber}: not JSON (${(error as Error).message})`);
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return badCase(mode === "adapter" ? { tcId: null } : { id: null }, `line ${lineNumber}: case: must be a JSON object`);
  }
  const fields = input as Record<string, unknown>;
  const echo = echoOf(fields, mode);
  const op = fields.op ?? (mode === "adapter" ? undefined : mode);
  if (op !== "sign" && op !== "verify") return badCase(echo, `op: must be "sign" or "verify", not ${JSON.stringify(fields.op)}`);
  if (mode !== "adapter" && op !== mode) return badCase(echo, `op: this stream does ${mode}, but the case says ${JSON.stringify(op)}`);
  try {
    const result = op === "sign" ? await provider.sign(fields as unknown as Case) : await provider.verify(fields as unknown as Case);
    return { ...echo, ...result };
  } catch (error) {
    if (error instanceof PanelsigError) return badCase(echo, error.message);
    throw error;
  }
}

/** What went wrong in a stream, in bounded memory: the counts and the first few line numbers. */
class Tally {
  answered = 0;
  bad = { count: 0, lines: [] as number[] };
  rejected = { count: 0, lines: [] as number[] };

  add(answer: Answer, lineNumber: number): void {
    this.answered++;
    const kind = answer.error === "bad_case" ? this.bad : answer.valid === false ? this.rejected : undefined;
    if (!kind) return;
    kind.count++;
    if (kind.lines.length < 5) kind.lines.push(lineNumber);
  }

  allGood(): boolean {
    return this.bad.count === 0 && this.rejected.count === 0;
  }

  /** "2 of 5 lines were bad (bad_case: lines 2, 4); 1 of 5 lines would be rejected (line 5)". */
  describe(): string {
    const of = `of ${this.answered} ${this.answered === 1 ? "line" : "lines"}`;
    const where = ({ count, lines }: { count: number; lines: number[] }) => `line${count > 1 ? "s" : ""} ${lines.join(", ")}${count > lines.length ? ", …" : ""}`;
    const parts: string[] = [];
    if (this.bad.count) parts.push(`${this.bad.count} ${of} ${this.bad.count > 1 ? "were" : "was"} bad (bad_case: ${where(this.bad)})`);
    if (this.rejected.count) parts.push(`${this.rejected.count} ${of} would be rejected (${where(this.rejected)})`);
    return parts.join("; ");
  }
}

/** The identifiers a result line repeats: the adapter protocol's tcId, or a batch's id and/or tcId. */
function echoOf(fields: Record<string, unknown>, mode: Mode): Answer {
  if (mode === "adapter") return { tcId: fields.tcId ?? null };
  const echo: Answer = {};
  if (fields.id !== undefined) echo.id = fields.id;
  if (fields.tcId !== undefined) echo.tcId = fields.tcId;
  return Object.keys(echo).length ? echo : { id: null };
}

function badCase(echo: Answer, message: string): Answer {
  return { ...echo, error: "bad_case", message };
}
