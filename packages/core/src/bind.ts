// The public API on one crypto provider. Each provider package binds it once
// (`export const sign = bindSign(nodeProvider)`), so the wrappers and their documentation live
// here alone. Each binding is its own function so that a bundle of `sign` carries only `sign`.

import type { CryptoProvider, SigningProvider } from "./provider.ts";
import { signWith } from "./sign.ts";
import type { Case, SignResult, VerifyResult } from "./types.ts";
import { verifyWith, type VerifyCaseOptions } from "./verify.ts";
import type { VerifiedRequest } from "./verify-http.ts";
import { verifyRequestWith, type VerifyRequestOptions } from "./verify-request.ts";

/** Signs a case object: the headers to send and every intermediate. Bad input rejects with a PanelsigError naming the field. */
export type Sign = (input: Case) => Promise<SignResult>;
/** Verifies a case object: the real receiver's answer. Rejects only when the case itself is malformed. */
export type Verify = (input: Case, options?: VerifyCaseOptions) => Promise<VerifyResult>;
/** Verifies a Web Request (Deno.serve, Bun.serve, Workers, Hono, Node's fetch): the real receiver's answer and the response to send. */
export type VerifyRequest = (request: Request, options: VerifyRequestOptions) => Promise<VerifiedRequest>;

export function bindSign(provider: SigningProvider): Sign {
  return (input) => signWith(provider, input);
}

export function bindVerify(provider: CryptoProvider): Verify {
  return (input, options) => verifyWith(provider, input, options);
}

export function bindVerifyRequest(provider: CryptoProvider): VerifyRequest {
  return (request, options) => verifyRequestWith(provider, request, options);
}
