// `npm run mutation`: Stryker mutates packages/core/src and runs core's tests against each mutant
// (not part of `npm test`: on two shared cores, hours). While working on one module, mutate only it
// (CONTRIBUTING.md, "Mutation testing"): npm run mutation -- --mutate packages/core/src/go-url.ts
// Reports go to reports/mutation/ (git-ignored). Concurrency 2: the machine is small and shared.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.stryker.config.ts" },
  coverageAnalysis: "perTest",
  mutate: ["packages/core/src/**/*.ts"],
  concurrency: 2,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  // The sandbox is a copy of the repository; core's tests need none of these.
  ignorePatterns: ["/docs", "/bench", "/examples", "/test-browser", "/reports"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
