// HMAC-SHA256 against RFC 4231's literal test cases, and SHA-256 / HMAC-SHA256 against node:crypto
// around every block edge, for many chunkings and key lengths.
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { HmacSha256Key, Sha256, hmacSha256, pureProvider, sha256 } from "@panelsig/pure";

const text = (s: string) => new TextEncoder().encode(s);
const filled = (length: number, byte: number) => new Uint8Array(length).fill(byte);
/** Deterministic bytes that differ at every position and between seeds. */
const bytes = (length: number, seed: number) =>
  Uint8Array.from({ length }, (_, i) => (i * 167 + seed * 31 + (i >>> 8)) & 0xff);

function toHex(data: Uint8Array): string {
  let out = "";
  for (const byte of data) out += byte.toString(16).padStart(2, "0");
  return out;
}

const nodeSha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
const nodeHmac = (key: Uint8Array, data: Uint8Array) => createHmac("sha256", key).update(data).digest("hex");

// RFC 4231 §4.2–4.8. Case 5 specifies only the first 128 bits of the tag.
const RFC4231: { key: Uint8Array; data: Uint8Array; mac: string }[] = [
  {
    key: filled(20, 0x0b),
    data: text("Hi There"),
    mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
  },
  {
    key: text("Jefe"),
    data: text("what do ya want for nothing?"),
    mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  },
  {
    key: filled(20, 0xaa),
    data: filled(50, 0xdd),
    mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
  },
  {
    key: Uint8Array.from({ length: 25 }, (_, i) => i + 1),
    data: filled(50, 0xcd),
    mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
  },
  {
    key: filled(20, 0x0c),
    data: text("Test With Truncation"),
    mac: "a3b6167473100ee06e0c796c2955552b",
  },
  {
    key: filled(131, 0xaa),
    data: text("Test Using Larger Than Block-Size Key - Hash Key First"),
    mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
  },
  {
    key: filled(131, 0xaa),
    data: text(
      "This is a test using a larger than block-size key and a larger than block-size data. " +
        "The key needs to be hashed before being used by the HMAC algorithm.",
    ),
    mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
  },
];

const LENGTHS = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000];
const KEY_LENGTHS = [0, 1, 63, 64, 65, 200];
const CHUNKINGS = [[1], [2, 3], [55], [63, 2], [64], [65], [7, 64, 1], [1000]];

describe("RFC 4231 HMAC-SHA256 test cases", () => {
  RFC4231.forEach(({ key, data, mac }, i) => {
    it(`case ${i + 1}`, () => {
      const bytesWanted = mac.length / 2;
      expect(toHex(hmacSha256(key, data).subarray(0, bytesWanted))).toBe(mac);
      expect(toHex(new HmacSha256Key(key).mac(data).subarray(0, bytesWanted))).toBe(mac);
    });
  });
});

describe("sha256 agrees with node:crypto", () => {
  it("one-shot, at lengths around the block edges", () => {
    for (const length of LENGTHS) {
      const data = bytes(length, length);
      expect(`${length}: ${toHex(sha256(data))}`).toBe(`${length}: ${nodeSha256(data)}`);
    }
  });

  it("incremental equals one-shot in every chunking", () => {
    for (const length of LENGTHS) {
      const data = bytes(length, 7);
      const want = toHex(sha256(data));
      for (const sizes of CHUNKINGS) {
        const hash = new Sha256();
        for (let offset = 0, i = 0; offset < length; i++) {
          const size = sizes[i % sizes.length]!;
          hash.update(data.subarray(offset, offset + size));
          offset += size;
        }
        expect(`${length} ${sizes}: ${toHex(hash.digest())}`).toBe(`${length} ${sizes}: ${want}`);
      }
    }
  });

  it("accepts empty chunks and views into larger buffers at odd offsets", () => {
    const backing = bytes(300, 3);
    const data = backing.subarray(5, 5 + 200);
    const hash = new Sha256();
    hash.update(new Uint8Array(0));
    hash.update(data.subarray(0, 70));
    hash.update(new Uint8Array(0));
    hash.update(data.subarray(70));
    expect(toHex(hash.digest())).toBe(nodeSha256(data));
    expect(toHex(sha256(data))).toBe(nodeSha256(data));
  });

  it("returns a fresh array each time", () => {
    const a = sha256(text("abc"));
    const b = sha256(text("abc"));
    expect(a === b).toBe(false);
    a[0] = 0;
    expect(toHex(b)).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("encodes bit lengths of 2^32 and more (messages of 512 MiB and more)", () => {
    const chunk = bytes(1 << 20, 11);
    const ours = new Sha256();
    const node = createHash("sha256");
    for (let i = 0; i < 512; i++) {
      ours.update(chunk);
      node.update(chunk);
    }
    const tail = chunk.subarray(0, 3);
    ours.update(tail);
    node.update(tail);
    expect(toHex(ours.digest())).toBe(node.digest("hex"));
  }, 60_000); // 512 MiB through pure JS: about 1.5 s alone, much longer while turbo runs packages in parallel

  it("update returns the hasher, for chaining", () => {
    const hash = new Sha256();
    expect(hash.update(text("a"))).toBe(hash);
  });

  it("digest twice, or update after digest, throws", () => {
    const hash = new Sha256().update(text("abc"));
    hash.digest();
    expect(() => hash.digest()).toThrow("digest() called twice");
    expect(() => hash.update(text("x"))).toThrow("after digest()");
  });
});

describe("hmacSha256 agrees with node:crypto", () => {
  it("for every key length and message length around the block edges", () => {
    for (const keyLength of KEY_LENGTHS) {
      const key = bytes(keyLength, 100 + keyLength);
      const keyed = new HmacSha256Key(key);
      for (const length of LENGTHS) {
        const data = bytes(length, length);
        const want = `key ${keyLength}, data ${length}: ${nodeHmac(key, data)}`;
        expect(`key ${keyLength}, data ${length}: ${toHex(hmacSha256(key, data))}`).toBe(want);
        expect(`key ${keyLength}, data ${length}: ${toHex(keyed.mac(data))}`).toBe(want);
      }
    }
  });

  it("a key object gives the same tags, in any order, across many messages", () => {
    const keyA = bytes(32, 1);
    const keyB = bytes(65, 2);
    const a = new HmacSha256Key(keyA);
    const b = new HmacSha256Key(keyB);
    for (let length = 0; length < 300; length += 37) {
      const data = bytes(length, 9);
      expect(toHex(a.mac(data))).toBe(toHex(hmacSha256(keyA, data)));
      expect(toHex(b.mac(data))).toBe(nodeHmac(keyB, data));
      expect(toHex(a.mac(data))).toBe(nodeHmac(keyA, data));
    }
  });

  it("does not depend on the key's bytes after the key object is built", () => {
    const key = bytes(40, 5);
    const copy = key.slice();
    const keyed = new HmacSha256Key(key);
    key.fill(0);
    expect(toHex(keyed.mac(text("msg")))).toBe(nodeHmac(copy, text("msg")));
  });

  it("hashes views into larger buffers, leaving their bytes alone", () => {
    const backing = bytes(400, 4);
    const key = backing.subarray(3, 3 + 70);
    const data = backing.subarray(101, 101 + 150);
    const before = backing.slice();
    expect(toHex(hmacSha256(key, data))).toBe(nodeHmac(key, data));
    expect(backing).toStrictEqual(before);
  });
});

describe("pureProvider", () => {
  it("wires the pure functions to the CryptoProvider interface", async () => {
    const key = bytes(32, 8);
    const data = bytes(100, 8);
    expect(pureProvider.name).toBe("pure");
    expect(toHex(await pureProvider.sha256(data))).toBe(nodeSha256(data));
    expect(toHex(await pureProvider.hmacSha256(key, data))).toBe(nodeHmac(key, data));
    const hash = pureProvider.createSha256();
    hash.update(data.subarray(0, 30));
    hash.update(data.subarray(30));
    expect(toHex(await hash.digest())).toBe(nodeSha256(data));
  });
});
