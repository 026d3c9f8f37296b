// `panelsig check` as a process, against panelsig's own adapter (every vector passes), an adapter
// with a typical mistake (the failures are exactly the vectors the mistake touches, read off the
// corpus here), and adapters that crash, hang, print garbage, answer out of order or do not exit:
// each is reported as such, with exit code 1, never as a crash of the runner.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { opteriusPanelVectors, SCHEME_VECTOR_FILES, toCase, type SchemeVector } from "@panelsig/vectors";
import { panelsig, PANELSIG } from "./run-cli.ts";

const adapter = (name: string, ...args: string[]) => `node '${fileURLToPath(new URL(`./adapters/${name}.mjs`, import.meta.url))}' ${args.join(" ")}`;
const ALL = ["opterius-agent", "opterius-panel", "acepanel"];

interface JsonReport {
  failed: boolean;
  suites: {
    name: string;
    failed: boolean;
    problem?: { kind: string; message: string; tcId?: number };
    stderrTail?: string[];
    totals: Record<string, number>;
    byScheme: Record<string, Record<string, number>>;
    byFlag: Record<string, Record<string, number>>;
    vectors: {
      tcId: number;
      scheme: string;
      status: string;
      failing: boolean;
      diff?: { step: string; expected: unknown; actual: unknown };
      note?: string;
      diagnosis?: { mistake: string; summary: string };
    }[];
  }[];
}

async function checkJson(args: string[]): Promise<{ code: number | null; report: JsonReport; stderr: string }> {
  const { code, stdout, stderr } = await panelsig(["check", ...args, "--format", "json"]);
  return { code, report: JSON.parse(stdout) as JsonReport, stderr };
}

/** The opterius-panel sign vectors whose request has no body and whose empty body signs "{}". */
function signsEmptyBodyAsBraces(v: SchemeVector): boolean {
  const c = toCase(v);
  const empty = (c.request.body === undefined || c.request.body === "") && c.request.bodyBase64 === undefined;
  return c.op === "sign" && empty && c.options?.emptyBody !== "";
}

describe("panelsig check against panelsig adapter", () => {
  it("passes every vector of every scheme", async () => {
    const { code, report, stderr } = await checkJson(["--exec", `${PANELSIG} adapter`]);
    expect(stderr).toBe(""); // no progress line: standard error is not a terminal here
    const suite = report.suites[0]!;
    expect(suite.vectors.filter((v) => v.status !== "passed").map((v) => `${v.tcId} ${v.diff?.step ?? v.note}`)).toEqual([]);
    expect(code).toBe(0);
    expect(report.failed).toBe(false);
    expect(Object.keys(suite.byScheme)).toEqual(ALL);
    expect(suite.totals.passed).toBe(suite.totals.total);
    expect(suite.totals.total).toBeGreaterThan(500);
  });
});

describe("panelsig check against an adapter with a typical mistake", () => {
  const expectedFailures = opteriusPanelVectors.vectors.filter(signsEmptyBodyAsBraces).map((v) => v.tcId);

  it("fails exactly the vectors the mistake touches, at the string to sign; verify answered unsupported", async () => {
    expect(expectedFailures.length).toBeGreaterThan(0);
    const { code, report } = await checkJson(["--exec", adapter("panel-doc-reading"), "--scheme", "opterius-panel"]);
    expect(code).toBe(1);
    const vectors = report.suites[0]!.vectors;
    const failed = vectors.filter((v) => v.status === "failed");
    expect(failed.map((v) => v.tcId)).toEqual(expectedFailures);
    for (const v of failed) expect(v.diff!.step).toBe("stringToSign");
    const verifyCount = opteriusPanelVectors.vectors.filter((v) => v.case.op === "verify").length;
    expect(vectors.filter((v) => v.status === "unsupported").length).toBe(verifyCount);
    expect(vectors.filter((v) => v.status === "passed").length).toBe(vectors.length - verifyCount - expectedFailures.length);
  });

  it("human: the failing vector, the first differing step, expected beside actual, and summaries", async () => {
    const { code, stdout } = await panelsig(["check", "--exec", adapter("panel-doc-reading"), "--scheme", "opterius-panel"]);
    expect(code).toBe(1);
    const first = opteriusPanelVectors.vectors.find((v) => v.tcId === expectedFailures[0])!;
    expect(stdout).toContain(`✗ opterius-panel tcId ${first.tcId} ${first.name} (sign) [${first.flags.join(", ")}]`);
    expect(stdout).toContain(`    first difference: string to sign\n      expected: ${first.case.timestamp}{}\n      actual:   ${first.case.timestamp}\n`);
    const total = opteriusPanelVectors.vectors.length;
    const unsupported = opteriusPanelVectors.vectors.filter((v) => v.case.op === "verify").length;
    const summary = `${total - unsupported - expectedFailures.length}/${total} passed, ${expectedFailures.length} failed, ${unsupported} unsupported`;
    expect(stdout).toContain(`per scheme:\n  opterius-panel  ${summary}\n`);
    expect(stdout).toContain("per flag:\n");
    expect(stdout).toContain(`- unsupported opterius-panel`);
    expect(stdout).toContain("FAIL ");
  });

  it("junit and tap carry the same verdicts", async () => {
    const junit = await panelsig(["check", "--exec", adapter("panel-doc-reading"), "--scheme", "opterius-panel", "--format", "junit"]);
    expect(junit.code).toBe(1);
    expect(junit.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n')).toBe(true);
    expect(junit.stdout.match(/<testcase /g)!.length).toBe(opteriusPanelVectors.vectors.length);
    expect(junit.stdout.match(/<failure /g)!.length).toBe(expectedFailures.length);
    expect(junit.stdout).toContain(`failures="${expectedFailures.length}" errors="0"`);
    const tap = await panelsig(["check", "--exec", adapter("panel-doc-reading"), "--scheme", "opterius-panel", "--format", "tap"]);
    expect(tap.code).toBe(1);
    expect(tap.stdout.startsWith(`TAP version 14\n1..${opteriusPanelVectors.vectors.length}\n`)).toBe(true);
    expect(tap.stdout.match(/^not ok /gm)!.length).toBe(expectedFailures.length);
    expect(tap.stdout).toContain("# SKIP unsupported: only opterius-panel signing, not opterius-panel verify");
  });
});

describe("panelsig check names the adapter's mistake", () => {
  it("an acepanel signer that signs the query as sent: each failing vector with the mistake that reproduces its signature", async () => {
    const { code, report } = await checkJson(["--exec", adapter("ace-raw-query"), "--scheme", "acepanel"]);
    expect(code).toBe(1);
    const byTcId = new Map(report.suites[0]!.vectors.map((v) => [v.tcId, v]));
    // By hand: ?b=2&a=1 differs from "a=1&b=2" by its order only; ?a=1;b=2&c=3 is not Go's "c=3" in any order.
    expect(byTcId.get(3017)!.diagnosis!.mistake).toBe("query-unsorted");
    expect(byTcId.get(3015)!.diagnosis!.mistake).toBe("query-as-sent");
    expect(byTcId.get(3014)!.diagnosis!.mistake).toBe("query-lowercase-hex");
    // Already canonical: signed right, no diagnosis.
    expect(byTcId.get(3041)!.status).toBe("passed");
    expect(byTcId.get(3041)!.diagnosis).toBe(undefined);
    const { stdout } = await panelsig(["check", "--exec", adapter("ace-raw-query"), "--scheme", "acepanel", "--flags", "QueryCanonicalization"]);
    expect(stdout).toContain("    the mistake: query-unsorted — your client signed the query in the order sent; the receiver sorts it by key\n");
  });
});

describe("panelsig check: unsupported answers", () => {
  it("are reported but do not fail the run; --strict makes them failures", async () => {
    const lenient = await checkJson(["--exec", adapter("misbehaving", "unsupported"), "--scheme", "opterius-agent"]);
    expect(lenient.code).toBe(0);
    expect(lenient.report.suites[0]!.totals.unsupported).toBe(lenient.report.suites[0]!.totals.total);
    const strict = await checkJson(["--exec", adapter("misbehaving", "unsupported"), "--scheme", "opterius-agent", "--strict"]);
    expect(strict.code).toBe(1);
  });

  it("--flags keeps only the vectors carrying one of the flags", async () => {
    const { report } = await checkJson(["--exec", adapter("misbehaving", "unsupported"), "--flags", "DocExample,Replay"]);
    const wanted = SCHEME_VECTOR_FILES.flatMap((f) => f.vectors).filter((v) => v.flags.includes("DocExample") || v.flags.includes("Replay"));
    expect(wanted.length).toBeGreaterThan(0);
    expect(report.suites[0]!.vectors.map((v) => v.tcId)).toEqual(wanted.map((v) => v.tcId));
  });
});

describe("panelsig check: a misbehaving adapter is reported, never a runner crash", () => {
  const firstTcIds = opteriusPanelVectors.vectors.map((v) => v.tcId);

  it("an adapter that crashes: the pending tcId, the exit code and the end of its standard error", async () => {
    const { code, report } = await checkJson(["--exec", adapter("misbehaving", "crash-after", "2"), "--scheme", "opterius-panel"]);
    expect(code).toBe(1);
    const suite = report.suites[0]!;
    expect(suite.problem).toStrictEqual({
      kind: "crashed",
      tcId: firstTcIds[2],
      message: `the adapter exited (exit code 3) while tcId ${firstTcIds[2]} was waiting for its answer`,
    });
    expect(suite.stderrTail).toEqual([`about to fail on tcId ${firstTcIds[2]}`, "Error: boom"]);
    expect(suite.vectors[2]).toMatchObject({ status: "error", failing: true });
    expect(suite.vectors.slice(3).every((v) => v.status === "not-run")).toBe(true);
    expect(suite.totals.unsupported).toBe(2);
  });

  it("an adapter that hangs: stopped after the per-case timeout", async () => {
    const { code, report } = await checkJson(["--exec", adapter("misbehaving", "hang"), "--scheme", "opterius-panel", "--timeout", "0.5"]);
    expect(code).toBe(1);
    expect(report.suites[0]!.problem).toStrictEqual({ kind: "timeout", tcId: firstTcIds[0], message: `no answer to tcId ${firstTcIds[0]} within 0.5 s` });
  });

  it("an adapter that prints garbage on standard output", async () => {
    const { code, report } = await checkJson(["--exec", adapter("misbehaving", "garbage"), "--scheme", "opterius-panel"]);
    expect(code).toBe(1);
    expect(report.suites[0]!.problem).toMatchObject({ kind: "not-json", tcId: firstTcIds[0] });
    expect(report.suites[0]!.problem!.message).toContain('"Hello from the adapter!"');
  });

  it("an adapter that prints JSON that is not a result", async () => {
    const { code, report } = await checkJson(["--exec", adapter("misbehaving", "no-tcid"), "--scheme", "opterius-panel"]);
    expect(code).toBe(1);
    expect(report.suites[0]!.problem).toMatchObject({ kind: "not-a-result", tcId: firstTcIds[0] });
  });

  it("an adapter that answers out of order", async () => {
    const { code, report } = await checkJson(["--exec", adapter("misbehaving", "out-of-order"), "--scheme", "opterius-panel"]);
    expect(code).toBe(1);
    expect(report.suites[0]!.problem).toStrictEqual({
      kind: "out-of-order",
      tcId: firstTcIds[0],
      message: `expected the answer to tcId ${firstTcIds[0]}, got one for tcId ${firstTcIds[0]! + 1} (answers must come in the order of the cases)`,
    });
  });

  it("an adapter that exits non-zero after answering everything, or does not exit", async () => {
    const failing = await checkJson(["--exec", adapter("misbehaving", "unsupported", "4"), "--scheme", "opterius-panel"]);
    expect(failing.code).toBe(1);
    expect(failing.report.suites[0]!.problem).toStrictEqual({ kind: "exit-code", message: "the adapter answered every case but exited with exit code 4, not 0" });
    // Answers may be slow on a busy machine (the first includes the adapter's start-up), so they
    // get a long --timeout; the short --exit-timeout then always finds the adapter still running.
    const lingering = await checkJson(["--exec", adapter("misbehaving", "linger"), "--scheme", "opterius-panel", "--timeout", "50", "--exit-timeout", "0.5"]);
    expect(lingering.code).toBe(1);
    expect(lingering.report.suites[0]!.problem).toStrictEqual({ kind: "no-exit", message: "the adapter answered every case but did not exit within 0.5 s of its standard input closing" });
  });

  it("a command that does not exist: the shell's complaint is shown", async () => {
    const { code, stdout } = await panelsig(["check", "--exec", "no-such-adapter-command-xyz", "--scheme", "opterius-panel"]);
    expect(code).toBe(1);
    expect(stdout).toContain("adapter problem (crashed): the adapter exited (exit code 127)");
    expect(stdout).toMatch(/\| .*no-such-adapter-command-xyz.*not found/);
  });
});

describe("panelsig check: bad arguments exit 2 with the usage", () => {
  const cases: [string, string[], string][] = [
    ["no --exec", ["check"], 'missing --exec "<command>"'],
    ["an unknown format", ["check", "--exec", "x", "--format", "xml"], '--format must be one of human, json, junit, tap, not "xml"'],
    ["an unknown scheme", ["check", "--exec", "x", "--scheme", "aws"], '--scheme must be one of opterius-agent, opterius-panel, acepanel, not "aws"'],
    ["an unknown flag name", ["check", "--exec", "x", "--flags", "NoSuchFlag"], '--flags: unknown flag "NoSuchFlag"'],
    ["a zero timeout", ["check", "--exec", "x", "--timeout", "0"], '--timeout must be a number of seconds above 0, not "0"'],
    ["an exit timeout that is not a number", ["check", "--exec", "x", "--exit-timeout", "soon"], '--exit-timeout must be a number of seconds above 0, not "soon"'],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const { code, stderr } = await panelsig(args);
      expect(code).toBe(2);
      expect(stderr).toContain(`panelsig check: ${message}`);
      expect(stderr).toContain("Usage: panelsig check --exec");
    });
  }
});
