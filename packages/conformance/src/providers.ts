// The three interchangeable providers, by name, for harnesses that run every one of them.

import type { Case, CryptoProvider, SignResult, VerifyResult } from "@panelsig/core";
import * as node from "@panelsig/node";
import * as pure from "@panelsig/pure";
import * as webcrypto from "@panelsig/webcrypto";

export interface ProviderPackage {
  name: string;
  provider: CryptoProvider;
  sign(input: Case): Promise<SignResult>;
  verify(input: Case): Promise<VerifyResult>;
}

export const PROVIDERS: readonly ProviderPackage[] = [
  { name: "node", provider: node.nodeProvider, sign: node.sign, verify: node.verify },
  { name: "webcrypto", provider: webcrypto.webcryptoProvider, sign: webcrypto.sign, verify: webcrypto.verify },
  { name: "pure", provider: pure.pureProvider, sign: pure.sign, verify: pure.verify },
];
