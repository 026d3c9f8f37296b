// The differential properties: providers that must agree byte for byte, as property factories
// over any list of providers, so the fuzz tests run them on the real providers and the
// broken-provider test shows the same properties catch a provider that is wrong.
import fc from "fast-check";
import { PanelsigError, toHex, type Case, type CryptoProvider, type SignResult } from "@panelsig/core";
import { chunkSizes, hmacKey, message } from "./fuzz-arbitraries.ts";

/** Feeds `data` to the provider's incremental SHA-256 in chunks cycling through `sizes`. */
export async function streamedSha256(provider: CryptoProvider, data: Uint8Array, sizes: number[]): Promise<Uint8Array> {
  const hash = provider.createSha256();
  hash.update(data.subarray(0, 0));
  for (let offset = 0, i = 0; offset < data.length; i++) {
    const size = sizes[i % sizes.length]!;
    hash.update(data.subarray(offset, offset + size));
    offset += size;
  }
  return hash.digest();
}

/** What each provider computes for one input, by provider name. */
async function digests(provider: CryptoProvider, data: Uint8Array, key: Uint8Array, sizes: number[]) {
  return {
    sha256: toHex(await provider.sha256(data)),
    streamed: toHex(await streamedSha256(provider, data, sizes)),
    hmac: toHex(await provider.hmacSha256(key, data)),
  };
}

/** Property 1: every provider gives the same SHA-256 (one-shot and streamed) and HMAC-SHA256. */
export function digestsAgree(providers: readonly CryptoProvider[]) {
  return fc.asyncProperty(message, hmacKey, chunkSizes, async (data, key, sizes) => {
    const [first, ...rest] = providers;
    const expected = await digests(first!, data, key, sizes);
    for (const provider of rest) {
      const actual = await digests(provider, data, key, sizes);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        throw new Error(`${provider.name} ${JSON.stringify(actual)} differs from ${first!.name} ${JSON.stringify(expected)}`);
      }
    }
  });
}

export interface Signer {
  name: string;
  sign(input: Case): Promise<SignResult>;
}

/** A sign outcome as comparable data: the result, or the PanelsigError's code and field. */
export async function signOutcome(signer: Signer, input: Case): Promise<SignResult | { error: string; field: string }> {
  try {
    return await signer.sign(input);
  } catch (error) {
    if (error instanceof PanelsigError) return { error: error.code, field: error.field };
    throw new Error(`${signer.name} threw ${String(error)} instead of a PanelsigError`);
  }
}

/** Property 2: every signer gives the same result (or refuses with the same code and field). */
export function signsAgree(signers: readonly Signer[], cases: fc.Arbitrary<Case>) {
  return fc.asyncProperty(cases, async (input) => {
    const [first, ...rest] = signers;
    const expected = JSON.stringify(await signOutcome(first!, input));
    for (const signer of rest) {
      const actual = JSON.stringify(await signOutcome(signer, input));
      if (actual !== expected) throw new Error(`${signer.name} ${actual} differs from ${first!.name} ${expected}`);
    }
  });
}
