// The scheme-independent half of the diagnosis (src/diagnosis.ts), on synthetic candidates and
// hand-written bytes: the first match wins, the receiver's own keys and repeated keys are never
// recomputed, at most 64 candidates are tried (docs/verify-outcomes.md, "Cost"), and the helpers
// the catalogues share (upper-case hex, the secret's mistakes, the skew texts, the byte keys, the
// WHATWG and lossy UTF-8 readings) give the hand-derived values; HMACs come from node:crypto.
import { Buffer } from "node:buffer";
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { firstMatch, latin1, lossyUtf8, macCandidate, macKey, secretMistakes, SKEW_SECONDS, skewSummary, upperCaseSignature, whatwgEncoded, type Candidate } from "../src/diagnosis.ts";
import { oracleProvider } from "./oracle.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const binary = (...b: number[]) => String.fromCharCode(...b);

/** Candidates c0, c1, … of which those in `matching` reproduce the signature "sent"; `tried` records each recompute. */
function catalogue(count: number, matching: number[] = [], key = (i: number) => `k${i}`) {
  const tried: number[] = [];
  function* candidates(): Generator<Candidate> {
    for (let i = 0; i < count; i++) {
      yield { mistake: `m${i}`, summary: `your client made mistake ${i}`, key: key(i), recompute: () => (tried.push(i), { signature: matching.includes(i) ? "sent" : `other${i}`, canonicalRequest: `c${i}` }) };
    }
  }
  return { tried, candidates: candidates() };
}

describe("firstMatch", () => {
  it("the first candidate in order that reproduces the signature, with what it signed; none after it is tried", async () => {
    const { tried, candidates } = catalogue(10, [3, 5]);
    expect(await firstMatch("sent", [], candidates)).toStrictEqual({ mistake: "m3", summary: "your client made mistake 3", signature: "sent", canonicalRequest: "c3" });
    expect(tried).toEqual([0, 1, 2, 3]);
  });
  it("none matches: undefined", async () => {
    const { tried, candidates } = catalogue(5);
    expect(await firstMatch("sent", [], candidates)).toBe(undefined);
    expect(tried).toEqual([0, 1, 2, 3, 4]);
  });
  it("a candidate with the receiver's own key, or a key already tried, is not recomputed", async () => {
    // keys: k0 k1 k0 k1 k4 …: candidates 2 and 3 repeat 0 and 1; k4 is the receiver's.
    const { tried, candidates } = catalogue(6, [], (i) => (i === 2 || i === 3 ? `k${i - 2}` : `k${i}`));
    expect(await firstMatch("sent", ["k4"], candidates)).toBe(undefined);
    expect(tried).toEqual([0, 1, 5]);
  });
  it("at most 64 candidates are recomputed, however many the receiver's keys and the repeats", async () => {
    const plain = catalogue(100);
    expect(await firstMatch("sent", [], plain.candidates)).toBe(undefined);
    expect(plain.tried).toEqual(Array.from({ length: 64 }, (_, i) => i));
    const withKeys = catalogue(200, [], (i) => (i % 2 === 0 ? `k${i}` : `k${i - 1}`));
    expect(await firstMatch("sent", ["k0", "server"], withKeys.candidates)).toBe(undefined);
    // k0 is the receiver's, each odd candidate repeats the even one before it: k2, k4, …, k128 are tried.
    expect(withKeys.tried).toEqual(Array.from({ length: 64 }, (_, i) => 2 * i + 2));
  });
  it("the 64th candidate can match, the 65th cannot", async () => {
    expect(await firstMatch("sent", ["server"], catalogue(100, [63]).candidates)).toMatchObject({ mistake: "m63" });
    expect(await firstMatch("sent", ["server"], catalogue(100, [64]).candidates)).toBe(undefined);
  });
});

describe("upperCaseSignature", () => {
  const expected = "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7";
  it("the expected signature in upper-case hex: named, with the receiver's intermediates", () => {
    const sent = expected.toUpperCase();
    expect(upperCaseSignature(sent, expected, { stringToSign: "s" })).toStrictEqual({
      mistake: "signature-uppercase-hex",
      summary: "your client signed the right bytes but sent the signature in upper-case hex; the receiver compares lower-case hex exactly",
      signature: sent,
      stringToSign: "s",
    });
  });
  it("the expected signature itself, or another one: nothing", () => {
    expect(upperCaseSignature(expected, expected, {})).toBe(undefined);
    expect(upperCaseSignature("0".repeat(64), expected, {})).toBe(undefined);
    expect(upperCaseSignature("0".repeat(64), "0".repeat(64), {})).toBe(undefined);
  });
});

describe("secretMistakes", () => {
  const newline = (text: string) => ({ mistake: "secret-trailing-newline", key: bytes(text + "\n") });
  const hex = (key: number[]) => ({ mistake: "secret-hex-decoded", key: new Uint8Array(key) });
  const summaries: Record<string, RegExp> = { "secret-trailing-newline": /^your client's secret ends with a newline/, "secret-hex-decoded": /^your client hex-decoded the secret/ };
  const tried = (secret: string) => {
    const mistakes = secretMistakes(bytes(secret));
    for (const { mistake, summary } of mistakes) expect(summary).toMatch(summaries[mistake]!);
    return mistakes.map(({ mistake, key }) => ({ mistake, key }));
  };
  it("a hex secret (either case): hex-decoded first, then with a newline", () => {
    expect(tried("9f2c")).toEqual([hex([0x9f, 0x2c]), newline("9f2c")]);
    expect(tried("9F2C0a")).toEqual([hex([0x9f, 0x2c, 0x0a]), newline("9F2C0a")]);
  });
  it("anything but whole hex pairs: only the newline", () => {
    for (const secret of ["9f2", "9g", "x9f2c", "9f2cx", "", "YourSecretToken"]) expect(tried(secret)).toEqual([newline(secret)]);
  });
});

describe("the timestamp skews", () => {
  it("1 to 5 seconds, nearest first, later before earlier", () => expect(SKEW_SECONDS).toEqual([1, -1, 2, -2, 3, -3, 4, -4, 5, -5]));
  it("the summaries say how far and which way", () => {
    expect(skewSummary(1)).toBe("your client signed a timestamp 1 second later than the X-Timestamp it sent; sign the very text you send");
    expect(skewSummary(-1)).toBe("your client signed a timestamp 1 second earlier than the X-Timestamp it sent; sign the very text you send");
    expect(skewSummary(-3)).toBe("your client signed a timestamp 3 seconds earlier than the X-Timestamp it sent; sign the very text you send");
  });
});

describe("byte keys", () => {
  it("latin1: one char per byte, on bodies longer than one 8192-byte chunk too", () => {
    expect(latin1(new Uint8Array([0, 0x41, 0xff]))).toBe("\u0000A\u00ff");
    const long = Uint8Array.from({ length: 20000 }, (_, i) => (i * 7) % 256);
    expect(latin1(long)).toBe(Buffer.from(long).toString("latin1"));
  });
  it("macKey: the key and the bytes stay apart (ab + c is not a + bc)", () => {
    expect(macKey(bytes("ab"), bytes("c"))).not.toBe(macKey(bytes("a"), bytes("bc")));
    expect(macKey(bytes("ab"), bytes("c"))).toBe(macKey(bytes("ab"), bytes("c")));
  });
  it("macCandidate: the HMAC of the bytes with the key, and the bytes shown", async () => {
    const candidate = macCandidate(oracleProvider, "m", "your client did m", bytes("k"), bytes("2023-11-14T22:13:20Z{}"));
    expect(candidate).toMatchObject({ mistake: "m", summary: "your client did m", key: macKey(bytes("k"), bytes("2023-11-14T22:13:20Z{}")) });
    expect(await candidate.recompute()).toStrictEqual({ signature: createHmac("sha256", "k").update("2023-11-14T22:13:20Z{}").digest("hex"), stringToSign: "2023-11-14T22:13:20Z{}" });
  });
});

describe("the readings of a client's URL class and text decoder", () => {
  it("whatwgEncoded path: percent-encoded UTF-8, dot segments resolved; a path without its leading slash is left alone", () => {
    expect(whatwgEncoded(`/api/${binary(0xe4, 0xb8, 0xad)} x`, "path")).toBe("/api/%E4%B8%AD%20x");
    expect(whatwgEncoded("/api/x/../y/./z", "path")).toBe("/api/y/z");
    expect(whatwgEncoded("/api/'{", "path")).toBe("/api/'%7B");
    expect(whatwgEncoded("*", "path")).toBe("*");
  });
  it("whatwgEncoded query: the query's own set (' escaped, { kept), bad UTF-8 as U+FFFD", () => {
    expect(whatwgEncoded("a='{ b", "query")).toBe("a=%27{%20b");
    expect(whatwgEncoded(`a=${binary(0xff)}`, "query")).toBe("a=%EF%BF%BD");
    expect(whatwgEncoded("a=../b", "query")).toBe("a=../b");
  });
  it("lossyUtf8: valid UTF-8 kept, every bad byte as the bytes of U+FFFD", () => {
    expect(lossyUtf8(binary(0xe4, 0xb8, 0xad))).toBe(binary(0xe4, 0xb8, 0xad));
    expect(lossyUtf8(`a${binary(0xff)}b`)).toBe(`a${binary(0xef, 0xbf, 0xbd)}b`);
    expect(lossyUtf8(binary(0xef, 0xbb, 0xbf, 0x41))).toBe(binary(0xef, 0xbb, 0xbf, 0x41)); // a BOM is a character like any other
  });
});
