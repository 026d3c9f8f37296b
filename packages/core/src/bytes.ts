// Byte helpers that exist in every runtime: TextEncoder/TextDecoder and plain loops. No Buffer.

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Text this short is copied by hand when it is ASCII: a TextEncoder call costs ~0.3 µs in Node 20. */
const SHORT_TEXT = 128;

export function utf8(text: string): Uint8Array {
  if (text.length > SHORT_TEXT) return encoder.encode(text);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return encoder.encode(text);
    out[i] = c;
  }
  return out;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** True when every char is below 0x80: such text is its own UTF-8 (and binary-string) form. */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/** UTF-8 bytes to text, or undefined when the bytes are not valid UTF-8. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Index of the first lone surrogate, or -1: such text has no UTF-8 form. */
export function loneSurrogateAt(text: string): number {
  // isWellFormed (ES2024; Node 20, Deno, Bun, browsers) answers the common case natively.
  if ((text as { isWellFormed?: () => boolean }).isWellFormed?.()) return -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX_BYTE[bytes[i]!]!;
  return out;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) BASE64_VALUE[BASE64.charCodeAt(i)] = i;

/** Strict standard base64 (RFC 4648 §4, padding required); undefined when malformed. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const pad = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let word = 0;
    for (let j = 0; j < 4; j++) {
      const c = text.charCodeAt(i + j);
      const isPad = c === 61 && i + j >= text.length - pad;
      const v = isPad ? 0 : c < 128 ? BASE64_VALUE[c]! : -1;
      if (v < 0) return undefined;
      word = (word << 6) | v;
    }
    if (o < out.length) out[o++] = (word >> 16) & 255;
    if (o < out.length) out[o++] = (word >> 8) & 255;
    if (o < out.length) out[o++] = word & 255;
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = bytes.length - i;
    const word = (bytes[i]! << 16) | ((n > 1 ? bytes[i + 1]! : 0) << 8) | (n > 2 ? bytes[i + 2]! : 0);
    out += BASE64[(word >> 18) & 63]! + BASE64[(word >> 12) & 63]!;
    out += n > 1 ? BASE64[(word >> 6) & 63]! : "=";
    out += n > 2 ? BASE64[word & 63]! : "=";
  }
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return concatChunks(parts);
}

export function concatChunks(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * Compares two strings in time that depends only on their lengths, never on where they differ:
 * a verifier that stopped at the first differing character would leak the expected signature.
 */
export function timingSafeEqualText(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) {
    diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  }
  return diff === 0;
}
