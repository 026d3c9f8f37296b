// The node:http edge of `panelsig serve`: turns each IncomingMessage into a Web Request (body
// streamed, not buffered) and the handler's Response back. Binds 127.0.0.1 only. Malformed HTTP
// never reaches the handler: node's parser rejects it and the clientError handler answers 400.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { peerAddress } from "@panelsig/core";
import type { ServeHandler } from "./serve-handler.ts";

export interface Listening {
  port: number;
  close(): Promise<void>;
}

export function listenNode(handler: ServeHandler, port: number): Promise<Listening> {
  const server = createServer((req, res) => {
    answer(handler, req, res).catch((error) => {
      if (!req.complete) {
        process.stdout.write(`${req.method} ${req.url} → dropped: the client closed the connection before the body ended\n`);
        return void res.destroy();
      }
      process.stderr.write(`panelsig serve: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain", Connection: "close" });
      res.end("internal error\n");
    });
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : port,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function answer(handler: ServeHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request = toRequest(req);
  if (typeof request === "string") {
    req.resume();
    res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" }).end(request + "\n");
    return;
  }
  const response = await handler(request, peerAddress(req.socket.remoteAddress ?? "", req.socket.remotePort ?? 0));
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const body = new Uint8Array(await response.arrayBuffer());
  res.writeHead(response.status, { ...headers, "Content-Length": String(body.length) }).end(body);
}

/** The Web Request for a Node request, or why there cannot be one (answered with 400). */
function toRequest(req: IncomingMessage): Request | string {
  const method = req.method ?? "GET";
  const hasBody = req.headers["content-length"] !== undefined ? req.headers["content-length"] !== "0" : req.headers["transfer-encoding"] !== undefined;
  if (hasBody && (method === "GET" || method === "HEAD")) {
    return `panelsig serve: a ${method} request with a body cannot be checked (the Web Request API it is built on refuses one); the real receiver would hash that body`;
  }
  const target = req.url ?? "/";
  if (!target.startsWith("/")) return "400 Bad Request: the request-target must be a path";
  const headers = new Headers();
  try {
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    // Appended to the origin, never resolved against it: "//host/x" stays a path.
    const url = new URL("http://127.0.0.1" + target);
    return new Request(url, { method, headers, ...(hasBody ? { body: bodyStream(req), duplex: "half" } : {}) } as RequestInit);
  } catch (error) {
    return `400 Bad Request: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * The request body as a Web stream that reads only as fast as the verifier hashes. Cancelling it
 * (a body over the limit) drops the rest instead of destroying the request, so the 413 answer can
 * still go out on the same connection.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = (error?: Error) => {
        if (done) return;
        done = true;
        if (error) controller.error(error);
        else controller.close();
      };
      req.on("data", (chunk: Buffer) => {
        if (done) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on("end", () => finish());
      req.on("error", (error) => finish(error));
      // A client that goes away mid-body ends the stream too, instead of leaving the verifier waiting.
      req.on("close", () => finish(req.complete ? undefined : new Error("the client closed the connection before the body ended")));
      req.pause();
    },
    pull() {
      req.resume();
    },
    cancel() {
      done = true;
      req.resume();
    },
  });
}
