// One vitest config for every package: tests import workspace packages from their
// TypeScript sources (the "@panelsig/source" export condition), so no build is needed first.
import { defineConfig } from "vitest/config";

const conditions = ["@panelsig/source", "import", "module", "node", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ["test/**/*.test.ts"],
  },
});
