// panelsig on node:crypto (OpenSSL). Deno and Bun run it through their Node compatibility.

import { bindSign, bindVerify, bindVerifyRequest, type Sign, type Verify, type VerifyRequest } from "@panelsig/core";
import { nodeProvider } from "./provider.ts";

export { nodeProvider } from "./provider.ts";
export { verifyNodeRequest } from "./node-request.ts";

/** Signs a case object with node:crypto. */
export const sign: Sign = /* @__PURE__ */ bindSign(nodeProvider);

/** Verifies a case object with node:crypto: the real receiver's answer. */
export const verify: Verify = /* @__PURE__ */ bindVerify(nodeProvider);

/** Verifies a Web Request (Node's fetch, undici, Hono on Node) with node:crypto. */
export const verifyRequest: VerifyRequest = /* @__PURE__ */ bindVerifyRequest(nodeProvider);
