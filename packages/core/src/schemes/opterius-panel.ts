// Opterius Panel: a billing system (Opterius Commerce) calls the panel with
//   X-Signature = hex(hmac(api_token, TIMESTAMP + BODY)), TIMESTAMP Unix seconds.
// Method and path are NOT signed. The real client signs "{}" when it sends no body at all;
// the doc reads as signing "" (option emptyBody: ""). The verifier accepts both for an empty body,
// and can refuse a signature it has already accepted (the replay guard, see replay.ts).

import { readBody } from "../body.ts";
import { binaryStringToBytes, concatBytes, timingSafeEqualText, toHex, utf8 } from "../bytes.ts";
import type { ReadCase } from "../case.ts";
import { PanelsigError } from "../errors.ts";
import { goUnescape } from "../go-url.ts";
import { createHmacSha256 } from "../hmac-stream.ts";
import { headerValue, splitTarget, type HttpMessage } from "../http-message.ts";
import type { CryptoProvider } from "../provider.ts";
import { claimOutcome } from "../replay.ts";
import { showSignedBytes } from "../signed-bytes.ts";
import { outsideWindow } from "../time-window.ts";
import type { HeaderPair, SignResult } from "../types.ts";
import type { OpteriusSettings, Verdict } from "../verify-options.ts";
import { diagnoseOpteriusPanel } from "./opterius-panel-mistakes.ts";

/** What an empty body is signed as: "{}" by the real client (tried first), "" by the doc. */
const EMPTY_BODY_FORMS = ["{}", ""];

export const UNIX_SECONDS = /^[0-9]+$/;

export interface PanelParts {
  /** The X-Timestamp text (one char per byte). */
  timestamp: string;
  /** The bytes signed as the body: the body sent, or the empty-body form when none was sent. */
  signedBody: Uint8Array;
  secret: Uint8Array;
}

/** The signed bytes and the signature: the one code path for signer and verifier. */
export async function panelSignature(provider: CryptoProvider, parts: PanelParts) {
  const signed = concatBytes(binaryStringToBytes(parts.timestamp), parts.signedBody);
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

/** The reference panel's answer (docs/verify-outcomes.md); the body is MACed as it streams in. */
export async function verifyOpteriusPanel(provider: CryptoProvider, message: HttpMessage, settings: OpteriusSettings): Promise<Verdict> {
  const signature = headerValue(message.headers, "X-Signature");
  const timestamp = headerValue(message.headers, "X-Timestamp");
  if (!signature || !timestamp) return { outcome: "missing_headers" };
  if (!UNIX_SECONDS.test(timestamp)) return { outcome: "timestamp_invalid" };
  const late = outsideWindow(Number(timestamp), settings.now, settings.windowSeconds);
  if (late) return { outcome: late };

  const prefix = binaryStringToBytes(timestamp);
  const mac = await createHmacSha256(provider, settings.secret);
  mac.update(prefix);
  const body = await readBody(message.body, (chunk) => mac.update(chunk), settings.limits);
  if (body.failed) return { outcome: body.failed };

  // An empty body may have been signed either way; a body is MACed as it streamed in.
  const candidates: Verdict[] = [];
  if (body.length === 0) {
    for (const form of EMPTY_BODY_FORMS) {
      const { signature: expectedSignature, ...signed } = await panelSignature(provider, { timestamp, signedBody: utf8(form), secret: settings.secret });
      candidates.push({ ...signed, expectedSignature });
    }
  } else {
    // The string to sign holds the body: shown when its bytes are at hand — given in memory, or
    // streamed and kept because the caller asked (keepBody) — never held for this alone.
    const bytes = body.bytes ?? (message.body instanceof Uint8Array ? message.body : undefined);
    candidates.push({ ...(bytes && showSignedBytes(concatBytes(prefix, bytes))), expectedSignature: toHex(await mac.digest()) });
  }
  const shown = candidates.find((candidate) => timingSafeEqualText(signature, candidate.expectedSignature!));
  if (!shown) {
    const { rawPath } = splitTarget(message.target);
    const mismatch = {
      received: signature,
      expected: candidates.map(({ expectedSignature, ...signed }) => ({ signature: expectedSignature!, ...signed })),
      timestamp,
      method: message.method,
      path: goUnescape(rawPath, "path") ?? rawPath,
      rawPath,
      secret: settings.secret,
      bodyLength: body.length,
      body: body.bytes ?? (message.body instanceof Uint8Array ? message.body : undefined),
    };
    return { outcome: "signature_mismatch", ...candidates[0], diagnose: () => diagnoseOpteriusPanel(provider, mismatch) };
  }
  const store = settings.replayStore;
  const refused = store && claimOutcome(await store.claim(signature, Number(timestamp) + settings.windowSeconds, settings.now));
  if (refused) return { outcome: refused, ...shown };
  return body.bytes ? { ...shown, body: body.bytes } : shown;
}
