// Reads a case object from a file or standard input ("-") for the commands that take one.

import { readFileSync } from "node:fs";
import { UsageError } from "./args.ts";
import { readStdin } from "./output.ts";

export async function readCaseFile(flag: string, path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = path === "-" ? Buffer.from(await readStdin()).toString("utf8") : readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${JSON.stringify(path)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${flag}: ${path === "-" ? "standard input" : JSON.stringify(path)} is not JSON (${(error as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(`${flag}: expected a case object ({"scheme", "request", "credentials", "context"}), not ${Array.isArray(value) ? "an array" : typeof value}`);
  }
  return value as Record<string, unknown>;
}
