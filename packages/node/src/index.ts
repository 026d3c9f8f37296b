// panelsig on node:crypto (OpenSSL). Deno and Bun run it through their Node compatibility.

import {
  signWith,
  verifyRequestWith,
  verifyWith,
  type Case,
  type SignResult,
  type VerifiedRequest,
  type VerifyCaseOptions,
  type VerifyRequestOptions,
  type VerifyResult,
} from "@panelsig/core";
import { nodeProvider } from "./provider.ts";

export { nodeProvider } from "./provider.ts";
export { verifyNodeRequest } from "./node-request.ts";

/** Signs a case object with node:crypto. */
export const sign = (input: Case): Promise<SignResult> => signWith(nodeProvider, input);

/** Verifies a case object with node:crypto: the real receiver's answer. */
export const verify = (input: Case, options?: VerifyCaseOptions): Promise<VerifyResult> => verifyWith(nodeProvider, input, options);

/** Verifies a Web Request (Node's fetch, undici, Hono on Node) with node:crypto. */
export const verifyRequest = (request: Request, options: VerifyRequestOptions): Promise<VerifiedRequest> =>
  verifyRequestWith(nodeProvider, request, options);
