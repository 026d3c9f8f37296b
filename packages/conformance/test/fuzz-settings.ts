// How hard the property tests push, read from the environment so the same files serve `npm test`
// (a modest number of runs) and `npm run fuzz` (FUZZ_RUNS, default 10000 there). A failing
// property prints `seed` and `path`; FUZZ_SEED=<seed> FUZZ_PATH=<path> replays exactly that case
// (run only the failing test, e.g. `vitest run -t "<name>"`, `deno test --filter`, `bun test -t`).
import { env } from "node:process";
import type { Parameters } from "fast-check";

function integerFromEnv(name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${name}=${JSON.stringify(text)} is not an integer`);
  return value;
}

/** Runs per property: FUZZ_RUNS, or 100 (a few seconds per runtime for the whole suite). */
export const FUZZ_RUNS = integerFromEnv("FUZZ_RUNS") ?? 100;
if (FUZZ_RUNS < 1) throw new Error(`FUZZ_RUNS=${FUZZ_RUNS} must be at least 1`);

/** vitest's and bun's per-test timeout (Deno has none), scaled with the number of runs. */
export const FUZZ_TIMEOUT_MS = 60_000 + FUZZ_RUNS * 20;

/** fast-check parameters for every property: the run count, and the replay seed/path if given. */
export function fuzzParameters<T>(): Parameters<T> {
  const seed = integerFromEnv("FUZZ_SEED");
  const path = env.FUZZ_PATH;
  return {
    numRuns: FUZZ_RUNS,
    ...(seed === undefined ? {} : { seed }),
    ...(path ? { path } : {}),
  };
}
