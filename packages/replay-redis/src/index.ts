// The opterius-panel replay guard shared by every process of a receiver, on Redis. One atomic
// command per claim, SET <prefix><signature> 1 NX EX <seconds>: the first process to claim a
// signature gets "OK", every later one (any process, any machine) gets nil until the key expires
// with the signature's timestamp window. Keys expire on their own, so Redis holds at most the
// signatures accepted in one window. The verifier calls claim only once the signature has passed,
// so a key is always a genuine 64-hex signature, never something a client made up.

import { PanelsigError, type ReplayStore } from "@panelsig/core";

/** The official `redis` client (node-redis v4 and later): `createClient()`. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/** An `ioredis` client: `new Redis()`. */
export interface IoRedisLike {
  call(command: string, ...args: string[]): Promise<unknown>;
}

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

/** Redis did not answer a claim. `code` is stable: "replay_store_unavailable". */
export class ReplayStoreUnavailableError extends Error {
  readonly code = "replay_store_unavailable";

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`the replay store (Redis) did not answer: ${reason}`, options);
    this.name = "ReplayStoreUnavailableError";
  }
}

export const DEFAULT_PREFIX = "panelsig:replay:";
export const DEFAULT_TIMEOUT_MS = 2000;

/** A ReplayStore on Redis, for `replayStore` in opterius-panel's verify options. */
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
