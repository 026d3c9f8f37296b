// parseRfc3339 reads the fixed-width fields digit by digit and counts days with H. Hinnant's
// days_from_civil (faster than a regex and a Date); here every valid date-time is checked against
// JavaScript's Date (setUTCFullYear: no two-digit-year mapping), and every field's edges against
// Go's time.Parse(time.RFC3339, s) strict form (time/format_rfc3339.go: year 0-9999, month 1-12,
// day within its month, hour 0-23, minute and second 0-59, offset hour 0-23 and minute 0-59,
// a fraction of at least one digit, upper-case T and Z), derived by hand.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRfc3339 } from "@panelsig/core";
import { formatRfc3339 } from "../src/rfc3339.ts";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Seconds since the epoch of a UTC date-time, computed by Date. */
function dateSeconds(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime() / 1000;
}

describe("parseRfc3339: any valid date-time, against Date", () => {
  it("every field, fraction and offset", () => {
    const dateTime = fc.record({
      year: fc.integer({ min: 0, max: 9999 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      fraction: fc.option(fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 9 })),
      offset: fc.option(fc.record({ sign: fc.constantFrom(1, -1), hours: fc.integer({ min: 0, max: 23 }), minutes: fc.integer({ min: 0, max: 59 }) })),
    });
    fc.assert(fc.property(dateTime, (t) => {
      const daysInMonth = new Date(Date.UTC(2000, t.month, 0)).getUTCDate(); // for 2000, a leap year
      const leap = t.year % 4 === 0 && (t.year % 100 !== 0 || t.year % 400 === 0);
      const valid = t.day <= (t.month === 2 && !leap ? 28 : daysInMonth);
      const zone = t.offset === null ? "Z" : `${t.offset.sign > 0 ? "+" : "-"}${pad(t.offset.hours, 2)}:${pad(t.offset.minutes, 2)}`;
      const text = `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}` +
        (t.fraction === null ? "" : `.${t.fraction}`) + zone;
      const offset = t.offset === null ? 0 : t.offset.sign * (t.offset.hours * 3600 + t.offset.minutes * 60);
      const fraction = t.fraction === null ? 0 : Number(`0.${t.fraction}`);
      const expected = valid ? dateSeconds(t.year, t.month, t.day, t.hour, t.minute, t.second) + fraction - offset : undefined;
      return parseRfc3339(text) === expected;
    }), { numRuns: 3000, seed: 15 });
  });
});

describe("parseRfc3339: each field's edges", () => {
  const accepted: [string, number][] = [
    ["1970-01-01T00:00:00Z", 0],
    ["1970-01-01T00:00:00+00:00", 0],
    ["1970-01-01T00:00:00-00:00", 0],
    ["2026-04-08T14:32:00Z", 1775658720],
    ["2026-04-08T14:32:00+00:00", 1775658720],
    ["2026-04-08T16:32:00+02:00", 1775658720],
    ["2026-04-08T09:02:00-05:30", 1775658720],
    ["2026-04-08T14:32:00.5Z", 1775658720.5],
    ["2026-04-08T14:32:00.000000001Z", 1775658720.000000001],
    ["2026-04-08T14:32:00.25+00:00", 1775658720.25],
    ["0000-01-01T00:00:00Z", -62167219200],
    ["9999-12-31T23:59:59Z", 253402300799],
    ["1969-12-31T23:59:59Z", -1],
    ["2000-02-29T00:00:00Z", 951782400],
    ["2024-02-29T00:00:00Z", 1709164800],
    ["2026-01-31T00:00:00Z", 1769817600],
    ["2026-03-31T00:00:00Z", 1774915200],
    ["2026-04-30T00:00:00Z", 1777507200],
    ["2026-12-31T23:59:59Z", 1798761599],
    ["2026-04-08T23:59:59+23:59", 1775692799 - 86340],
    ["2026-04-08T00:00:00-23:59", 1775606400 + 86340],
  ];
  for (const [text, seconds] of accepted) it(`${text} -> ${seconds}`, () => expect(parseRfc3339(text)).toBe(seconds));

  const refused = [
    "", "2026-04-08T14:32:00", "2026-04-08T14:32:0Z", "2026-04-08T14:32Z", "2026-04-08", "2026-04-08 14:32:00Z", "2026-04-08t14:32:00Z",
    "2026-04-08T14:32:00z", "2026/04/08T14:32:00Z", "2026/04-08T14:32:00Z", "2026-04/08T14:32:00Z", "2026-04-08T14-32:00Z", "2026-04-08T14:32-00Z",
    "2026-00-08T00:00:00Z", "2026-13-08T00:00:00Z", "2026-04-00T00:00:00Z", "2026-01-32T00:00:00Z", "2026-04-31T00:00:00Z",
    "2026-06-31T00:00:00Z", "2026-09-31T00:00:00Z", "2026-11-31T00:00:00Z", "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
    "2100-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2026-02-30T00:00:00Z", "2026-04-08T24:00:00Z", "2026-04-08T14:60:00Z",
    "2026-04-08T14:32:60Z", "2026-04-08T14:32:00+24:00", "2026-04-08T14:32:00+00:60", "2026-04-08T14:32:00+0000",
    "2026-04-08T14:32:00+00:00Z", "2026-04-08T14:32:00+00-00", "2026-04-08T14:32:00*00:00", "2026-04-08T14:32:00ZZ",
    "2026-04-08T14:32:00.Z", "2026-04-08T14:32:00,5Z", "2026-04-08T14:32:00.5", "2026-04-08T14:32:00.5+00:0", "202a-04-08T14:32:00Z",
    "2a26-04-08T14:32:00Z", "2026-0a-08T14:32:00Z", "2026-04-0aT14:32:00Z", "2026-04-08Ta4:32:00Z", "2026-04-08T14:3a:00Z",
    "2026-04-08T14:32:a0Z", "2026-04-08T14:32:00+a0:00", "2026-04-08T14:32:00+00:a0", "2026-04-08T14:32:00+0:000", "+2026-04-08T14:32:00Z",
    "2026-04-08T14:32:00.5ZZ", "2026-04-08T14:32:00/0Z", "2026-04-08T14:32:00:0Z", "2026-04-08T14:32:00+00:00 ",
  ];
  for (const text of refused) it(`refuses ${JSON.stringify(text)}`, () => expect(parseRfc3339(text)).toBe(undefined));
});

describe("formatRfc3339: the doc's form and the real panel's", () => {
  it("whole seconds, the fraction dropped", () => {
    expect(formatRfc3339(1775658720, "Z")).toBe("2026-04-08T14:32:00Z");
    expect(formatRfc3339(1775658720, "+00:00")).toBe("2026-04-08T14:32:00+00:00");
    expect(formatRfc3339(1775658720.999, "Z")).toBe("2026-04-08T14:32:00Z");
    expect(formatRfc3339(0, "+00:00")).toBe("1970-01-01T00:00:00+00:00");
  });
});
