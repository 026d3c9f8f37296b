// Byte helpers that exist in every runtime: TextEncoder/TextDecoder, atob/btoa and plain loops. No Buffer.

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// Short byte strings that never leave panelsig (what a scheme hashes or MACs, hex digits on their
// way to text) are carved from shared blocks, as Node's Buffer pool does: a new Uint8Array costs
// ~0.6 µs under Deno, and under Node past 64 bytes (memory outside the JS heap, collected later),
// several times what hashing it does; a view on a block costs ~20 ns. Every view gets bytes of
// its own and a block is never written twice, so a provider may read its input at any later time.
// Pooled bytes go to the crypto provider only, never back to a caller (no caller can reach other
// requests' bytes through `.buffer`), and secrets are never pooled.
const POOL_BLOCK = 8192;
const MAX_POOLED = 1024;
let pool = new ArrayBuffer(POOL_BLOCK);
let poolOffset = 0;

/** `length` zeroed bytes for panelsig's own short-lived use (see above: never returned to a caller). */
export function pooledBytes(length: number): Uint8Array {
  if (length > MAX_POOLED) return new Uint8Array(length);
  if (poolOffset + length > POOL_BLOCK) {
    pool = new ArrayBuffer(POOL_BLOCK);
    poolOffset = 0;
  }
  const view = new Uint8Array(pool, poolOffset, length);
  poolOffset += length;
  return view;
}

/**
 * Text this short is copied by hand when it is ASCII: a TextEncoder call costs ~0.3 µs in Node 20,
 * and up to 64 bytes a Uint8Array lives in the JS heap and costs ~20 ns (above, ~0.2–0.4 µs).
 */
const SHORT_TEXT = 64;

/**
 * The UTF-8 bytes of `text`, in a new array.
 *
 * @example
 * ```ts
 * import { utf8 } from "@panelsig/core";
 * utf8("abc"); // Uint8Array [97, 98, 99]
 * ```
 */
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

/** The length of text's UTF-8 form, without making it (the text has no lone surrogate). */
export function utf8Length(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) length += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      length += 2; // a surrogate pair: 2 chars, 4 bytes
      i++;
    } else length += 2;
  }
  return length;
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
  return scanLoneSurrogate(text);
}

/** A surrogate pair, or a surrogate alone: pairs are matched first, so a one-char match is a lone one. */
const SURROGATES = /[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

/** loneSurrogateAt without isWellFormed, as where it is missing; exported for the test that compares the two. */
export function scanLoneSurrogate(text: string): number {
  for (const match of text.matchAll(SURROGATES)) if (match[0].length === 1) return match.index;
  return -1;
}

/** The character code of the lower-case hex digit for 0-15: "0"-"9" are 48-57, "a"-"f" 97-102. */
function hexDigitCode(value: number): number {
  return value + (value < 10 ? 48 : 87);
}

/**
 * Lower-case hex. The digits are written as bytes and decoded once: that gives a flat string,
 * which the template or encoder it goes into next reads faster than a string built by `+=`.
 *
 * @example
 * ```ts
 * import { toHex, utf8 } from "@panelsig/core";
 * toHex(utf8("abc")); // "616263"
 * ```
 */
export function toHex(bytes: Uint8Array): string {
  const digits = pooledBytes(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    digits[2 * i] = hexDigitCode(bytes[i]! >> 4);
    digits[2 * i + 1] = hexDigitCode(bytes[i]! & 15);
  }
  return strictDecoder.decode(digits); // ASCII: valid UTF-8, and no BOM
}

// Strict standard base64 (RFC 4648 §4): only the alphabet, then at most two "=" at the end, in
// whole groups of four. atob is forgiving (it skips spaces and takes missing padding), so it
// only decodes what this check has let through.
const STRICT_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Strict standard base64 (RFC 4648 §4, padding required); undefined when malformed.
 *
 * @example
 * ```ts
 * import { fromBase64 } from "@panelsig/core";
 * fromBase64("YWJj"); // Uint8Array [97, 98, 99]
 * fromBase64("YWJ");  // undefined
 * ```
 */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !STRICT_BASE64.test(text)) return undefined;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Standard base64 (RFC 4648 §4) with padding: the JSON form of a binary body (`bodyBase64`).
 *
 * @example
 * ```ts
 * import { toBase64, utf8 } from "@panelsig/core";
 * toBase64(utf8("abc")); // "YWJj"
 * ```
 */
export function toBase64(bytes: Uint8Array): string {
  return btoa(bytesToBinaryString(bytes));
}

/** The parts one after another, pooled: only for bytes that stay inside panelsig (what is hashed or MACed). */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return joinInto(pooledBytes(totalLength(parts)), parts);
}

/** The parts one after another, in bytes of their own (a body handed back to the caller). */
export function concatChunks(parts: readonly Uint8Array[]): Uint8Array {
  return joinInto(new Uint8Array(totalLength(parts)), parts);
}

function totalLength(parts: readonly Uint8Array[]): number {
  let length = 0;
  for (const p of parts) length += p.length;
  return length;
}

function joinInto(out: Uint8Array, parts: readonly Uint8Array[]): Uint8Array {
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
 *
 * @example
 * ```ts
 * import { timingSafeEqualText } from "@panelsig/core";
 * timingSafeEqualText(received, expected); // true only when equal, in the same time wherever they differ
 * ```
 */
export function timingSafeEqualText(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) {
    diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  }
  return diff === 0;
}

/** A text as Go holds it: its UTF-8 bytes, one char per byte (0-255). */
export function toBinaryString(text: string): string {
  return isAscii(text) ? text : bytesToBinaryString(utf8(text));
}

/** Bytes as a binary string: one char per byte (0-255). */
function bytesToBinaryString(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return binary;
}

/** The bytes of a binary string, pooled (see bytes.ts): every caller only hashes, MACs or decodes them. */
export function binaryStringToBytes(binary: string): Uint8Array {
  const out = pooledBytes(binary.length);
  // encodeInto copies ASCII natively; a char from 0x80 on would be UTF-8 encoded, so then every byte is copied by hand.
  const { read, written } = encoder.encodeInto(binary, out);
  if (read !== binary.length || written !== binary.length) {
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  }
  return out;
}
