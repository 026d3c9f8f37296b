// An independent computation for expected values: node:crypto called directly. The provider
// here is a test fixture only; expected signatures are built from hand-written strings.
import { createHash, createHmac } from "node:crypto";
import type { CryptoProvider } from "@panelsig/core";

export const sha256hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
export const hmacHex = (secret: string, data: string | Uint8Array) => createHmac("sha256", secret).update(data).digest("hex");
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export const oracleProvider: CryptoProvider = {
  name: "oracle",
  sha256: (data) => createHash("sha256").update(data).digest(),
  createSha256() {
    const hash = createHash("sha256");
    return { update: (chunk) => void hash.update(chunk), digest: () => hash.digest() };
  },
  hmacSha256: (key, data) => createHmac("sha256", key).update(data).digest(),
};

/** The AcePanel signature of a hand-written canonical request. */
export function acepanelExpected(secret: string, timestamp: string, canonicalRequest: string) {
  const stringToSign = `HMAC-SHA256\n${timestamp}\n${sha256hex(canonicalRequest)}`;
  return { canonicalRequest, stringToSign, signature: hmacHex(secret, stringToSign) };
}
