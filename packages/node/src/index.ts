// panelsig on node:crypto (OpenSSL). Deno and Bun run it through their Node compatibility.

import { createHash, createHmac } from "node:crypto";
import { signWith, type Case, type CryptoProvider, type SignResult } from "@panelsig/core";

export const nodeProvider: CryptoProvider = {
  name: "node",
  sha256: (data) => createHash("sha256").update(data).digest(),
  createSha256() {
    const hash = createHash("sha256");
    return { update: (chunk) => void hash.update(chunk), digest: () => hash.digest() };
  },
  hmacSha256: (key, data) => createHmac("sha256", key).update(data).digest(),
};

/** Signs a case object with node:crypto. */
export const sign = (input: Case): Promise<SignResult> => signWith(nodeProvider, input);
