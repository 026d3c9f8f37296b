// A body that breaks off while it is read — the client went away, sent bad chunking, the stream
// errored — is answered, never thrown: body_incomplete, 400, with the connection closed, for
// every scheme and every kind of body source; a Web stream's lock is released afterwards, and a
// stream over the limit whose cancel fails is still body_too_large.
import { describe, expect, it } from "vitest";
import { verifyHttpWith, verifyRequestWith, type VerifyOptions } from "@panelsig/core";
import { oracleProvider } from "./oracle.ts";

const NOW = 1700000000;
const now = () => NOW;
const chunk = new TextEncoder().encode('{"domain":"exa');

// Headers that get each verifier as far as reading the body (the signature is never reached).
const SCHEMES: [VerifyOptions, [string, string][], string, Record<string, string>][] = [
  [
    { scheme: "acepanel", token: (id) => (id === "16" ? { secret: "s" } : undefined), now },
    [["Authorization", "HMAC-SHA256 Credential=16, Signature=00"], ["X-Timestamp", String(NOW)]],
    '{"msg":"request body incomplete"}',
    { "Content-Type": "application/json; charset=utf-8", Connection: "close" },
  ],
  [
    { scheme: "opterius-agent", secret: "s", now },
    [["X-Signature", "00"], ["X-Timestamp", "2023-11-14T22:13:20Z"]], // 1700000000
    '{"error":"request body incomplete"}',
    { "Content-Type": "application/json", Connection: "close" },
  ],
  [
    { scheme: "opterius-panel", secret: "s", now },
    [["X-Signature", "00"], ["X-Timestamp", String(NOW)]],
    '{"error":"request body incomplete"}',
    { "Content-Type": "application/json", Connection: "close" },
  ],
];

/** A stream that gives `chunks` and then fails as a dropped connection does. */
const breakingStream = (chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.error(new TypeError("connection reset by peer"));
    },
  });

/** Node's IncomingMessage iterator after an aborted upload: some chunks, then a rejection. */
async function* breakingIterable(chunks: Uint8Array[]) {
  for (const c of chunks) yield c;
  throw Object.assign(new Error("aborted"), { code: "ECONNRESET" });
}

const SOURCES: [string, () => ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>][] = [
  ["a Web stream that errors after a chunk", () => breakingStream([chunk])],
  ["a Web stream that errors at once", () => breakingStream([])],
  ["a Web stream whose pull rejects", () => new ReadableStream<Uint8Array>({ pull: () => Promise.reject(new Error("bad chunk size")) })],
  ["an async iterable that throws after a chunk", () => breakingIterable([chunk])],
  ["an async iterable that throws at once", () => breakingIterable([])],
];

describe("a body that breaks off is answered body_incomplete (400), never thrown", () => {
  for (const [options, headers, body, responseHeaders] of SCHEMES) {
    for (const [what, source] of SOURCES) {
      it(`${options.scheme}: ${what}`, async () => {
        const message = { method: "POST", target: "/api/accounts", headers, body: source() };
        expect(await verifyHttpWith(oracleProvider, message, { ...options, keepBody: true })).toStrictEqual({
          valid: false,
          error: "body_incomplete",
          status: 400,
          message: "request body incomplete",
          rejection: { status: 400, headers: responseHeaders, body },
        });
      });
    }
  }
  it("a Web stream is left unlocked: nothing holds it after the answer", async () => {
    const stream = breakingStream([chunk, chunk]);
    const [options, headers] = SCHEMES[2]!;
    expect((await verifyHttpWith(oracleProvider, { method: "POST", target: "/", headers, body: stream }, options)).error).toBe("body_incomplete");
    expect(stream.locked).toBe(false);
  });
  it("a Request whose body stream errors (verifyRequest)", async () => {
    const request = new Request("http://p/api/accounts", {
      method: "POST",
      headers: { "X-Signature": "00", "X-Timestamp": String(NOW) },
      body: breakingStream([chunk]),
      duplex: "half",
    } as RequestInit);
    expect(await verifyRequestWith(oracleProvider, request, { scheme: "opterius-panel", secret: "s", now })).toMatchObject({
      valid: false,
      error: "body_incomplete",
      status: 400,
    });
  });
  it("over the limit, a stream whose cancel fails is still body_too_large, and unlocked", async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(1024)),
      cancel: () => Promise.reject(new Error("cannot cancel")),
    });
    const [options, headers] = SCHEMES[1]!;
    const result = await verifyHttpWith(oracleProvider, { method: "POST", target: "/", headers, body: stream }, { ...options, maxBodyBytes: 2048 });
    expect(result).toMatchObject({ valid: false, error: "body_too_large", status: 413 });
    expect(stream.locked).toBe(false);
  });
});
