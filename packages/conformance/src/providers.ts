// The three interchangeable providers, by name, for harnesses that run every one of them.
//
// @panelsig/node needs node:crypto, which Node, Deno and Bun have and a browser has not, so it is
// imported dynamically: this package loads in a browser too. A provider that cannot load keeps
// its place in PROVIDERS as a stand-in whose every call throws the runtime's reason, so a harness
// running PROVIDERS reports it as unable to run (runCorpus does) instead of skipping it;
// AVAILABLE_PROVIDERS and UNAVAILABLE_PROVIDERS split them into those that loaded here and those
// that did not, with why.

/**
 * panelsig's three providers by name, without loading the vector corpus.
 *
 * @module @panelsig/conformance/providers
 */

import type { Case, CryptoProvider, SignResult, VerifyResult } from "@panelsig/core";
import * as pure from "@panelsig/pure";
import * as webcrypto from "@panelsig/webcrypto";

/**
 * A provider package as a harness runs it: its name, its crypto provider, and its sign and verify.
 *
 * @example
 * ```ts
 * import * as pure from "@panelsig/pure";
 * const pkg: ProviderPackage = { name: "pure", provider: pure.pureProvider, sign: pure.sign, verify: pure.verify };
 * ```
 */
export interface ProviderPackage {
  /** "node", "webcrypto" or "pure" (or any name of your own). */
  name: string;
  /** Its SHA-256 and HMAC-SHA256. */
  provider: CryptoProvider;
  /** Signs a case object. */
  sign(input: Case): Promise<SignResult>;
  /** Verifies a case object: the real receiver's answer. */
  verify(input: Case): Promise<VerifyResult>;
}

/**
 * A provider package that could not load in this runtime, and the runtime's reason.
 *
 * @example
 * ```ts
 * import { UNAVAILABLE_PROVIDERS } from "@panelsig/conformance/providers";
 * for (const { provider, reason } of UNAVAILABLE_PROVIDERS) console.warn(`${provider}: ${reason}`); // in a browser: node
 * ```
 */
export interface UnavailableProvider {
  /** The provider's name. */
  provider: string;
  /** The runtime's error, as "Name: message". */
  reason: string;
}

/**
 * A provider package as loaded: the package itself, or a stand-in and the reason it is one.
 *
 * @example
 * ```ts
 * const loaded: LoadedProvider = await loadProvider("node", async () => {
 *   const { nodeProvider, sign, verify } = await import("@panelsig/node");
 *   return { provider: nodeProvider, sign, verify };
 * });
 * if (loaded.unavailable) console.warn(loaded.unavailable.reason);
 * ```
 */
export interface LoadedProvider {
  /** The package, or a stand-in whose every call throws the reason. */
  pkg: ProviderPackage;
  /** Set when the package could not load. */
  unavailable?: UnavailableProvider;
}

/**
 * Loads a provider package through `load` (a dynamic import). Where the runtime cannot load it,
 * answers with a stand-in of the same name whose every call throws why, and that reason.
 *
 * @example
 * ```ts
 * import { loadProvider } from "@panelsig/conformance/providers";
 * const { pkg, unavailable } = await loadProvider("node", async () => {
 *   const { nodeProvider, sign, verify } = await import("@panelsig/node");
 *   return { provider: nodeProvider, sign, verify };
 * });
 * // in a browser: unavailable.reason says why, and every call of pkg throws it
 * ```
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

/**
 * node, webcrypto and pure, in that order, in every runtime (one that cannot load is a stand-in
 * whose every call throws why: see {@link UNAVAILABLE_PROVIDERS}).
 *
 * @example
 * ```ts
 * import { PROVIDERS } from "@panelsig/conformance/providers";
 * const c = { scheme: "opterius-panel", request: { method: "GET", url: "/api/ping" }, credentials: { secret: "s" }, timestamp: "1700000000" } as const;
 * for (const p of PROVIDERS) console.log(p.name, (await p.sign(c)).signature); // the same signature three times
 * ```
 */
export const PROVIDERS: readonly ProviderPackage[] = [
  node.pkg,
  { name: "webcrypto", provider: webcrypto.webcryptoProvider, sign: webcrypto.sign, verify: webcrypto.verify },
  { name: "pure", provider: pure.pureProvider, sign: pure.sign, verify: pure.verify },
];

/**
 * The providers that could not load in this runtime (none on Node, Deno and Bun; node in a browser).
 *
 * @example
 * ```ts
 * import { UNAVAILABLE_PROVIDERS } from "@panelsig/conformance/providers";
 * console.log(UNAVAILABLE_PROVIDERS); // [] on Node, Deno and Bun
 * ```
 */
export const UNAVAILABLE_PROVIDERS: readonly UnavailableProvider[] = node.unavailable ? [node.unavailable] : [];

/**
 * The providers that loaded in this runtime, in PROVIDERS' order.
 *
 * @example
 * ```ts
 * import { AVAILABLE_PROVIDERS } from "@panelsig/conformance/providers";
 * console.log(AVAILABLE_PROVIDERS.map((p) => p.name)); // ["node", "webcrypto", "pure"] on Node; ["webcrypto", "pure"] in a browser
 * ```
 */
export const AVAILABLE_PROVIDERS: readonly ProviderPackage[] = PROVIDERS.filter(
  (pkg) => !UNAVAILABLE_PROVIDERS.some((unavailable) => unavailable.provider === pkg.name),
);
