// The JSON Lines batch form shared by `sign --jsonl`, `verify --jsonl` and `adapter`: a case
// object per input line, one result per line out, in order, each echoing the case's id or tcId.
// A line that is not a case gets {"error": "bad_case", "message": …naming the field} and the
// stream goes on; only a bug in panelsig stops it.

import { createInterface } from "node:readline";
import { PanelsigError, type Case } from "@panelsig/core";
import { jsonLine, type ProviderPackage } from "@panelsig/conformance";
import { EXIT } from "../command.ts";
import { writeOut } from "../output.ts";

type Op = "sign" | "verify";

/** "sign" or "verify": every line is that operation. "adapter": each line's `op` says which. */
export type Mode = Op | "adapter";

type Answer = Record<string, unknown>;

export async function runJsonl(mode: Mode, provider: ProviderPackage): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    await writeOut(jsonLine(await answerLine(line, lineNumber, mode, provider)) + "\n");
  }
  return EXIT.ok;
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
