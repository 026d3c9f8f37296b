// Runs the vector corpus against a third-party implementation that speaks the JSON Lines adapter
// protocol (docs/adapter-protocol.md). Runtime-agnostic: the caller starts the adapter and hands
// over its pipes as an AdapterProcess; this file speaks the protocol (pipelining, a per-case
// timeout, matching each answer to its case) and judges every answer with run.ts's comparison.
// Whatever the adapter does — crash, hang, print garbage, answer out of order — ends up in the
// report as data, never as an exception.

import { isSignVector, toCase, type SchemeVector, type SignVector } from "@panelsig/vectors";
import type { SignResult, VerifyResult } from "@panelsig/core";
import { jsonLine } from "./json-line.ts";
import { runVector, type Implementation, type VectorDiff } from "./run.ts";

/**
 * The adapter's pipes, as the runtime that started it provides them.
 *
 * @example
 * ```ts
 * import { spawn } from "node:child_process";
 * import { createInterface } from "node:readline";
 *
 * const child = spawn("python3", ["my_adapter.py"], { stdio: ["pipe", "pipe", "pipe"] });
 * const stderr: string[] = [];
 * createInterface({ input: child.stderr }).on("line", (line) => stderr.push(line));
 * const adapter: AdapterProcess = {
 *   write: async (line) => void child.stdin.write(line + "\n"),
 *   endInput: () => void child.stdin.end(),
 *   kill: () => void child.kill("SIGKILL"),
 *   listen(events) {
 *     createInterface({ input: child.stdout }).on("line", events.line);
 *     child.on("close", (code, signal) => events.exit(code, signal));
 *   },
 *   stderrTail: () => stderr.slice(-20),
 * };
 * ```
 */
export interface AdapterProcess {
  /** Writes one line (without "\n") to its standard input; resolves when more may be written. */
  write(line: string): Promise<void>;
  /** Closes its standard input: no more cases. */
  endInput(): void;
  /** Stops it and whatever it started. */
  kill(): void;
  /** Called once: every line of its standard output, then its exit (after the last line). */
  listen(events: { line(text: string): void; exit(code: number | null, signal: string | null): void }): void;
  /** The last lines it wrote to standard error. */
  stderrTail(): string[];
}

/**
 * How an adapter broke the protocol: it crashed, a case waited too long, it printed a line that is
 * not JSON or not a result, answered out of order, exited with another code than 0, or did not exit.
 *
 * @example
 * ```ts
 * const run = await runAdapter(adapter, vectors, { timeoutMs: 10_000 });
 * const kind: AdapterProblemKind | undefined = run.problem?.kind; // e.g. "timeout"
 * ```
 */
export type AdapterProblemKind = "crashed" | "timeout" | "not-json" | "not-a-result" | "out-of-order" | "exit-code" | "no-exit";

/**
 * A way the adapter broke the protocol; after it, no more answers are trusted.
 *
 * @example
 * ```ts
 * const { problem, stderrTail } = await runAdapter(adapter, vectors, { timeoutMs: 10_000 });
 * if (problem) console.error(`adapter ${problem.kind}: ${problem.message}\n${stderrTail.join("\n")}`);
 * ```
 */
export interface AdapterProblem {
  /** What went wrong. */
  kind: AdapterProblemKind;
  /** The same, in a sentence for a person. */
  message: string;
  /** The case that was waiting for an answer, when there was one. */
  tcId?: number;
}

/**
 * How a vector went through an adapter: passed, failed, unsupported (the adapter said so), error
 * (the adapter broke the protocol on it) or not-run (it had stopped before).
 *
 * @example
 * ```ts
 * const { checked } = await runAdapter(adapter, vectors, { timeoutMs: 10_000 });
 * const unsupported = checked.filter((c) => c.status === ("unsupported" satisfies CheckStatus)).length;
 * ```
 */
export type CheckStatus = "passed" | "failed" | "unsupported" | "error" | "not-run";

/**
 * One vector as an adapter answered it, judged.
 *
 * @example
 * ```ts
 * const { checked } = await runAdapter(adapter, vectors, { timeoutMs: 10_000 });
 * for (const c of checked) if (c.status === "failed") console.log(c.vector.tcId, c.diff!.step, c.diagnosis?.mistake);
 * ```
 */
export interface CheckedVector {
  /** The vector. */
  vector: SchemeVector;
  /** How it went. */
  status: CheckStatus;
  /** failed: the first step that differs. */
  diff?: VectorDiff;
  /** unsupported: the adapter's message; error: the problem; acceptable: which way it went. */
  note?: string;
  /** A sign vector signed otherwise: the known client mistake that gives the adapter's signature. */
  diagnosis?: {
    /** The mistake's name, e.g. "query-unsorted". */
    mistake: string;
    /** What the client did, in a sentence. */
    summary: string;
  };
}

/**
 * What {@link runAdapter} found: every vector judged, and the adapter's problem if it broke the protocol.
 *
 * @example
 * ```ts
 * const run: AdapterRun = await runAdapter(adapter, vectors, { timeoutMs: 10_000 });
 * const failed = run.checked.filter((c) => countsAsFailure(c, false)).length;
 * process.exitCode = failed || run.problem ? 1 : 0;
 * ```
 */
export interface AdapterRun {
  /** Every vector, in the order given, judged. */
  checked: CheckedVector[];
  /** Set when the adapter broke the protocol; the vectors after it are "not-run". */
  problem?: AdapterProblem;
  /** The last lines the adapter wrote to standard error. */
  stderrTail: string[];
}

/**
 * How {@link runAdapter} paces the adapter.
 *
 * @example
 * ```ts
 * const options: AdapterRunOptions = { timeoutMs: 10_000, maxInFlight: 8, onProgress: (done, total) => console.error(`${done}/${total}`) };
 * ```
 */
export interface AdapterRunOptions {
  /** How long the oldest unanswered case may wait, in milliseconds. */
  timeoutMs: number;
  /** How long the adapter may take to exit once its input is closed (default: timeoutMs). */
  exitTimeoutMs?: number;
  /** Cases written ahead of their answers (default 64). */
  maxInFlight?: number;
  /** Told after each vector is judged. */
  onProgress?(done: number, total: number): void;
}

/**
 * Whether a checked vector makes the run fail: a valid, invalid or sign vector that failed or
 * errored (--strict: also one answered "unsupported"). Acceptable vectors are reported only.
 *
 * @example
 * ```ts
 * import { countsAsFailure, runAdapter } from "@panelsig/conformance";
 * const { checked } = await runAdapter(adapter, vectors, { timeoutMs: 10_000 });
 * const failures = checked.filter((c) => countsAsFailure(c, false));
 * ```
 */
export function countsAsFailure(checked: CheckedVector, strict: boolean): boolean {
  if ("result" in checked.vector && checked.vector.result === "acceptable") return false;
  return checked.status === "failed" || checked.status === "error" || (strict && checked.status === "unsupported");
}

class AdapterBroken extends Error {}

type Answer = Record<string, unknown>;

/** One conversation with the adapter: cases out in order, answers matched to them in order. */
class Session {
  private readonly waiting: { tcId: number; resolve(answer: Answer): void; reject(error: unknown): void }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private exit: [number | null, string | null] | undefined;
  problem: AdapterProblem | undefined;
  readonly exited: Promise<[number | null, string | null]>;

  constructor(
    private readonly adapter: AdapterProcess,
    private readonly timeoutMs: number,
    private readonly exitTimeoutMs: number,
  ) {
    let onExit!: (exit: [number | null, string | null]) => void;
    this.exited = new Promise((resolve) => (onExit = resolve));
    adapter.listen({
      line: (text) => this.answer(text),
      exit: (code, signal) => {
        this.exit = [code, signal];
        onExit([code, signal]);
        const pending = this.waiting[0];
        if (pending) this.fail({ kind: "crashed", tcId: pending.tcId, message: `the adapter exited (${describeExit(code, signal)}) while tcId ${pending.tcId} was waiting for its answer` });
      },
    });
  }

  get inFlight(): number {
    return this.waiting.length;
  }

  async ask(tcId: number, line: string): Promise<Answer> {
    if (this.exit && !this.problem) {
      this.fail({ kind: "crashed", tcId, message: `the adapter exited (${describeExit(...this.exit)}) before tcId ${tcId} could be sent` });
    }
    if (this.problem) throw new AdapterBroken();
    const answer = new Promise<Answer>((resolve, reject) => this.waiting.push({ tcId, resolve, reject }));
    if (this.waiting.length === 1) this.startClock();
    // Awaited together: the answer may fail (the adapter broke) while the write still waits.
    const [result] = await Promise.all([answer, this.adapter.write(line)]);
    return result;
  }

  /** The per-case clock runs for the oldest unanswered case only. */
  private startClock(): void {
    clearTimeout(this.timer);
    const pending = this.waiting[0];
    if (!pending) return;
    this.timer = setTimeout(
      () => this.fail({ kind: "timeout", tcId: pending.tcId, message: `no answer to tcId ${pending.tcId} within ${this.timeoutMs / 1000} s` }),
      this.timeoutMs,
    );
  }

  private answer(text: string): void {
    if (this.problem || text.trim() === "") return;
    const pending = this.waiting[0];
    const excerpt = JSON.stringify(text.length > 200 ? text.slice(0, 200) + "…" : text);
    const where = pending ? `while tcId ${pending.tcId} was waiting` : "when no case was waiting";
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      return this.fail({ kind: "not-json", tcId: pending?.tcId, message: `the adapter printed a line that is not JSON ${where}: ${excerpt} (standard output must carry result lines only; log to standard error)` });
    }
    if (typeof answer !== "object" || answer === null || Array.isArray(answer) || !("tcId" in answer)) {
      return this.fail({ kind: "not-a-result", tcId: pending?.tcId, message: `the adapter printed a JSON line that is not a result (no "tcId") ${where}: ${excerpt}` });
    }
    if (!pending) return this.fail({ kind: "not-a-result", message: `the adapter printed a result no case asked for: ${excerpt}` });
    const tcId = (answer as Answer).tcId;
    if (tcId !== pending.tcId) {
      return this.fail({ kind: "out-of-order", tcId: pending.tcId, message: `expected the answer to tcId ${pending.tcId}, got one for tcId ${JSON.stringify(tcId)} (answers must come in the order of the cases)` });
    }
    this.waiting.shift();
    this.startClock();
    pending.resolve(answer as Answer);
  }

  fail(problem: AdapterProblem): void {
    if (this.problem) return;
    this.problem = problem;
    clearTimeout(this.timer);
    this.adapter.kill();
    for (const pending of this.waiting.splice(0)) pending.reject(new AdapterBroken());
  }

  /** After the last answer: stdin closed, the adapter must exit 0 within the exit timeout. */
  async finish(): Promise<void> {
    this.adapter.endInput();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const exit = await Promise.race([this.exited, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), this.exitTimeoutMs)))]);
    clearTimeout(timer);
    if (this.problem) return;
    if (exit === undefined) {
      this.fail({ kind: "no-exit", message: `the adapter answered every case but did not exit within ${this.exitTimeoutMs / 1000} s of its standard input closing` });
    } else if (exit[0] !== 0) {
      this.fail({ kind: "exit-code", message: `the adapter answered every case but exited with ${describeExit(...exit)}, not 0` });
    }
  }
}

function describeExit(code: number | null, signal: string | null): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

/**
 * Runs `vectors` through the adapter, in order, and judges each answer. Never throws because of
 * the adapter: whatever it does (crash, hang, print garbage, answer out of order) ends up in the
 * result as data. Cases are pipelined (up to `maxInFlight` ahead of their answers).
 *
 * @example
 * ```ts
 * import { countsAsFailure, runAdapter } from "@panelsig/conformance";
 * import { SCHEME_VECTOR_FILES } from "@panelsig/vectors";
 *
 * const vectors = SCHEME_VECTOR_FILES.flatMap((file) => file.vectors);
 * const run = await runAdapter(adapter, vectors, { timeoutMs: 10_000 }); // adapter: an AdapterProcess
 * const failed = run.checked.filter((c) => countsAsFailure(c, false));
 * console.log(`${run.checked.length - failed.length} passed, ${failed.length} failed`, run.problem?.message ?? "");
 * ```
 */
export async function runAdapter(adapter: AdapterProcess, vectors: readonly SchemeVector[], options: AdapterRunOptions): Promise<AdapterRun> {
  const session = new Session(adapter, options.timeoutMs, options.exitTimeoutMs ?? options.timeoutMs);
  const maxInFlight = options.maxInFlight ?? 64;
  const checked: CheckedVector[] = new Array(vectors.length);
  let done = 0;
  let slotFree: (() => void) | undefined;
  const tasks: Promise<void>[] = [];
  // Cases are written strictly in order, at most maxInFlight ahead of their answers.
  for (let i = 0; i < vectors.length && !session.problem; i++) {
    while (session.inFlight >= maxInFlight && !session.problem) await new Promise<void>((resolve) => (slotFree = resolve));
    if (session.problem) break;
    const vector = vectors[i]!;
    tasks.push(
      judge(session, vector).then((result) => {
        checked[i] = result;
        options.onProgress?.(++done, vectors.length);
        slotFree?.();
      }),
    );
  }
  await Promise.all(tasks);
  if (!session.problem) await session.finish();
  for (let i = 0; i < vectors.length; i++) {
    checked[i] ??= { vector: vectors[i]!, status: "not-run", note: "not run: the adapter had stopped" };
  }
  return { checked, ...(session.problem ? { problem: session.problem } : {}), stderrTail: adapter.stderrTail() };
}

async function judge(session: Session, vector: SchemeVector): Promise<CheckedVector> {
  const c = toCase(vector);
  let answer: Answer;
  try {
    answer = await session.ask(vector.tcId, jsonLine({ tcId: vector.tcId, op: c.op, ...c }));
  } catch (error) {
    if (!(error instanceof AdapterBroken)) throw error;
    const problem = session.problem!;
    return problem.tcId === vector.tcId
      ? { vector, status: "error", note: problem.message }
      : { vector, status: "not-run", note: "not run: the adapter had stopped" };
  }
  if (!("valid" in answer) && (answer.error === "unsupported" || answer.error === "bad_case")) {
    const message = typeof answer.message === "string" ? answer.message : "(no message)";
    if (answer.error === "unsupported") return { vector, status: "unsupported", note: message };
    return { vector, status: "failed", diff: { step: "bad_case", expected: "a result (the corpus's cases are well-formed)", actual: message } };
  }
  const shapeProblem = vector.case.op === "sign" ? signShapeProblem(answer) : verifyShapeProblem(answer);
  if (shapeProblem) return { vector, status: "failed", diff: { step: "result", expected: shapeProblem, actual: answer } };
  // The answer replayed as if a provider had returned it, so that run.ts compares it like any other
  // (its shape was checked just above).
  const result = answer as unknown as SignResult & VerifyResult;
  const replay: Implementation = { name: "adapter", sign: async () => result, verify: async () => result };
  const outcome = await runVector(replay, isSignVector(vector) ? withoutOmittedIntermediates(vector, answer) : vector);
  return { vector, status: outcome.status === "passed" ? "passed" : "failed", ...(outcome.diff ? { diff: outcome.diff } : {}), ...(outcome.note ? { note: outcome.note } : {}), ...(outcome.diagnosis ? { diagnosis: outcome.diagnosis } : {}) };
}

const SIGN_TEXT_FIELDS = ["canonicalRequest", "stringToSign", "stringToSignBase64"];

function signShapeProblem(answer: Answer): string | undefined {
  const headers = answer.headers;
  const pairs = Array.isArray(headers) && headers.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === "string" && typeof h[1] === "string");
  if (!pairs) return 'a sign result: "headers" must be a list of [name, value] string pairs';
  if (typeof answer.signature !== "string") return 'a sign result: "signature" must be a string (lower-case hex)';
  const bad = SIGN_TEXT_FIELDS.find((k) => answer[k] !== undefined && typeof answer[k] !== "string");
  return bad ? `a sign result: "${bad}" must be a string when present` : undefined;
}

function verifyShapeProblem(answer: Answer): string | undefined {
  if (typeof answer.valid !== "boolean") return 'a verify result: "valid" must be true or false';
  if (answer.status !== undefined && typeof answer.status !== "number") return 'a verify result: "status" must be a number';
  const bad = ["error", "message", "canonicalRequest", "stringToSign", "expectedSignature"].find((k) => answer[k] !== undefined && typeof answer[k] !== "string");
  return bad ? `a verify result: "${bad}" must be a string when present` : undefined;
}

/**
 * The protocol lets a signer leave out intermediates its implementation does not expose; those are
 * then not compared (the signature and the headers always are).
 */
function withoutOmittedIntermediates(vector: SignVector, answer: Answer): SignVector {
  const expected = { ...vector.expected };
  if (answer.canonicalRequest === undefined) delete expected.canonicalRequest;
  if (answer.stringToSign === undefined && answer.stringToSignBase64 === undefined) {
    delete expected.stringToSign;
    delete expected.stringToSignBase64;
    delete expected.stringToSignSha256;
  }
  return { ...vector, expected };
}
