// The node provider computes a short message's HMAC itself from two one-shot hashes, with each
// text key's pad blocks kept (provider.ts). Every digest must still be node:crypto's createHmac
// over the key's and the parts' UTF-8: for keys just cached, found, dropped from the cache (more
// keys than it holds), too long to be cached, longer than the 64-byte block, or empty; for
// messages on either side of the short-message limit, in one part or several, text or bytes; for
// text messages under keys whose pad block is ASCII (hashed as one string) and keys whose is not.
import { Buffer } from "node:buffer";
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DigestPart } from "@panelsig/core";
import { nodeProvider } from "@panelsig/node";

const expected = (key: string | Uint8Array, parts: readonly DigestPart[]) => {
  const mac = createHmac("sha256", typeof key === "string" ? Buffer.from(key, "utf8") : key);
  for (const part of parts) mac.update(typeof part === "string" ? Buffer.from(part, "utf8") : part);
  return mac.digest("hex");
};
const mac = (key: string | Uint8Array, parts: readonly DigestPart[]) => nodeProvider.hmacSha256Hex!(key, parts);

describe("node provider: hmacSha256Hex", () => {
  it("RFC 4231 test case 2 (a text key)", () => {
    expect(mac("Jefe", ["what do ya want ", "for nothing?"])).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });

  it("the same key twice (cached, then found), non-ASCII included", () => {
    for (const key of ["eyJ-test", "sécret", "鍵😀"]) {
      expect([mac(key, ["a"]), mac(key, ["b"])]).toEqual([expected(key, ["a"]), expected(key, ["b"])]);
    }
  });

  it("more distinct keys than the cache holds, then the first ones again", () => {
    const keys = Array.from({ length: 200 }, (_, i) => `key-${i}`);
    for (const key of keys) expect(mac(key, [key])).toBe(expected(key, [key]));
    for (const key of keys.slice(0, 5)) expect(mac(key, ["again"])).toBe(expected(key, ["again"]));
  });

  it("keys around the block size, past the cache's length limit, and empty", () => {
    for (const key of ["k".repeat(63), "k".repeat(64), "k".repeat(65), "é".repeat(32), "é".repeat(33), "k".repeat(1024), "k".repeat(1025), "é".repeat(2000), ""]) {
      expect([key.length, mac(key, ["x"]), mac(key, ["x"])]).toEqual([key.length, expected(key, ["x"]), expected(key, ["x"])]);
    }
    const a = "k".repeat(1024) + "a";
    const b = "k".repeat(1024) + "b";
    expect(mac(a, ["m"])).not.toBe(mac(b, ["m"]));
  });

  it("messages on either side of the short-message limit (4096 bytes), text of 1 to 4 bytes a char", () => {
    for (const length of [0, 1, 1364, 1365, 1366, 2048, 4095, 4096, 4097, 10000]) {
      for (const unit of ["a", "é", "鍵", "😀"]) {
        const text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
        const bytes = new Uint8Array(Buffer.from(text, "utf8"));
        expect([length, unit, mac("key", [text])]).toEqual([length, unit, expected("key", [text])]);
        expect([length, unit, mac("key", [bytes])]).toEqual([length, unit, expected("key", [bytes])]);
        expect([length, unit, mac("key", ["T", text, bytes])]).toEqual([length, unit, expected("key", ["T", text, bytes])]);
      }
    }
  });

  it("any key and parts: createHmac's digest (text keys and byte keys)", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 50 });
    const part = fc.oneof(text, fc.uint8Array({ maxLength: 100 }), fc.constantFrom("x".repeat(4090), new Uint8Array(4100)));
    fc.assert(fc.property(fc.oneof(text, fc.uint8Array({ maxLength: 80 })), fc.array(part, { maxLength: 4 }), (key, parts) => {
      expect(mac(key, parts)).toBe(expected(key, parts));
    }), { numRuns: 500, seed: 15 });
  });

  it("a surrogate pair split across parts: each part's UTF-8 on its own, as createHmac's updates", () => {
    // Encoded apart, "a\ud83d" and "\ude00b" give a U+FFFD each; joined they would be one 😀.
    for (const key of ["key", "sécret"]) {
      const split = ["a\ud83d", "\ude00b"];
      expect(mac(key, split)).toBe(createHmac("sha256", key).update("a\ufffd\ufffdb").digest("hex"));
      expect(mac(key, split)).not.toBe(createHmac("sha256", key).update("a😀b").digest("hex"));
      expect(mac(key, ["x\ud83d"])).toBe(createHmac("sha256", key).update("x\ufffd").digest("hex"));
      expect(mac(key, ["\ude00", "y"])).toBe(createHmac("sha256", key).update("\ufffdy").digest("hex"));
    }
  });

  it("a call never sees another's bytes: interleaved keys and messages", () => {
    const first = mac("one", ["x".repeat(3000)]);
    const second = mac("two", ["y"]);
    expect([first, second, mac("one", ["x".repeat(3000)])]).toEqual([expected("one", ["x".repeat(3000)]), expected("two", ["y"]), first]);
  });
});
