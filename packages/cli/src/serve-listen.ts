// The TCP edge of `panelsig serve`: a node:net server on 127.0.0.1 (node:net works the same on
// Node, Deno and Bun, so serve answers identically on all three). Each connection reads requests
// one after another (keep-alive and pipelining as Go serves them), answers each, and before it
// reads the next waits for the log to have room (serve-output.ts).

import { createServer, type Socket } from "node:net";
import { peerAddress } from "@panelsig/core";
import type { Answer, ServeHandler } from "./serve-handler.ts";
import { readRequest, type HttpFailure } from "./serve-http.ts";
import { Incoming } from "./serve-incoming.ts";
import type { Output } from "./serve-output.ts";

export interface Listening {
  port: number;
  close(): Promise<void>;
}

export interface ListenOptions {
  port: number;
  maxBodyBytes: number;
  output: Output;
  /** Told about requests refused before they could be checked (malformed HTTP, or the client gone mid-request). */
  onRefused?(failure: HttpFailure, peer: string): void;
}

export function listen(handler: ServeHandler, options: ListenOptions): Promise<Listening> {
  const sockets = new Set<Socket>();
  // Half-open: a client may send its request and end its side at once; the answer still goes out.
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    void serveConnection(socket, handler, options);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : options.port,
        close: () =>
          new Promise((done) => {
            server.close(() => {
              options.output.flush();
              done();
            });
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}

async function serveConnection(socket: Socket, handler: ServeHandler, options: ListenOptions): Promise<void> {
  socket.setNoDelay(true);
  socket.on("error", () => socket.destroy());
  const peer = peerAddress(socket.remoteAddress ?? "", socket.remotePort ?? 0);
  const input = new Incoming(socket);
  const sendContinue = () => socket.write("HTTP/1.1 100 Continue\r\n\r\n");
  for (;;) {
    const request = await readRequest(input, options.maxBodyBytes, sendContinue);
    if (request === undefined || socket.destroyed) return void socket.end();
    if ("failure" in request) {
      options.onRefused?.(request, peer);
      if (!request.silent) {
        const headers = request.body === "" ? "Content-Length: 0\r\nConnection: close" : "Content-Type: text/plain; charset=utf-8\r\nConnection: close";
        socket.write(`HTTP/1.1 ${request.failure}\r\n${headers}\r\n\r\n${request.body}`, "latin1");
      }
      return hangUp(socket, input);
    }
    let answer: Answer;
    try {
      answer = await handler(request, peer);
    } catch (error) {
      process.stderr.write(`panelsig serve: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      answer = { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "panelsig serve: internal error (see its standard error)\n", close: true };
    }
    if (answer.hangUp) return void socket.destroy();
    const close = answer.close === true || !request.keepAlive || request.bodyCut;
    socket.write(responseText(answer, request.method === "HEAD", close));
    if (close) return hangUp(socket, input);
    const logFull = options.output.ready();
    if (logFull) await logFull;
  }
}

/** Ends the connection, still reading (and dropping) what the client sends so that it sees the answer, not a reset. */
function hangUp(socket: Socket, input: Incoming): void {
  input.discard();
  socket.end();
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK", 302: "Found", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  413: "Request Entity Too Large", 418: "I'm a teapot", 500: "Internal Server Error",
};

/** The answer as one string (UTF-8 text, header values ASCII), for a single write. */
function responseText(answer: Answer, head: boolean, close: boolean): string {
  const body = typeof answer.body === "string" ? answer.body : Buffer.from(answer.body).toString("utf8");
  let text = `HTTP/1.1 ${answer.status} ${STATUS_TEXT[answer.status] ?? "Status"}\r\n`;
  for (const name in answer.headers) if (name.toLowerCase() !== "connection") text += `${name}: ${answer.headers[name]}\r\n`;
  text += `Content-Length: ${Buffer.byteLength(body)}\r\n${close ? "Connection: close\r\n" : ""}\r\n`;
  return head ? text : text + body;
}
