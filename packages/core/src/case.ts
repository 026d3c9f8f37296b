// Reads a case object (the shared contract) into checked values; each scheme's options by the
// rules its module gives. Each scheme then takes only the parts it signs. All validation of user
// input happens here or in request.ts, so a scheme never meets a value that could make it throw
// something other than a PanelsigError.

import { utf8 } from "./bytes.ts";
import { PanelsigError, shownValue } from "./errors.ts";
import { BAD_HEADER_VALUE, HEADER_VALUE_RULE, parseRequest, refuseLoneSurrogate, refuseUnknown, type ParsedRequest } from "./request.ts";
import { isRecord } from "./is-record.ts";
import { SCHEME_IDS, SIGNERS, type SchemeId } from "./registry.ts";
import type { SignOptions } from "./types.ts";

export interface ReadCase {
  scheme: SchemeId;
  request: ParsedRequest;
  /** The secret, checked to have a UTF-8 form: every scheme keys the HMAC with the secret's text. */
  secret: string;
  /** credentials.keyId as given (checked by the scheme that needs it). */
  keyId: unknown;
  /** The timestamp text to send, or undefined for "now". */
  timestamp: string | undefined;
  options: SignOptions;
}

export function readScheme(value: unknown): SchemeId {
  if (!SCHEME_IDS.includes(value as SchemeId)) {
    throw new PanelsigError("unknown_scheme", "scheme", `${shownValue(value)} is not one of ${SCHEME_IDS.join(", ")}`);
  }
  return value as SchemeId;
}

/** The fields of a case object each operation takes: any other field is refused, by name. */
const CASE_FIELDS = ["scheme", "op", "request", "credentials", "timestamp", "options", "context", "id", "tcId"];
const SIGN_ONLY = ["timestamp", "options"];
const VERIFY_ONLY = ["context"];
const CREDENTIAL_FIELDS = ["secret", "keyId"];

/** A case object, read strictly: a misspelt or misplaced field is an error naming it, never ignored. */
export function readCase(input: unknown, op: "sign" | "verify"): ReadCase {
  if (!isRecord(input)) throw new PanelsigError("invalid_case", "case", "must be a case object");
  refuseUnknown(input, CASE_FIELDS, "", "a case");
  if (input.op !== undefined && input.op !== op) {
    throw new PanelsigError("invalid_case", "op", `is ${shownValue(input.op)}, but this is ${op}: give the case to ${input.op === "sign" || input.op === "verify" ? input.op : "sign or verify"}, or leave op out`);
  }
  const misplaced = (op === "sign" ? VERIFY_ONLY : SIGN_ONLY).find((name) => input[name] !== undefined);
  if (misplaced !== undefined) {
    const other = op === "sign" ? "verify" : "sign";
    throw new PanelsigError("invalid_case", misplaced, `is a ${other} field (${op} takes ${(op === "sign" ? SIGN_ONLY : VERIFY_ONLY).join(" and ")}): give the case to ${other}, or drop ${misplaced}`);
  }
  const scheme = readScheme(input.scheme);
  const request = parseRequest(input.request);
  if (!isRecord(input.credentials)) {
    throw new PanelsigError("invalid_case", "credentials", "must be an object with a secret");
  }
  refuseUnknown(input.credentials, CREDENTIAL_FIELDS, "credentials.", "credentials");
  return {
    scheme,
    request,
    secret: checkSecret(input.credentials.secret),
    keyId: input.credentials.keyId,
    timestamp: readTimestamp(input.timestamp),
    options: readOptions(scheme, input.options),
  };
}

/** A secret as the schemes key their HMAC with it: a non-empty text with a UTF-8 form. */
export function checkSecret(secret: unknown, field = "credentials.secret"): string {
  if (typeof secret !== "string" || secret === "") {
    throw new PanelsigError("invalid_secret", field, "must be a non-empty string");
  }
  refuseLoneSurrogate(secret, "invalid_secret", field);
  return secret;
}

/** A secret's UTF-8 bytes, checked (see checkSecret). */
export function readSecret(secret: unknown, field = "credentials.secret"): Uint8Array {
  return utf8(checkSecret(secret, field));
}

function readTimestamp(timestamp: unknown): string | undefined {
  if (timestamp === undefined) return undefined;
  if (typeof timestamp === "number") {
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
      throw new PanelsigError("invalid_timestamp", "timestamp", `${timestamp} is not a whole number of Unix seconds`);
    }
    return String(timestamp);
  }
  if (typeof timestamp !== "string" || timestamp === "") {
    throw new PanelsigError("invalid_timestamp", "timestamp", "must be the header's text (a string) or Unix seconds (a number)");
  }
  if (BAD_HEADER_VALUE.test(timestamp)) {
    throw new PanelsigError("invalid_timestamp", "timestamp", HEADER_VALUE_RULE);
  }
  refuseLoneSurrogate(timestamp, "invalid_timestamp", "timestamp");
  return timestamp;
}

/** case.options, each checked by the rule its scheme's signer gives: an unknown name is refused, never ignored. */
function readOptions(scheme: SchemeId, options: unknown): SignOptions {
  if (options === undefined) return {};
  if (!isRecord(options)) throw new PanelsigError("invalid_option", "options", "must be an object");
  const rules = SIGNERS[scheme].signOptions;
  for (const name of Object.keys(options)) {
    const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
    if (rule === undefined) {
      throw new PanelsigError("invalid_option", `options.${name}`, `unknown option; ${scheme} takes: ${Object.keys(rules).join(", ")}`);
    }
    if (options[name] !== undefined && rule && !rule[1](options[name])) throw new PanelsigError("invalid_option", `options.${name}`, `must be ${rule[0]}`);
  }
  return options as SignOptions;
}
