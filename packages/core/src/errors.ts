// Every error panelsig raises about its input is a PanelsigError: a stable `code` a program can
// branch on, and the `field` (a path into the case object) a person can fix.

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

export class PanelsigError extends Error {
  readonly code: PanelsigErrorCode;
  /** Where in the case object the problem is, e.g. "credentials.keyId". */
  readonly field: string;

  constructor(code: PanelsigErrorCode, field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = "PanelsigError";
    this.code = code;
    this.field = field;
  }
}
