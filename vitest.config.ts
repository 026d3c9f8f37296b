// One vitest config for the whole repository: `npm test` runs every package's tests and the
// runtime adapter's self-test in one vitest process (one worker pool instead of one per package),
// and `npm test -w <package>` runs one package with the same settings. Tests import workspace
// packages from their TypeScript sources (the "@panelsig/source" export condition), so no build
// is needed first.
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// No "import": vite adds "import" or "require" by how a module is loaded, and "import" forced onto
// a require() (Express's router requiring is-promise) loads the ES module where a function is due.
const conditions = ["@panelsig/source", "module", "node", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    // From the repository root: every package and test-runtimes; from a package: its own tests.
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts", "test-runtimes/test/**/*.test.ts"],
    // A generous fail-safe, not a speed limit: no test waits on a clock, but a test whose event
    // never comes must still end. Tests that stream several MiB or start servers can take several
    // times longer than alone on a loaded 2-core machine.
    testTimeout: 60_000,
    // vitest's default on 2 cores is one worker; many test files mostly wait on child processes
    // and sockets, so one more worker than cores keeps both cores busy.
    maxWorkers: availableParallelism() + 1,
    hookTimeout: 60_000,
  },
});
