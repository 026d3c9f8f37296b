// Opterius Agent: the panel calls its server agent (a Go program) with
//   X-Signature = hex(hmac(secret, TIMESTAMP + METHOD + PATH + BODY)), no separators,
// TIMESTAMP the X-Timestamp text (RFC 3339) exactly as sent, PATH the decoded path without the
// query (what the Go agent compares), BODY the exact bytes sent ("" when none).
// The doc writes "…Z"; the real panel (PHP Carbon) sends "…+00:00": both are valid and differ.

import { concatBytes, toHex, utf8 } from "../bytes.ts";
import type { ReadCase } from "../case.ts";
import { PanelsigError } from "../errors.ts";
import type { CryptoProvider } from "../provider.ts";
import { decodedPath } from "../request.ts";
import { formatRfc3339, parseRfc3339 } from "../rfc3339.ts";
import { showSignedBytes } from "../signed-bytes.ts";
import type { SignResult } from "../types.ts";

export interface AgentParts {
  timestamp: string;
  method: string;
  path: string;
  body: Uint8Array;
  secret: Uint8Array;
}

/** The signed bytes and the signature: the one code path for signer and verifier. */
export async function agentSignature(provider: CryptoProvider, parts: AgentParts) {
  const signed = concatBytes(utf8(parts.timestamp + parts.method + parts.path), parts.body);
  const signature = toHex(await provider.hmacSha256(parts.secret, signed));
  return { ...showSignedBytes(signed), signature };
}

export async function signOpteriusAgent(provider: CryptoProvider, c: ReadCase): Promise<SignResult> {
  const timestamp = c.timestamp ?? formatRfc3339(Date.now() / 1000, c.options.timestampForm ?? "Z");
  if (parseRfc3339(timestamp) === undefined) {
    throw new PanelsigError("invalid_timestamp", "timestamp", `${JSON.stringify(timestamp)} is not an RFC 3339 date-time such as 2026-04-08T14:32:00Z`);
  }
  const result = await agentSignature(provider, {
    timestamp,
    method: c.request.method,
    path: decodedPath(c.request.rawPath),
    body: c.request.body,
    secret: c.secret,
  });
  return {
    headers: [
      ["X-Signature", result.signature],
      ["X-Timestamp", timestamp],
      ["Content-Type", "application/json"],
    ],
    ...result,
  };
}
