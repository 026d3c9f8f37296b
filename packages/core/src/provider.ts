// The one seam between the schemes and a crypto implementation. Everything a scheme needs is
// SHA-256 (one-shot and incremental, for streamed bodies) and HMAC-SHA256; a provider may answer
// synchronously or with a promise, and the schemes take either. A provider may also offer the
// digests as hex of several parts (text or bytes): node:crypto then hashes text without a copy and
// prints the hex in C++, which is most of the distance to hand-written code (digest-hex.ts).

export type MaybePromise<T> = T | Promise<T>;

/** An incremental SHA-256: feed chunks, then take the 32-byte digest once. */
export interface Sha256Hash {
  update(chunk: Uint8Array): void;
  digest(): MaybePromise<Uint8Array>;
}

/** Bytes, or text standing for its UTF-8 bytes. */
export type DigestPart = string | Uint8Array;

/** What signing needs: one-shot digests only. */
export interface SigningProvider {
  /** Short name used in reports: "node", "webcrypto", "pure". */
  readonly name: string;
  sha256(data: Uint8Array): MaybePromise<Uint8Array>;
  hmacSha256(key: Uint8Array, data: Uint8Array): MaybePromise<Uint8Array>;
  /** Optional: lower-case hex SHA-256 of the parts one after another. */
  sha256Hex?(parts: readonly DigestPart[]): MaybePromise<string>;
  /** Optional: lower-case hex HMAC-SHA256 of the parts one after another. */
  hmacSha256Hex?(key: Uint8Array, parts: readonly DigestPart[]): MaybePromise<string>;
}

/** What verifying needs besides: an incremental SHA-256 for bodies that arrive in chunks. */
export interface CryptoProvider extends SigningProvider {
  createSha256(): Sha256Hash;
}
