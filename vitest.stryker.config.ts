// The vitest config Stryker runs (stryker.config.mjs): the root config, on core's tests and the
// conformance package's (the vector corpus on every provider, the diagnosis catalogue, the fuzzers).
// Stryker copies the repository into a sandbox and mutates the copy, but "@panelsig/core" would
// still resolve through node_modules to the unmutated packages/core: the alias points every import
// of it (the tests' and those of the other packages the tests load) at the sandbox's own sources.
// STRYKER_TESTS=<test files, comma-separated> runs only those and their "<name>-*.test.ts"
// siblings: a run of minutes instead of hours, whose score is a lower bound of the full one.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

const only = process.env.STRYKER_TESTS?.split(",").flatMap((file) => [file, file.replace(/\.test\.ts$/, "-*.test.ts")]);

export default defineConfig({
  ...base,
  resolve: { ...base.resolve, alias: { "@panelsig/core": fileURLToPath(new URL("packages/core/src/index.ts", import.meta.url)) } },
  test: { ...base.test, include: only ?? ["packages/core/test/**/*.test.ts", "packages/conformance/test/**/*.test.ts"] },
});
