// The shortcuts core v2 added, each driven side by side with the path it stands in for:
// - a provider's hex digests of several parts (node:crypto) against the byte interface (the parts
//   joined, the digest printed by core), and both against node:crypto called here on the joined bytes;
// - the well-formed Authorization header read by a regex against Go's scanner (goSscanf).
import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goSscanf, type CryptoProvider, type DigestPart } from "@panelsig/core";
import { nodeProvider } from "@panelsig/node";
import { hmacSha256Hex, sha256Hex } from "../src/digest-hex.ts";
import { readAuthorization } from "../src/schemes/acepanel.ts";

/** The same provider without its optional hex methods: core takes the byte path. */
const bytesOnly: CryptoProvider = {
  name: "node-bytes-only",
  sha256: nodeProvider.sha256,
  createSha256: nodeProvider.createSha256,
  hmacSha256: nodeProvider.hmacSha256,
};

const part = fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.uint8Array({ maxLength: 80 }));
const joined = (parts: readonly DigestPart[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("hex digests of parts: the provider's own methods and the byte path agree", () => {
  it("sha256Hex", () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 4 }), (parts) => {
        const expected = createHash("sha256").update(joined(parts)).digest("hex");
        expect(sha256Hex(nodeProvider, parts)).toBe(expected);
        expect(sha256Hex(bytesOnly, parts)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("hmacSha256Hex, keys of every length around the 64-byte block", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 130 }), fc.array(part, { maxLength: 4 }), (key, parts) => {
        const expected = createHmac("sha256", key).update(joined(parts)).digest("hex");
        expect(hmacSha256Hex(nodeProvider, key, parts)).toBe(expected);
        expect(hmacSha256Hex(bytesOnly, key, parts)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("hmacSha256Hex keyed with text: the key is the text's UTF-8", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), fc.array(part, { maxLength: 3 }), (key, parts) => {
        const expected = createHmac("sha256", Buffer.from(key, "utf8")).update(joined(parts)).digest("hex");
        expect(hmacSha256Hex(nodeProvider, key, parts)).toBe(expected);
        expect(hmacSha256Hex(bytesOnly, key, parts)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("one byte part is hashed as it is, text as its UTF-8", () => {
    const euro = "\u20ac"; // E2 82 AC
    expect(sha256Hex(bytesOnly, [euro])).toBe(createHash("sha256").update(Buffer.from([0xe2, 0x82, 0xac])).digest("hex"));
    expect(sha256Hex(bytesOnly, [new Uint8Array([0xe2, 0x82, 0xac])])).toBe(createHash("sha256").update(Buffer.from([0xe2, 0x82, 0xac])).digest("hex"));
  });
});

describe("the Authorization header: the regex shortcut reads what Go's scanner reads", () => {
  const FORMAT = "%s Credential=%d, Signature=%s";
  // Headers made of the format's own pieces, so that near-misses (double spaces, leading zeros,
  // long ids, tabs, non-ASCII bytes) come up often.
  const piece = fc.constantFrom("HMAC-SHA256", " ", "  ", "\t", "Credential=", ",", ", ", "Signature=", "0", "007", "42", "18446744073709551615", "123456789012345", "1234567890123456", "abc", "ff", "\xc3\xa9", "\n", "=");
  const header = fc.array(piece, { maxLength: 10 }).map((p) => p.join(""));

  it("on any header, the same values or the same error", () => {
    fc.assert(
      fc.property(header, (h) => {
        expect(readAuthorization(h)).toEqual(goSscanf(h, FORMAT));
      }),
      { numRuns: 3000 },
    );
  });

  it("well-formed headers, hand-checked, at the regex's edges", () => {
    const sig = "a".repeat(64);
    expect(readAuthorization(`HMAC-SHA256 Credential=0, Signature=${sig}`)).toEqual({ ok: true, values: ["HMAC-SHA256", "0", sig] });
    expect(readAuthorization(`HMAC-SHA256 Credential=999999999999999, Signature=${sig}`)).toEqual({ ok: true, values: ["HMAC-SHA256", "999999999999999", sig] });
    // Past the regex: 16 digits, a leading zero; Go's scanner answers, in canonical decimal.
    expect(readAuthorization(`HMAC-SHA256 Credential=1000000000000000, Signature=${sig}`)).toEqual({ ok: true, values: ["HMAC-SHA256", "1000000000000000", sig] });
    expect(readAuthorization(`HMAC-SHA256 Credential=007, Signature=${sig}`)).toEqual({ ok: true, values: ["HMAC-SHA256", "7", sig] });
    // Two spaces: the scanner takes them too (a format space matches a run of spaces).
    expect(readAuthorization(`HMAC-SHA256  Credential=7, Signature=${sig}`)).toEqual({ ok: true, values: ["HMAC-SHA256", "7", sig] });
  });
});
