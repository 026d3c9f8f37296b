// How the AcePanel server reads X-Timestamp: spf13/cast's ToInt64 — when the whole text is
// [+-]digits.digits the decimal part is cut off (cast's trimDecimal), then Go's
// strconv.ParseInt(s, 0, 64) — and 0 for anything it cannot read. Base 0 means "+", "-", "0x",
// "0o", "0b", a leading "0" for octal and "_" separators all parse, which is why the server
// signs the re-printed number rather than the header text.

const INT64_MAX = (1n << 63n) - 1n;
// cast's stringNumberRe: only a plain decimal number has its fraction cut ("0x10.5" keeps it, and fails).
const DECIMAL_NUMBER = /^([-+]?[0-9]*)(\.[0-9]*)?$/;

/**
 * The value the server takes from an X-Timestamp header text (0n when it cannot parse it): Go's
 * cast.ToInt64, which reads hex, octal and binary too, and cuts a decimal fraction.
 *
 * @example
 * ```ts
 * import { acepanelTimestampValue } from "@panelsig/core";
 * acepanelTimestampValue("1700000000");   // 1700000000n
 * acepanelTimestampValue("1700000000.9"); // 1700000000n
 * acepanelTimestampValue("0x10");         // 16n
 * acepanelTimestampValue("soon");         // 0n
 * ```
 */
export function acepanelTimestampValue(text: string): bigint {
  if (isPrintedInt64(text)) return BigInt(text);
  const decimal = text.includes(".") ? DECIMAL_NUMBER.exec(text) : null;
  return parseGoInt(decimal ? decimal[1]! : text) ?? 0n;
}

/** The number the server reads from X-Timestamp, printed in decimal as it signs it ("0" when unreadable). */
export function acepanelTimestampDecimal(text: string): string {
  return isPrintedInt64(text) ? text : acepanelTimestampValue(text).toString();
}

/**
 * True for the common header: 1 to 18 decimal digits without a leading zero. Go reads such text
 * as that decimal number (it is below 2^63), and prints it back unchanged: no BigInt work needed.
 */
function isPrintedInt64(text: string): boolean {
  const first = text.charCodeAt(0);
  if (text.length > 18 || !(first >= 49 && first <= 57)) return false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Go's strconv.ParseInt(s, 0, 64); undefined where Go returns an error. */
export function parseGoInt(s: string): bigint | undefined {
  if (s === "") return undefined;
  let negative = false;
  let digits = s;
  if (digits[0] === "+" || digits[0] === "-") {
    negative = digits[0] === "-";
    digits = digits.slice(1);
  }
  const magnitude = parseGoUint(digits);
  if (magnitude === undefined) return undefined;
  if (negative ? magnitude > INT64_MAX + 1n : magnitude > INT64_MAX) return undefined;
  return negative ? -magnitude : magnitude;
}

function parseGoUint(s: string): bigint | undefined {
  if (s === "") return undefined;
  let base = 10;
  let body = s;
  if (s[0] === "0") {
    const prefix = s.length >= 3 ? s[1]!.toLowerCase() : "";
    base = prefix === "b" ? 2 : prefix === "o" ? 8 : prefix === "x" ? 16 : 8;
    body = prefix === "b" || prefix === "o" || prefix === "x" ? s.slice(2) : s.slice(1);
  }
  let value = 0n;
  let underscores = false;
  for (const c of body) {
    if (c === "_") {
      underscores = true;
      continue;
    }
    const code = c.charCodeAt(0) | 0x20; // Go's lower(): ASCII letters only
    let d: number;
    if (c >= "0" && c <= "9") d = c.charCodeAt(0) - 48;
    else if (c.length === 1 && code >= 97 && code <= 122) d = code - 87;
    else return undefined;
    if (d >= base) return undefined;
    value = value * BigInt(base) + BigInt(d);
    if (value > (1n << 64n) - 1n) return undefined;
  }
  if (underscores && !underscoresAllowed(s)) return undefined;
  return value;
}

/** Go's underscoreOK: "_" only between digits, or between a base prefix and a digit. */
function underscoresAllowed(s: string): boolean {
  let saw = "^";
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === "0" && "box".includes(s[1]!.toLowerCase())) {
    i = 2;
    saw = "0";
    hex = s[1]!.toLowerCase() === "x";
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    const lower = c.charCodeAt(0) | 0x20;
    if ((c >= "0" && c <= "9") || (hex && lower >= 97 && lower <= 102)) {
      saw = "0";
      continue;
    }
    if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}
