// The node:crypto (OpenSSL) provider. Deno and Bun run it through their Node compatibility.
// Its hex methods hash text without copying it first and print the hex in C++, as a hand-written
// signer would; a short message's HMAC takes two one-shot hashes instead of an Hmac object.

import * as nodeCrypto from "node:crypto";
import { Buffer } from "node:buffer";
import { createHash, createHmac } from "node:crypto";
import type { CryptoProvider, DigestPart } from "@panelsig/core";

/**
 * crypto.hash (Node 20.12+, Deno, Bun): a one-shot digest without a Hash object, about 1 µs less a
 * call; createHash where it is missing.
 */
const oneShotHash = (nodeCrypto as { hash?: OneShotHash }).hash;
type OneShotHash = (algorithm: string, data: DigestPart, encoding: "hex") => string;

// A short message's HMAC as RFC 2104 defines it, H(K^opad || H(K^ipad || m)), in two one-shot
// hashes with hex out (a Buffer out costs more than the hash): no Hmac object, and each text key's
// pad blocks made once. Where K^ipad is ASCII (any ASCII key up to 64 bytes) and the message is
// text, the inner hash takes K^ipad + m as one string, with no copy into a buffer. A long message,
// a long key, a key given as bytes (which could change under the cache) or a runtime without
// crypto.hash take createHmac. The cache stays small: the oldest key is dropped.
const BLOCK = 64;
const SHORT_MESSAGE = 4096;
const MAX_CACHED_KEYS = 64;
const MAX_CACHED_KEY_LENGTH = 1024;

interface KeyPads {
  /** K ^ ipad as text, when every byte of it is ASCII (its UTF-8 is then itself). */
  ipadText: string | undefined;
  ipad: Uint8Array;
  /** K ^ opad followed by room for the inner digest: the outer hash's whole input. */
  outer: Buffer;
}

const padsByKey = new Map<string, KeyPads>();
/** K^ipad || m for a message with bytes in it, written in place (every call runs to its end before another starts). */
const inner = Buffer.alloc(BLOCK + SHORT_MESSAGE);

function padsOf(key: string): KeyPads {
  let pads = padsByKey.get(key);
  if (pads !== undefined) return pads;
  let k: Uint8Array = Buffer.from(key, "utf8");
  if (k.length > BLOCK) k = createHash("sha256").update(k).digest(); // a key longer than the block is hashed first
  const ipad = new Uint8Array(BLOCK);
  const outer = Buffer.alloc(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    const byte = i < k.length ? k[i]! : 0; // shorter keys are padded with zeros
    ipad[i] = byte ^ 0x36;
    outer[i] = byte ^ 0x5c;
  }
  const ipadText = ipad.every((byte) => byte < 0x80) ? String.fromCharCode(...ipad) : undefined;
  pads = { ipadText, ipad, outer };
  if (padsByKey.size >= MAX_CACHED_KEYS) padsByKey.delete(padsByKey.keys().next().value!);
  padsByKey.set(key, pads);
  return pads;
}

/**
 * K^ipad + m as one text, or undefined when a part is (non-empty) bytes or the message is long. A part that
 * ends in a high surrogate is left to the byte path: joined to a low surrogate starting the next
 * part it would become one character, where UTF-8 encoding the parts apart gives two U+FFFD.
 */
function innerText(ipadText: string, parts: readonly DigestPart[]): string | undefined {
  let text = ipadText;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (typeof part !== "string") {
      if (part.length === 0) continue; // no bytes: nothing to add (a case without a body)
      return undefined;
    }
    if (text.length + part.length > BLOCK + SHORT_MESSAGE) return undefined;
    const last = part.charCodeAt(part.length - 1);
    if (last >= 0xd800 && last <= 0xdbff && i + 1 < parts.length) return undefined;
    text += part;
  }
  return text;
}

/** K^ipad || m written into `inner`, or undefined when it does not fit. */
function innerBytes(ipad: Uint8Array, parts: readonly DigestPart[]): Buffer | undefined {
  let length = BLOCK;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const room = inner.length - length;
    if (typeof part === "string") {
      if (part.length * 3 > room) return undefined; // UTF-8 takes at most 3 bytes per UTF-16 unit
      length += inner.write(part, length, "utf8");
    } else {
      if (part.length > room) return undefined;
      inner.set(part, length);
      length += part.length;
    }
  }
  inner.set(ipad, 0);
  return inner.subarray(0, length);
}

/** hex(HMAC-SHA256) through crypto.hash, or undefined when the message is too long for it. */
function shortHmacHex(hash: OneShotHash, key: string, parts: readonly DigestPart[]): string | undefined {
  const pads = padsOf(key);
  const input = (pads.ipadText !== undefined ? innerText(pads.ipadText, parts) : undefined) ?? innerBytes(pads.ipad, parts);
  if (input === undefined) return undefined;
  pads.outer.write(hash("sha256", input, "hex"), BLOCK, "hex");
  return hash("sha256", pads.outer, "hex");
}

/**
 * SHA-256 and HMAC-SHA256 from node:crypto, as the CryptoProvider the core functions take.
 *
 * @example
 * ```ts
 * import { signWith } from "@panelsig/core";
 * import { nodeProvider } from "@panelsig/node";
 *
 * const digest = nodeProvider.sha256(new TextEncoder().encode("abc")); // a Buffer: ba7816bf…15ad
 * const { headers } = await signWith(nodeProvider, { scheme: "opterius-panel", request: { method: "GET", url: "/api/ping" }, credentials: { secret: "eyJ-test" } });
 * ```
 */
export const nodeProvider: CryptoProvider = {
  name: "node",
  sha256: (data) => createHash("sha256").update(data).digest(),
  createSha256() {
    const hash = createHash("sha256");
    return { update: (chunk) => void hash.update(chunk), digest: () => hash.digest() };
  },
  hmacSha256: (key, data) => createHmac("sha256", key).update(data).digest(),
  sha256Hex(parts: readonly DigestPart[]) {
    if (parts.length === 1 && oneShotHash) return oneShotHash("sha256", parts[0]!, "hex");
    const hash = createHash("sha256");
    for (let i = 0; i < parts.length; i++) hash.update(parts[i]!);
    return hash.digest("hex");
  },
  hmacSha256Hex(key: DigestPart, parts: readonly DigestPart[]) {
    if (oneShotHash && typeof key === "string" && key.length <= MAX_CACHED_KEY_LENGTH) {
      const hex = shortHmacHex(oneShotHash, key, parts);
      if (hex !== undefined) return hex;
    }
    const mac = createHmac("sha256", key);
    for (let i = 0; i < parts.length; i++) mac.update(parts[i]!);
    return mac.digest("hex");
  },
};
