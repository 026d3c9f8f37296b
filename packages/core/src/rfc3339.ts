// RFC 3339 date-times as Go's time.Parse(time.RFC3339, s) reads them (the Opterius Agent is a Go
// program): upper-case "T" and "Z", an optional fraction, a "+hh:mm"/"-hh:mm" offset, and every
// field in range. Only the window check parses; the text itself is always signed verbatim.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Seconds since the Unix epoch (with the fraction), or undefined when `text` is not RFC 3339. */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (m[8] !== "Z") {
    const offsetHours = Number(m[9]);
    const offsetMinutes = Number(m[10]);
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    offset = (m[8]!.startsWith("-") ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const fraction = m[7] ? Number("0" + m[7]) : 0;
  const date = new Date(0); // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as written
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime() / 1000 + fraction - offset;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A whole-second UTC time as the doc writes it ("…Z") or as the real panel does ("…+00:00"). */
export function formatRfc3339(unixSeconds: number, form: "Z" | "+00:00"): string {
  const iso = new Date(Math.floor(unixSeconds) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  return iso.slice(0, 19) + (form === "Z" ? "Z" : "+00:00");
}
