// --format: which report to write, and writing it.

import { oneOf } from "./args.ts";
import { writeOut } from "./output.ts";
import type { Suite } from "./report.ts";
import { humanReport } from "./report-human.ts";
import { jsonReport } from "./report-json.ts";
import { junitReport } from "./report-junit.ts";
import { tapReport } from "./report-tap.ts";

const FORMATS = { human: humanReport, json: jsonReport, junit: junitReport, tap: tapReport } as const;
type Format = keyof typeof FORMATS;

export const FORMAT_FLAG = { format: { type: "string" } } as const;

export function pickFormat(value: string | undefined): Format {
  return oneOf("--format", value, Object.keys(FORMATS) as Format[], "human");
}

export function writeReport(format: Format, suites: readonly Suite[]): Promise<void> {
  return writeOut(FORMATS[format](suites) + "\n");
}
