// The schemes' shortcuts for a body already in memory (one call to a one-shot digest, through the
// provider's hex methods when it has them) against the streaming path the same body takes when it
// arrives in chunks, on every provider: the same verdict, the same expected signature, and that
// signature equal to node:crypto's over the hand-written string to sign. Also the Opterius Panel's
// shortcut for an empty in-memory body (the two empty-body forms MACed directly) against an empty
// stream, which is MACed as "" on the way.
import { Buffer } from "node:buffer";
import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifyHttpWith, type HttpMessage, type VerifyOptions } from "@panelsig/core";
import { PROVIDERS } from "@panelsig/conformance";
import { hmacSha256Hex, sha256Hex } from "../src/digest-hex.ts";
import { macPrefixedBody } from "../src/schemes/opterius.ts";

const NOW = 1700000000;
const RUNS = { numRuns: 40, seed: 15 };
const hmacHex = (secret: string | Uint8Array, ...parts: (string | Uint8Array)[]) => {
  const mac = createHmac("sha256", secret);
  for (const part of parts) mac.update(part);
  return mac.digest("hex");
};
const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** The body as a network delivers it: in chunks cut at `cuts`. */
async function* chunked(body: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...cuts.filter((c) => c < body.length).sort((a, b) => a - b), body.length]) {
    yield body.slice(start, cut);
    start = cut;
  }
}

const body = fc.uint8Array({ minLength: 1, maxLength: 300 });
const cuts = fc.array(fc.nat({ max: 300 }), { maxLength: 4 });
/** The fields both paths must agree on; with keepBody the whole answer. */
const verdict = (r: { valid: boolean; error?: string; status?: number; expectedSignature?: string }) =>
  ({ valid: r.valid, error: r.error, status: r.status, expectedSignature: r.expectedSignature });

for (const { name, provider } of PROVIDERS) {
  describe(`${name}: a body in memory and the same body streamed`, () => {
    it("macPrefixedBody: one-shot (bytes or text) and streamed MACs equal node:crypto's, ASCII and binary prefixes", async () => {
      const prefix = fc.string({ unit: fc.constantFrom("a", "Z", "0", ":", "\x80", "\xe9", "\xff"), maxLength: 30 });
      const text = fc.string({ unit: fc.constantFrom("a", "{", "é", "😀"), maxLength: 20 });
      await fc.assert(fc.asyncProperty(prefix, fc.uint8Array({ maxLength: 200 }), text, cuts, async (p, b, t, c) => {
        const secret = "sécret"; // keyed with its UTF-8 (node:crypto keys a string the same way)
        const limits = { maxBytes: 1000, keep: true };
        const hex = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString("hex"));
        const shown = (r: Awaited<ReturnType<typeof macPrefixedBody>>) =>
          r.failed ? r : { signature: r.signature, empty: r.empty, kept: hex(r.kept) };
        const expected = { signature: hmacHex(secret, Buffer.from(p, "latin1"), b), empty: b.length === 0, kept: hex(b) };
        const inMemory = await macPrefixedBody(provider, secret, p, b, limits);
        const streamed = await macPrefixedBody(provider, secret, p, chunked(b, c), limits);
        expect(shown(inMemory)).toEqual(expected);
        expect(shown(streamed)).toEqual(expected);
        expect([inMemory.failed ? -1 : inMemory.length, streamed.failed ? -1 : streamed.length]).toEqual([undefined, b.length]); // in memory: measured where needed
        const textBytes = Buffer.from(t, "utf8");
        const fromText = await macPrefixedBody(provider, secret, p, t, limits);
        const textStreamed = await macPrefixedBody(provider, secret, p, chunked(new Uint8Array(textBytes), c), limits);
        const expectedText = { signature: hmacHex(secret, Buffer.from(p, "latin1"), textBytes), empty: t === "", kept: textBytes.toString("hex") };
        expect(shown(fromText)).toEqual(expectedText);
        expect(shown(textStreamed)).toEqual(expectedText);
      }), RUNS);
    });

    it("macPrefixedBody: the byte limit is the same on both paths", async () => {
      const secret = "\u0007";
      const b = new Uint8Array(10).fill(0x61);
      for (const maxBytes of [9, 10]) {
        const limits = { maxBytes, keep: false };
        const answers = [
          await macPrefixedBody(provider, secret, "T", b, limits),
          await macPrefixedBody(provider, secret, "T", "a".repeat(10), limits),
          await macPrefixedBody(provider, secret, "T", chunked(b, [4]), limits),
        ].map((r) => (r.failed ? r : { signature: r.signature, kept: r.kept }));
        const expected = maxBytes < 10 ? { failed: "body_too_large" } : { signature: hmacHex(secret, "T", b), kept: undefined };
        expect([maxBytes, answers]).toEqual([maxBytes, [expected, expected, expected]]);
      }
    });

    const schemes: [string, (b: Uint8Array, good: boolean) => { message: Omit<HttpMessage, "body">; options: VerifyOptions; expected: string }][] = [
      ["opterius-agent", (b, good) => {
        const timestamp = "2023-11-14T22:13:20Z";
        const expected = hmacHex("agent-secret", `${timestamp}POST/files/upload`, b);
        const signature = good ? expected : "0".repeat(64);
        return {
          message: { method: "POST", target: "/files/upload", headers: [["X-Timestamp", timestamp], ["X-Signature", signature]] },
          options: { scheme: "opterius-agent", secret: "agent-secret", now: () => NOW },
          expected,
        };
      }],
      ["opterius-panel", (b, good) => {
        const expected = hmacHex("panel-secret", String(NOW), b);
        const signature = good ? expected : "0".repeat(64);
        return {
          message: { method: "POST", target: "/api/accounts", headers: [["X-Timestamp", String(NOW)], ["X-Signature", signature]] },
          options: { scheme: "opterius-panel", secret: "panel-secret", now: () => NOW },
          expected,
        };
      }],
      ["acepanel", (b, good) => {
        const canonical = `POST\n/api/files/upload\na=1&b=2\n${sha256(b)}`;
        const expected = hmacHex("ace-secret", `HMAC-SHA256\n${NOW}\n${sha256(canonical)}`);
        const signature = good ? expected : "0".repeat(64);
        return {
          message: { method: "POST", target: "/e/api/files/upload?b=2&a=1", headers: [["X-Timestamp", String(NOW)], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${signature}`]] },
          options: { scheme: "acepanel", token: (id: string) => (id === "16" ? { secret: "ace-secret" } : undefined), entrance: "/e", now: () => NOW },
          expected,
        };
      }],
    ];
    for (const [scheme, build] of schemes) {
      it(`${scheme}: the same answer for any body, signed well or not`, async () => {
        await fc.assert(fc.asyncProperty(body, cuts, fc.boolean(), async (b, c, good) => {
          const { message, options, expected } = build(b, good);
          const inMemory = await verifyHttpWith(provider, { ...message, body: b }, options);
          const streamed = await verifyHttpWith(provider, { ...message, body: chunked(b, c) }, options);
          const right = good ? { valid: true, error: undefined, status: undefined, expectedSignature: expected } : { valid: false, error: "signature_mismatch", status: 401, expectedSignature: expected };
          expect(verdict(inMemory)).toEqual(right);
          expect(verdict(streamed)).toEqual(verdict(inMemory));
          const keptInMemory = await verifyHttpWith(provider, { ...message, body: b }, { ...options, keepBody: true });
          const keptStreamed = await verifyHttpWith(provider, { ...message, body: chunked(b, c) }, { ...options, keepBody: true });
          const { diagnosis: _a, ...kept1 } = keptInMemory as typeof keptInMemory & { diagnosis?: unknown };
          const { diagnosis: _b, ...kept2 } = keptStreamed as typeof keptStreamed & { diagnosis?: unknown };
          expect(kept2).toEqual(kept1);
        }), RUNS);
      });
    }

    it("opterius-panel: an empty body in memory and an empty stream, signed either way", async () => {
      const options: VerifyOptions = { scheme: "opterius-panel", secret: "panel-secret", now: () => NOW };
      for (const form of ["{}", ""]) {
        const headers: [string, string][] = [["X-Timestamp", String(NOW)], ["X-Signature", hmacHex("panel-secret", `${NOW}${form}`)]];
        const message = { method: "POST", target: "/api/accounts", headers };
        const inMemory = await verifyHttpWith(provider, { ...message, body: new Uint8Array(0) }, options);
        const streamed = await verifyHttpWith(provider, { ...message, body: chunked(new Uint8Array(0), []) }, options);
        expect([form, inMemory]).toMatchObject([form, { valid: true, stringToSign: `${NOW}${form}` }]);
        expect([form, streamed]).toEqual([form, inMemory]);
      }
      const wrong: [string, string][] = [["X-Timestamp", String(NOW)], ["X-Signature", "0".repeat(64)]];
      const inMemory = await verifyHttpWith(provider, { method: "POST", target: "/", headers: wrong, body: new Uint8Array(0) }, options);
      const streamed = await verifyHttpWith(provider, { method: "POST", target: "/", headers: wrong, body: chunked(new Uint8Array(0), []) }, options);
      expect(inMemory).toMatchObject({ valid: false, error: "signature_mismatch", expectedSignature: hmacHex("panel-secret", `${NOW}{}`) });
      expect(verdict(streamed)).toEqual(verdict(inMemory));
    });
  });
}

describe("hex digests of parts without the provider's hex methods: the byte path on every provider", () => {
  for (const { name, provider } of PROVIDERS) {
    const { sha256Hex: _s, hmacSha256Hex: _h, ...bytesOnly } = provider as typeof provider & { sha256Hex?: unknown; hmacSha256Hex?: unknown };
    it(`${name}: one text part, one byte part, several parts`, async () => {
      const key = new Uint8Array([9, 8, 7]);
      const cases: (string | Uint8Array)[][] = [["abc"], ["\u20ac"], [new Uint8Array([0xe2, 0x82, 0xac])], ["a", new Uint8Array([0xff]), "b"], []];
      for (const parts of cases) {
        const joined = Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));
        expect(await sha256Hex(bytesOnly, parts)).toBe(sha256(joined));
        expect(await hmacSha256Hex(bytesOnly, key, parts)).toBe(hmacHex(key, joined));
      }
    });
  }
});
