// One vitest config for every package: tests import workspace packages from their
// TypeScript sources (the "@panelsig/source" export condition), so no build is needed first.
import { defineConfig } from "vitest/config";

// No "import": vite adds "import" or "require" by how a module is loaded, and "import" forced onto
// a require() (Express's router requiring is-promise) loads the ES module where a function is due.
const conditions = ["@panelsig/source", "module", "node", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ["test/**/*.test.ts"],
    // turbo runs every package's tests at once on CI's 2 cores: tests that stream several MiB or
    // start servers take several times longer than alone, so the 5 s default is too tight.
    testTimeout: 30_000,
  },
});
