// verify(provider, case): a case object is a received request plus the receiver's state
// (credentials and context). It is read once, its context checked (a bad context is a mistake in
// the case, so it throws), and then it goes through the same path as a live request.

import { readCase, type ReadCase } from "./case.ts";
import { PanelsigError } from "./errors.ts";
import { toBinaryString } from "./go-url.ts";
import type { HttpMessage } from "./http-message.ts";
import type { CryptoProvider } from "./provider.ts";
import type { ReplayStore } from "./replay.ts";
import { isRecord } from "./request.ts";
import { readKeyId } from "./schemes/acepanel.ts";
import type { Case, CaseCredentials, VerifyContext, VerifyResult } from "./types.ts";
import type { VerifyOptions } from "./verify-options.ts";
import { verifyHttpWith } from "./verify-http.ts";

/** What a case object cannot carry: a replay store, a body limit. */
export interface VerifyCaseOptions {
  /** opterius-panel: refuse a signature already accepted inside the window. */
  replayStore?: ReplayStore;
  /** Bytes of body accepted (default: no limit). */
  maxBodyBytes?: number;
}

/** Verifies one case object. Throws a PanelsigError only when the case itself is malformed. */
export async function verifyWith(provider: CryptoProvider, input: Case, extra: VerifyCaseOptions = {}): Promise<VerifyResult> {
  const c = readCase(input);
  const context = readContext(input.context);
  const { rawPath, rawQuery, method, headers, body } = c.request;
  const message: HttpMessage = {
    method,
    target: toBinaryString(rawQuery === undefined ? rawPath : `${rawPath}?${rawQuery}`),
    headers: headers.map(([name, value]) => [name, toBinaryString(value)]),
    body,
    clientIp: context.clientIp === undefined ? undefined : toBinaryString(context.clientIp),
  };
  const secret = (input.credentials as CaseCredentials).secret;
  // The contract's verify result has no response to send: the rejection stays out.
  const { rejection: _, ...result } = await verifyHttpWith(provider, message, caseOptions(c, secret, context, extra), Infinity);
  return result;
}

function caseOptions(c: ReadCase, secret: string, context: VerifyContext, extra: VerifyCaseOptions): VerifyOptions {
  const common = { now: context.now === undefined ? undefined : () => context.now!, maxBodyBytes: extra.maxBodyBytes };
  if (c.scheme === "acepanel") {
    const keyId = readKeyId(c.keyId);
    const token = { secret, expiresAt: context.tokenExpiresAt, ipWhitelist: context.ipWhitelist };
    return { ...common, scheme: c.scheme, token: (id) => (id === keyId ? token : undefined), entrance: context.entrance, ipHeader: context.ipHeader, locale: context.locale };
  }
  // readVerifyOptions refuses a replay store for any scheme but opterius-panel.
  return { ...common, scheme: c.scheme, secret, windowSeconds: context.windowSeconds, replayStore: extra.replayStore } as VerifyOptions;
}

const CONTEXT_FIELDS: Record<keyof VerifyContext, [what: string, ok: (v: unknown) => boolean]> = {
  now: ["Unix seconds (a number)", isFiniteNumber],
  entrance: ['a path prefix such as "/entrance" ("/" for none)', isString],
  clientIp: ['the TCP peer: "ip", "ip:port" or "[ipv6]:port"', isString],
  ipHeader: ['a header name such as "X-Forwarded-For" ("" for none)', isString],
  ipWhitelist: ["an array of IPs and CIDR blocks (strings)", (v) => Array.isArray(v) && v.every(isString)],
  tokenExpiresAt: ["Unix seconds (a number)", isFiniteNumber],
  windowSeconds: ["a non-negative number of seconds", (v) => isFiniteNumber(v) && v >= 0],
  locale: ['"en" or "zh_CN"', (v) => v === "en" || v === "zh_CN"],
};

function readContext(context: unknown): VerifyContext {
  if (context === undefined) return {};
  if (!isRecord(context)) throw new PanelsigError("invalid_case", "context", "must be an object (the receiver's state)");
  for (const [name, value] of Object.entries(context)) {
    const field = CONTEXT_FIELDS[name as keyof VerifyContext];
    if (!field) throw new PanelsigError("invalid_case", `context.${name}`, `unknown field; the context takes: ${Object.keys(CONTEXT_FIELDS).join(", ")}`);
    if (value !== undefined && !field[1](value)) throw new PanelsigError("invalid_case", `context.${name}`, `must be ${field[0]}`);
  }
  return context as VerifyContext;
}

function isString(v: unknown): v is string {
  return typeof v === "string";
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}
