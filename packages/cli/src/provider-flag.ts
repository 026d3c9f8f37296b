// The --provider flag: which of the three interchangeable crypto providers does the work
// (node:crypto by default). All three give identical results; the flag exists to show that.
// From @panelsig/conformance's providers entry, not its main one: that loads the vector corpus,
// which sign, verify, adapter and serve never read.

import { PROVIDERS, type ProviderPackage } from "@panelsig/conformance/providers";
import { oneOf } from "./args.ts";

export const PROVIDER_NAMES = PROVIDERS.map((p) => p.name);

export const PROVIDER_FLAG = { provider: { type: "string" } } as const;

export function pickProvider(name: string | undefined): ProviderPackage {
  const chosen = oneOf("--provider", name, PROVIDER_NAMES, "node");
  return PROVIDERS.find((p) => p.name === chosen)!;
}
