// @panelsig/middleware/fastify in a real Fastify 5 app on 127.0.0.1, its JSON parser after the plugin.
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe } from "vitest";
import { panelsig } from "@panelsig/middleware/fastify";
import { receivers, sha256 } from "./helpers.ts";
import { receiverScenarios } from "./scenarios.ts";

const reached: string[] = [];
const errors: unknown[] = [];
const closed = new Map<string, () => void>();
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  app = Fastify();
  // Test instrumentation: tells when the server has closed an exchange (the aborted upload).
  app.addHook("onRequest", (request, _reply, done) => {
    request.raw.socket.once("close", () => closed.get(String(request.headers["x-test-id"]))?.());
    done();
  });
  for (const [name, options] of Object.entries(receivers())) {
    await app.register(
      async (scope) => {
        await scope.register(panelsig({ ...options, onError: (e) => errors.push(e) }));
        scope.all("/*", async (request) => {
          reached.push(request.url);
          const body = request.panelsig!.body;
          return { valid: request.panelsig!.valid, json: request.body ?? null, bytes: body?.length ?? 0, sha256: body && sha256(body) };
        });
      },
      { prefix: `/${name}` },
    );
  }
  await app.listen({ port: 0, host: "127.0.0.1" });
  port = (app.server.address() as { port: number }).port;
});

afterAll(() => app.close());

describe("Fastify 5: register(panelsig())", () => {
  receiverScenarios({
    port: () => port,
    reached,
    errors,
    exchangeDone: (id) => new Promise((resolve) => closed.set(id, resolve)),
    oversized: { status: 413, type: "application/json", text: '{"error":"request body too large"}' },
  });
});
