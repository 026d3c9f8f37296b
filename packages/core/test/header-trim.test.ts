// Reading a header value is linear in its length. Spaces and tabs are trimmed off its ends (as
// HTTP parsers do); the old regex trim retried from every space of an inner run, so a value with
// a few MiB of inner spaces cost ~10^12 steps. Here such values are read at all (a quadratic
// trim would not finish within the test timeout), and every output equals an independent trim.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { headerValue, verifyHttpWith } from "@panelsig/core";
import { oracleProvider } from "./oracle.ts";

const MiB = 1024 * 1024;

/** An independent trim: the value as an array of characters, shifted and popped from its ends. */
function referenceTrim(value: string): string {
  const chars = value.split("");
  while (chars.length > 0 && (chars[0] === " " || chars[0] === "\t")) chars.shift();
  while (chars.length > 0 && (chars[chars.length - 1] === " " || chars[chars.length - 1] === "\t")) chars.pop();
  return chars.join("");
}

const read = (value: string) => headerValue([["X-Other", "1"], ["x-timestamp", value]], "X-Timestamp");

describe("header values: spaces and tabs trimmed off the ends, in linear time", () => {
  it("hand-written values", () => {
    expect(read(" \t 1700000000 \t ")).toBe("1700000000");
    expect(read("a  b")).toBe("a  b");
    expect(read(" \t ")).toBe("");
    expect(read("")).toBe("");
    expect(read("\u00a0x\u00a0")).toBe("\u00a0x\u00a0"); // only space and tab: a no-break space is part of the value
    expect(read("\vx\f")).toBe("\vx\f");
    expect(headerValue([["X-Timestamp", " first "], ["X-Timestamp", "second"]], "x-timestamp")).toBe("first");
    expect(headerValue([], "X-Timestamp")).toBe("");
  });
  it("equal to an independent trim for any mix of spaces, tabs and other characters", () => {
    const value = fc.string({ unit: fc.constantFrom(" ", "\t", "a", "\u00a0", "\r", "\n", "\v") });
    fc.assert(fc.property(value, (v) => read(v) === referenceTrim(v)), { numRuns: 2000 });
  });
  it("4 MiB of inner spaces (quadratic: ~10^13 steps) are read, exactly", () => {
    const inner = " ".repeat(4 * MiB);
    expect(read(`a${inner}b`)).toBe(`a${inner}b`);
    expect(read(`\t${inner}x${inner}`)).toBe("x");
    expect(read(`x${" \t".repeat(2 * MiB)}y `).length).toBe(4 * MiB + 2);
  });
  it("a verifier answers a request whose signature header holds 4 MiB of inner spaces", async () => {
    const result = await verifyHttpWith(oracleProvider, {
      method: "GET",
      target: "/x",
      headers: [["X-Signature", `0${" ".repeat(4 * MiB)}0`], ["X-Timestamp", "2023-11-14T22:13:20Z"]],
      body: new Uint8Array(0),
    }, { scheme: "opterius-agent", secret: "s", now: () => 1700000000 });
    expect(result).toMatchObject({ valid: false, error: "signature_mismatch", status: 401 });
  });
});
