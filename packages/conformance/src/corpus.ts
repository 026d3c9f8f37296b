// The whole corpus on a list of providers, in whatever runtime this runs in, counted per provider
// and vector file with each failure's tcId and first differing step: the data behind
// `npm run conformance`'s matrix. A provider that cannot run at all is reported as such, with
// the runtime's error, rather than as hundreds of failures or not at all.

import { hmacSha256Vectors, SCHEME_VECTOR_FILES } from "@panelsig/vectors";
import type { ProviderPackage, UnavailableProvider } from "./providers.ts";
import { runHmacVector, runVector, type VectorDiff, type VectorOutcome } from "./run.ts";

/**
 * The counts for one provider and one vector file (a scheme id, or "hmac-sha256").
 *
 * @example
 * ```ts
 * const { rows } = await runCorpus(PROVIDERS);
 * for (const row of rows) console.log(`${row.provider} ${row.file}: ${row.passed}/${row.total}`);
 * ```
 */
export interface CorpusRow {
  /** The provider's name. */
  provider: string;
  /** The vector file: a scheme id, or "hmac-sha256". */
  file: string;
  /** Vectors passed. */
  passed: number;
  /** Vectors failed (each in `failures`). */
  failed: number;
  /** Vectors the provider could not be asked (none for panelsig's providers). */
  notCheckable: number;
  /** Vectors in the file. */
  total: number;
  /** Each failed vector's id and first differing step. */
  failures: (VectorDiff & {
    /** The failed vector's id. */
    tcId: number;
  })[];
}

/**
 * The whole corpus on a list of providers: a row per provider and file, and the providers that
 * could not run at all.
 *
 * @example
 * ```ts
 * import { PROVIDERS, runCorpus } from "@panelsig/conformance";
 * const report: CorpusReport = await runCorpus(PROVIDERS);
 * const ok = report.unavailable.length === 0 && report.rows.every((row) => row.failed === 0);
 * ```
 */
export interface CorpusReport {
  /** One row per provider and vector file. */
  rows: CorpusRow[];
  /** Providers that could not run here (one that could not load, or cannot hash), with the reason; they have no rows. */
  unavailable: UnavailableProvider[];
}

/**
 * The vector files, by the name the matrix shows.
 *
 * @example
 * ```ts
 * import { CORPUS_FILES } from "@panelsig/conformance";
 * console.log(CORPUS_FILES); // ["opterius-agent", "opterius-panel", "acepanel", "hmac-sha256"]
 * ```
 */
export const CORPUS_FILES: readonly string[] = [...SCHEME_VECTOR_FILES.map((f) => f.scheme), "hmac-sha256"];

/**
 * Runs every vector of every file on every provider. A provider that cannot hash at all here
 * (e.g. no crypto.subtle) is reported in `unavailable`, not as hundreds of failures.
 *
 * @example
 * ```ts
 * import { PROVIDERS, runCorpus } from "@panelsig/conformance";
 *
 * const report = await runCorpus(PROVIDERS); // every vector on node, webcrypto and pure
 * for (const row of report.rows) console.log(row.provider, row.file, `${row.passed}/${row.total}`);
 * for (const row of report.rows) for (const f of row.failures) console.log(row.provider, f.tcId, f.step);
 * ```
 */
export async function runCorpus(providers: readonly ProviderPackage[]): Promise<CorpusReport> {
  const report: CorpusReport = { rows: [], unavailable: [] };
  for (const pkg of providers) {
    const reason = await cannotRun(pkg);
    if (reason !== undefined) {
      report.unavailable.push({ provider: pkg.name, reason });
      continue;
    }
    for (const file of SCHEME_VECTOR_FILES) {
      report.rows.push(await row(pkg.name, file.scheme, file.vectors, (vector) => runVector(pkg, vector)));
    }
    report.rows.push(await row(pkg.name, "hmac-sha256", hmacSha256Vectors.vectors, (vector) => runHmacVector(pkg.provider, vector)));
  }
  return report;
}

/** Why the provider cannot hash at all in this runtime (e.g. no crypto.subtle), or undefined. */
async function cannotRun(pkg: ProviderPackage): Promise<string | undefined> {
  try {
    await pkg.provider.sha256(new Uint8Array(1));
    await pkg.provider.hmacSha256(new Uint8Array(1), new Uint8Array(1));
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

async function row<V extends { tcId: number }>(
  provider: string,
  file: string,
  vectors: readonly V[],
  run: (vector: V) => Promise<VectorOutcome>,
): Promise<CorpusRow> {
  const counts: CorpusRow = { provider, file, passed: 0, failed: 0, notCheckable: 0, total: vectors.length, failures: [] };
  for (const vector of vectors) {
    const outcome = await run(vector).catch(
      (error: unknown): VectorOutcome => ({ tcId: vector.tcId, status: "failed", diff: { step: "harness", expected: "an outcome", actual: String(error) } }),
    );
    if (outcome.status === "passed") counts.passed++;
    else if (outcome.status === "not-checkable") counts.notCheckable++;
    else {
      counts.failed++;
      counts.failures.push({ tcId: outcome.tcId, ...outcome.diff! });
    }
  }
  return counts;
}
