// redisReplayStore without a server: the exact command each client is sent, what each reply
// means, and failing closed (or open, when asked) when the client cannot answer. The shared,
// multi-process behaviour against a real redis-server is in test-redis/ (npm run test:redis).
import { describe, expect, it } from "vitest";
import { PanelsigError } from "@panelsig/core";
import { ReplayStoreUnavailableError, redisReplayStore } from "@panelsig/replay-redis";

const SIGNATURE = "a".repeat(64);

/** A node-redis-shaped client: records each command, answers with `reply`. */
function nodeRedis(reply: () => Promise<unknown>) {
  const sent: string[][] = [];
  return { sent, client: { sendCommand: (args: string[]) => (sent.push(args), reply()) } };
}

/** An ioredis-shaped client (it has a sendCommand of its own too, which must not be used). */
function ioRedis(reply: () => Promise<unknown>) {
  const sent: string[][] = [];
  const client = {
    call: (command: string, ...args: string[]) => (sent.push([command, ...args]), reply()),
    sendCommand: () => Promise.reject(new Error("ioredis sendCommand takes a Command object")),
  };
  return { sent, client };
}

describe("redisReplayStore", () => {
  it("sends one SET key 1 NX EX <seconds left> to a redis client, and OK means first claim", async () => {
    const { sent, client } = nodeRedis(async () => "OK");
    const store = redisReplayStore(client);
    expect(await store.claim(SIGNATURE, 1700000300, 1700000000)).toBe(true);
    expect(sent).toEqual([["SET", `panelsig:replay:${SIGNATURE}`, "1", "NX", "EX", "300"]]);
  });

  it("sends the same command through ioredis's call(), with the prefix asked for", async () => {
    const { sent, client } = ioRedis(async () => "OK");
    const store = redisReplayStore(client, { prefix: "agent-7:" });
    expect(await store.claim(SIGNATURE, 1700000300, 1700000100)).toBe(true);
    expect(sent).toEqual([["SET", `agent-7:${SIGNATURE}`, "1", "NX", "EX", "200"]]);
  });

  it("answers false (replayed) when Redis answers nil: the key was already set", async () => {
    const { client } = nodeRedis(async () => null);
    expect(await redisReplayStore(client).claim(SIGNATURE, 1700000300, 1700000000)).toBe(false);
  });

  it("rounds the seconds left up and never asks for EX 0 (Redis refuses it)", async () => {
    const { sent, client } = nodeRedis(async () => "OK");
    const store = redisReplayStore(client);
    await store.claim(SIGNATURE, 1700000300, 1700000000.25); // 299.75 s left
    await store.claim(SIGNATURE, 1700000300, 1700000300); // the last second of the window
    expect(sent.map((args) => args[5])).toEqual(["300", "1"]);
  });

  it("fails closed: a client error becomes a ReplayStoreUnavailableError (code replay_store_unavailable)", async () => {
    const { client } = nodeRedis(() => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6390")));
    const told: string[] = [];
    const store = redisReplayStore(client, { onUnavailable: (e) => told.push(e.message) });
    const error = await Promise.resolve(store.claim(SIGNATURE, 1700000300, 1700000000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplayStoreUnavailableError);
    expect((error as ReplayStoreUnavailableError).code).toBe("replay_store_unavailable");
    expect(told).toEqual(["the replay store (Redis) did not answer: connect ECONNREFUSED 127.0.0.1:6390"]);
  });

  it("fails closed when Redis does not answer within timeoutMs", async () => {
    const { client } = ioRedis(() => new Promise(() => {})); // a command queued forever
    const store = redisReplayStore(client, { timeoutMs: 1 });
    await expect(store.claim(SIGNATURE, 1700000300, 1700000000)).rejects.toThrow("did not answer: no answer within 1 ms");
  });

  it("fails open only when asked: the claim succeeds, and the author is told", async () => {
    const { client } = nodeRedis(() => Promise.reject(new Error("The client is closed")));
    const told: unknown[] = [];
    const store = redisReplayStore(client, { failOpen: true, onUnavailable: (e) => told.push(e) });
    expect(await store.claim(SIGNATURE, 1700000300, 1700000000)).toBe(true);
    expect(told.length).toBe(1);
    expect(told[0]).toBeInstanceOf(ReplayStoreUnavailableError);
  });

  it("refuses what is not a Redis client, and bad options, naming the field", () => {
    const fields = (make: () => unknown) => {
      try {
        make();
      } catch (error) {
        return error instanceof PanelsigError ? `${error.code} ${error.field}` : String(error);
      }
      return "no error";
    };
    const { client } = nodeRedis(async () => "OK");
    expect(fields(() => redisReplayStore({} as never))).toBe("invalid_option client");
    expect(fields(() => redisReplayStore(client, { prefix: 7 as never }))).toBe("invalid_option options.prefix");
    expect(fields(() => redisReplayStore(client, { timeoutMs: 0 }))).toBe("invalid_option options.timeoutMs");
    expect(fields(() => redisReplayStore(client, { failOpen: "yes" as never }))).toBe("invalid_option options.failOpen");
    expect(fields(() => redisReplayStore(client, { onUnavailable: "log" as never }))).toBe("invalid_option options.onUnavailable");
  });
});
