// Every error panelsig raises about its input is a PanelsigError: a stable `code` a program can
// branch on, and the `field` (a path into the case object) a person can fix.

/**
 * The stable codes of {@link PanelsigError}: what kind of input was wrong.
 *
 * @example
 * ```ts
 * import { PanelsigError, type PanelsigErrorCode } from "@panelsig/core";
 * const code: PanelsigErrorCode | undefined = error instanceof PanelsigError ? error.code : undefined; // e.g. "invalid_key_id"
 * ```
 */
export type PanelsigErrorCode =
  | "invalid_case"
  | "unknown_scheme"
  | "invalid_method"
  | "invalid_url"
  | "invalid_header"
  | "invalid_body"
  | "invalid_secret"
  | "invalid_key_id"
  | "invalid_timestamp"
  | "invalid_option"
  | "invalid_bytes";

/**
 * Bad input: a case object, an option or an argument panelsig cannot use. `code` is stable for a
 * program to branch on; `field` says where the problem is (a path into the case object, an
 * option, an argument); the message is `field: problem`. A verifier never throws one because of
 * what a client sent: that is a verify result.
 *
 * @example
 * ```ts
 * import { PanelsigError } from "@panelsig/core";
 * import { sign } from "@panelsig/node";
 *
 * try {
 *   await sign({ scheme: "acepanel", request: { method: "GET", url: "/entrance/api/user/info" },
 *     credentials: { secret: "YourSecretToken", keyId: -1 }, options: { entrance: "/entrance" } });
 * } catch (error) {
 *   if (!(error instanceof PanelsigError)) throw error;
 *   console.log(error.code, error.field); // "invalid_key_id" "credentials.keyId"
 * }
 * ```
 */
export class PanelsigError extends Error {
  /** What kind of input was wrong; stable. */
  readonly code: PanelsigErrorCode;
  /** Where in the case object the problem is, e.g. "credentials.keyId". */
  readonly field: string;

  /** The message is `${field}: ${problem}`. */
  constructor(code: PanelsigErrorCode, field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = "PanelsigError";
    this.code = code;
    this.field = field;
  }
}

/** A value as a message shows it: its JSON, a number as written (JSON has no NaN), or what it is where JSON has none or throws (a bigint, a cycle). */
export function shownValue(value: unknown): string {
  if (typeof value === "number") return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value === "bigint" ? `${value}n` : typeof value;
  }
}
