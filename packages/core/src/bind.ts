// The public API on one crypto provider. Each provider package binds it once
// (`export const sign = bindSign(nodeProvider)`), so the wrappers and their documentation live
// here alone. Each binding is its own function so that a bundle of `sign` carries only `sign`.

import type { CryptoProvider, SigningProvider } from "./provider.ts";
import { signWith } from "./sign.ts";
import type { Case, SignResult, VerifyResult } from "./types.ts";
import { verifyWith, type VerifyCaseOptions } from "./verify.ts";
import type { VerifiedRequest } from "./verify-http.ts";
import { verifyRequestWith, type VerifyRequestOptions } from "./verify-request.ts";

/**
 * Signs a case object: the headers to send and every intermediate. Bad input rejects with a PanelsigError naming the field.
 *
 * @example
 * ```ts
 * import { sign } from "@panelsig/node"; // a Sign; so are @panelsig/webcrypto's and @panelsig/pure's
 * const { headers } = await sign({ scheme: "acepanel", request: { method: "GET", url: "/entrance/api/user/info" },
 *   credentials: { secret: "YourSecretToken", keyId: 16 }, timestamp: 1700000000, options: { entrance: "/entrance" } });
 * // [["X-Timestamp", "1700000000"], ["Authorization", "HMAC-SHA256 Credential=16, Signature=b8dd…4cb7"]]
 * ```
 */
export type Sign = (input: Case) => Promise<SignResult>;

/**
 * Verifies a case object: the real receiver's answer. Rejects only when the case itself is malformed.
 *
 * @example
 * ```ts
 * import { verify } from "@panelsig/node"; // a Verify
 * const result = await verify({ scheme: "opterius-panel", request: { method: "POST", url: "/api/accounts/42/suspend",
 *     headers: [["X-Timestamp", "1775658720"], ["X-Signature", "f21d3dd043240efa42386b16fc79e049c338a06a7057788aff2fe466400b7146"]] },
 *   credentials: { secret: "eyJ-test" }, context: { now: 1775658720 } });
 * // result.valid: true (no body: the real client signs "{}")
 * ```
 */
export type Verify = (input: Case, options?: VerifyCaseOptions) => Promise<VerifyResult>;

/**
 * Verifies a Web Request (Deno.serve, Bun.serve, Workers, Hono, Node's fetch): the real receiver's answer and the response to send.
 *
 * @example
 * ```ts
 * import { verifyRequest } from "@panelsig/webcrypto"; // a VerifyRequest
 * Deno.serve(async (request) => {
 *   const r = await verifyRequest(request, { scheme: "opterius-agent", secret: Deno.env.get("AGENT_SECRET")! });
 *   return r.valid ? Response.json({}) : new Response(r.rejection!.body, r.rejection!);
 * });
 * ```
 */
export type VerifyRequest = (request: Request, options: VerifyRequestOptions) => Promise<VerifiedRequest>;

/**
 * `sign` on one provider: how each provider package makes its own (`export const sign = bindSign(nodeProvider)`).
 *
 * @example
 * ```ts
 * import { bindSign } from "@panelsig/core";
 * import { pureProvider } from "@panelsig/pure";
 * const sign = bindSign(pureProvider);
 * const { signature } = await sign({ scheme: "opterius-agent", request: { method: "GET", url: "/files/list?path=/home/alice" },
 *   credentials: { secret: "your-secret-key-here" }, timestamp: "2026-04-08T14:32:00+00:00" }); // "efe8dc63…2696"
 * ```
 */
export function bindSign(provider: SigningProvider): Sign {
  return (input) => signWith(provider, input);
}

/**
 * `verify` on one provider.
 *
 * @example
 * ```ts
 * import { bindVerify } from "@panelsig/core";
 * import { pureProvider } from "@panelsig/pure";
 * const verify = bindVerify(pureProvider);
 * ```
 */
export function bindVerify(provider: CryptoProvider): Verify {
  return (input, options) => verifyWith(provider, input, options);
}

/**
 * `verifyRequest` on one provider.
 *
 * @example
 * ```ts
 * import { bindVerifyRequest } from "@panelsig/core";
 * import { pureProvider } from "@panelsig/pure";
 * const verifyRequest = bindVerifyRequest(pureProvider);
 * const r = await verifyRequest(new Request("http://127.0.0.1:8080/api/ping"), { scheme: "opterius-panel", secret: "eyJ-test" });
 * // r.error: "missing_headers", r.rejection: { status: 401, … }
 * ```
 */
export function bindVerifyRequest(provider: CryptoProvider): VerifyRequest {
  return (request, options) => verifyRequestWith(provider, request, options);
}
