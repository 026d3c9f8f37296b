// Reading a body chunk by chunk: every source kind gives the same bytes to the hash, the limit is
// exact (maxBytes passes, one more does not), bytes are kept only when asked, and a stream is
// cancelled once it is over the limit.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PanelsigError, verifyHttpWith } from "@panelsig/core";
import { oracleProvider } from "./oracle.ts";

const text = "The quick brown fox jumps over the lazy dog";
const chunksOf = (s: string, size: number) => {
  const all = new TextEncoder().encode(s);
  const out: Uint8Array[] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.subarray(i, i + size));
  return out;
};
const streamOf = (chunks: Uint8Array[], onCancel?: () => void) =>
  new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
    cancel: onCancel,
  });
async function* iterableOf(chunks: Uint8Array[]) {
  for (const chunk of chunks) yield chunk;
}

// readBody is internal; it is observed through the opterius-panel verifier, whose signature is
// HMAC(secret, timestamp + body) and whose keepBody hands the bytes back.
const secret = "s";
const timestamp = "1700000000";
const signature = createHmac("sha256", secret).update(timestamp + text).digest("hex");
const verifyBody = (body: Parameters<typeof verifyHttpWith>[1]["body"], maxBodyBytes = 1000, keepBody = true) =>
  verifyHttpWith(oracleProvider, {
    method: "POST",
    target: "/api/accounts",
    headers: [["X-Timestamp", timestamp], ["X-Signature", signature]],
    body,
  }, { scheme: "opterius-panel", secret, now: () => 1700000000, maxBodyBytes, keepBody });

describe("body sources", () => {
  const sources: [string, () => Parameters<typeof verifyBody>[0]][] = [
    ["bytes", () => new TextEncoder().encode(text)],
    ["a ReadableStream of 5-byte chunks", () => streamOf(chunksOf(text, 5))],
    ["an async iterable of 1-byte chunks", () => iterableOf(chunksOf(text, 1))],
  ];
  for (const [what, source] of sources) {
    it(`${what}: verified, bytes handed back`, async () => {
      const result = await verifyBody(source());
      expect(result.valid).toBe(true);
      expect(new TextDecoder().decode(result.body)).toBe(text);
    });
    it(`${what}: exactly the limit passes`, async () => expect((await verifyBody(source(), text.length)).valid).toBe(true));
    it(`${what}: one byte over the limit is body_too_large`, async () => {
      expect(await verifyBody(source(), text.length - 1)).toMatchObject({ valid: false, error: "body_too_large", status: 413, message: "request body too large" });
    });
  }
  it("the bytes are not handed back unless asked", async () => {
    const result = await verifyBody(streamOf(chunksOf(text, 7)), 1000, false);
    expect(result.valid).toBe(true);
    expect(result.body).toBe(undefined);
  });
  it("a stream over the limit is cancelled, not read to the end", async () => {
    let cancelled = false;
    const chunks = chunksOf(text, 4);
    const result = await verifyBody(streamOf(chunks, () => (cancelled = true)), 10);
    expect(result.error).toBe("body_too_large");
    expect(cancelled).toBe(true);
    expect(chunks.length).toBeLessThan(9);
  });
  it("an async iterable over the limit is left unread, not drained", async () => {
    let pulled = 0;
    async function* counting() {
      for (const chunk of chunksOf(text, 4)) {
        pulled++;
        yield chunk;
      }
    }
    expect((await verifyBody(counting(), 10)).error).toBe("body_too_large");
    expect(pulled).toBe(3);
  });
  it("a stream of strings is a programmer error (an encoding was set on it)", async () => {
    async function* strings() {
      yield "not bytes";
    }
    const error = await verifyBody(strings() as unknown as AsyncIterable<Uint8Array>).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PanelsigError);
    expect(error).toMatchObject({ code: "invalid_body", field: "body" });
  });
});
