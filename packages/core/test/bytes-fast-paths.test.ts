// The byte helpers' shortcuts (short ASCII copied by hand, UTF-8 lengths counted without encoding, ASCII text taken as its own binary
// string, bytes carved from a shared pool, isWellFormed before the surrogate scan) against
// independent computations of the same thing: TextEncoder/TextDecoder and Buffer (imported from
// node:buffer, which Node, Deno and Bun all provide). Inputs straddle each shortcut's edge: ASCII
// and not (0x7f/0x80), the 64-char and 1024-byte limits, lone and paired surrogates.
import { Buffer } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromBase64, timingSafeEqualText, toBase64, toHex, utf8 } from "@panelsig/core";
import {
  binaryStringToBytes, concatBytes, concatChunks, isAscii, loneSurrogateAt, pooledBytes, scanLoneSurrogate, toBinaryString, utf8Length, utf8Text,
} from "../src/bytes.ts";

const RUNS = { numRuns: 1000, seed: 15 };
const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
const encoded = (text: string) => hex(new TextEncoder().encode(text));

/** Text near every edge: ASCII and not, lone and paired surrogates, lengths around 64 and 1024. */
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("a", "\x00", "\x7f", " ", "%", "~") },
  { weight: 1, arbitrary: fc.constantFrom("\x80", "é", "\xff", "中", "😀", "\ud800", "\udc00", "\ufffd") },
);
const text = fc.oneof(
  fc.string({ unit, maxLength: 70 }),
  fc.tuple(fc.integer({ min: 60, max: 66 }), fc.string({ unit, maxLength: 3 })).map(([n, tail]) => "x".repeat(n) + tail),
  fc.tuple(fc.integer({ min: 1020, max: 1026 }), fc.string({ unit, maxLength: 3 })).map(([n, tail]) => "y".repeat(n) + tail),
);
const byteArray = fc.uint8Array({ maxLength: 80 });

describe("utf8 and utf8Length: the ASCII copy and the counted length against TextEncoder", () => {
  it("at each edge", () => {
    for (const t of ["", "a", "\x7f", "\x80", "aé", "éa", "a".repeat(64), "a".repeat(65), "a".repeat(63) + "é", "a".repeat(64) + "é",
      "a".repeat(1024), "a".repeat(1025), "a".repeat(1023) + "é", "\ud800", "a\udc00b", "😀"]) {
      expect([t.length, hex(utf8(t))]).toEqual([t.length, encoded(t)]);
      // utf8Length's text has no lone surrogate (bodies with one are refused before they are measured).
      if (loneSurrogateAt(t) < 0) expect([t.length, utf8Length(t)]).toEqual([t.length, new TextEncoder().encode(t).length]);
    }
  });
  it("for any text", () => {
    fc.assert(fc.property(text, (t) => hex(utf8(t)) === encoded(t) && (loneSurrogateAt(t) >= 0 || utf8Length(t) === new TextEncoder().encode(t).length)), RUNS);
  });
});

describe("binary strings: the ASCII shortcuts against Buffer's latin1 (one char per byte)", () => {
  it("toBinaryString at each edge", () => {
    expect(toBinaryString("abc\x7f")).toBe("abc\x7f");
    expect(toBinaryString("\x80")).toBe("\xc2\x80");
    expect(toBinaryString("aé中")).toBe("a\xc3\xa9\xe4\xb8\xad");
    expect(toBinaryString("\ud800")).toBe("\xef\xbf\xbd");
  });
  it("toBinaryString for any text", () => {
    fc.assert(fc.property(text, (t) => toBinaryString(t) === Buffer.from(t, "utf8").toString("latin1")), RUNS);
  });
  it("binaryStringToBytes at each edge", () => {
    expect(hex(binaryStringToBytes(""))).toBe("");
    expect(hex(binaryStringToBytes("a\x7f"))).toBe("617f");
    expect(hex(binaryStringToBytes("\x80"))).toBe("80");
    expect(hex(binaryStringToBytes("a\xe9b\xff"))).toBe("61e962ff");
  });
  it("binaryStringToBytes for any binary string, and back", () => {
    fc.assert(fc.property(byteArray, (bytes) => {
      const binary = Buffer.from(bytes).toString("latin1");
      return hex(binaryStringToBytes(binary)) === hex(bytes) && binary.length === bytes.length;
    }), RUNS);
  });
  it("isAscii: below 0x80 only", () => {
    expect([isAscii(""), isAscii("\x00\x7f"), isAscii("a\x80"), isAscii("é"), isAscii("\ud800")]).toEqual([true, true, false, false, false]);
    fc.assert(fc.property(text, (t) => isAscii(t) === [...t].every((c) => c.charCodeAt(0) < 0x80)), RUNS);
  });
});

/** The index of the first lone surrogate, found with the string iterator (which yields a lone surrogate alone). */
function firstLoneSurrogate(t: string): number {
  let index = 0;
  for (const c of t) {
    if (c.length === 1 && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff) return index;
    index += c.length;
  }
  return -1;
}

describe("loneSurrogateAt: isWellFormed first, then the scan", () => {
  it("at each edge", () => {
    const table: [string, number][] = [
      ["", -1], ["abc", -1], ["😀", -1], ["a😀b", -1], ["\ud800", 0], ["\udc00", 0], ["a\udbff", 1], ["a\udfffb", 1],
      ["\ud7ff\ue000", -1], ["\udc00\ud800", 0], ["😀\ud83d", 2], ["\ud83d\ud83d\ude00", 0], ["x\ud800\udc00\udc00", 3],
    ];
    for (const [t, at] of table) {
      expect([t, loneSurrogateAt(t)]).toEqual([t, at]);
      expect([t, scanLoneSurrogate(t)]).toEqual([t, at]);
    }
  });
  it("for any text, with and without isWellFormed", () => {
    const surrogates = fc.string({ unit: fc.constantFrom("a", "\ud7ff", "\ud800", "\udbff", "\udc00", "\udfff", "\ue000", "😀"), maxLength: 8 });
    fc.assert(fc.property(surrogates, (t) => loneSurrogateAt(t) === firstLoneSurrogate(t) && scanLoneSurrogate(t) === firstLoneSurrogate(t)), RUNS);
  });
});

describe("pooled bytes: views on shared blocks never share a byte", () => {
  it("every view is zeroed, of the length asked, and keeps what was written to it", () => {
    const lengths = [0, 1, 7, 1024, 1025, 4096, 3000, 2000, 8192, 8193, 5, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 33];
    const views = lengths.map((length, i) => {
      const view = pooledBytes(length);
      expect([i, view.length, view.every((b) => b === 0)]).toEqual([i, length, true]);
      view.fill(i + 1);
      return view;
    });
    views.forEach((view, i) => expect([i, view.every((b) => b === i + 1)]).toEqual([i, true]));
  });
  it("concatBytes and concatChunks join in order", () => {
    const parts = [new Uint8Array([1, 2]), new Uint8Array(0), new Uint8Array([3]), new Uint8Array([4, 5, 6])];
    expect(hex(concatBytes(...parts))).toBe("010203040506");
    expect(hex(concatChunks(parts))).toBe("010203040506");
    expect(hex(concatChunks([]))).toBe("");
  });
  it("a chunk joined for the caller is bytes of its own, not a view on the pool", () => {
    const joined = concatChunks([new Uint8Array([1]), new Uint8Array([2])]);
    expect([joined.byteOffset, joined.buffer.byteLength]).toEqual([0, 2]);
  });
});

describe("hex and base64 against Buffer", () => {
  it("toHex for any bytes", () => {
    expect(toHex(new Uint8Array([0, 9, 10, 15, 16, 160, 255]))).toBe("00090a0f10a0ff");
    fc.assert(fc.property(byteArray, (bytes) => toHex(bytes) === hex(bytes)), RUNS);
  });
  it("toBase64 and fromBase64 for any bytes", () => {
    fc.assert(fc.property(byteArray, (bytes) => {
      const b64 = Buffer.from(bytes).toString("base64");
      const back = fromBase64(b64);
      return toBase64(bytes) === b64 && back !== undefined && hex(back) === hex(bytes);
    }), RUNS);
  });
  it("fromBase64: hand-derived values", () => {
    expect(hex(fromBase64("")!)).toBe("");
    expect(hex(fromBase64("AA==")!)).toBe("00");
    expect(hex(fromBase64("AAA=")!)).toBe("0000");
    expect(hex(fromBase64("/+9z")!)).toBe("ffef73");
    expect(hex(fromBase64("YWJj")!)).toBe("616263");
    expect(hex(fromBase64("Zm9vYg==")!)).toBe("666f6f62");
    expect(hex(fromBase64("AB==")!)).toBe("00"); // the unused low bits of "B" (000001) are not checked
  });
  it("fromBase64 refuses what is not strict standard base64", () => {
    for (const bad of ["A", "AA", "AAA", "AAAAA", "AA=A", "A===", "=AAA", "AA-_", "AA\u00e9A", "AA\u0141A", "AA A", "AA==AAAA", "AAA\x00", "AAA\x7f", "AAA\x80", "AAA\u0100", "AA.=", "====", "AA\tA", "AA\nA", " AAA", "AAA ", "YQ==\r\n\r\n"]) {
      expect([bad, fromBase64(bad)]).toEqual([bad, undefined]);
    }
  });
});

describe("utf8Text and timingSafeEqualText", () => {
  it("utf8Text: strict UTF-8, a BOM kept", () => {
    expect(utf8Text(new Uint8Array([0x61, 0xc3, 0xa9]))).toBe("aé");
    expect(utf8Text(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe("\ufeffa");
    expect(utf8Text(new Uint8Array([0xc3]))).toBe(undefined);
    expect(utf8Text(new Uint8Array([0xff]))).toBe(undefined);
    expect(utf8Text(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(undefined);
  });
  it("timingSafeEqualText is === for any two texts", () => {
    expect([timingSafeEqualText("", ""), timingSafeEqualText("a", ""), timingSafeEqualText("", "a"), timingSafeEqualText("ab", "a"), timingSafeEqualText("a\x00", "a")])
      .toEqual([true, false, false, false, false]);
    expect([timingSafeEqualText("abc", "abd"), timingSafeEqualText("abc", "abc"), timingSafeEqualText("\u0100", "\u0000")]).toEqual([false, true, false]);
    const short = fc.string({ unit: fc.constantFrom("a", "b", "\x00", "\u0100"), maxLength: 4 });
    fc.assert(fc.property(short, short, (a, b) => timingSafeEqualText(a, b) === (a === b)), RUNS);
  });
});
