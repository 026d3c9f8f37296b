// @panelsig/pure: SHA-256 and HMAC-SHA256 in plain ECMAScript, for any runtime.

/**
 * SHA-256 and HMAC-SHA256 in plain TypeScript, and panelsig's API on them: for runtimes without
 * node:crypto or WebCrypto, or where a synchronous hash is needed.
 *
 * @module @panelsig/pure
 */

import { bindSign, bindVerify, bindVerifyRequest, type Sign, type Verify, type VerifyRequest, type CryptoProvider } from "@panelsig/core";
import { hmacSha256 } from "./hmac.ts";
import { Sha256, sha256 } from "./sha256.ts";

export { HmacSha256Key, hmacSha256 } from "./hmac.ts";
export { Sha256, sha256 } from "./sha256.ts";

/**
 * panelsig's own SHA-256 and HMAC-SHA256 as a CryptoProvider (synchronous).
 *
 * @example
 * ```ts
 * import { pureProvider } from "@panelsig/pure";
 * const tag = pureProvider.hmacSha256(new TextEncoder().encode("key"), new TextEncoder().encode("message")); // Uint8Array(32), at once
 * ```
 */
export const pureProvider: CryptoProvider = {
  name: "pure",
  sha256,
  createSha256: () => new Sha256(),
  hmacSha256,
};

/**
 * Signs a case object with panelsig's own SHA-256 and HMAC: the headers to send, and every
 * intermediate. Bad input rejects with a PanelsigError naming the field.
 *
 * @example
 * ```ts
 * import { sign } from "@panelsig/pure";
 *
 * const url = "https://panel.example.com/entrance/api/user/info";
 * const { headers } = await sign({ scheme: "acepanel", request: { method: "GET", url },
 *   credentials: { secret: "YourSecretToken", keyId: 16 }, options: { entrance: "/entrance" } });
 * const info = await (await fetch(url, { headers })).json();
 * ```
 */
export const sign: Sign = /* @__PURE__ */ bindSign(pureProvider);

/**
 * Verifies a case object with panelsig's own SHA-256 and HMAC: the real receiver's answer.
 *
 * @example
 * ```ts
 * import { verify } from "@panelsig/pure";
 *
 * const result = await verify({
 *   scheme: "acepanel",
 *   request: { method: "GET", url: "/entrance/api/user/info",
 *     headers: [["X-Timestamp", "1700000000"], ["Authorization", "HMAC-SHA256 Credential=16, Signature=b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7"]] },
 *   credentials: { secret: "YourSecretToken", keyId: 16 },
 *   context: { now: 1700000000, entrance: "/entrance" },
 * });
 * // result.valid: true; result.stringToSign: "HMAC-SHA256\n1700000000\n3deacd6a…65a6"
 * ```
 */
export const verify: Verify = /* @__PURE__ */ bindVerify(pureProvider);

/**
 * Verifies a Web Request with panelsig's own SHA-256 and HMAC.
 *
 * @example
 * ```ts
 * import { verifyRequest } from "@panelsig/pure";
 *
 * Deno.serve(async (request) => {
 *   const r = await verifyRequest(request, { scheme: "opterius-agent", secret: Deno.env.get("AGENT_SECRET")!, keepBody: true });
 *   if (!r.valid) return new Response(r.rejection!.body, { status: r.rejection!.status, headers: r.rejection!.headers });
 *   return Response.json({ created: JSON.parse(new TextDecoder().decode(r.body)).username });
 * });
 * ```
 */
export const verifyRequest: VerifyRequest = /* @__PURE__ */ bindVerifyRequest(pureProvider);
