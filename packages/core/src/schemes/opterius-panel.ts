// Opterius Panel: a billing system (Opterius Commerce) calls the panel with
//   X-Signature = hex(hmac(api_token, TIMESTAMP + BODY)), TIMESTAMP Unix seconds.
// Method and path are NOT signed. The real client signs "{}" when it sends no body at all;
// the doc reads as signing "" (option emptyBody: "").

import { concatBytes, toHex, utf8 } from "../bytes.ts";
import type { ReadCase } from "../case.ts";
import { PanelsigError } from "../errors.ts";
import type { CryptoProvider } from "../provider.ts";
import { showSignedBytes } from "../signed-bytes.ts";
import type { HeaderPair, SignResult } from "../types.ts";

export const UNIX_SECONDS = /^[0-9]+$/;

export interface PanelParts {
  timestamp: string;
  /** The bytes signed as the body: the body sent, or the empty-body form when none was sent. */
  signedBody: Uint8Array;
  secret: Uint8Array;
}

/** The signed bytes and the signature: the one code path for signer and verifier. */
export async function panelSignature(provider: CryptoProvider, parts: PanelParts) {
  const signed = concatBytes(utf8(parts.timestamp), parts.signedBody);
  const signature = toHex(await provider.hmacSha256(parts.secret, signed));
  return { ...showSignedBytes(signed), signature };
}

export async function signOpteriusPanel(provider: CryptoProvider, c: ReadCase): Promise<SignResult> {
  const timestamp = c.timestamp ?? String(Math.floor(Date.now() / 1000));
  if (!UNIX_SECONDS.test(timestamp)) {
    throw new PanelsigError("invalid_timestamp", "timestamp", `${JSON.stringify(timestamp)} is not Unix seconds in decimal`);
  }
  const { body } = c.request;
  const result = await panelSignature(provider, {
    timestamp,
    signedBody: body.length > 0 ? body : utf8(c.options.emptyBody ?? "{}"),
    secret: c.secret,
  });
  const headers: HeaderPair[] = [
    ["X-Timestamp", timestamp],
    ["X-Signature", result.signature],
    ["Accept", "application/json"],
  ];
  if (body.length > 0) headers.push(["Content-Type", "application/json"]);
  return { headers, ...result };
}
