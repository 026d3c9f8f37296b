// The node:crypto (OpenSSL) provider. Deno and Bun run it through their Node compatibility.
// Its hex methods hash text without copying it first and print the hex in C++: the same calls a
// hand-written signer makes.

import * as nodeCrypto from "node:crypto";
import { createHash, createHmac } from "node:crypto";
import type { CryptoProvider, DigestPart } from "@panelsig/core";

/**
 * crypto.hash (Node 20.12+, Deno, Bun): a one-shot digest without a Hash object, about 1 µs less a
 * call; createHash where it is missing.
 */
const oneShotHash = (nodeCrypto as { hash?: (algorithm: string, data: DigestPart, encoding: "hex") => string }).hash;

/**
 * SHA-256 and HMAC-SHA256 from node:crypto, as the CryptoProvider the core functions take.
 *
 * @example
 * ```ts
 * import { signWith } from "@panelsig/core";
 * import { nodeProvider } from "@panelsig/node";
 *
 * const digest = nodeProvider.sha256(new TextEncoder().encode("abc")); // a Buffer: ba7816bf…15ad
 * const { headers } = await signWith(nodeProvider, { scheme: "opterius-panel", request: { method: "GET", url: "/api/ping" }, credentials: { secret: "eyJ-test" } });
 * ```
 */
export const nodeProvider: CryptoProvider = {
  name: "node",
  sha256: (data) => createHash("sha256").update(data).digest(),
  createSha256() {
    const hash = createHash("sha256");
    return { update: (chunk) => void hash.update(chunk), digest: () => hash.digest() };
  },
  hmacSha256: (key, data) => createHmac("sha256", key).update(data).digest(),
  sha256Hex(parts: readonly DigestPart[]) {
    if (parts.length === 1 && oneShotHash) return oneShotHash("sha256", parts[0]!, "hex");
    const hash = createHash("sha256");
    for (let i = 0; i < parts.length; i++) hash.update(parts[i]!);
    return hash.digest("hex");
  },
  hmacSha256Hex(key: DigestPart, parts: readonly DigestPart[]) {
    const mac = createHmac("sha256", key);
    for (let i = 0; i < parts.length; i++) mac.update(parts[i]!);
    return mac.digest("hex");
  },
};
