// The opterius-panel replay guard shared by every process of a receiver, on Redis. One atomic
// command per claim, SET <prefix><signature> 1 NX EX <seconds>: the first process to claim a
// signature gets "OK", every later one (any process, any machine) gets nil until the key expires
// with the signature's timestamp window. Keys expire on their own, so Redis holds at most the
// signatures accepted in one window. The verifier calls claim only once the signature has passed,
// so a key is always a genuine 64-hex signature, never something a client made up.

/**
 * The opterius-panel replay guard on Redis: each signature accepted once by all the processes
 * and machines of a receiver, not once per process.
 *
 * @module @panelsig/replay-redis
 */

import { PanelsigError, type ReplayStore } from "@panelsig/core";

/**
 * The official `redis` client (node-redis v4 and later): `createClient()`. Only `sendCommand` is used.
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * const client: NodeRedisLike = createClient({ url: "redis://127.0.0.1:6379", disableOfflineQueue: true });
 * ```
 */
export interface NodeRedisLike {
  /** Sends one command, e.g. `["SET", key, "1", "NX", "EX", "300"]`, and resolves to Redis's reply. */
  sendCommand(args: string[]): Promise<unknown>;
}

/**
 * An `ioredis` client: `new Redis()`. Only `call` is used.
 *
 * @example
 * ```ts
 * import { Redis } from "ioredis";
 * const client: IoRedisLike = new Redis("redis://127.0.0.1:6379", { enableOfflineQueue: false });
 * ```
 */
export interface IoRedisLike {
  /** Sends one command, e.g. `call("SET", key, "1", "NX", "EX", "300")`, and resolves to Redis's reply. */
  call(command: string, ...args: string[]): Promise<unknown>;
}

/**
 * What {@link redisReplayStore} takes besides the client; every field is optional.
 *
 * @example
 * ```ts
 * const options: RedisReplayStoreOptions = {
 *   prefix: "billing-hooks:",
 *   timeoutMs: 500,
 *   onUnavailable: (error) => console.warn(error.message),
 * };
 * ```
 */
export interface RedisReplayStoreOptions {
  /** Put before every key (default "panelsig:replay:"); give each receiver sharing a Redis its own. */
  prefix?: string;
  /** How long a claim waits for Redis before Redis counts as unreachable, in milliseconds (default 2000). */
  timeoutMs?: number;
  /**
   * When Redis cannot answer: false (the default) fails closed, the claim throws a
   * ReplayStoreUnavailableError and the request is refused (503 from @panelsig/middleware);
   * true fails open, the request is accepted without the replay guard.
   */
  failOpen?: boolean;
  /** Told each time Redis could not answer a claim (for a log or a metric). Never given a secret. */
  onUnavailable?: (error: ReplayStoreUnavailableError) => void;
}

/**
 * Redis did not answer a claim. `code` is stable: "replay_store_unavailable". Thrown by the store's
 * `claim` (so by the verifier) unless `failOpen` is set; `@panelsig/middleware` answers it with 503.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { verifyNodeRequest } from "@panelsig/node";
 * import { ReplayStoreUnavailableError, redisReplayStore } from "@panelsig/replay-redis";
 *
 * const replayStore = redisReplayStore(redis); // a connected `redis` or `ioredis` client
 * createServer(async (req, res) => {
 *   try {
 *     const r = await verifyNodeRequest(req, { scheme: "opterius-panel", secret: "eyJ-test", replayStore });
 *     r.valid ? res.end("{}") : res.writeHead(r.rejection!.status, r.rejection!.headers).end(r.rejection!.body);
 *   } catch (error) {
 *     if (!(error instanceof ReplayStoreUnavailableError)) throw error;
 *     res.writeHead(503).end(); // Redis is down: refuse rather than accept a possible replay
 *   }
 * }).listen(8080);
 * ```
 */
export class ReplayStoreUnavailableError extends Error {
  /** Always "replay_store_unavailable", for a program to branch on. */
  readonly code = "replay_store_unavailable";

  /** `reason` says what went wrong (it becomes part of the message); `cause` is the client's error. */
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`the replay store (Redis) did not answer: ${reason}`, options);
    this.name = "ReplayStoreUnavailableError";
  }
}

/**
 * What every key starts with when no `prefix` is given.
 *
 * @example
 * ```ts
 * // A claimed signature is kept as "panelsig:replay:" + its 64 hex digits until its window ends:
 * const key = DEFAULT_PREFIX + "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7";
 * ```
 */
export const DEFAULT_PREFIX = "panelsig:replay:";

/**
 * How long a claim waits for Redis, in milliseconds, when no `timeoutMs` is given.
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * const store = redisReplayStore(createClient(), { timeoutMs: DEFAULT_TIMEOUT_MS / 4 }); // 500 ms
 * ```
 */
export const DEFAULT_TIMEOUT_MS = 2000;

/**
 * A ReplayStore on Redis, for `replayStore` in opterius-panel's verify options. Each claim is one
 * atomic `SET <prefix><signature> 1 NX EX <seconds left in the window>`, sent only once the
 * signature has passed. Refuses a client that is neither `redis` nor `ioredis`, and a bad option,
 * with a PanelsigError (`invalid_option`) naming it.
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import { verifyNodeRequest } from "@panelsig/node";
 * import { redisReplayStore } from "@panelsig/replay-redis";
 *
 * const redis = createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true });
 * redis.on("error", (e) => console.error("redis:", e.message));
 * await redis.connect();
 * const replayStore = redisReplayStore(redis, { prefix: "billing-hooks:" });
 * const result = await verifyNodeRequest(req, { scheme: "opterius-panel", secret: "eyJ-test", replayStore });
 * ```
 */
export function redisReplayStore(client: NodeRedisLike | IoRedisLike, options: RedisReplayStoreOptions = {}): ReplayStore {
  if (options === null || typeof options !== "object") throw new PanelsigError("invalid_option", "options", "must be an object such as { prefix }");
  const send = commandSender(client);
  const prefix = readOption(options, "prefix", DEFAULT_PREFIX, (v) => typeof v === "string", "a string");
  const timeoutMs = readOption(options, "timeoutMs", DEFAULT_TIMEOUT_MS, (v) => typeof v === "number" && v > 0 && Number.isFinite(v), "a positive number of milliseconds");
  const failOpen = readOption(options, "failOpen", false, (v) => typeof v === "boolean", "true or false");
  const onUnavailable = options.onUnavailable;
  if (onUnavailable !== undefined && typeof onUnavailable !== "function") throw new PanelsigError("invalid_option", "options.onUnavailable", "must be a function");
  return {
    async claim(signature, expiresAt, now) {
      // Seconds left in the window on the verifier's clock (EX, not EXAT: Redis's clock may differ).
      // A signature inside the window has expiresAt >= now; EX must be at least 1.
      const seconds = Math.max(1, Math.ceil(expiresAt - now));
      let reply: unknown;
      try {
        reply = await withTimeout(send(["SET", prefix + signature, "1", "NX", "EX", String(seconds)]), timeoutMs);
      } catch (error) {
        const unavailable = new ReplayStoreUnavailableError(error instanceof Error ? error.message : String(error), { cause: error });
        onUnavailable?.(unavailable);
        if (failOpen) return true;
        throw unavailable;
      }
      return reply === "OK";
    },
  };
}

function commandSender(client: NodeRedisLike | IoRedisLike): (args: string[]) => Promise<unknown> {
  const c = client as Partial<NodeRedisLike & IoRedisLike> | null;
  // ioredis also has a sendCommand (taking its own Command objects), so call() decides first.
  if (c && typeof c.call === "function") return ([command, ...args]) => c.call!(command!, ...args);
  if (c && typeof c.sendCommand === "function") return (args) => c.sendCommand!(args);
  throw new PanelsigError("invalid_option", "client", "must be a `redis` client (createClient()) or an `ioredis` client (new Redis())");
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function readOption<T>(options: RedisReplayStoreOptions, name: keyof RedisReplayStoreOptions, fallback: T, ok: (v: unknown) => boolean, what: string): T {
  const value = (options as Record<string, unknown>)[name];
  if (value === undefined) return fallback;
  if (!ok(value)) throw new PanelsigError("invalid_option", `options.${name}`, `must be ${what}`);
  return value as T;
}
