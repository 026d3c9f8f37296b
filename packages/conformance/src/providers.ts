// The three interchangeable providers, by name, for harnesses that run every one of them.
//
// @panelsig/node needs node:crypto, which Node, Deno and Bun have and a browser has not, so it is
// imported dynamically: this package loads in a browser too. A provider that cannot load keeps
// its place in PROVIDERS as a stand-in whose every call throws the runtime's reason, so a harness
// running PROVIDERS reports it as unable to run (runCorpus does) instead of skipping it;
// AVAILABLE_PROVIDERS and UNAVAILABLE_PROVIDERS split them into those that loaded here and those
// that did not, with why.

import type { Case, CryptoProvider, SignResult, VerifyResult } from "@panelsig/core";
import * as pure from "@panelsig/pure";
import * as webcrypto from "@panelsig/webcrypto";

export interface ProviderPackage {
  name: string;
  provider: CryptoProvider;
  sign(input: Case): Promise<SignResult>;
  verify(input: Case): Promise<VerifyResult>;
}

/** A provider package that could not load in this runtime, and the runtime's reason. */
export interface UnavailableProvider {
  provider: string;
  reason: string;
}

/** A provider package as loaded: the package itself, or a stand-in and the reason it is one. */
export interface LoadedProvider {
  pkg: ProviderPackage;
  unavailable?: UnavailableProvider;
}

/**
 * Loads a provider package through `load` (a dynamic import). Where the runtime cannot load it,
 * answers with a stand-in of the same name whose every call throws why, and that reason.
 */
export async function loadProvider(name: string, load: () => Promise<Omit<ProviderPackage, "name">>): Promise<LoadedProvider> {
  try {
    return { pkg: { name, ...(await load()) } };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const fail = (): never => {
      throw new Error(`@panelsig/${name} cannot load in this runtime: ${reason}`);
    };
    const provider: CryptoProvider = { name, sha256: fail, createSha256: fail, hmacSha256: fail };
    return { pkg: { name, provider, sign: async () => fail(), verify: async () => fail() }, unavailable: { provider: name, reason } };
  }
}

const node = await loadProvider("node", async () => {
  const { nodeProvider, sign, verify } = await import("@panelsig/node");
  return { provider: nodeProvider, sign, verify };
});

/** node, webcrypto and pure, in that order, in every runtime (see above for one that cannot load). */
export const PROVIDERS: readonly ProviderPackage[] = [
  node.pkg,
  { name: "webcrypto", provider: webcrypto.webcryptoProvider, sign: webcrypto.sign, verify: webcrypto.verify },
  { name: "pure", provider: pure.pureProvider, sign: pure.sign, verify: pure.verify },
];

/** The providers that could not load in this runtime (none on Node, Deno and Bun; node in a browser). */
export const UNAVAILABLE_PROVIDERS: readonly UnavailableProvider[] = node.unavailable ? [node.unavailable] : [];

/** The providers that loaded in this runtime, in PROVIDERS' order. */
export const AVAILABLE_PROVIDERS: readonly ProviderPackage[] = PROVIDERS.filter(
  (pkg) => !UNAVAILABLE_PROVIDERS.some((unavailable) => unavailable.provider === pkg.name),
);
