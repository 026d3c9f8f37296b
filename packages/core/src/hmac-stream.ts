// An incremental HMAC-SHA256 (RFC 2104) built on the provider's incremental SHA-256, for bodies
// that arrive in chunks. WebCrypto has no incremental HMAC, so this one construction serves every
// provider:  HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m)),  K0 = K (or H(K) when longer
// than the 64-byte block) padded with zeros to 64 bytes.

import type { CryptoProvider, Sha256Hash } from "./provider.ts";

const BLOCK = 64;

export interface HmacStream {
  update(chunk: Uint8Array): void;
  /** The 32-byte tag; call once. */
  digest(): Promise<Uint8Array>;
}

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
