// panelsig on WebCrypto (globalThis.crypto.subtle), the default for browsers and edge runtimes.
// Each secret is imported as a CryptoKey once and reused: importKey costs as much as a sign.
// WebCrypto has no incremental digest, so streamed bodies are hashed by @panelsig/pure's SHA-256.

import { signWith, type Case, type CryptoProvider, type SignResult } from "@panelsig/core";
import { Sha256 } from "@panelsig/pure";

const MAX_CACHED_KEYS = 256;
const keys = new Map<string, Promise<CryptoKey>>();

function subtle(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error("@panelsig/webcrypto: globalThis.crypto.subtle is not available in this runtime (use @panelsig/pure)");
  return subtle;
}

function hmacKey(key: Uint8Array): Promise<CryptoKey> {
  const id = String.fromCharCode(...key); // one char per byte: an exact, comparable map key
  let cryptoKey = keys.get(id);
  if (!cryptoKey) {
    cryptoKey = subtle().importKey("raw", key as Uint8Array<ArrayBuffer>, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value!);
    keys.set(id, cryptoKey);
  }
  return cryptoKey;
}

export const webcryptoProvider: CryptoProvider = {
  name: "webcrypto",
  sha256: async (data) => new Uint8Array(await subtle().digest("SHA-256", data as Uint8Array<ArrayBuffer>)),
  createSha256: () => new Sha256(),
  hmacSha256: async (key, data) => new Uint8Array(await subtle().sign("HMAC", await hmacKey(key), data as Uint8Array<ArrayBuffer>)),
};

/** Signs a case object with WebCrypto. */
export const sign = (input: Case): Promise<SignResult> => signWith(webcryptoProvider, input);
