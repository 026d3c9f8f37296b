// The incremental HMAC-SHA256 (RFC 2104 over each provider's incremental SHA-256) against
// node:crypto's createHmac, for keys around the 64-byte block size and messages cut into chunks
// anywhere, and against RFC 4231's published tags.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createHmacSha256, toHex } from "@panelsig/core";
import { PROVIDERS } from "@panelsig/conformance";

/** Deterministic bytes, so a failure is reproducible. */
function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

async function streamed(provider: (typeof PROVIDERS)[number]["provider"], key: Uint8Array, message: Uint8Array, cuts: number[]) {
  const mac = await createHmacSha256(provider, key);
  let start = 0;
  for (const cut of [...cuts, message.length]) {
    mac.update(message.subarray(start, cut));
    start = cut;
  }
  return toHex(await mac.digest());
}

for (const { name, provider } of PROVIDERS) {
  describe(`${name}: createHmacSha256`, () => {
    for (const keyLength of [1, 32, 63, 64, 65, 131, 200]) {
      for (const messageLength of [0, 1, 55, 56, 63, 64, 65, 1000]) {
        it(`key ${keyLength} B, message ${messageLength} B, in three chunks`, async () => {
          const key = bytes(keyLength, keyLength);
          const message = bytes(messageLength, messageLength + 7);
          const cuts = [Math.floor(messageLength / 3), Math.floor((2 * messageLength) / 3)];
          expect(await streamed(provider, key, message, cuts)).toBe(createHmac("sha256", key).update(message).digest("hex"));
        });
      }
    }
    it("one byte at a time", async () => {
      const key = bytes(20, 1);
      const message = bytes(300, 2);
      const cuts = Array.from({ length: 299 }, (_, i) => i + 1);
      expect(await streamed(provider, key, message, cuts)).toBe(createHmac("sha256", key).update(message).digest("hex"));
    });
    it("RFC 4231 case 2 (short key)", async () => {
      const tag = await streamed(provider, new TextEncoder().encode("Jefe"), new TextEncoder().encode("what do ya want for nothing?"), [4]);
      expect(tag).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    });
    it("RFC 4231 case 6 (131-byte key, hashed first)", async () => {
      const key = new Uint8Array(131).fill(0xaa);
      const tag = await streamed(provider, key, new TextEncoder().encode("Test Using Larger Than Block-Size Key - Hash Key First"), [10, 11]);
      expect(tag).toBe("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    });
  });
}

describe("createHmacSha256: key-derived bytes do not outlive the tag", () => {
  it("the outer padded key it handed to the hash is zeroed once the digest is made", async () => {
    const handed: Uint8Array[] = [];
    const base = PROVIDERS[0]!.provider;
    const keeping = {
      ...base,
      createSha256() {
        const hash = base.createSha256();
        return { update: (chunk: Uint8Array) => { handed.push(chunk); hash.update(chunk); }, digest: () => hash.digest() };
      },
    };
    const key = bytes(20, 3);
    const mac = await createHmacSha256(keeping, key);
    mac.update(bytes(10, 4));
    const tag = toHex(await mac.digest());
    expect(tag).toBe(createHmac("sha256", key).update(bytes(10, 4)).digest("hex"));
    // Handed over in order: inner pad, message, outer pad, inner digest.
    expect(handed.map((chunk) => chunk.length)).toEqual([64, 10, 64, 32]);
    expect(handed[2]!.every((b) => b === 0)).toBe(true);
  });
});
