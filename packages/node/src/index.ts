// panelsig on node:crypto (OpenSSL). Deno and Bun run it through their Node compatibility.

/**
 * panelsig on node:crypto: sign, verify a case object, verify a Web Request or a Node request.
 * The fastest provider on servers; Deno and Bun run it too.
 *
 * @module @panelsig/node
 */

import { bindSign, bindVerify, bindVerifyRequest, type Sign, type Verify, type VerifyRequest } from "@panelsig/core";
import { nodeProvider } from "./provider.ts";

export { nodeProvider } from "./provider.ts";
export { verifyNodeRequest } from "./node-request.ts";

/**
 * Signs a case object with node:crypto: the headers to send, and every intermediate.
 * Bad input rejects with a PanelsigError naming the field.
 *
 * @example
 * ```ts
 * import { sign } from "@panelsig/node";
 *
 * const url = "https://panel.example.com/entrance/api/user/info";
 * const { headers } = await sign({ scheme: "acepanel", request: { method: "GET", url },
 *   credentials: { secret: "YourSecretToken", keyId: 16 }, options: { entrance: "/entrance" } });
 * const info = await (await fetch(url, { headers })).json();
 * ```
 */
export const sign: Sign = /* @__PURE__ */ bindSign(nodeProvider);

/**
 * Verifies a case object with node:crypto: the real receiver's answer.
 *
 * @example
 * ```ts
 * import { verify } from "@panelsig/node";
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
export const verify: Verify = /* @__PURE__ */ bindVerify(nodeProvider);

/**
 * Verifies a Web Request (Node's fetch, undici, Hono on Node) with node:crypto. For node:http's
 * own requests, {@link verifyNodeRequest} sees what a Go server sees (the raw target, repeated headers).
 *
 * @example
 * ```ts
 * import { verifyRequest } from "@panelsig/node";
 *
 * const r = await verifyRequest(new Request("http://127.0.0.1:7443/api/ping"), { scheme: "opterius-panel", secret: "eyJ-test" });
 * // r.valid: false, r.error: "missing_headers", r.rejection: { status: 401, … }
 * ```
 */
export const verifyRequest: VerifyRequest = /* @__PURE__ */ bindVerifyRequest(nodeProvider);
