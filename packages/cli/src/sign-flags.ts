// `panelsig sign`'s flags checked against the scheme before anything is signed: a flag the
// scheme does not take is refused by name (it would otherwise change nothing, silently), and an
// error of the library, which names fields of the case object (options.timestampForm), is said
// again with the flag a person typed (--timestamp-form).

import { PanelsigError, SCHEME_IDS, type SchemeId } from "@panelsig/core";
import { UsageError } from "./args.ts";

/** The flags only some schemes take; every other flag applies to all three. */
const SCHEME_ONLY: Record<string, { schemes: readonly SchemeId[]; what: string }> = {
  "key-id": { schemes: ["acepanel"], what: "the token id" },
  entrance: { schemes: ["acepanel"], what: "the panel's entry prefix" },
  "timestamp-form": { schemes: ["opterius-agent"], what: "the form of the timestamp panelsig makes" },
  "empty-body": { schemes: ["opterius-panel"], what: "what a request without a body signs" },
};

/** The flag a person typed, for each field of the case object a PanelsigError can name. */
const FLAG_OF_FIELD: Record<string, string> = {
  scheme: "<scheme>",
  "request.method": "--method",
  "request.url": "--url",
  "request.body": "--body",
  "credentials.secret": "--secret",
  "credentials.keyId": "--key-id",
  timestamp: "--timestamp",
  "options.entrance": "--entrance",
  "options.timestampForm": "--timestamp-form",
  "options.emptyBody": "--empty-body",
};

export function pickScheme(positional: string | undefined): SchemeId {
  if (positional === undefined) throw new UsageError(`missing <scheme>: ${SCHEME_IDS.join(", ")}`);
  if (!SCHEME_IDS.includes(positional as SchemeId)) throw new UsageError(`<scheme>: ${JSON.stringify(positional)} is not one of ${SCHEME_IDS.join(", ")}`);
  return positional as SchemeId;
}

/**
 * Refuses a scheme-only flag given for another scheme, and a flag that could not change what is
 * signed: --timestamp-form beside --timestamp (sent as given), --empty-body beside a body.
 */
export function checkSchemeFlags(scheme: SchemeId, given: Record<string, unknown>, hasBody: boolean): void {
  for (const [flag, { schemes, what }] of Object.entries(SCHEME_ONLY)) {
    if (given[flag] !== undefined && !schemes.includes(scheme)) {
      throw new UsageError(`--${flag} does not apply to ${scheme}: it is ${what}, for ${schemes.join(", ")} only`);
    }
  }
  if (scheme === "acepanel" && given["key-id"] === undefined) throw new UsageError("missing --key-id: acepanel tokens have an id (the N of Credential=N)");
  if (given["timestamp-form"] !== undefined && given.timestamp !== undefined) {
    throw new UsageError("--timestamp-form does not apply with --timestamp: it shapes the timestamp panelsig makes, and --timestamp is sent as given");
  }
  if (given["empty-body"] !== undefined && hasBody) throw new UsageError("--empty-body does not apply: it says what a request without a body signs, and this one has a body");
}

/**
 * An absolute --url must have a host and a path: "http://" or "https://panel.example.com" has
 * no path to sign (an HTTP client would send "/", which may not be what was meant).
 */
export function checkUrl(url: string): void {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url);
  if (!scheme) return; // a request-target: the library checks it starts with "/"
  const rest = url.slice(scheme[0].length);
  const host = /^[^/?#]*/.exec(rest)![0];
  if (host === "") throw new UsageError(`--url ${JSON.stringify(url)} has no host; give a path such as /api/ping or a URL such as https://panel.example.com/api/ping`);
  if (!rest.slice(host.length).startsWith("/")) {
    throw new UsageError(`--url ${JSON.stringify(url)} has no path, and the path is what gets signed; for the root write ${JSON.stringify(`${scheme[0]}${host}/${rest.slice(host.length)}`)}`);
  }
}

/** The library's error about a field of the case, said with the flags (undefined: not about a flag). */
export function asFlagError(error: unknown): UsageError | undefined {
  if (!(error instanceof PanelsigError) || FLAG_OF_FIELD[error.field] === undefined) return undefined;
  const reason = error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
  const named = reason.replace(/\b(?:options|credentials|request)\.[A-Za-z]+\b/g, (field) => FLAG_OF_FIELD[field] ?? field);
  return new UsageError(`${FLAG_OF_FIELD[error.field]}: ${named}`);
}
