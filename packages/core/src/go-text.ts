// Go reads header values as bytes and decodes UTF-8 rune by rune, taking a bad byte as one
// U+FFFD; its white space (fmt's scanner, strings.TrimSpace) is a fixed set of Unicode spaces.
// Both readers of client text that must match Go exactly (the Authorization scanner and the
// client-ip header) use these, on "binary strings" (one char per byte, as HTTP gives them).

import { binaryStringToBytes } from "./bytes.ts";

export const RUNE_ERROR = 0xfffd;

/** Go's utf8.DecodeRuneInString at `i`: [rune, width]; a bad or cut sequence is [U+FFFD, 1]. */
export function decodeRune(binary: string, i: number): [rune: number, width: number] {
  const b0 = binary.charCodeAt(i);
  if (b0 < 0x80) return [b0, 1];
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const b = binary.charCodeAt(i + k);
    return b >= lo && b <= hi ? b & 0x3f : -1;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    const b1 = cont(1);
    return b1 < 0 ? [RUNE_ERROR, 1] : [((b0 & 0x1f) << 6) | b1, 2];
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const b1 = cont(1, b0 === 0xe0 ? 0xa0 : 0x80, b0 === 0xed ? 0x9f : 0xbf);
    const b2 = b1 < 0 ? -1 : cont(2);
    return b2 < 0 ? [RUNE_ERROR, 1] : [((b0 & 0x0f) << 12) | (b1 << 6) | b2, 3];
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const b1 = cont(1, b0 === 0xf0 ? 0x90 : 0x80, b0 === 0xf4 ? 0x8f : 0xbf);
    const b2 = b1 < 0 ? -1 : cont(2);
    const b3 = b2 < 0 ? -1 : cont(3);
    return b3 < 0 ? [RUNE_ERROR, 1] : [((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3, 4];
  }
  return [RUNE_ERROR, 1];
}

/** Go's white space (fmt's isSpace and unicode.IsSpace agree): \t-\r, space, U+0085, U+00A0 and the Zs/Zl/Zp spaces. */
export function isGoSpace(rune: number): boolean {
  return (
    (rune >= 0x09 && rune <= 0x0d) || rune === 0x20 || rune === 0x85 || rune === 0xa0 || rune === 0x1680 ||
    (rune >= 0x2000 && rune <= 0x200a) || rune === 0x2028 || rune === 0x2029 || rune === 0x202f || rune === 0x205f || rune === 0x3000
  );
}

/** Go's strings.TrimSpace on a binary string. */
export function trimGoSpace(binary: string): string {
  let start = 0;
  while (start < binary.length) {
    const [rune, width] = decodeRune(binary, start);
    if (!isGoSpace(rune)) break;
    start += width;
  }
  let end = binary.length;
  outer: while (end > start) {
    // A space rune is 1 to 3 bytes; look for one ending at `end`.
    for (let width = 1; width <= 3 && end - width >= start; width++) {
      const [rune, decoded] = decodeRune(binary, end - width);
      if (decoded === width && isGoSpace(rune)) {
        end -= width;
        continue outer;
      }
    }
    break;
  }
  return binary.slice(start, end);
}

const lenientDecoder = new TextDecoder("utf-8");

/** Bytes of a binary string shown as text, a bad byte as U+FFFD (what a client reads in a message). */
export function binaryToText(binary: string): string {
  return lenientDecoder.decode(binaryStringToBytes(binary));
}
