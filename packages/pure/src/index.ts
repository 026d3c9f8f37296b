// @panelsig/pure: SHA-256 and HMAC-SHA256 in plain ECMAScript, for any runtime.

import { bindSign, bindVerify, bindVerifyRequest, type Sign, type Verify, type VerifyRequest, type CryptoProvider } from "@panelsig/core";
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
export const sign: Sign = /* @__PURE__ */ bindSign(pureProvider);

/** Verifies a case object with panelsig's own SHA-256 and HMAC: the real receiver's answer. */
export const verify: Verify = /* @__PURE__ */ bindVerify(pureProvider);

/** Verifies a Web Request with panelsig's own SHA-256 and HMAC. */
export const verifyRequest: VerifyRequest = /* @__PURE__ */ bindVerifyRequest(pureProvider);
