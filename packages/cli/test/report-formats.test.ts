// The machine reports checked by the tools that read them, not by string matching: JUnit XML
// against the Jenkins xUnit plugin's junit-10.xsd (test/schemas/, with its source) by libxml2's
// xmllint compiled to WebAssembly; TAP by tap-parser in strict mode (a line that is not TAP is an
// error) as TAP version 14; JSON against the package's own report.schema.json by ajv. Each on
// real runs — passing, failing, a crashed adapter — and on reports built from hostile text.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { Parser } from "tap-parser";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { acepanelVectors, hmacSha256Vectors, opteriusPanelVectors } from "@panelsig/vectors";
import { jsonReport } from "../src/report-json.ts";
import { junitReport } from "../src/report-junit.ts";
import { tapReport } from "../src/report-tap.ts";
import type { Row, Suite } from "../src/report.ts";
import { panelsig } from "./run-cli.ts";

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8");
const JUNIT_XSD = read("./schemas/junit-10.xsd");
const REPORT_SCHEMA = JSON.parse(read("../report.schema.json"));
const adapter = (name: string, ...args: string[]) => `node '${fileURLToPath(new URL(`./adapters/${name}.mjs`, import.meta.url))}' ${args.join(" ")}`;
const PANEL_COUNT = opteriusPanelVectors.vectors.length;
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const RAW_QUERY_ADAPTER = `python3 '${join(ROOT, "examples/adapters/raw-query-mistake/raw_query_adapter.py")}'`;

/** The runs every format is checked on, with what each must contain (counted from the corpus). */
const RUNS = {
  "every provider passes (3 suites)": { args: ["vectors", "--scheme", "opterius-panel"], code: 0, tests: 3 * PANEL_COUNT, broken: false },
  "an adapter with a mistake (failures, skipped)": { args: ["check", "--exec", adapter("panel-doc-reading"), "--scheme", "opterius-panel"], code: 1, tests: PANEL_COUNT, broken: false },
  "an adapter that crashes (an error, not-run vectors)": { args: ["check", "--exec", adapter("misbehaving", "crash-after", "2"), "--scheme", "opterius-panel"], code: 1, tests: PANEL_COUNT, broken: true },
  "an adapter with a known client mistake (diagnosed failures)": { args: ["check", "--exec", RAW_QUERY_ADAPTER, "--scheme", "acepanel"], code: 1, tests: acepanelVectors.vectors.length, broken: false },
  "the HMAC-SHA256 primitive's vectors (hmac rows)": { args: ["vectors", "--scheme", "hmac-sha256", "--provider", "pure"], code: 0, tests: hmacSha256Vectors.vectors.length, broken: false },
};

async function report(args: string[], format: string): Promise<{ code: number | null; stdout: string }> {
  return panelsig([...args, "--format", format]);
}

async function xsdErrors(...documents: string[]): Promise<string[]> {
  const result = await validateXML({ xml: documents.map((contents, i) => ({ fileName: `report-${i}.xml`, contents })), schema: [{ fileName: "junit-10.xsd", contents: JUNIT_XSD }] });
  return result.errors.map((e) => e.rawMessage);
}

interface TapRun {
  version: number | undefined;
  results: { ok: boolean; name: string; skip: string | boolean; diag: Record<string, unknown> | null }[];
  final: { ok: boolean; count: number; plan: { start: number; end: number }; bailout: boolean | string; failures: { tapError?: string | null }[] };
}

function parseTap(text: string): Promise<TapRun> {
  return new Promise((resolve) => {
    const parser = new Parser({ strict: true });
    let version: number | undefined;
    const results: TapRun["results"] = [];
    parser.on("version", (v: number) => (version = v));
    parser.on("assert", (r: TapRun["results"][number]) => results.push(r));
    parser.on("complete", (final: TapRun["final"]) => resolve({ version, results, final }));
    parser.end(text);
  });
}

const tapErrors = (run: TapRun) => run.final.failures.filter((f) => f.tapError).map((f) => f.tapError);
const validateReport = new Ajv2020({ allErrors: true, strict: true }).compile(REPORT_SCHEMA);

describe("--format junit is valid against the JUnit XML schema CI servers read", () => {
  for (const [what, run] of Object.entries(RUNS)) {
    it(what, async () => {
      const { code, stdout } = await report(run.args, "junit");
      expect(code).toBe(run.code);
      expect(await xsdErrors(stdout)).toEqual([]);
      expect(stdout.match(/<testcase /g)!.length).toBe(run.tests + (run.broken ? 1 : 0)); // + the adapter's own
    });
  }

  it("a broken adapter is the first test suite: an <error> of its kind, with its standard error", async () => {
    const { stdout } = await report(RUNS["an adapter that crashes (an error, not-run vectors)"].args, "junit");
    const first = stdout.split("\n").slice(2, 6).join("\n");
    expect(first).toMatch(/^ {2}<testsuite name="adapter \(node .*misbehaving\.mjs&apos; crash-after 2\)" tests="1" failures="0" errors="1" skipped="0">\n/);
    expect(first).toContain('<testcase classname="panelsig.adapter" name="the adapter follows the protocol (crashed)">');
    expect(first).toContain('<error type="crashed" message="the adapter crashed: the adapter exited (exit code 3) while tcId');
    expect(stdout).toContain("last lines of its standard error:\nabout to fail on tcId");
  });

  it("a wrong document is caught by the same check (the validator is not a formality)", async () => {
    const errors = await xsdErrors('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="x" tests="1"><testcase name="y" /></testsuite></testsuites>');
    expect(errors.join("\n")).toMatch(/failures.*required|required.*failures/);
  });
});

describe("--format tap is valid TAP version 14", () => {
  for (const [what, run] of Object.entries(RUNS)) {
    it(what, async () => {
      const { code, stdout } = await report(run.args, "tap");
      expect(code).toBe(run.code);
      const tap = await parseTap(stdout);
      expect(tap.version).toBe(14);
      expect(tapErrors(tap)).toEqual([]);
      expect(tap.final.plan).toMatchObject({ start: 1, end: run.tests });
      expect(tap.results.length).toBe(run.tests);
      expect(tap.final.ok).toBe(run.code === 0);
    });
  }

  it("a failure carries its first differing step in a YAML block; a crash bails out with the cause", async () => {
    const failing = await parseTap((await report(RUNS["an adapter with a mistake (failures, skipped)"].args, "tap")).stdout);
    const failure = failing.results.find((r) => !r.ok)!;
    const vector = opteriusPanelVectors.vectors.find((v) => failure.name === `opterius-panel ${v.tcId} ${v.name}`)!;
    // The doc-reading adapter signs an empty body as "" where the real client signs "{}".
    expect(failure.diag).toStrictEqual({ status: "failed", flags: vector.flags, step: "string to sign", expected: `${vector.case.timestamp}{}`, actual: `${vector.case.timestamp}` });
    const crashed = await parseTap((await report(RUNS["an adapter that crashes (an error, not-run vectors)"].args, "tap")).stdout);
    expect(crashed.final.bailout).toMatch(/: the adapter exited \(exit code 3\) while tcId \d+ was waiting for its answer$/);
  });
});

describe("--format json is described by the package's report.schema.json", () => {
  for (const [what, run] of Object.entries(RUNS)) {
    it(what, async () => {
      const { code, stdout } = await report(run.args, "json");
      expect(code).toBe(run.code);
      const parsed = JSON.parse(stdout);
      expect(validateReport(parsed), JSON.stringify(validateReport.errors)).toBe(true);
      expect(parsed.failed).toBe(run.code === 1);
    });
  }

  it("the schema is strict: a field it does not describe, or a wrong status, is refused", async () => {
    const parsed = JSON.parse((await report(RUNS["an adapter with a mistake (failures, skipped)"].args, "json")).stdout);
    expect(validateReport({ ...parsed, extra: 1 })).toBe(false);
    const vectors = parsed.suites[0].vectors;
    expect(validateReport({ ...parsed, suites: [{ ...parsed.suites[0], vectors: [{ ...vectors[0], status: "green" }] }] })).toBe(false);
    expect(validateReport({ ...parsed, suites: [{ ...parsed.suites[0], problem: { kind: "crashed", message: "m" } }] })).toBe(false); // no headline
  });
});

describe("a diagnosed failure carries its mistake in every format", () => {
  const args = RUNS["an adapter with a known client mistake (diagnosed failures)"].args;

  it("json: diagnosis {mistake, summary} on the failing vectors, valid against the schema", async () => {
    const parsed = JSON.parse((await report(args, "json")).stdout);
    const failing = parsed.suites[0].vectors.filter((v: { failing: boolean }) => v.failing);
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.filter((v: { diagnosis?: unknown }) => v.diagnosis).length).toBeGreaterThan(0);
    expect(validateReport(parsed), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it("tap: the mistake in the YAML block; junit: in the failure's text", async () => {
    const json = JSON.parse((await report(args, "json")).stdout);
    const diagnosed = json.suites[0].vectors.find((v: { diagnosis?: unknown }) => v.diagnosis);
    const tap = await parseTap((await report(args, "tap")).stdout);
    const point = tap.results.find((r) => r.name === `acepanel ${diagnosed.tcId} ${diagnosed.name}`)!;
    expect(point.diag).toMatchObject({ mistake: diagnosed.diagnosis.mistake, summary: diagnosed.diagnosis.summary });
    const junit = (await report(args, "junit")).stdout;
    expect(junit).toContain(`the mistake: ${diagnosed.diagnosis.mistake} — `);
  });
});

describe("reports stay valid whatever text they carry", () => {
  // Names, notes, differences and an adapter's standard error can hold anything: control
  // characters, lone surrogates from an adapter's JSON, "]]>", "#", "\" and line breaks.
  const text = fc.string({ unit: "binary", maxLength: 40 });
  const row = fc.record({ name: text, description: text, note: text, expected: text, actual: text, status: fc.constantFrom("passed", "failed", "unsupported", "error", "not-run") });
  const suite = fc.record({ name: text, rows: fc.array(row, { minLength: 1, maxLength: 4 }), problem: fc.option(fc.record({ message: text, stderr: fc.array(text, { maxLength: 3 }) })) });

  function toSuite(s: { name: string; rows: { name: string; description: string; note: string; expected: string; actual: string; status: string }[]; problem: { message: string; stderr: string[] } | null }): Suite {
    const rows: Row[] = s.rows.map((r, i) => ({
      scheme: "acepanel",
      tcId: i + 1,
      name: r.name,
      description: r.description,
      flags: ["Basic", r.name],
      op: "sign",
      status: r.status as Row["status"],
      note: r.note,
      ...(r.status === "failed" ? { diff: { step: "stringToSign", expected: r.expected, actual: r.actual } } : {}),
      failing: r.status === "failed" || r.status === "error",
    }));
    if (!s.problem) return { name: s.name, rows };
    return { name: s.name, rows, problem: { kind: "crashed", message: s.problem.message, tcId: 1 }, stderrTail: s.problem.stderr, headline: `the adapter crashed: ${s.problem.message}` };
  }

  it("junit: valid against junit-10.xsd", async () => {
    const documents = fc.sample(fc.array(suite, { minLength: 1, maxLength: 2 }), { numRuns: 40, seed: 17 }).map((suites) => junitReport(suites.map(toSuite)));
    expect(await xsdErrors(...documents)).toEqual([]);
  });

  it("tap: strict TAP 14, every test point parsed with its own name", async () => {
    await fc.assert(
      fc.asyncProperty(suite, async (s) => {
        const built = toSuite(s);
        const tap = await parseTap(tapReport([built]));
        expect(tapErrors(tap)).toEqual([]);
        expect(tap.results.length).toBe(built.rows.length);
        // A description without control characters comes back as it was (line breaks read as
        // spaces): the scheme, the tcId, the name, and a passed vector's note in brackets.
        tap.results.forEach((r, i) => {
          const { name, note, status } = built.rows[i]!;
          const description = `acepanel ${i + 1} ${name}${status === "passed" && note ? ` (${note})` : ""}`;
          if (!/[\p{Cc}\u2028\u2029]/u.test(description.replace(/\n/g, ""))) expect(r.name).toBe(description.replace(/\n/g, " ").trim());
        });
      }),
      { numRuns: 60, seed: 17 },
    );
  });

  it("json: valid against report.schema.json", () => {
    fc.assert(
      fc.property(suite, (s) => validateReport(JSON.parse(jsonReport([toSuite(s)])))),
      { numRuns: 60, seed: 17 },
    );
  });
});
