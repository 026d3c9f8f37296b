// A stand-in for the Opterius Panel's API: a Hono 4 receiver for opterius-panel calls (the billing
// system calling the panel), with the replay guard that scheme needs.
//   PANEL_TOKEN=... npx tsx examples/receivers/hono.ts           (PORT, default 8443)
//   PANEL_TOKEN=... REDIS_URL=redis://127.0.0.1:6379 npx tsx examples/receivers/hono.ts
// With REDIS_URL the guard is shared with every other process using that Redis, and fails closed
// (503) while Redis is unreachable; without it, it lives in this process's memory.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createClient } from "redis";
import { MemoryReplayStore, type ReplayStore } from "@panelsig/core";
import { panelsig, type PanelsigEnv } from "@panelsig/middleware/hono";
import { verifyRequest } from "@panelsig/node";
import { redisReplayStore } from "@panelsig/replay-redis";

const secret = process.env.PANEL_TOKEN;
if (!secret) {
  console.error("hono receiver: set PANEL_TOKEN to the panel's api_token");
  process.exit(2);
}

let replayStore: ReplayStore = new MemoryReplayStore();
if (process.env.REDIS_URL) {
  const redis = createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true });
  redis.on("error", (error: Error) => console.error(`hono receiver: redis: ${error.message}`));
  await redis.connect();
  replayStore = redisReplayStore(redis, { prefix: "panel-api:" });
}

const app = new Hono<PanelsigEnv>();
// node:crypto on Node; leave verifyRequest out and the same code runs on Deno.serve(app.fetch) or Bun.serve(app).
app.use(panelsig({ scheme: "opterius-panel", secret, replayStore, verifyRequest }));

app.post("/api/accounts", async (c) => {
  const { username } = await c.req.json<{ username?: string }>();
  return c.json({ created: username });
});
app.get("/api/ping", (c) => c.json({ pong: true }));

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8443), hostname: "127.0.0.1" }, (info) => {
  console.log(`hono receiver: listening on http://127.0.0.1:${info.port}`);
});
