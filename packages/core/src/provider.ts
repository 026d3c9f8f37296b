// The one seam between the schemes and a crypto implementation. Everything a scheme needs is
// SHA-256 (one-shot and incremental, for streamed bodies) and HMAC-SHA256; a provider may answer
// synchronously or with a promise, and the schemes await either.

export type MaybePromise<T> = T | Promise<T>;

/** An incremental SHA-256: feed chunks, then take the 32-byte digest once. */
export interface Sha256Hash {
  update(chunk: Uint8Array): void;
  digest(): MaybePromise<Uint8Array>;
}

export interface CryptoProvider {
  /** Short name used in reports: "node", "webcrypto", "pure". */
  readonly name: string;
  sha256(data: Uint8Array): MaybePromise<Uint8Array>;
  createSha256(): Sha256Hash;
  hmacSha256(key: Uint8Array, data: Uint8Array): MaybePromise<Uint8Array>;
}
