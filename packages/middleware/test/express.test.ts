// @panelsig/middleware/express in a real Express 5 app on 127.0.0.1, mounted under path prefixes
// (the signed path is the whole one), with express.json() after it.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe } from "vitest";
import { panelsig } from "@panelsig/middleware/express";
import { receivers, sha256 } from "./helpers.ts";
import { receiverScenarios } from "./scenarios.ts";

const reached: string[] = [];
const errors: unknown[] = [];
const closed = new Map<string, () => void>();
let server: Server;
let port: number;

beforeAll(async () => {
  const app = express();
  // Test instrumentation: tells when the server has closed an exchange (the aborted upload).
  app.use((req, res, next) => {
    res.on("close", () => closed.get(String(req.headers["x-test-id"]))?.());
    next();
  });
  for (const [name, options] of Object.entries(receivers())) app.use(`/${name}`, panelsig({ ...options, onError: (e) => errors.push(e) }));
  app.use(express.json());
  app.all("/*path", (req, res) => {
    reached.push(req.originalUrl);
    const body = req.panelsig!.body;
    res.json({ valid: req.panelsig!.valid, json: req.body ?? null, bytes: body?.length ?? 0, sha256: body && sha256(body) });
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("Express 5: panelsig() before express.json()", () => {
  receiverScenarios({
    port: () => port,
    reached,
    errors,
    exchangeDone: (id) => new Promise((resolve) => closed.set(id, resolve)),
    oversized: { status: 413, type: "application/json", connection: "close", text: '{"error":"request body too large"}' },
  });
});
