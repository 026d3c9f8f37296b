// The one shape every report format is written from (human, json, junit, tap), whether the
// vectors ran through panelsig's own providers (`vectors`) or a third-party adapter (`check`):
// suites of rows, a run-level problem when an adapter broke, and the counts per scheme and flag.

import { countsAsFailure, type AdapterProblem, type CheckedVector, type CheckStatus, type VectorDiff } from "@panelsig/conformance";
import { visibleLine } from "./explain.ts";

export interface Row {
  scheme: string;
  tcId: number;
  name: string;
  description: string;
  flags: string[];
  op: "sign" | "verify" | "hmac";
  /** verify vectors: what the real receiver answers (valid, invalid, acceptable). */
  result?: string;
  status: CheckStatus;
  diff?: VectorDiff;
  note?: string;
  /** An acceptable verify vector: whether the implementation accepted the request. */
  acceptedAcceptable?: boolean;
  /** Whether this row makes the run fail. */
  failing: boolean;
  /** A sign vector signed otherwise: the known client mistake that gives the adapter's signature. */
  diagnosis?: { mistake: string; summary: string };
}

export interface Suite {
  /** What ran the vectors: a provider name, or the adapter command. */
  name: string;
  rows: Row[];
  problem?: AdapterProblem;
  stderrTail?: string[];
  /** The problem in one line, with the end of the adapter's standard error: every report shows it first. */
  headline?: string;
}

export interface Counts {
  total: number;
  passed: number;
  failed: number;
  unsupported: number;
  error: number;
  notRun: number;
}

export function toRows(checked: readonly CheckedVector[], strict: boolean): Row[] {
  return checked.map((c) => ({
    scheme: c.vector.case.scheme,
    tcId: c.vector.tcId,
    name: c.vector.name,
    description: c.vector.description,
    flags: c.vector.flags,
    op: c.vector.case.op,
    ...("result" in c.vector ? { result: c.vector.result } : {}),
    status: c.status,
    ...(c.diff ? { diff: c.diff } : {}),
    ...(c.note ? { note: c.note } : {}),
    // run.ts notes an acceptable vector as "acceptable: accepted" or "acceptable: rejected (…)".
    ...(c.note?.startsWith("acceptable: ") ? { acceptedAcceptable: c.note.startsWith("acceptable: accepted") } : {}),
    failing: countsAsFailure(c, strict),
    ...(c.diagnosis ? { diagnosis: c.diagnosis } : {}),
  }));
}

const WHAT_IT_DID: Record<AdapterProblem["kind"], string> = {
  crashed: "crashed",
  timeout: "hung",
  "not-json": "spoke out of turn",
  "not-a-result": "spoke out of turn",
  "out-of-order": "spoke out of turn",
  "exit-code": "exited with an error",
  "no-exit": "did not exit",
};

/**
 * An adapter problem in one line: what the adapter did, the runner's message, and the last line
 * it wrote on standard error (usually the cause: "not found", a stack trace's message).
 */
export function problemHeadline(problem: AdapterProblem, stderrTail: readonly string[], couldNotStart: boolean): string {
  const did = couldNotStart ? "could not start" : WHAT_IT_DID[problem.kind];
  const last = stderrTail.filter((line) => line.trim() !== "").at(-1);
  const stderr = last === undefined ? "it wrote nothing on standard error" : `its standard error ends: ${visibleLine(last.trim())}`;
  return `the adapter ${did}: ${problem.message}; ${stderr}`;
}

export function suiteFails(suite: Suite): boolean {
  return suite.problem !== undefined || suite.rows.some((r) => r.failing);
}

const KEY: Record<CheckStatus, keyof Counts> = { passed: "passed", failed: "failed", unsupported: "unsupported", error: "error", "not-run": "notRun" };

export function count(rows: readonly Row[]): Counts {
  const counts: Counts = { total: 0, passed: 0, failed: 0, unsupported: 0, error: 0, notRun: 0 };
  for (const row of rows) {
    counts.total++;
    counts[KEY[row.status]]++;
  }
  return counts;
}

/** Counts per scheme and per flag, in first-seen order (a vector counts once for each of its flags). */
export function summarise(rows: readonly Row[]): { byScheme: Record<string, Counts>; byFlag: Record<string, Counts> } {
  const schemes = new Map<string, Row[]>();
  const flags = new Map<string, Row[]>();
  for (const row of rows) {
    push(schemes, row.scheme, row);
    for (const flag of row.flags) push(flags, flag, row);
  }
  const counted = (groups: Map<string, Row[]>) => Object.fromEntries([...groups].map(([k, v]) => [k, count(v)]));
  return { byScheme: counted(schemes), byFlag: counted(flags) };
}

function push(groups: Map<string, Row[]>, key: string, row: Row): void {
  const group = groups.get(key);
  if (group) group.push(row);
  else groups.set(key, [row]);
}

/** The human name of a step in the order a computation goes (run.ts's step ids). */
export function stepName(step: string): string {
  const names: Record<string, string> = {
    canonicalRequest: "canonical request",
    stringToSign: "string to sign",
    "stringToSign (SHA-256)": "string to sign (its SHA-256: the body is large)",
    stringToSignBase64: "string to sign (base64)",
    signature: "signature",
    headers: "headers",
    valid: "verdict (valid)",
    error: "reason code (error)",
    status: "HTTP status",
    message: "message",
    expectedSignature: "expected signature",
    "diagnosis.mistake": "diagnosis (the mistake's id)",
    bad_case: "bad_case: the adapter could not read the case",
    result: "result shape",
    sign: "sign threw",
    verify: "verify threw",
  };
  return names[step] ?? step;
}

/** A diff value as text: strings as they are, header lists one "Name: value" per line, the rest as JSON. */
export function diffText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((h) => Array.isArray(h) && h.length === 2)) return value.map(([n, v]) => `${n}: ${v}`).join("\n");
  return value === undefined ? "(absent)" : JSON.stringify(value);
}
