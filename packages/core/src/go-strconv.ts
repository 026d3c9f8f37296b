// spf13/cast's ToInt64 on a string, as Go servers read numbers with it (the AcePanel server reads
// X-Timestamp so): when the whole text is [+-]digits.digits the decimal part is cut off (cast's
// trimDecimal), then Go's strconv.ParseInt(s, 0, 64) — and 0 for anything it cannot read. Base 0
// means "+", "-", "0x", "0o", "0b", a leading "0" for octal and "_" separators all parse.

const INT64_MAX = (1n << 63n) - 1n;
// cast's stringNumberRe with a fraction: only a plain decimal number has its fraction cut ("0x10.5"
// keeps it, and fails). Group 1 is what is left.
const DECIMAL_FRACTION = /^([-+]?[0-9]*)\.[0-9]*$/;

/** cast.ToInt64(text) (0n when it cannot read it), with a shortcut for plain decimals. */
export function castInt64(text: string): bigint {
  return isPrintedInt64(text) ? BigInt(text) : castToInt64(text);
}

/** cast.ToInt64 every step, without the shortcut for plain decimals; exported for the test that compares the two. */
export function castToInt64(text: string): bigint {
  const decimal = DECIMAL_FRACTION.exec(text);
  return parseGoInt(decimal ? decimal[1]! : text) ?? 0n;
}

/** cast.ToInt64(text) printed in decimal ("0" when unreadable): plain decimals come back as they are. */
export function castInt64Decimal(text: string): string {
  return isPrintedInt64(text) ? text : castToInt64(text).toString();
}

/**
 * True for the common header: 1 to 18 decimal digits without a leading zero. Go reads such text
 * as that decimal number (it is below 2^63), and prints it back unchanged: no BigInt work needed.
 * Exported for the test that checks it against that definition.
 */
export function isPrintedInt64(text: string): boolean {
  const first = text.charCodeAt(0);
  if (text.length > 18 || !(first >= 49 && first <= 57)) return false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Go's base-0 integer syntax (strconv/atoi.go): a sign, then a "0b", "0o" or "0x" prefix, a
 * leading "0" (octal) or a decimal digit; "_" only between digits or after a prefix (underscoreOK);
 * letters in any case. The second group is the number without its sign.
 */
const GO_INT = /^([+-]?)(0b(?:_?[01])+|0o(?:_?[0-7])+|0x(?:_?[0-9a-f])+|0(?:_?[0-7])*|[1-9](?:_?[0-9])*)$/i;

/** Go's strconv.ParseInt(s, 0, 64); undefined where Go returns an error. */
export function parseGoInt(s: string): bigint | undefined {
  const match = GO_INT.exec(s);
  if (!match) return undefined;
  // BigInt reads the 0b, 0o and 0x prefixes but takes a leading "0" for decimal, and no "_".
  const digits = match[2]!.replace(/_/g, "").replace(/^0(?=[0-7])/, "0o");
  const magnitude = BigInt(digits);
  if (match[1] === "-" ? magnitude > INT64_MAX + 1n : magnitude > INT64_MAX) return undefined;
  return match[1] === "-" ? -magnitude : magnitude;
}
