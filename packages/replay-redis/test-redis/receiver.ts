// One verifier process of the multi-process test: an Express receiver for opterius-panel whose
// replay guard is redisReplayStore on the Redis at REDIS_PORT, through the client named by CLIENT
// ("redis" or "ioredis"). It reports on standard output, one line per event, what the test waits
// for: "listening <port>", "redis ready", "redis down". It stops when its standard input closes.
import express from "express";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { panelsig } from "@panelsig/middleware/express";
import { redisReplayStore } from "@panelsig/replay-redis";

const port = Number(process.env.REDIS_PORT);
const say = (line: string) => process.stdout.write(`${line}\n`);

// Both clients are told to fail a command at once while disconnected rather than queue it.
let client: Parameters<typeof redisReplayStore>[0];
if (process.env.CLIENT === "ioredis") {
  const redis = new Redis({ host: "127.0.0.1", port, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  redis.on("ready", () => say("redis ready"));
  redis.on("close", () => say("redis down"));
  redis.on("error", () => {}); // reported through "close"; the store answers 503 meanwhile
  client = redis;
} else {
  const redis = createClient({ socket: { host: "127.0.0.1", port }, disableOfflineQueue: true });
  redis.on("ready", () => say("redis ready"));
  redis.on("end", () => say("redis down"));
  redis.on("error", () => say("redis down"));
  await redis.connect();
  client = redis;
}

const app = express();
app.use(panelsig({ scheme: "opterius-panel", secret: String(process.env.PANEL_SECRET), replayStore: redisReplayStore(client, { prefix: "panelsig-test:" }) }));
app.use(express.json());
app.post("/hook", (req, res) => void res.json({ accepted: req.body }));
const server = app.listen(0, "127.0.0.1", () => say(`listening ${(server.address() as { port: number }).port}`));

process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
