// The three interchangeable providers, by name, for harnesses that run every one of them.

import type { Case, CryptoProvider, SignResult } from "@panelsig/core";
import * as node from "@panelsig/node";
import * as pure from "@panelsig/pure";
import * as webcrypto from "@panelsig/webcrypto";

export interface ProviderPackage {
  name: string;
  provider: CryptoProvider;
  sign(input: Case): Promise<SignResult>;
}

export const PROVIDERS: readonly ProviderPackage[] = [
  { name: "node", provider: node.nodeProvider, sign: node.sign },
  { name: "webcrypto", provider: webcrypto.webcryptoProvider, sign: webcrypto.sign },
  { name: "pure", provider: pure.pureProvider, sign: pure.sign },
];
