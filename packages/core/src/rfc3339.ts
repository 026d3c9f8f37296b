// RFC 3339 date-times as Go's time.Parse(time.RFC3339, s) reads them (the Opterius Agent is a Go
// program): upper-case "T" and "Z", an optional fraction, a "+hh:mm"/"-hh:mm" offset, and every
// field in range. Only the window check parses; the text itself is always signed verbatim.
// The fixed-width fields are read digit by digit (a regex and a Date cost ten times as much, on
// every opterius-agent sign).

/**
 * Seconds since the Unix epoch (with the fraction), or undefined when `text` is not RFC 3339 as
 * Go's time.Parse(time.RFC3339, …) reads it (upper-case "T" and "Z" only).
 *
 * @example
 * ```ts
 * import { parseRfc3339 } from "@panelsig/core";
 * parseRfc3339("2026-04-08T14:32:00Z");      // 1775658720
 * parseRfc3339("2026-04-08T14:32:00+00:00"); // 1775658720
 * parseRfc3339("2026-04-08t14:32:00z");      // undefined
 * ```
 */
export function parseRfc3339(text: string): number | undefined {
  // YYYY-MM-DDThh:mm:ss, then an optional .fraction, then Z or ±hh:mm
  if (text.length < 20 || text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":" || text[16] !== ":") return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let i = 19;
  let fraction = 0;
  if (text[i] === ".") {
    let end = i + 1;
    while (digitsAt(text, end, 1) >= 0) end++;
    if (end === i + 1) return undefined;
    fraction = Number("0" + text.slice(i, end));
    i = end;
  }
  let offset = 0;
  if (text[i] === "Z") {
    if (text.length !== i + 1) return undefined;
  } else {
    const sign = text[i] === "+" ? 1 : text[i] === "-" ? -1 : 0;
    if (sign === 0 || text.length !== i + 6 || text[i + 3] !== ":") return undefined;
    const offsetHours = digitsAt(text, i + 1, 2);
    const offsetMinutes = digitsAt(text, i + 4, 2);
    if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return undefined;
    offset = sign * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const seconds = daysSinceEpoch(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return seconds + fraction - offset;
}

/** The `count` decimal digits at `i` as a number, or -1 (so that every range check fails). */
function digitsAt(text: string, i: number, count: number): number {
  let value = 0;
  for (let end = i + count; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1; // also NaN, past the end
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date, years 0-9999 as written (H. Hinnant's days_from_civil). */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** A whole-second UTC time as the doc writes it ("…Z") or as the real panel does ("…+00:00"). */
export function formatRfc3339(unixSeconds: number, form: "Z" | "+00:00"): string {
  const iso = new Date(Math.floor(unixSeconds) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  return iso.slice(0, 19) + form;
}
