// An incremental HMAC-SHA256 (RFC 2104) built on the provider's incremental SHA-256, for bodies
// that arrive in chunks. WebCrypto has no incremental HMAC, so this one construction serves every
// provider:  HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m)),  K0 = K (or H(K) when longer
// than the 64-byte block) padded with zeros to 64 bytes.

import type { CryptoProvider, Sha256Hash } from "./provider.ts";

const BLOCK = 64;

/**
 * An HMAC-SHA256 fed in chunks (see {@link createHmacSha256}).
 *
 * @example
 * ```ts
 * const mac: HmacStream = await createHmacSha256(nodeProvider, key);
 * for await (const chunk of request.body!) mac.update(chunk);
 * const tag = await mac.digest();
 * ```
 */
export interface HmacStream {
  /** Absorbs one chunk. */
  update(chunk: Uint8Array): void;
  /** The 32-byte tag; call once. */
  digest(): Promise<Uint8Array>;
}

/**
 * HMAC-SHA256 fed in chunks, built on any provider's incremental SHA-256 (WebCrypto has no
 * incremental HMAC). The key's bytes are not kept.
 *
 * @example
 * ```ts
 * import { createHmacSha256, toHex, utf8 } from "@panelsig/core";
 * import { webcryptoProvider } from "@panelsig/webcrypto";
 *
 * const mac = await createHmacSha256(webcryptoProvider, utf8("key"));
 * mac.update(utf8("The quick brown fox "));
 * mac.update(utf8("jumps over the lazy dog"));
 * toHex(await mac.digest()); // "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
 * ```
 */
export async function createHmacSha256(provider: CryptoProvider, key: Uint8Array): Promise<HmacStream> {
  const k0 = new Uint8Array(BLOCK);
  k0.set(key.length > BLOCK ? await provider.sha256(key) : key);
  const padded = (pad: number) => k0.map((b) => b ^ pad);
  const inner: Sha256Hash = provider.createSha256();
  inner.update(padded(0x36));
  const outerBlock = padded(0x5c);
  k0.fill(0);
  return {
    update: (chunk) => inner.update(chunk),
    async digest() {
      const innerDigest = await inner.digest();
      const outer = provider.createSha256();
      outer.update(outerBlock);
      outer.update(innerDigest);
      outerBlock.fill(0);
      return outer.digest();
    },
  };
}
