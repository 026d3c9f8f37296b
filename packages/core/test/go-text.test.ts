// Go's rune decoding and white space on binary strings (one char per byte), checked against
// independent computations: a strict TextDecoder finds the one prefix of 1 to 4 bytes that is a
// whole UTF-8 sequence (UTF-8 is prefix-free, so there is at most one; Go's DecodeRune returns it,
// else U+FFFD of width 1), and Unicode's White_Space property (/\p{White_Space}/u) is exactly the
// set Go's unicode.IsSpace and fmt's isSpace table hold.
import { Buffer } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binaryToText, decodeRune, isGoSpace, RUNE_ERROR, trimGoSpace } from "../src/go-text.ts";

const RUNS = { numRuns: 2000, seed: 15 };
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const binaryOf = (text: string) => Buffer.from(text, "utf8").toString("latin1");

/** Go's DecodeRuneInString, by the definition above. */
function referenceDecode(binary: string, at: number): [number, number] {
  for (let width = 1; width <= 4 && at + width <= binary.length; width++) {
    try {
      const text = strict.decode(Buffer.from(binary.slice(at, at + width), "latin1"));
      const cp = text.codePointAt(0)!;
      if (String.fromCodePoint(cp) === text) return [cp, width];
    } catch {
      // not a whole sequence of this width
    }
  }
  return [RUNE_ERROR, 1];
}

const WHITE_SPACE = /^\p{White_Space}$/u;
/** Bytes near UTF-8's edges: ASCII, continuation bytes, every lead byte range and its neighbours. */
const edgeByte = fc.constantFrom(0x00, 0x20, 0x41, 0x7f, 0x80, 0x85, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1,
  0xe2, 0xe3, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff);
const binary = fc.array(fc.oneof(edgeByte, fc.integer({ min: 0, max: 255 })), { maxLength: 8 }).map((bytes) => String.fromCharCode(...bytes));

describe("decodeRune: Go's utf8.DecodeRuneInString", () => {
  it("hand-derived sequences", () => {
    const table: [string, [number, number]][] = [
      ["A", [0x41, 1]], ["\x7f", [0x7f, 1]], ["\x80", [RUNE_ERROR, 1]], ["\xc1\xbf", [RUNE_ERROR, 1]], ["\xc2\x80", [0x80, 2]],
      ["\xdf\xbf", [0x7ff, 2]], ["\xc2\x7f", [RUNE_ERROR, 1]], ["\xc2\xc0", [RUNE_ERROR, 1]], ["\xe0\x9f\xbf", [RUNE_ERROR, 1]],
      ["\xe0\xa0\x80", [0x800, 3]], ["\xed\x9f\xbf", [0xd7ff, 3]], ["\xed\xa0\x80", [RUNE_ERROR, 1]], ["\xef\xbf\xbf", [0xffff, 3]],
      ["\xe1\x80\x80", [0x1000, 3]], ["\xe1\x80\x7f", [RUNE_ERROR, 1]], ["\xe1\x80", [RUNE_ERROR, 1]], ["\xf0\x8f\xbf\xbf", [RUNE_ERROR, 1]],
      ["\xf0\x90\x80\x80", [0x10000, 4]], ["\xf4\x8f\xbf\xbf", [0x10ffff, 4]], ["\xf4\x90\x80\x80", [RUNE_ERROR, 1]],
      ["\xf1\x80\x80\x80", [0x40000, 4]], ["\xf1\x80\x80\xc0", [RUNE_ERROR, 1]], ["\xf1\x80\x80", [RUNE_ERROR, 1]], ["\xf5\x80\x80\x80", [RUNE_ERROR, 1]],
      ["\xef\xbf\xbd", [RUNE_ERROR, 3]], ["\xff", [RUNE_ERROR, 1]],
    ];
    for (const [bytes, decoded] of table) expect([bytes, decodeRune(bytes, 0)]).toEqual([bytes, decoded]);
    expect(decodeRune("a\xe3\x80\x80", 1)).toEqual([0x3000, 3]);
  });
  it("agrees with a strict TextDecoder for any bytes", () => {
    fc.assert(fc.property(binary, (b) => b === "" || JSON.stringify(decodeRune(b, 0)) === JSON.stringify(referenceDecode(b, 0))), RUNS);
  });
});

describe("isGoSpace: Unicode White_Space", () => {
  it("every code point", () => {
    let firstDiffering: number | undefined;
    for (let cp = 0; cp <= 0x10ffff && firstDiffering === undefined; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (isGoSpace(cp) !== WHITE_SPACE.test(String.fromCodePoint(cp))) firstDiffering = cp;
    }
    expect(firstDiffering).toBe(undefined);
  });
  it("and not U+FEFF, U+180E or U+200B, which JavaScript's \\s or older Unicode count", () => {
    expect([isGoSpace(0xfeff), isGoSpace(0x180e), isGoSpace(0x200b), isGoSpace(RUNE_ERROR), isGoSpace(-1)]).toEqual([false, false, false, false, false]);
  });
});

/** strings.TrimSpace by the definition: runes decoded from the front, space runes dropped off both ends. */
function referenceTrim(b: string): string {
  const runes: [rune: number, start: number, end: number][] = [];
  for (let i = 0; i < b.length;) {
    const [rune, width] = referenceDecode(b, i);
    runes.push([rune, i, i + width]);
    i += width;
  }
  while (runes.length > 0 && isWhite(runes[0]![0])) runes.shift();
  while (runes.length > 0 && isWhite(runes[runes.length - 1]![0])) runes.pop();
  return runes.length === 0 ? "" : b.slice(runes[0]![1], runes[runes.length - 1]![2]);
}
const isWhite = (rune: number) => WHITE_SPACE.test(String.fromCodePoint(rune));

describe("trimGoSpace: strings.TrimSpace", () => {
  const spaces = ["\t", "\n", "\v", "\f", "\r", " ", "\u0085", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"];
  it("every Go space, alone and around text", () => {
    for (const space of spaces.map(binaryOf)) {
      expect([space, trimGoSpace(space)]).toEqual([space, ""]);
      expect([space, trimGoSpace(`${space}a${space}b${space}`)]).toEqual([space, `a${space}b`]);
    }
  });
  it("hand-derived values", () => {
    expect(trimGoSpace("")).toBe("");
    expect(trimGoSpace("abc")).toBe("abc");
    expect(trimGoSpace("\xa0a\xa0")).toBe("\xa0a\xa0"); // a lone 0xA0 byte is not UTF-8, so not U+00A0
    expect(trimGoSpace("\x85a\x85")).toBe("\x85a\x85");
    expect(trimGoSpace("a\xe3\x80")).toBe("a\xe3\x80"); // a cut U+3000 is not a space
    expect(trimGoSpace(binaryOf("\u3000\u3000x\u200b"))).toBe(binaryOf("x\u200b"));
    expect(trimGoSpace(binaryOf(" \u00a0\u2029"))).toBe("");
  });
  it("agrees with the definition for any mix of spaces and bytes", () => {
    const piece = fc.oneof(fc.constantFrom(...spaces.map(binaryOf)), edgeByte.map((b) => String.fromCharCode(b)), fc.constantFrom("a", "\xe3\x80", "\x80"));
    const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(""));
    fc.assert(fc.property(text, (t) => trimGoSpace(t) === referenceTrim(t)), RUNS);
  });
});

describe("binaryToText: bytes shown as text, a bad byte as U+FFFD", () => {
  it("hand-derived values", () => {
    expect(binaryToText("abc")).toBe("abc");
    expect(binaryToText("a\xc3\xa9")).toBe("aé");
    expect(binaryToText("a\xffb")).toBe("a\ufffdb");
  });
});
