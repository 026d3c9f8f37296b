// Every exported hash function takes bytes and only bytes: anything else (text, numbers, an
// array of numbers, an ArrayBuffer, another typed array) is refused with a PanelsigError naming
// the argument, instead of being hashed into a wrong digest. A Node Buffer and a Uint8Array from
// another realm are bytes and hash like node:crypto does.
import { Buffer } from "node:buffer";
import { createHash, createHmac } from "node:crypto";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { PanelsigError } from "@panelsig/core";
import { HmacSha256Key, Sha256, hmacSha256, pureProvider, sha256 } from "@panelsig/pure";

const hex = (data: Uint8Array) => Buffer.from(data).toString("hex");
const nodeSha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
const nodeHmac = (key: Uint8Array, data: Uint8Array) => createHmac("sha256", key).update(data).digest("hex");
const KEY = new TextEncoder().encode("YourSecretToken");
const DATA = new TextEncoder().encode("abc");

const NOT_BYTES: [string, unknown][] = [
  ["a string", "abc"],
  ["an empty string", ""],
  ["a number", 97],
  ["an array of numbers", [97, 98, 99]],
  ["null", null],
  ["undefined", undefined],
  ["an ArrayBuffer", new ArrayBuffer(3)],
  ["a DataView", new DataView(new ArrayBuffer(3))],
  ["a Uint16Array", new Uint16Array(3)],
  ["an Int8Array", new Int8Array(3)],
  ["a Uint8ClampedArray", new Uint8ClampedArray(3)],
  ["an array-like object", { length: 3, 0: 97, 1: 98, 2: 99 }],
];

/** Each public entry point, called with `value` where it takes bytes, and the argument's name. */
const ENTRIES: [string, string, (value: unknown) => unknown][] = [
  ["sha256(data)", "data", (v) => sha256(v as Uint8Array)],
  ["hmacSha256(key, …)", "key", (v) => hmacSha256(v as Uint8Array, DATA)],
  ["hmacSha256(…, data)", "data", (v) => hmacSha256(KEY, v as Uint8Array)],
  ["new HmacSha256Key(key)", "key", (v) => new HmacSha256Key(v as Uint8Array)],
  ["HmacSha256Key#mac(data)", "data", (v) => new HmacSha256Key(KEY).mac(v as Uint8Array)],
  ["Sha256#update(chunk)", "chunk", (v) => new Sha256().update(v as Uint8Array)],
  ["pureProvider.sha256(data)", "data", (v) => pureProvider.sha256(v as Uint8Array)],
  ["pureProvider.hmacSha256(…, data)", "data", (v) => pureProvider.hmacSha256(KEY, v as Uint8Array)],
  ["pureProvider.createSha256().update(chunk)", "chunk", (v) => pureProvider.createSha256().update(v as Uint8Array)],
];

function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return "nothing thrown";
}

describe("@panelsig/pure refuses what is not bytes", () => {
  for (const [entry, field, call] of ENTRIES) {
    it(`${entry}: every non-bytes value gets PanelsigError invalid_bytes naming "${field}"`, () => {
      for (const [what, value] of NOT_BYTES) {
        const error = thrown(() => call(value));
        expect(error, `${entry} with ${what}`).toBeInstanceOf(PanelsigError);
        const { code, field: named, message } = error as PanelsigError;
        expect({ what, code, field: named }).toStrictEqual({ what, code: "invalid_bytes", field });
        expect(message.startsWith(`${field}: must be a Uint8Array, not `), message).toBe(true);
      }
    });
  }

  it("says what it got, and for text how to make bytes of it", () => {
    expect((thrown(() => sha256("abc" as never)) as Error).message).toBe(
      "data: must be a Uint8Array, not a string (encode text first: new TextEncoder().encode(text))",
    );
    expect((thrown(() => hmacSha256(KEY, new ArrayBuffer(3) as never)) as Error).message).toBe("data: must be a Uint8Array, not an ArrayBuffer");
    expect((thrown(() => sha256([1, 2] as never)) as Error).message).toBe("data: must be a Uint8Array, not an Array");
    expect((thrown(() => sha256(null as never)) as Error).message).toBe("data: must be a Uint8Array, not null");
    expect((thrown(() => sha256(7 as never)) as Error).message).toBe("data: must be a Uint8Array, not a number");
    expect((thrown(() => sha256(Object.create(null) as never)) as Error).message).toBe("data: must be a Uint8Array, not an object");
  });

  it("a refused chunk leaves an incremental hash as it was", () => {
    const hash = new Sha256().update(DATA.subarray(0, 1));
    expect(thrown(() => hash.update("bc" as never))).toBeInstanceOf(PanelsigError);
    hash.update(DATA.subarray(1));
    expect(hex(hash.digest())).toBe(nodeSha256(DATA));
  });
});

describe("@panelsig/pure takes every kind of Uint8Array", () => {
  it("a Node Buffer", () => {
    const key = Buffer.from("YourSecretToken");
    const data = Buffer.from("a Buffer is a Uint8Array");
    expect(hex(sha256(data))).toBe(nodeSha256(data));
    expect(hex(hmacSha256(key, data))).toBe(nodeHmac(key, data));
    expect(hex(new HmacSha256Key(key).mac(data))).toBe(nodeHmac(key, data));
    expect(hex(new Sha256().update(data).digest())).toBe(nodeSha256(data));
  });

  it("a Uint8Array made in another realm (a vm context)", () => {
    const foreign = runInNewContext("new Uint8Array([0x61, 0x62, 0x63, 0x64])") as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    const same = Uint8Array.of(0x61, 0x62, 0x63, 0x64);
    expect(hex(sha256(foreign))).toBe(nodeSha256(same));
    expect(hex(hmacSha256(foreign, foreign))).toBe(nodeHmac(same, same));
    expect(hex(new Sha256().update(foreign).digest())).toBe(nodeSha256(same));
  });
});
