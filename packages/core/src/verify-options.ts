// What a verifier is told by the server author (the options, checked here once: a mistake in them
// is a programmer error and throws), and what a scheme's verifier reports back (a Verdict).

import type { BodyLimits } from "./body.ts";
import { readScheme, readSecret } from "./case.ts";
import { PanelsigError } from "./errors.ts";
import { ENTRANCE_ERRORS, LOCALES, type EntranceError, type Locale, type Outcome } from "./messages.ts";
import type { MaybePromise } from "./provider.ts";
import type { ReplayStore } from "./replay.ts";
import type { Diagnosis } from "./types.ts";
import { isRecord } from "./is-record.ts";
import type { UncheckedReason } from "./types.ts";

/** An AcePanel API token as the panel stores it. */
export interface AcepanelToken {
  secret: string;
  /** Unix seconds; absent = never expires. */
  expiresAt?: number;
  /** Exact IPs and CIDR blocks; absent or empty = any client. */
  ipWhitelist?: readonly string[];
}

interface CommonVerifyOptions {
  /** The receiver's clock in Unix seconds (default: the system clock). */
  now?: () => number;
  /** Bytes of body accepted; more is body_too_large (default 10 MiB for requests, no limit for case objects). */
  maxBodyBytes?: number;
  /** Hand the body bytes back in the result once the signature has passed (default false). */
  keepBody?: boolean;
  /** After a signature mismatch, look for the client's known mistake (default true; a few dozen HMACs per rejection). */
  diagnose?: boolean;
}

export interface AcepanelVerifyOptions extends CommonVerifyOptions {
  scheme: "acepanel";
  /** The token with this id (a decimal string: ids are 64-bit), or undefined when there is none. */
  token(keyId: string): MaybePromise<AcepanelToken | undefined>;
  /** The panel's entry prefix (its http.entrance setting); "/" or absent = none. */
  entrance?: string;
  /** The header the panel trusts for the client ip (its http.ip_header), e.g. "X-Forwarded-For". */
  ipHeader?: string;
  /** Language of the messages, the panel's app.locale: "en" (default), "zh_CN" or "zh_TW". */
  locale?: Locale;
  /** What the entrance middleware's refusal looks like (http.entrance_error): "418" (default), "nginx" (404) or "close". */
  entranceError?: EntranceError;
}

export interface OpteriusAgentVerifyOptions extends CommonVerifyOptions {
  scheme: "opterius-agent";
  /** The agent's shared secret (secret_key), as text. */
  secret: string;
  /** Allowed clock difference either way, seconds (default 300). */
  windowSeconds?: number;
}

export interface OpteriusPanelVerifyOptions extends CommonVerifyOptions {
  scheme: "opterius-panel";
  /** The panel's api_token, as text. */
  secret: string;
  /** Allowed clock difference either way, seconds (default 300). */
  windowSeconds?: number;
  /** Refuse a signature already accepted inside the window (see docs/verifying.md). */
  replayStore?: ReplayStore;
}

export type VerifyOptions = AcepanelVerifyOptions | OpteriusAgentVerifyOptions | OpteriusPanelVerifyOptions;

/** The options, checked, with defaults filled in and the clock read once. */
export type VerifySettings = { now: number; limits: BodyLimits; locale: Locale; diagnose: boolean } & (
  | { scheme: "acepanel"; token: AcepanelVerifyOptions["token"]; entrance: string; ipHeader: string; entranceError: EntranceError }
  | { scheme: "opterius-agent" | "opterius-panel"; secret: Uint8Array; windowSeconds: number; replayStore: ReplayStore | undefined }
);

export type AcepanelSettings = Extract<VerifySettings, { scheme: "acepanel" }>;
export type OpteriusSettings = Exclude<VerifySettings, AcepanelSettings>;

/** A scheme's answer: no outcome means valid. `detail` fills the message (Go's scan error, the client ip). */
export interface Verdict {
  outcome?: Outcome;
  detail?: string;
  /** Valid without any signature check, and why (acepanel's public and non-API paths). */
  unchecked?: UncheckedReason;
  canonicalRequest?: string;
  stringToSign?: string;
  stringToSignBase64?: string;
  expectedSignature?: string;
  /** The body bytes, when the caller asked to keep them and the verifier read them. */
  body?: Uint8Array;
  /** On signature_mismatch: names the client's mistake when a known one reproduces its signature (diagnosis.ts). */
  diagnose?: () => Promise<Diagnosis | undefined>;
}

export const DEFAULT_WINDOW_SECONDS = 300;
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The options each scheme takes; any other name is refused (a misspelt option must not be ignored). */
const OPTION_NAMES: Record<VerifyOptions["scheme"], readonly string[]> = {
  acepanel: ["scheme", "token", "entrance", "ipHeader", "locale", "entranceError", "now", "maxBodyBytes", "keepBody", "diagnose"],
  "opterius-agent": ["scheme", "secret", "windowSeconds", "now", "maxBodyBytes", "keepBody", "diagnose"],
  "opterius-panel": ["scheme", "secret", "windowSeconds", "replayStore", "now", "maxBodyBytes", "keepBody", "diagnose"],
};

/** The options argument as an object, or the error that says what it must be. */
export function optionsObject(options: unknown): Record<string, unknown> {
  if (!isRecord(options)) throw new PanelsigError("invalid_option", "options", "must be an object with at least the scheme and its secret (or token lookup)");
  return options;
}

export function readVerifyOptions(options: VerifyOptions, defaultMaxBodyBytes: number): VerifySettings {
  const o = optionsObject(options);
  const scheme = readScheme(o.scheme);
  refuseUnknownNames(o, scheme);
  const now = optional(o, "now", "a function returning Unix seconds", (v) => typeof v === "function");
  const maxBytes = optional(o, "maxBodyBytes", "a non-negative number of bytes", (v) => typeof v === "number" && v >= 0);
  const keep = optional(o, "keepBody", "true or false", (v) => typeof v === "boolean");
  const locale = optional(o, "locale", '"en", "zh_CN" or "zh_TW"', (v) => LOCALES.includes(v as Locale));
  const diagnose = optional(o, "diagnose", "true or false", (v) => typeof v === "boolean");
  const nowValue = now ? (now as () => unknown)() : Date.now() / 1000;
  if (typeof nowValue !== "number" || !Number.isFinite(nowValue)) {
    throw new PanelsigError("invalid_option", "options.now", `returned ${String(nowValue)}, not Unix seconds`);
  }
  const common = {
    now: nowValue,
    limits: { maxBytes: (maxBytes as number | undefined) ?? defaultMaxBodyBytes, keep: (keep as boolean | undefined) ?? false },
    locale: (locale as Locale | undefined) ?? "en",
    diagnose: (diagnose as boolean | undefined) ?? true,
  };
  const store = optional(o, "replayStore", "an object with a claim(signature, expiresAt, now) method", (v) => isRecord(v) && typeof v.claim === "function");
  if (scheme === "acepanel") {
    if (typeof o.token !== "function") {
      throw new PanelsigError("invalid_option", "options.token", "is required: a function from a key id (decimal string) to the token { secret, expiresAt?, ipWhitelist? } or undefined");
    }
    const entrance = optional(o, "entrance", 'a path prefix such as "/entrance" ("/" for none)', (v) => typeof v === "string");
    const ipHeader = optional(o, "ipHeader", 'a header name such as "X-Forwarded-For"', (v) => typeof v === "string");
    const entranceError = optional(o, "entranceError", '"418", "nginx" or "close"', (v) => ENTRANCE_ERRORS.includes(v as EntranceError));
    return {
      ...common,
      scheme,
      token: o.token as AcepanelVerifyOptions["token"],
      entrance: (entrance as string) ?? "/",
      ipHeader: (ipHeader as string) ?? "",
      entranceError: (entranceError as EntranceError) ?? "418",
    };
  }
  const window = optional(o, "windowSeconds", "a non-negative number of seconds", (v) => typeof v === "number" && Number.isFinite(v) && v >= 0);
  return {
    ...common,
    scheme,
    secret: readSecret(o.secret, "options.secret"),
    windowSeconds: (window as number | undefined) ?? DEFAULT_WINDOW_SECONDS,
    replayStore: store as ReplayStore | undefined,
  };
}

/** A token record from the author's lookup, checked: a broken record is a programmer error. */
export function readToken(token: unknown, keyId: string): { secret: Uint8Array; expiresAt: number | undefined; ipWhitelist: readonly string[] } {
  const field = `options.token("${keyId}")`;
  if (!isRecord(token)) throw new PanelsigError("invalid_option", field, "must return { secret, expiresAt?, ipWhitelist? } or undefined");
  const { expiresAt, ipWhitelist } = token;
  if (expiresAt !== undefined && (typeof expiresAt !== "number" || Number.isNaN(expiresAt))) {
    throw new PanelsigError("invalid_option", `${field}.expiresAt`, "must be Unix seconds");
  }
  if (ipWhitelist !== undefined && (!Array.isArray(ipWhitelist) || !ipWhitelist.every((e) => typeof e === "string"))) {
    throw new PanelsigError("invalid_option", `${field}.ipWhitelist`, "must be an array of IPs and CIDR blocks (strings)");
  }
  return { secret: readSecret(token.secret, `${field}.secret`), expiresAt, ipWhitelist: ipWhitelist ?? [] };
}

function refuseUnknownNames(o: Record<string, unknown>, scheme: VerifyOptions["scheme"]): void {
  const allowed = OPTION_NAMES[scheme];
  for (const name of Object.keys(o)) {
    if (allowed.includes(name) || o[name] === undefined) continue; // undefined is as if absent, as for every option
    const owners = (Object.keys(OPTION_NAMES) as VerifyOptions["scheme"][]).filter((s) => OPTION_NAMES[s].includes(name));
    if (owners.length > 0) throw new PanelsigError("invalid_option", `options.${name}`, `is for ${owners.join(" and ")} only, not ${scheme}`);
    const meant = allowed.find((known) => known.toLowerCase() === name.toLowerCase());
    const hint = meant ? `did you mean ${meant}? ` : "";
    throw new PanelsigError("invalid_option", `options.${name}`, `is not an option; ${hint}${scheme} takes: ${allowed.join(", ")}`);
  }
}

function optional(o: Record<string, unknown>, name: string, what: string, ok: (v: unknown) => boolean): unknown {
  const value = o[name];
  if (value !== undefined && !ok(value)) throw new PanelsigError("invalid_option", `options.${name}`, `must be ${what}`);
  return value;
}
