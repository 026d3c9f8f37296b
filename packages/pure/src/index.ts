// @panelsig/pure: SHA-256 and HMAC-SHA256 in plain ECMAScript, for any runtime.
import {
  signWith,
  verifyRequestWith,
  verifyWith,
  type Case,
  type CryptoProvider,
  type SignResult,
  type VerifiedRequest,
  type VerifyCaseOptions,
  type VerifyRequestOptions,
  type VerifyResult,
} from "@panelsig/core";
import { hmacSha256 } from "./hmac.ts";
import { Sha256, sha256 } from "./sha256.ts";

export { HmacSha256Key, hmacSha256 } from "./hmac.ts";
export { Sha256, sha256 } from "./sha256.ts";

export const pureProvider: CryptoProvider = {
  name: "pure",
  sha256,
  createSha256: () => new Sha256(),
  hmacSha256,
};

/** Signs a case object with panelsig's own SHA-256 and HMAC. */
export const sign = (input: Case): Promise<SignResult> => signWith(pureProvider, input);

/** Verifies a case object with panelsig's own SHA-256 and HMAC: the real receiver's answer. */
export const verify = (input: Case, options?: VerifyCaseOptions): Promise<VerifyResult> => verifyWith(pureProvider, input, options);

/** Verifies a Web Request with panelsig's own SHA-256 and HMAC. */
export const verifyRequest = (request: Request, options: VerifyRequestOptions): Promise<VerifiedRequest> =>
  verifyRequestWith(pureProvider, request, options);
