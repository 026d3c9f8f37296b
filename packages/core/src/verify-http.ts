// The one verification path: a request as received (HttpMessage) and the author's options in, the
// receiver's answer out. Case objects (verify.ts), Web Requests (verify-request.ts) and Node's
// IncomingMessage (@panelsig/node) are each turned into an HttpMessage and come through here.

import { answer, rejection, type Rejection } from "./messages.ts";
import type { HttpMessage } from "./http-message.ts";
import type { CryptoProvider } from "./provider.ts";
import { verifyAcepanel } from "./schemes/acepanel.ts";
import { verifyOpteriusAgent } from "./schemes/opterius-agent.ts";
import { verifyOpteriusPanel } from "./schemes/opterius-panel.ts";
import type { VerifyResult } from "./types.ts";
import { DEFAULT_MAX_BODY_BYTES, readVerifyOptions, type Verdict, type VerifyOptions } from "./verify-options.ts";

export interface VerifiedRequest extends VerifyResult {
  /** The body, when `keepBody` was asked for and the signature passed. */
  body?: Uint8Array;
  /** On failure: the response the real receiver sends (status, headers, body). */
  rejection?: Rejection;
}

/**
 * Verifies one received request. Never throws because of what the client sent; throws a
 * PanelsigError only for a mistake in `options` (no secret, no token lookup, a broken token record).
 */
export async function verifyHttpWith(
  provider: CryptoProvider,
  message: HttpMessage,
  options: VerifyOptions,
  defaultMaxBodyBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<VerifiedRequest> {
  const settings = readVerifyOptions(options, defaultMaxBodyBytes);
  const verdict =
    settings.scheme === "acepanel"
      ? await verifyAcepanel(provider, message, settings)
      : settings.scheme === "opterius-agent"
        ? await verifyOpteriusAgent(provider, message, settings)
        : await verifyOpteriusPanel(provider, message, settings);
  const { outcome, detail, body, unchecked, canonicalRequest, stringToSign, stringToSignBase64, expectedSignature, diagnose } = verdict;
  const shown = dropUndefined({ canonicalRequest, stringToSign, stringToSignBase64, expectedSignature });
  if (unchecked) return { valid: true, signatureChecked: false, uncheckedReason: unchecked };
  if (outcome === undefined) return body ? { valid: true, ...shown, body } : { valid: true, ...shown };
  const a = answer(settings.scheme, outcome, settings.locale, detail, settings.scheme === "acepanel" ? settings.entranceError : undefined);
  const diagnosis = diagnose && settings.diagnose ? await diagnose() : undefined;
  return { valid: false, ...a, ...shown, ...(diagnosis && { diagnosis }), rejection: rejection(settings.scheme, outcome, a) };
}

type Shown = Omit<Verdict, "outcome" | "detail" | "body" | "unchecked" | "diagnose">;

function dropUndefined(shown: Shown): Shown {
  return Object.fromEntries(Object.entries(shown).filter(([, v]) => v !== undefined));
}
