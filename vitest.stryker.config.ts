// The vitest config Stryker runs (stryker.config.mjs): the root config, on core's tests only.
// Stryker copies the repository into a sandbox and mutates the copy, but "@panelsig/core" would
// still resolve through node_modules to the unmutated packages/core: the alias points every import
// of it (the tests' and those of the other packages the tests load) at the sandbox's own sources.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

export default defineConfig({
  ...base,
  resolve: { ...base.resolve, alias: { "@panelsig/core": fileURLToPath(new URL("packages/core/src/index.ts", import.meta.url)) } },
  test: { ...base.test, include: ["packages/core/test/**/*.test.ts"] },
});
