// What a verifier is told by the server author: the options every scheme shares, checked here, and
// the scheme's own, checked by the rules its module gives. They are read once per verifier (a
// mistake in them is a programmer error and throws); only the clock is read for each request.

import type { BodyLimits } from "./body.ts";
import { PanelsigError } from "./errors.ts";
import { isRecord } from "./is-record.ts";
import { readScheme } from "./case.ts";
import { VERIFIERS, type SchemeId } from "./registry.ts";
import type { OptionRule, SchemeVerifier } from "./scheme.ts";

/**
 * The options every scheme's verifier takes.
 *
 * @example
 * ```ts
 * const common: CommonVerifyOptions = { now: () => Math.floor(Date.now() / 1000), maxBodyBytes: 1024 * 1024, keepBody: true, diagnose: false };
 * ```
 */
export interface CommonVerifyOptions {
  /** The receiver's clock in Unix seconds (default: the system clock). */
  now?: () => number;
  /** Bytes of body accepted; more is body_too_large (default 10 MiB for requests, no limit for case objects). */
  maxBodyBytes?: number;
  /** Hand the body bytes back in the result once the signature has passed (default false). */
  keepBody?: boolean;
  /** After a signature mismatch, look for the client's known mistake (default true; a few dozen HMACs per rejection). */
  diagnose?: boolean;
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

const COMMON_RULES: Readonly<Record<string, OptionRule>> = {
  now: ["a function returning Unix seconds", (v) => typeof v === "function"],
  maxBodyBytes: ["a non-negative number of bytes", (v) => typeof v === "number" && v >= 0],
  keepBody: ["true or false", (v) => typeof v === "boolean"],
  diagnose: ["true or false", (v) => typeof v === "boolean"],
};

/** The options, checked once: everything a request needs but the clock. */
export interface PreparedOptions {
  scheme: SchemeId;
  verifier: SchemeVerifier;
  /** The scheme's own settings. */
  own: unknown;
  clock: (() => unknown) | undefined;
  limits: BodyLimits;
  diagnose: boolean;
}

/** The options argument as an object, or the error that says what it must be. */
export function optionsObject(options: unknown): Record<string, unknown> {
  if (!isRecord(options)) throw new PanelsigError("invalid_option", "options", "must be an object with at least the scheme and its secret (or token lookup)");
  return options;
}

export function prepareOptions(options: unknown, defaultMaxBodyBytes: number): PreparedOptions {
  const o = optionsObject(options);
  const scheme = readScheme(o.scheme);
  const verifier: SchemeVerifier = VERIFIERS[scheme];
  for (const name of Object.keys(o)) if (name !== "scheme") checkOption(scheme, name, o[name]);
  return {
    scheme,
    verifier,
    own: verifier.settings(o),
    clock: o.now as (() => unknown) | undefined,
    limits: { maxBytes: (o.maxBodyBytes as number | undefined) ?? defaultMaxBodyBytes, keep: (o.keepBody as boolean | undefined) ?? false },
    diagnose: (o.diagnose as boolean | undefined) ?? true,
  };
}

/** One option by the rule its name has (common or the scheme's); an unknown name is refused. */
export function checkOption(scheme: SchemeId, name: string, value: unknown): void {
  if (value === undefined) return; // undefined is as if absent, as for every option
  const rules = Object.hasOwn(COMMON_RULES, name) ? COMMON_RULES : VERIFIERS[scheme].options;
  if (!Object.hasOwn(rules, name)) refuseUnknown(name, scheme);
  const rule = rules[name];
  if (rule && !rule[1](value)) throw new PanelsigError("invalid_option", `options.${name}`, `must be ${rule[0]}`);
}

/** The receiver's clock now, Unix seconds. */
export function readClock(clock: (() => unknown) | undefined): number {
  const now = clock ? clock() : Date.now() / 1000;
  if (typeof now !== "number" || !Number.isFinite(now)) {
    throw new PanelsigError("invalid_option", "options.now", `returned ${String(now)}, not Unix seconds`);
  }
  return now;
}

/** A misspelt or foreign option must not be ignored: the error names it, and whose it is or what was meant. */
function refuseUnknown(name: string, scheme: SchemeId): never {
  const allowed = ["scheme", ...Object.keys(VERIFIERS[scheme].options), ...Object.keys(COMMON_RULES)];
  const owners = (Object.keys(VERIFIERS) as SchemeId[]).filter((s) => Object.hasOwn(VERIFIERS[s].options, name));
  if (owners.length > 0) throw new PanelsigError("invalid_option", `options.${name}`, `is for ${owners.join(" and ")} only, not ${scheme}`);
  const meant = allowed.find((known) => known.toLowerCase() === name.toLowerCase());
  const hint = meant ? `did you mean ${meant}? ` : "";
  throw new PanelsigError("invalid_option", `options.${name}`, `is not an option; ${hint}${scheme} takes: ${allowed.join(", ")}`);
}
