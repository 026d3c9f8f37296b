// The one seam between the schemes and a crypto implementation. Everything a scheme needs is
// SHA-256 (one-shot and incremental, for streamed bodies) and HMAC-SHA256; a provider may answer
// synchronously or with a promise, and the schemes take either. A provider may also offer the
// digests as hex of several parts (text or bytes): node:crypto then hashes text without a copy and
// prints the hex in C++, which is most of the distance to hand-written code (digest-hex.ts).

/**
 * A value, or a promise of it: a provider may answer synchronously (node:crypto, pure) or not (WebCrypto).
 *
 * @example
 * ```ts
 * const digest: MaybePromise<Uint8Array> = provider.sha256(bytes);
 * const bytesOut = await digest; // works either way
 * ```
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * An incremental SHA-256: feed chunks, then take the 32-byte digest once.
 *
 * @example
 * ```ts
 * import { nodeProvider } from "@panelsig/node";
 * const hash: Sha256Hash = nodeProvider.createSha256();
 * hash.update(new TextEncoder().encode("a"));
 * hash.update(new TextEncoder().encode("bc"));
 * const digest = await hash.digest(); // ba7816bf…15ad, the SHA-256 of "abc"
 * ```
 */
export interface Sha256Hash {
  /** Absorbs one chunk. */
  update(chunk: Uint8Array): void;
  /** The 32-byte digest of every chunk; once only. */
  digest(): MaybePromise<Uint8Array>;
}

/**
 * Bytes, or text standing for its UTF-8 bytes.
 *
 * @example
 * ```ts
 * import { nodeProvider } from "@panelsig/node";
 * const parts: DigestPart[] = ["2026-04-08T14:32:00+00:00", "GET", "/files/list", new Uint8Array(0)];
 * const signature = nodeProvider.hmacSha256Hex!(new TextEncoder().encode("your-secret-key-here"), parts); // "efe8dc63…2696"
 * ```
 */
export type DigestPart = string | Uint8Array;

/**
 * What signing needs: one-shot digests only. A bundle of `sign` for the browser needs no more
 * (`@panelsig/webcrypto` binds `sign` to WebCrypto's digests alone).
 *
 * @example
 * ```ts
 * import { bindSign, type SigningProvider } from "@panelsig/core";
 * import { createHash, createHmac } from "node:crypto";
 *
 * const mine: SigningProvider = {
 *   name: "mine",
 *   sha256: (data) => createHash("sha256").update(data).digest(),
 *   hmacSha256: (key, data) => createHmac("sha256", key).update(data).digest(),
 * };
 * const sign = bindSign(mine);
 * ```
 */
export interface SigningProvider {
  /** Short name used in reports: "node", "webcrypto", "pure". */
  readonly name: string;
  /** SHA-256 of `data`: 32 bytes. */
  sha256(data: Uint8Array): MaybePromise<Uint8Array>;
  /** HMAC-SHA256 of `data` under `key`: 32 bytes. */
  hmacSha256(key: Uint8Array, data: Uint8Array): MaybePromise<Uint8Array>;
  /** Optional: lower-case hex SHA-256 of the parts one after another. */
  sha256Hex?(parts: readonly DigestPart[]): MaybePromise<string>;
  /** Optional: lower-case hex HMAC-SHA256 of the parts one after another, keyed with bytes or with text (its UTF-8). */
  hmacSha256Hex?(key: DigestPart, parts: readonly DigestPart[]): MaybePromise<string>;
}

/**
 * What verifying needs besides: an incremental SHA-256 for bodies that arrive in chunks.
 * `@panelsig/node`, `@panelsig/webcrypto` and `@panelsig/pure` each export one.
 *
 * @example
 * ```ts
 * import { bindVerify, type CryptoProvider } from "@panelsig/core";
 * import { HmacSha256Key, Sha256, hmacSha256, sha256 } from "@panelsig/pure";
 *
 * const provider: CryptoProvider = { name: "pure", sha256, hmacSha256, createSha256: () => new Sha256() };
 * const verify = bindVerify(provider); // what @panelsig/pure's verify is
 * ```
 */
export interface CryptoProvider extends SigningProvider {
  /** A fresh incremental SHA-256. */
  createSha256(): Sha256Hash;
}
