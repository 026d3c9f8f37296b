// The shortcuts of go-url.ts, each driven with the same inputs as the slow path it spares: the
// answers must be equal for any input. The shortcuts' own tests (isAlreadyCanonical,
// isUnreserved) compare with their definitions, written here independently; the hand-derived
// values follow Go's net/url (shouldEscape for encodeQueryComponent, unescape, ParseQuery, Values.Encode).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalQuery } from "@panelsig/core";
import { canonicalBinaryQuery, goQueryEscape, goUnescape, isAlreadyCanonical, isUnreserved, queryEscapeEach, reencodeQuery, unescapeEach } from "../src/go-url.ts";

const UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
const RUNS = { numRuns: 1000, seed: 15 };

/** Binary strings (one char per byte) built of the characters that matter to a query. */
const queryText = fc.string({ unit: fc.constantFrom(..."aAzZ09-_.~=&;+%% /?#:@é\u00ff\x00", ..."0fFgG"), maxLength: 30 });
const byte = fc.integer({ min: 0, max: 255 }).map((b) => String.fromCharCode(b));
const binaryText = fc.string({ unit: fc.oneof(byte, fc.constantFrom("%", "+", "%4", "%41", "%e4")), maxLength: 20 });

const hex2 = (b: number) => "%" + b.toString(16).toUpperCase().padStart(2, "0");

describe("isUnreserved: exactly A-Z a-z 0-9 - _ . ~ (Go's shouldEscape answers false for these alone)", () => {
  it("every byte value", () => {
    for (let b = 0; b < 256; b++) expect([b, isUnreserved(b)]).toEqual([b, UNRESERVED.includes(String.fromCharCode(b))]);
  });
  it("the neighbours of every range", () => {
    // "/" 0 9 ":"  "@" A Z "["  "`" a z "{"  "," - . "/"  "^" _ "`"  "}" ~ DEL
    const yes = [48, 57, 65, 90, 97, 122, 45, 46, 95, 126];
    const no = [47, 58, 64, 91, 96, 123, 44, 94, 125, 127, 32, 0, 255];
    expect(yes.map(isUnreserved)).toEqual(yes.map(() => true));
    expect(no.map(isUnreserved)).toEqual(no.map(() => false));
  });
});

describe("goQueryEscape: the regex shortcut against the char-by-char escape", () => {
  it("every byte, alone and after a space (which the shortcut does not take)", () => {
    for (let b = 0; b < 256; b++) {
      const c = String.fromCharCode(b);
      const escaped = UNRESERVED.includes(c) ? c : b === 32 ? "+" : hex2(b);
      expect(goQueryEscape(c)).toBe(escaped);
      expect(goQueryEscape(" " + c)).toBe("+" + escaped);
      expect(queryEscapeEach(c)).toBe(escaped);
    }
  });
  it("the same answer for any binary string", () => {
    fc.assert(fc.property(binaryText, (s) => goQueryEscape(s) === queryEscapeEach(s)), RUNS);
  });
});

describe("goUnescape: the no-escape shortcut against the char-by-char decoding", () => {
  it("hand-derived values", () => {
    expect(goUnescape("a+b", "query")).toBe("a b");
    expect(goUnescape("a+b", "path")).toBe("a+b");
    expect(goUnescape("plain", "query")).toBe("plain");
    expect(goUnescape("%00%09%2f%2F%41%7e%FF%ff", "path")).toBe("\x00\t//A~\xff\xff");
    expect(goUnescape("%0a%af%AF%9A", "query")).toBe("\n\xaf\xaf\x9a");
    // Every hex digit and each of its neighbours ("/" ":" "@" "G" "`" "g"), as high and low digit.
    for (const [digit, value] of [["0", 0], ["9", 9], ["A", 10], ["F", 15], ["a", 10], ["f", 15]] as const) {
      expect(goUnescape(`%${digit}0`, "path")).toBe(String.fromCharCode(value * 16));
      expect(goUnescape(`%0${digit}`, "path")).toBe(String.fromCharCode(value));
    }
    for (const bad of ["/", ":", "@", "G", "`", "g"]) {
      expect(goUnescape(`%${bad}0`, "path")).toBe(undefined);
      expect(goUnescape(`%0${bad}`, "path")).toBe(undefined);
    }
    expect(goUnescape("%", "path")).toBe(undefined);
    expect(goUnescape("%4", "query")).toBe(undefined);
  });
  it("the same answer for any binary string, in both modes", () => {
    const mode = fc.constantFrom("path" as const, "query" as const);
    fc.assert(fc.property(binaryText, mode, (s, m) => goUnescape(s, m) === unescapeEach(s, m)), RUNS);
  });
});

/** The definition isAlreadyCanonical stands for: key=value pairs of unreserved characters, keys in byte order. */
function looksCanonical(query: string): boolean {
  const pairs = query.split("&");
  if (!pairs.every((pair) => /^[A-Za-z0-9\-_.~]*=[A-Za-z0-9\-_.~]*$/.test(pair))) return false;
  const keys = pairs.map((pair) => pair.split("=")[0]!);
  return keys.every((key, i) => i === 0 || keys[i - 1]! <= key);
}

describe("canonicalQuery's shortcut: a query Values.Encode() would print unchanged is returned as it is", () => {
  it("isAlreadyCanonical, hand-picked", () => {
    for (const yes of ["a=1", "a=", "=", "=x", "a=1&a=0&b=", "A=1&B=2&_=3&a=4&z=~", "k-._~=v-._~", "a=1&a=1", "0=0&9=9&A=A"]) {
      expect([yes, isAlreadyCanonical(yes)]).toEqual([yes, true]);
    }
    const no = ["", "a", "a=1&b", "b=1&a=2", "a=1&", "&a=1", "a=1&&b=2", "a==1", "a=1=2", "a=%41", "a=b+c", "a= ", "a=1;b=2",
      "a=é", "ab=1&a=2", "b=&a=", "a=@", "a=/", "a=:", "a=[", "a=`", "a={", "a=^", "a=,", "a=\x7f", "@=1", "{=1"];
    for (const query of no) expect([query, isAlreadyCanonical(query)]).toEqual([query, false]);
  });
  it("isAlreadyCanonical agrees with its definition for any query", () => {
    fc.assert(fc.property(queryText, (q) => isAlreadyCanonical(q) === looksCanonical(q)), RUNS);
  });
  it("what it lets through, the full parse and re-encode prints unchanged", () => {
    const canonicalish = fc.array(fc.tuple(fc.string({ unit: fc.constantFrom(..."abAB_~.-09") }), fc.string({ unit: fc.constantFrom(..."xY~.-7") })), { minLength: 1, maxLength: 6 })
      .map((pairs) => pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join("&"));
    fc.assert(fc.property(canonicalish, (q) => isAlreadyCanonical(q) && reencodeQuery(q) === q), RUNS);
  });
  it("canonicalBinaryQuery and the full parse and re-encode agree for any query", () => {
    fc.assert(fc.property(queryText, (q) => canonicalBinaryQuery(q) === reencodeQuery(q)), RUNS);
  });
});

describe("reencodeQuery: every step, on queries the shortcut never sees", () => {
  it("hand-derived values", () => {
    expect(reencodeQuery("=x")).toBe("=x"); // an empty key
    expect(reencodeQuery("=a+b")).toBe("=a+b");
    expect(reencodeQuery("a+b=1")).toBe("a+b=1"); // "+" in a key is a space too
    expect(reencodeQuery("a%2Bb=1")).toBe("a%2Bb=1");
    expect(reencodeQuery("a=1")).toBe("a=1");
    expect(reencodeQuery("k")).toBe("k=");
    expect(reencodeQuery("a=%00&b=%0a")).toBe("a=%00&b=%0A");
    expect(reencodeQuery("q=a+b")).toBe("q=a+b");
    expect(canonicalQuery("q=a+b")).toBe("q=a+b");
  });
  it("sorts any order of distinct keys into byte order, repeated values kept in the order sent", () => {
    expect(reencodeQuery("e=1&d=2&c=3&b=4&a=5")).toBe("a=5&b=4&c=3&d=2&e=1");
    expect(reencodeQuery("b=1&a=2&b=0&c=%20&a=1")).toBe("a=2&a=1&b=1&b=0&c=+");
    const keys = fc.uniqueArray(fc.string({ unit: fc.constantFrom(..."aBz09_~"), minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 });
    fc.assert(fc.property(keys, fc.nat(), (list, shift) => {
      // JavaScript's default sort orders these ASCII keys by code unit, which is Go's byte order.
      const expected = [...list].sort().map((k) => `${k}=v+`).join("&");
      const sent = list.map((_, i) => `${list[(i + shift) % list.length]}=v%20`).join("&");
      return reencodeQuery(sent) === expected;
    }), RUNS);
  });
});
