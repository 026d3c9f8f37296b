// Opterius Agent: the panel calls its server agent (a Go program) with
//   X-Signature = hex(hmac(secret, TIMESTAMP + METHOD + PATH + BODY)), no separators,
// TIMESTAMP the X-Timestamp text (RFC 3339) exactly as sent, PATH the decoded path without the
// query (what the Go agent compares), BODY the exact bytes sent ("" when none).
// The doc writes "…Z"; the real panel (PHP Carbon) sends "…+00:00": both are valid and differ.
// The verifier signs the X-Timestamp text as received and parses it only for the window check.

import { readBody } from "../body.ts";
import { binaryStringToBytes, concatBytes, timingSafeEqualText, toBinaryString, toHex } from "../bytes.ts";
import type { ReadCase } from "../case.ts";
import { goUnescape } from "../go-url.ts";
import { createHmacSha256 } from "../hmac-stream.ts";
import { headerValue, splitTarget, type HttpMessage } from "../http-message.ts";
import type { CryptoProvider } from "../provider.ts";
import { decodedPath } from "../request.ts";
import { formatRfc3339, parseRfc3339 } from "../rfc3339.ts";
import { showSignedBytes } from "../signed-bytes.ts";
import { outsideWindow } from "../time-window.ts";
import type { SignResult } from "../types.ts";
import type { OpteriusSettings, Verdict } from "../verify-options.ts";
import { diagnoseOpteriusAgent } from "./opterius-agent-mistakes.ts";

/** What precedes the body in the MAC; every part as Go holds it (one char per byte). */
export interface AgentPrefix {
  timestamp: string;
  method: string;
  path: string;
}

/** TIMESTAMP + METHOD + PATH, the bytes the body follows: the one rule signer and verifier share. */
export function agentSignedPrefix(parts: AgentPrefix): Uint8Array {
  return binaryStringToBytes(parts.timestamp + parts.method + parts.path);
}

/** The signed bytes and the signature of a body in memory. */
export async function agentSignature(provider: CryptoProvider, parts: AgentPrefix & { body: Uint8Array; secret: Uint8Array }) {
  const signed = concatBytes(agentSignedPrefix(parts), parts.body);
  const signature = toHex(await provider.hmacSha256(parts.secret, signed));
  return { ...showSignedBytes(signed), signature };
}

export async function signOpteriusAgent(provider: CryptoProvider, c: ReadCase): Promise<SignResult> {
  // Signed verbatim, as the real panel signs whatever text it sends; a text the reference verifier
  // cannot read is the verifier's question (the closed Agent's parser is not known), so a warning.
  const timestamp = c.timestamp ?? formatRfc3339(Date.now() / 1000, c.options.timestampForm ?? "Z");
  const warnings =
    parseRfc3339(timestamp) === undefined
      ? [
          `timestamp ${JSON.stringify(timestamp)} is signed verbatim, but it is not RFC 3339 as Go's time.Parse(time.RFC3339) reads it ` +
            "(YYYY-MM-DDThh:mm:ss, upper-case T and Z, seconds 00-59): panelsig's reference verifier answers timestamp_invalid, and the real Agent may too",
        ]
      : undefined;
  const result = await agentSignature(provider, {
    timestamp: toBinaryString(timestamp),
    method: c.request.method,
    path: toBinaryString(decodedPath(c.request.rawPath)),
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
    ...(warnings && { warnings }),
  };
}

/** The reference Agent's answer (docs/verify-outcomes.md); the body is MACed as it streams in. */
export async function verifyOpteriusAgent(
  provider: CryptoProvider,
  message: HttpMessage,
  settings: OpteriusSettings,
): Promise<Verdict> {
  const { rawPath, rawQuery } = splitTarget(message.target);
  const path = goUnescape(rawPath, "path");
  if (path === undefined) return { outcome: "bad_path" }; // Go's server answers 400 before any handler
  const signature = headerValue(message.headers, "X-Signature");
  const timestamp = headerValue(message.headers, "X-Timestamp");
  if (!signature || !timestamp) return { outcome: "missing_headers" };
  const time = parseRfc3339(timestamp);
  if (time === undefined) return { outcome: "timestamp_invalid" };
  const late = outsideWindow(time, settings.now, settings.windowSeconds);
  if (late) return { outcome: late };

  const prefixParts = { timestamp, method: message.method, path };
  const prefix = agentSignedPrefix(prefixParts);
  const mac = await createHmacSha256(provider, settings.secret);
  mac.update(prefix);
  const body = await readBody(message.body, (chunk) => mac.update(chunk), settings.limits);
  if (body.failed) return { outcome: body.failed };
  const expectedSignature = toHex(await mac.digest());
  // The string to sign holds the body: shown when its bytes are at hand — given in memory, or
  // streamed and kept because the caller asked (keepBody) — never held for this alone.
  const bytes = body.bytes ?? (message.body instanceof Uint8Array ? message.body : undefined);
  const signed = bytes && showSignedBytes(concatBytes(prefix, bytes));
  const shown: Verdict = { ...signed, expectedSignature };
  if (!timingSafeEqualText(signature, expectedSignature)) {
    const mismatch = { received: signature, expectedSignature, prefix: prefixParts, rawPath, rawQuery, time, secret: settings.secret, bodyLength: body.length, body: bytes, shown: signed ?? {} };
    return { outcome: "signature_mismatch", ...shown, diagnose: () => diagnoseOpteriusAgent(provider, mismatch) };
  }
  return body.bytes ? { ...shown, body: body.bytes } : shown;
}
