// The AcePanel server reads its Authorization header with Go's
//   fmt.Sscanf(header, "%s Credential=%d, Signature=%s", &algorithm, &id /* uint */, &signature)
// and answers "invalid header: <error>" with Go's own error text. This is that scanner, for formats
// made of literals, spaces, %s and %d (into a uint64), so that what it accepts and every error it
// gives are Go's: a space in the format matches one or more white-space runes or the end of the
// input, %s and %d skip leading white space, %s reads up to the next white space, %d reads ASCII
// digits (strconv.ParseUint base 10, leading zeros fine), and text after the last verb is ignored.

import { decodeRune, isGoSpace, RUNE_ERROR } from "./go-text.ts";

/**
 * What {@link goSscanf} read: the values of its verbs, or Go's error text.
 *
 * @example
 * ```ts
 * const scan: ScanResult = goSscanf("HMAC-SHA256 Credential=x", "%s Credential=%d, Signature=%s");
 * if (!scan.ok) console.log(`invalid header: ${scan.error}`); // "invalid header: expected integer"
 * ```
 */
export type ScanResult =
  | {
      /** It read every verb. */
      ok: true;
      /** Each verb's value, as text. */
      values: string[];
    }
  | {
      /** It stopped. */
      ok: false;
      /** Go's error text, e.g. "expected integer", "unexpected EOF". */
      error: string;
    };

const EOF = -1;
const NEWLINE = 10;
const UINT64_MAX = (1n << 64n) - 1n;
const UTF8_RUNE_ERROR = "\xef\xbf\xbd"; // what Go writes for a byte that is not UTF-8

class ScanError {
  constructor(readonly message: string) {}
}

class Input {
  private pos = 0;
  private lastWidth = 0;

  constructor(private readonly binary: string) {}

  getRune(): number {
    if (this.pos >= this.binary.length) {
      this.lastWidth = 0;
      return EOF;
    }
    const [rune, width] = decodeRune(this.binary, this.pos);
    this.pos += width;
    this.lastWidth = width;
    return rune;
  }

  /** The bytes of the rune just read (U+FFFD's for a bad byte, as Go's writeRune does). */
  lastRuneBytes(rune: number): string {
    return rune === RUNE_ERROR && this.lastWidth === 1 ? UTF8_RUNE_ERROR : this.binary.slice(this.pos - this.lastWidth, this.pos);
  }

  unreadRune(): void {
    this.pos -= this.lastWidth;
    this.lastWidth = 0;
  }

  mustReadRune(): number {
    const rune = this.getRune();
    if (rune === EOF) throw new ScanError("unexpected EOF");
    return rune;
  }

  /** Go's notEOF (before a verb): it panics with io.EOF, so the error reads "EOF". */
  notEOF(): void {
    if (this.getRune() === EOF) throw new ScanError("EOF");
    this.unreadRune();
  }

  skipSpace(): void {
    for (;;) {
      const rune = this.getRune();
      if (rune === EOF) return;
      if (rune === NEWLINE) throw new ScanError("unexpected newline");
      if (!isGoSpace(rune)) {
        this.unreadRune();
        return;
      }
    }
  }
}

/**
 * Go's fmt.Sscanf on a binary string (one char per byte): the scanned values, or Go's error text.
 * AcePanel reads its Authorization header with it, and answers a failure with Go's text.
 *
 * @example
 * ```ts
 * import { goSscanf } from "@panelsig/core";
 * goSscanf("HMAC-SHA256 Credential=16, Signature=b8dd39", "%s Credential=%d, Signature=%s");
 * // { ok: true, values: ["HMAC-SHA256", "16", "b8dd39"] }
 * goSscanf("HMAC-SHA256 Credential=x", "%s Credential=%d, Signature=%s"); // { ok: false, error: "expected integer" }
 * ```
 */
export function goSscanf(binary: string, format: string): ScanResult {
  const input = new Input(binary);
  const values: string[] = [];
  try {
    let i = 0;
    while (i < format.length) {
      const consumed = advance(input, format, i);
      if (consumed > 0) {
        i += consumed;
        continue;
      }
      if (consumed < 0) throw new ScanError("input does not match format");
      const verb = format[i + 1];
      i += 2;
      input.skipSpace();
      values.push(verb === "d" ? scanUint(input) : scanWord(input));
    }
  } catch (error) {
    if (error instanceof ScanError) return { ok: false, error: error.message };
    throw error;
  }
  return { ok: true, values };
}

/** Matches format text up to the next verb: bytes of format consumed, or -1 on a literal mismatch. */
function advance(input: Input, format: string, start: number): number {
  let i = start;
  while (i < format.length) {
    const f = format.charCodeAt(i);
    if (isGoSpace(f)) {
      while (i < format.length && isGoSpace(format.charCodeAt(i))) i++;
      let rune = input.getRune();
      if (!isGoSpace(rune) && rune !== EOF) throw new ScanError("expected space in input to match format");
      if (rune === NEWLINE) throw new ScanError("newline in input does not match format");
      while (isGoSpace(rune) && rune !== NEWLINE) rune = input.getRune();
      if (rune !== EOF) input.unreadRune();
      continue;
    }
    if (f === 37 /* % */) return i - start;
    if (input.mustReadRune() !== f) {
      input.unreadRune();
      return -1;
    }
    i++;
  }
  return i - start;
}

/** %s: the next run of non-space runes. */
function scanWord(input: Input): string {
  input.notEOF();
  let word = "";
  for (;;) {
    const rune = input.getRune();
    if (rune === EOF) return word;
    if (isGoSpace(rune)) {
      input.unreadRune();
      return word;
    }
    word += input.lastRuneBytes(rune);
  }
}

/** %d into a uint: ASCII digits, then strconv.ParseUint(digits, 10, 64). Returned in canonical decimal. */
function scanUint(input: Input): string {
  input.notEOF();
  let digits = "";
  for (;;) {
    const rune = input.getRune();
    if (rune >= 48 && rune <= 57) {
      digits += String.fromCharCode(rune);
      continue;
    }
    if (rune !== EOF) input.unreadRune();
    break;
  }
  if (digits === "") throw new ScanError("expected integer");
  const value = BigInt(digits);
  if (value > UINT64_MAX) throw new ScanError(`strconv.ParseUint: parsing "${digits}": value out of range`);
  return value.toString();
}
