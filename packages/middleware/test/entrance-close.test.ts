// entranceError "close": the real AcePanel server closes the connection without a byte of answer
// when a request misses its entrance. Express and Fastify do the same on the raw socket; Hono, a
// Web handler that can only return a Response, refuses the option when the server starts.
import { connect, type AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PanelsigError } from "@panelsig/core";
import { panelsig as expressPanelsig } from "@panelsig/middleware/express";
import { panelsig as fastifyPanelsig } from "@panelsig/middleware/fastify";
import { panelsig as honoPanelsig } from "@panelsig/middleware/hono";
import { ACE_SECRET, NOW, send } from "./helpers.ts";

const options = { scheme: "acepanel", token: (id: string) => (id === "16" ? { secret: ACE_SECRET } : undefined), entrance: "/ace", entranceError: "close", now: () => NOW } as const;
// Outside the entrance, with an Authorization header: the entrance error page, here "close".
const OUTSIDE = "GET /elsewhere/api/user/info HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: HMAC-SHA256 Credential=16, Signature=00\r\nX-Timestamp: 1700000000\r\n\r\n";

/** Sends raw bytes; resolves everything the server sent before the connection closed. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let answer = "";
    socket.on("data", (c: Buffer) => (answer += c.toString("latin1")));
    socket.on("close", () => resolve(answer));
    socket.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" ? resolve(answer) : reject(error)));
  });
}

describe('entranceError "close"', () => {
  let expressServer: Server;
  let expressPort: number;
  const fastify = Fastify();
  let fastifyPort: number;
  beforeAll(async () => {
    const app = express();
    app.use(expressPanelsig(options));
    app.all("/*path", (_req, res) => res.json({ reached: true }));
    expressServer = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => expressServer.once("listening", resolve));
    expressPort = (expressServer.address() as AddressInfo).port;
    await fastify.register(fastifyPanelsig(options));
    fastify.all("/*", async () => ({ reached: true }));
    await fastify.listen({ port: 0, host: "127.0.0.1" });
    fastifyPort = (fastify.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    expressServer.closeAllConnections();
    await new Promise((resolve) => expressServer.close(resolve));
    await fastify.close();
  });

  it("Express closes the connection without an answer, and goes on serving", async () => {
    expect(await rawExchange(expressPort, OUTSIDE)).toBe("");
    expect((await send(expressPort, "GET", "/robots.txt", {})).status).toBe(200);
  });

  it("Fastify closes the connection without an answer, and goes on serving", async () => {
    expect(await rawExchange(fastifyPort, OUTSIDE)).toBe("");
    expect((await send(fastifyPort, "GET", "/robots.txt", {})).status).toBe(200);
  });

  it("Hono refuses the option, naming it", () => {
    let refused: unknown;
    try {
      honoPanelsig(options);
    } catch (error) {
      refused = error;
    }
    expect(refused instanceof PanelsigError && `${refused.code} ${refused.field}`).toBe("invalid_option options.entranceError");
  });
});
