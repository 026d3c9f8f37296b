// HMAC-SHA256 (RFC 2104). The key only ever enters the hash as two padded 64-byte blocks, so
// their chaining states can be computed once per key: a MAC then starts mid-hash and costs the
// message's own blocks plus one outer block.
import { assertBytes } from "./bytes.ts";
import { IV, compress, finish, sha256, viewOf } from "./sha256.ts";

// Scratch space, shared: JavaScript runs one call at a time and nothing here re-enters.
const PAD = new Uint8Array(64);
const PAD_VIEW = viewOf(PAD);
const INNER = new Int32Array(8);
const OUTER = new Int32Array(8);
const WORK = new Int32Array(8);

/** Sets `inner` and `outer` to the states after absorbing key ^ ipad and key ^ opad. */
function absorbKey(key: Uint8Array, inner: Int32Array, outer: Int32Array): void {
  const k = key.length > 64 ? sha256(key) : key;
  for (let i = 0; i < k.length; i++) PAD[i] = k[i]! ^ 0x36;
  PAD.fill(0x36, k.length);
  inner.set(IV);
  compress(inner, PAD_VIEW, 0, 1);
  for (let i = 0; i < 64; i++) PAD[i]! ^= 0x36 ^ 0x5c;
  outer.set(IV);
  compress(outer, PAD_VIEW, 0, 1);
  PAD.fill(0);
}

/** HMAC-SHA256 of `data`, starting from the precomputed states of its key. */
function macFrom(inner: Int32Array, outer: Int32Array, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  WORK.set(inner);
  const blocks = Math.floor(data.length / 64);
  if (blocks > 0) compress(WORK, viewOf(data), 0, blocks);
  finish(WORK, data, blocks * 64, 64 + data.length, out, 0);
  // The outer hash reads the inner digest out of `out` before writing the tag over it.
  WORK.set(outer);
  finish(WORK, out, 0, 64 + 32, out, 0);
  return out;
}

/**
 * One key's precomputed states: `mac` is HMAC-SHA256 under that key, without redoing the key
 * (two compressions saved per message). The key's bytes are not kept: changing them afterwards
 * changes nothing. A key that is not a Uint8Array is a PanelsigError (`invalid_bytes`, field `key`).
 *
 * @example
 * ```ts
 * import { HmacSha256Key } from "@panelsig/pure";
 *
 * const key = new HmacSha256Key(new TextEncoder().encode("key"));
 * const tag = key.mac(new TextEncoder().encode("The quick brown fox jumps over the lazy dog"));
 * // tag: f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8 (hex)
 * ```
 */
export class HmacSha256Key {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);

  /** Prepares `key` (any length; longer than 64 bytes is hashed first, as RFC 2104 says). */
  constructor(key: Uint8Array) {
    assertBytes(key, "key");
    absorbKey(key, this.inner, this.outer);
  }

  /** HMAC-SHA256 of `data` under this key: 32 new bytes. `data` that is not a Uint8Array is a PanelsigError (`invalid_bytes`, field `data`). */
  mac(data: Uint8Array): Uint8Array {
    assertBytes(data, "data");
    return macFrom(this.inner, this.outer, data);
  }
}

/**
 * HMAC-SHA256 of `data` under `key`: 32 new bytes. Either argument not a Uint8Array (a Buffer is
 * one) is a PanelsigError (`invalid_bytes`) whose field names it, `key` or `data`.
 *
 * @example
 * ```ts
 * import { hmacSha256 } from "@panelsig/pure";
 *
 * const text = new TextEncoder();
 * const tag = hmacSha256(text.encode("key"), text.encode("The quick brown fox jumps over the lazy dog"));
 * // tag: f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8 (hex)
 * hmacSha256("key" as never, tag); // throws PanelsigError: key: must be a Uint8Array, not a string (…)
 * ```
 */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  assertBytes(key, "key");
  assertBytes(data, "data");
  absorbKey(key, INNER, OUTER);
  const tag = macFrom(INNER, OUTER, data);
  // These states stand in for the key: don't leave them lying around between calls.
  INNER.fill(0);
  OUTER.fill(0);
  return tag;
}
