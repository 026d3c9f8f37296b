// X-Timestamp's shortcut (1 to 18 digits without a leading zero are their own value and their own
// decimal form) against cast.ToInt64 done every step, for the same inputs; the shortcut's test
// against its definition; and the edges of Go's strconv.ParseInt(s, 0, 64), derived by hand from
// strconv/atoi.go (base prefixes, underscoreOK, the int64 range).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acepanelTimestampValue } from "@panelsig/core";
import { castInt64Decimal, castToInt64, isPrintedInt64, parseGoInt } from "../src/go-strconv.ts";

const RUNS = { numRuns: 1000, seed: 15 };
const digitText = fc.string({ unit: fc.constantFrom(..."0123456789", "0", "9", "1", ".", "+", "-", "_", "x", "a", " "), maxLength: 21 });
const longDigits = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 15, maxLength: 20 }))
  .map(([first, rest]) => `${first}${rest}`);

describe("isPrintedInt64: exactly 1 to 18 decimal digits, the first not 0", () => {
  it("hand-picked", () => {
    for (const yes of ["1", "9", "10", "1700000000", "123456789012345678", "999999999999999999"]) expect([yes, isPrintedInt64(yes)]).toEqual([yes, true]);
    for (const no of ["", "0", "01", "1234567890123456789", "+1", "-1", "1.0", "1_0", "1a", "a1", "/1", ":1", "1/", "1:", " 1", "1 "]) {
      expect([no, isPrintedInt64(no)]).toEqual([no, false]);
    }
  });
  it("agrees with its definition for any text", () => {
    fc.assert(fc.property(fc.oneof(digitText, longDigits), (t) => isPrintedInt64(t) === /^[1-9][0-9]{0,17}$/.test(t)), RUNS);
  });
});

describe("acepanelTimestampValue and castInt64Decimal: the shortcut against cast.ToInt64 every step", () => {
  it("the same value and the same printed form for any text", () => {
    fc.assert(fc.property(fc.oneof(digitText, longDigits), (t) => {
      const slow = castToInt64(t);
      return acepanelTimestampValue(t) === slow && castInt64Decimal(t) === slow.toString();
    }), RUNS);
  });
  it("hand-derived printed forms", () => {
    const table: [string, string][] = [
      ["1700000000", "1700000000"], ["999999999999999999", "999999999999999999"], ["9223372036854775807", "9223372036854775807"],
      ["9223372036854775808", "0"], ["01700000000", "251658240"], ["+1", "1"], ["1.9", "1"], ["x", "0"], ["", "0"], ["-0", "0"],
    ];
    for (const [text, printed] of table) expect([text, castInt64Decimal(text)]).toEqual([text, printed]);
  });
});

describe("parseGoInt: strconv.ParseInt(s, 0, 64)", () => {
  const table: [string, bigint | undefined][] = [
    ["0", 0n], ["-0", 0n], ["+0", 0n], ["7", 7n], ["07", 7n], ["010", 8n], ["08", undefined], ["0_7", 7n], ["00", 0n],
    ["0x1", 1n], ["0X1f", 31n], ["0xff", 255n], ["0xFF", 255n], ["0xg", undefined], ["0x", undefined], ["0x_1", 1n], ["0x1_", undefined],
    ["0b1", 1n], ["0B11", 3n], ["0b2", undefined], ["0b", undefined], ["0o7", 7n], ["0O17", 15n], ["0o8", undefined],
    ["0x7fffffffffffffff", 9223372036854775807n], ["0x8000000000000000", undefined], ["-0x8000000000000000", -9223372036854775808n],
    ["0xffffffffffffffff", undefined], ["0x10000000000000000", undefined], ["18446744073709551615", undefined],
    ["1_000", 1000n], ["1__0", undefined], ["_1", undefined], ["1_", undefined], ["-1_0", -10n], ["+_1", undefined],
    ["0b_1", 1n], ["1_9", 19n], ["9_0", 90n], ["0xf_f", 255n], ["0XF_F", 255n], ["0x9_a", 154n], ["0o_7", 7n], ["0_x1", undefined], ["1_a", undefined], ["0xa_b", 171n], ["0x_a", 10n], ["12a", undefined],
    ["", undefined], ["+", undefined], ["-", undefined], ["--1", undefined], ["+-1", undefined], ["1 ", undefined], ["٣", undefined],
    ["9", 9n], ["z", undefined], ["0xz", undefined], ["0x@", undefined], ["0x[", undefined], ["0x`", undefined], ["0x{", undefined],
    ["-00", 0n], ["0_0", 0n], ["077_7", 511n], ["+0x10", 16n], ["-0b1", -1n], ["0O_7", 7n], ["1_000_000", 1000000n], ["09", undefined],
    ["0_", undefined], ["0x_", undefined], ["0o_", undefined], ["0b_", undefined], ["0b1_", undefined], ["0x1__0", undefined], ["0X", undefined],
  ];
  for (const [text, value] of table) it(`${JSON.stringify(text)} -> ${value}`, () => expect(parseGoInt(text)).toBe(value));
});
