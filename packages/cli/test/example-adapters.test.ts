// The example adapters of examples/adapters/, run through `panelsig check` as a developer runs
// them: the complete Python adapter passes the whole corpus, and the adapter that signs AcePanel
// requests like the doc's PHP and Python clients fails exactly the vectors that mistake breaks.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SCHEME_VECTOR_FILES, isSignVector, type SchemeVector } from "@panelsig/vectors";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const PYTHON_ADAPTER = "python3 examples/adapters/python/panelsig_adapter.py";
const MISTAKE_ADAPTER = "python3 examples/adapters/raw-query-mistake/raw_query_adapter.py";
const SLOW = 60_000; // two processes each: a loaded CI machine can take seconds to start them

interface Totals {
  total: number;
  passed: number;
  failed: number;
  unsupported: number;
  error: number;
  notRun: number;
}

interface Row {
  scheme: string;
  tcId: number;
  name: string;
  op: "sign" | "verify";
  status: string;
  diff?: { step: string };
}

interface Report {
  failed: boolean;
  suites: { totals: Totals; byScheme: Record<string, Totals>; vectors: Row[] }[];
}

/** `panelsig check --exec <adapter> --format json`, from the repository root, on the CLI's sources. */
function check(adapter: string): Promise<{ code: number | null; report: Report; stderr: string }> {
  const args = ["--conditions=@panelsig/source", "--import", "tsx", "packages/cli/src/cli.ts", "check", "--exec", adapter, "--format", "json"];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      try {
        resolve({ code, report: JSON.parse(stdout) as Report, stderr });
      } catch {
        reject(new Error(`panelsig check printed no JSON report (exit ${code}):\n${stdout}\n${stderr}`));
      }
    });
  });
}

let mistake: ReturnType<typeof check> | undefined;
/** The mistake adapter's run, made once and judged by two tests. */
const mistakeRun = () => (mistake ??= check(MISTAKE_ADAPTER));

const ALL_VECTORS: SchemeVector[] = SCHEME_VECTOR_FILES.flatMap((file) => file.vectors);

/**
 * What the AcePanel doc's PHP and Python clients sign as the canonical path and query: the URL's
 * raw path, cut at the first "/api" unless it starts with it, and its raw query.
 */
function docClientPathAndQuery(url: string): [path: string, query: string] {
  // An absolute URL loses its fragment (no client sends it); a request-target keeps its "#" (Go reads it so).
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(url);
  const target = absolute ? url.slice(absolute[0].length).split("#")[0]! : url;
  const question = target.indexOf("?");
  let path = question < 0 ? target : target.slice(0, question);
  const query = question < 0 ? "" : target.slice(question + 1);
  const api = path.indexOf("/api");
  if (!path.startsWith("/api") && api >= 0) path = path.slice(api);
  return [path, query];
}

/** The AcePanel sign vectors whose expected canonical path or query differs from the doc client's. */
function brokenByTheDocClients(): number[] {
  return ALL_VECTORS.filter(isSignVector)
    .filter((v) => v.case.scheme === "acepanel")
    .filter((v) => {
      const [, path, query] = v.expected.canonicalRequest!.split("\n");
      const [docPath, docQuery] = docClientPathAndQuery(v.case.request.url);
      return docPath !== path || docQuery !== query;
    })
    .map((v) => v.tcId)
    .sort((a, b) => a - b);
}

describe("examples/adapters/python: the complete Python adapter", () => {
  it(
    "passes every vector of the corpus, with nothing unsupported",
    async () => {
      const { code, report, stderr } = await check(PYTHON_ADAPTER);
      const failing = report.suites[0]!.vectors.filter((row) => row.status !== "passed").map((row) => `${row.tcId} ${row.name}: ${row.status}`);
      expect(failing, stderr).toEqual([]);
      expect(report.suites[0]!.totals).toEqual({ total: ALL_VECTORS.length, passed: ALL_VECTORS.length, failed: 0, unsupported: 0, error: 0, notRun: 0 });
      expect(report.failed).toBe(false);
      expect(code).toBe(0);
    },
    SLOW,
  );
});

describe("examples/adapters/raw-query-mistake: the AcePanel doc clients' canonicalisation", () => {
  it(
    "fails exactly the AcePanel sign vectors whose raw path or query differs from the canonical one, at the canonical request",
    async () => {
      const { code, report } = await mistakeRun();
      const suite = report.suites[0]!;
      const failing = suite.vectors.filter((row) => row.status !== "passed");
      expect(code).toBe(1);
      expect(report.failed).toBe(true);
      expect(failing.map((row) => row.tcId).sort((a, b) => a - b)).toEqual(brokenByTheDocClients());
      for (const row of failing) expect([row.scheme, row.op, row.status, row.diff?.step]).toEqual(["acepanel", "sign", "failed", "canonicalRequest"]);

      const byTcId = new Map(suite.vectors.map((row) => [row.tcId, row]));
      // The mistakes the reference names, one vector each: the doc's clients sign these wrongly.
      const named: [number, string][] = [
        [3017, "query-sorted-keys"], // ?b=2&a=1: the server sorts the keys
        [3011, "query-table-sort-repeat-space"], // %20 in the query: the server writes +
        [3012, "query-table-key-without-value"], // ?flag: the server writes flag=
        [3014, "query-table-lower-case-hex"], // %e4: the server writes %E4
        [3015, "query-table-semicolon"], // a pair with ";": the server drops it
        [3070, "path-encoded-space"], // %20 in the path: the server signs the decoded path
        [3064, "path-entrance-containing-api"], // entrance /api2: cut at the first "/api" is wrong
        [3065, "path-entrance-ending-in-api"], // entrance /x/api
      ];
      for (const [tcId, name] of named) expect([tcId, byTcId.get(tcId)?.name, byTcId.get(tcId)?.status]).toEqual([tcId, name, "failed"]);
      // Where raw and canonical forms agree, the doc's clients are right: the doc example, an
      // already sorted query, repeated values (kept in the order sent).
      for (const tcId of [3001, 3002, 3018]) expect([tcId, byTcId.get(tcId)?.status]).toEqual([tcId, "passed"]);
    },
    SLOW,
  );

  it(
    "passes every Opterius vector and every verify vector: the mistake is in the AcePanel signer alone",
    async () => {
      const { report } = await mistakeRun();
      const suite = report.suites[0]!;
      for (const scheme of ["opterius-agent", "opterius-panel"]) {
        const totals = suite.byScheme[scheme]!;
        expect([scheme, totals.passed, totals.failed]).toEqual([scheme, totals.total, 0]);
      }
      expect(suite.vectors.filter((row) => row.op === "verify" && row.status !== "passed")).toEqual([]);
    },
    SLOW,
  );
});
