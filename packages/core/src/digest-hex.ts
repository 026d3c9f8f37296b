// Hex digests of several parts, through the provider's own hex methods when it has them and
// otherwise through its byte interface: the parts joined into one buffer, the digest printed here.
// Both paths give the same hex for the same parts (test/digest-hex.test.ts drives them side by side).

import { concatBytes, toHex, utf8 } from "./bytes.ts";
import { whenReady } from "./maybe-promise.ts";
import type { DigestPart, MaybePromise, SigningProvider } from "./provider.ts";

export function sha256Hex(provider: SigningProvider, parts: readonly DigestPart[]): MaybePromise<string> {
  if (provider.sha256Hex) return provider.sha256Hex(parts);
  return whenReady(provider.sha256(joinParts(parts)), toHex);
}

export function hmacSha256Hex(provider: SigningProvider, key: DigestPart, parts: readonly DigestPart[]): MaybePromise<string> {
  if (provider.hmacSha256Hex) return provider.hmacSha256Hex(key, parts);
  return whenReady(provider.hmacSha256(typeof key === "string" ? utf8(key) : key, joinParts(parts)), toHex);
}

/** The parts' bytes, one after another (text as UTF-8), pooled: they are only hashed (bytes.ts). */
function joinParts(parts: readonly DigestPart[]): Uint8Array {
  if (parts.length === 1 && typeof parts[0] !== "string") return parts[0]!;
  return concatBytes(...parts.map((part) => (typeof part === "string" ? utf8(part) : part)));
}
