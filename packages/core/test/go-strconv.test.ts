// How the AcePanel server reads X-Timestamp (reference/acepanel-server.md, TIMESTAMP).
import { describe, expect, it } from "vitest";
import { acepanelTimestampValue } from "@panelsig/core";

describe("acepanelTimestampValue", () => {
  const table: [string, bigint][] = [
    ["1700000000", 1700000000n],
    ["1700000000.9", 1700000000n],
    ["+1700000000", 1700000000n],
    ["0x6553f100", 1700000000n],
    ["0X6553F100", 1700000000n],
    ["1_700_000_000", 1700000000n],
    ["01700000000", 251658240n],
    ["0o14524770400", 1700000000n],
    ["0b1100101010100111111000100000000", 1700000000n],
    ["1700000000000", 1700000000000n],
    ["-5", -5n],
    ["9223372036854775807", 9223372036854775807n],
    ["-9223372036854775808", -9223372036854775808n],
    ["1700000000.", 1700000000n],
  ];
  for (const [text, value] of table) it(`${JSON.stringify(text)} -> ${value}`, () => expect(acepanelTimestampValue(text)).toBe(value));

  const zero = ["", "abc", "1e9", "1.7e9", "9223372036854775808", "-9223372036854775809", " 1700000000", "1700000000 ",
    "_1700000000", "1700000000_", "1__700", "0x", "08", "1.2.3", "++1", "１７００", ".5", "1700000000.9a"];
  for (const text of zero) it(`${JSON.stringify(text)} -> 0`, () => expect(acepanelTimestampValue(text)).toBe(0n));
  it("0x_10 is allowed: an underscore may follow a base prefix", () => expect(acepanelTimestampValue("0x_10")).toBe(16n));
});
