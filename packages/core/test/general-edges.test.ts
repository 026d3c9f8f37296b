// Small general modules at their edges: the shown string to sign (its shortcut for a text body
// after an ASCII prefix against the byte path), whenReady with a value and a promise, isRecord,
// PanelsigError's name, readBody on a stream of non-bytes, and the replay store's queue when entries
// expire and their slots are taken again. Expected values are hand-written or from Buffer.
import { Buffer } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryReplayStore, PanelsigError } from "@panelsig/core";
import { overLimit, readBody } from "../src/body.ts";
import { isRecord } from "../src/is-record.ts";
import { whenReady } from "../src/maybe-promise.ts";
import { showPrefixedBody, showSignedBytes } from "../src/signed-bytes.ts";

/** What the string to sign shows, computed from the bytes with Buffer: text when valid UTF-8, else base64. */
function expectedShown(prefix: string, body: string | Uint8Array): { stringToSign?: string; stringToSignBase64?: string } {
  const bytes = Buffer.concat([Buffer.from(prefix, "latin1"), typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body)]);
  const text = bytes.toString("utf8");
  return Buffer.from(text, "utf8").equals(bytes) ? { stringToSign: text } : { stringToSignBase64: bytes.toString("base64") };
}

describe("showPrefixedBody: a text body after an ASCII prefix shown side by side, anything else from the bytes", () => {
  it("hand-picked", () => {
    expect(showPrefixedBody({}, "1700000000", "{}")).toEqual({ stringToSign: "1700000000{}" });
    expect(showPrefixedBody({}, "1700000000", "é")).toEqual({ stringToSign: "1700000000é" });
    expect(showPrefixedBody({}, "T/\xc3\xa9", "x")).toEqual({ stringToSign: "T/éx" }); // a UTF-8 path held as bytes
    expect(showPrefixedBody({}, "T/\xff", "x")).toEqual({ stringToSignBase64: Buffer.from("T/\xffx", "latin1").toString("base64") });
    expect(showPrefixedBody({}, "T", new Uint8Array([0x7b, 0x7d]))).toEqual({ stringToSign: "T{}" });
    expect(showPrefixedBody({}, "T", new Uint8Array([0xff]))).toEqual({ stringToSignBase64: "VP8=" });
    expect(showPrefixedBody({}, "T", new Uint8Array(0))).toEqual({ stringToSign: "T" }); // no body
    expect(showPrefixedBody({}, "T\xff", new Uint8Array(0))).toEqual({ stringToSignBase64: "VP8=" });
  });
  it("for any prefix and body, text or bytes", () => {
    const prefix = fc.string({ unit: fc.constantFrom("1", "T", "/", "\xc3", "\xa9", "\xff"), maxLength: 6 });
    const body = fc.oneof(fc.string({ unit: fc.constantFrom("a", "{", "é", "😀"), maxLength: 4 }), fc.uint8Array({ maxLength: 4 }));
    fc.assert(fc.property(prefix, body, (p, b) => {
      expect(showPrefixedBody({}, p, b)).toEqual(expectedShown(p, b));
    }), { numRuns: 500, seed: 15 });
  });
  it("showSignedBytes is frozen, text or base64", () => {
    const text = showSignedBytes(new Uint8Array([0x61]));
    const binary = showSignedBytes(new Uint8Array([0xc3]));
    expect([text, Object.isFrozen(text), binary, Object.isFrozen(binary)]).toEqual([{ stringToSign: "a" }, true, { stringToSignBase64: "ww==" }, true]);
  });
});

describe("whenReady: a value at once, a promise through then", () => {
  it("a value gives a value, synchronously", () => {
    expect(whenReady(2, (x) => x + 1)).toBe(3);
    expect(whenReady(null, (x) => x === null)).toBe(true);
    expect(whenReady({ then: 1 }, (x) => x.then)).toBe(1); // "then" that is no function: a value
  });
  it("a promise gives a promise of the result", async () => {
    const result = whenReady(Promise.resolve(2), (x) => x + 1);
    expect(result instanceof Promise).toBe(true);
    expect(await result).toBe(3);
  });
});

describe("isRecord and PanelsigError", () => {
  it("isRecord: plain objects only", () => {
    expect([isRecord({}), isRecord(null), isRecord([]), isRecord("x"), isRecord(undefined), isRecord(1)]).toEqual([true, false, false, false, false, false]);
  });
  it("PanelsigError names itself", () => {
    const error = new PanelsigError("invalid_case", "request.url", "must be a string");
    expect([error.name, error.message, error.code, error.field, error instanceof Error]).toEqual(["PanelsigError", "request.url: must be a string", "invalid_case", "request.url", true]);
  });
});

describe("overLimit: a body in memory against the byte limit, text by its UTF-8 length", () => {
  it("at the limit and one past it", () => {
    const table: [string | Uint8Array, number, boolean][] = [
      ["abc", 3, false], ["abcd", 3, true], ["é", 2, false], ["é", 1, true], ["中", 3, false], ["中", 2, true],
      ["😀", 4, false], ["😀", 3, true], ["a😀é", 7, false], ["a😀é", 6, true], ["x".repeat(100), Infinity, false],
      [new Uint8Array(4), 4, false], [new Uint8Array(5), 4, true],
    ];
    for (const [body, max, over] of table) expect([body, max, overLimit(body, max)]).toEqual([body, max, over]);
  });
});

describe("readBody: a streamed body", () => {
  it("a stream yielding something other than bytes is a PanelsigError that says why", async () => {
    async function* text() { yield "x" as unknown as Uint8Array; }
    await expect(readBody(text(), () => {}, { maxBytes: 10, keep: false })).rejects.toThrow("a body stream must yield bytes (Uint8Array), not string");
  });
});

describe("MemoryReplayStore: the ring", () => {
  it("a signature dropped on expiry is forgotten, even after its slot is taken again", () => {
    const store = new MemoryReplayStore({ maxEntries: 100 });
    expect(store.claim("A", 100, 0)).toBe(true);
    // At 200, A has expired and leaves the queue; sixteen more claims bring the ring round to A's old slot.
    for (let i = 1; i <= 16; i++) expect(store.claim(`S${i}`, 1000, 200)).toBe(true);
    expect(store.claim("A", 300, 200)).toBe(true);
    expect(store.claim("A", 300, 200)).toBe(false);
  });
  it("every entry is still known after 40 claims", () => {
    const store = new MemoryReplayStore({ maxEntries: 1000 });
    const names = Array.from({ length: 40 }, (_, i) => `sig-${i}`);
    for (const name of names) expect(store.claim(name, 100, 10)).toBe(true);
    expect(names.map((name) => store.claim(name, 100, 10))).toEqual(names.map(() => false));
    expect(store.size).toBe(40);
  });
  it("entries are forgotten when they expire, even after their slots are taken again", () => {
    const store = new MemoryReplayStore({ maxEntries: 1000 });
    const first = Array.from({ length: 17 }, (_, i) => `old-${i}`); // seventeen claims, then 32 more over their slots
    for (const name of first) expect(store.claim(name, 100, 10)).toBe(true);
    // At 200 all of them have expired; 32 new claims go round the ring over their old slots.
    for (let i = 0; i < 32; i++) expect(store.claim(`new-${i}`, 1000, 200)).toBe(true);
    expect(first.map((name) => store.claim(name, 1000, 200))).toEqual(first.map(() => true));
  });
  it("maxEntries must be a whole number from 1 to 2^24", () => {
    expect(() => new MemoryReplayStore({ maxEntries: 0 })).toThrow("maxEntries: must be a whole number of signatures from 1 to 16777216, not 0");
    expect(() => new MemoryReplayStore({ maxEntries: 2 ** 24 + 1 })).toThrow("maxEntries: must be a whole number of signatures from 1 to 16777216, not 16777217");
    expect(new MemoryReplayStore({ maxEntries: 1 }).claim("a", 10, 0)).toBe(true);
    let error: unknown;
    try {
      new MemoryReplayStore({ maxEntries: 1.5 });
    } catch (e) {
      error = e;
    }
    expect([(error as PanelsigError).code, (error as PanelsigError).field]).toEqual(["invalid_option", "maxEntries"]);
  });
});
