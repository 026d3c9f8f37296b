// The node:crypto (OpenSSL) provider. Deno and Bun run it through their Node compatibility.

import { createHash, createHmac } from "node:crypto";
import type { CryptoProvider } from "@panelsig/core";

export const nodeProvider: CryptoProvider = {
  name: "node",
  sha256: (data) => createHash("sha256").update(data).digest(),
  createSha256() {
    const hash = createHash("sha256");
    return { update: (chunk) => void hash.update(chunk), digest: () => hash.digest() };
  },
  hmacSha256: (key, data) => createHmac("sha256", key).update(data).digest(),
};
