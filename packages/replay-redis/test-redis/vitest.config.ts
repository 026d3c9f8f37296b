// npm run test:redis: the tests that need a redis-server binary (Debian's redis-server package),
// kept out of npm test's globs (vitest's test/**/*.test.ts, Deno's and Bun's *.test.ts).
import { defineConfig, mergeConfig } from "vitest/config";
import base from "../../../vitest.config.ts";

export default mergeConfig(base, defineConfig({ test: { include: ["**/*.redis-test.ts"] } }));
