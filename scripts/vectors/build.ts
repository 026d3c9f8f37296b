// The shared builder of the vector corpus: hashes and HMACs from node:crypto called directly
// (never through panelsig's providers, so the corpus cannot agree with the code it checks by
// construction), the JSON shapes of a vector file, and the guard that stops the generator when
// a computed value disagrees with a literal value known from the real systems.

import { createHash, createHmac } from "node:crypto";
import { FLAGS, type FlagName, type FlagNote } from "./flags.ts";

export const SCHEMA_VERSION = 1;

export type HeaderPair = [string, string];
export type Result = "valid" | "invalid" | "acceptable";
export type ReasonCode =
  | "missing_headers"
  | "malformed_authorization"
  | "unsupported_algorithm"
  | "unknown_key"
  | "token_expired"
  | "signature_mismatch"
  | "timestamp_invalid"
  | "timestamp_expired"
  | "timestamp_in_future"
  | "ip_not_allowed"
  | "websocket_not_allowed"
  | "entrance_mismatch"
  | "body_too_large"
  | "replayed";

export const sha256Hex = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");
export const hmacHex = (key: string | Uint8Array, data: string | Uint8Array): string =>
  createHmac("sha256", key).update(data).digest("hex");

/** Stops the generator when its own computation disagrees with a value known from the real systems. */
export function assertKnown(what: string, actual: string, known: string): void {
  if (actual !== known) throw new Error(`generator disagrees with a known value (${what}):\n  computed ${actual}\n  known    ${known}`);
}

// ---- where a vector's expected value comes from ---------------------------------------------

export type Source =
  | { kind: "doc"; title: string; url?: string }
  | { kind: "client" | "server"; repository: string; commit: string; file: string; function?: string }
  | { kind: "rfc"; rfc: number; section: string }
  | { kind: "panelsig"; file: string; rule: string };

export const SOURCES = {
  agentDoc: { kind: "doc", title: "Opterius documentation: Agent API request signing (HMAC-SHA256)" },
  agentClient: {
    kind: "client",
    repository: "opterius/panel",
    commit: "f550c3aeb07c9e804c93b76d6ba4540c12c597a9",
    file: "app/Services/AgentService.php",
    function: "request()",
  },
  panelDoc: { kind: "doc", title: "Opterius documentation: Commerce, Opterius Panel Module (Authentication)" },
  panelClient: {
    kind: "client",
    repository: "opterius/commerce",
    commit: "4faada8345bb591563e817a583fac4a8c379d0de",
    file: "app/Provisioning/Modules/OpteriusPanelModule.php",
  },
  opteriusVerifier: { kind: "panelsig", file: "docs/verify-outcomes.md", rule: "opterius reference verifier (no public receiver exists)" },
  bodyLimit: {
    kind: "panelsig",
    file: "docs/verify-outcomes.md",
    rule: "every scheme: the receiver's body limit, checked once the checks that need no body have passed, before the signature",
  },
  replayGuard: { kind: "panelsig", file: "docs/verify-outcomes.md", rule: "opterius-panel step 5: the replay guard, after the signature" },
  aceDoc: { kind: "doc", title: "AcePanel API Reference Documentation", url: "https://acepanel.net/en/advanced/api" },
  aceCheck: {
    kind: "server",
    repository: "acepanel/panel",
    commit: "f26cae527a934639efe47744a41eb1f3de6e7f20",
    file: "internal/data/user_token.go",
    function: "ValidateReq",
  },
  aceEntrance: {
    kind: "server",
    repository: "acepanel/panel",
    commit: "f26cae527a934639efe47744a41eb1f3de6e7f20",
    file: "internal/middleware/entrance.go",
  },
  aceMustLogin: {
    kind: "server",
    repository: "acepanel/panel",
    commit: "f26cae527a934639efe47744a41eb1f3de6e7f20",
    file: "internal/middleware/must_login.go",
  },
  rfc4231: { kind: "rfc", rfc: 4231, section: "4" },
  hmacOwn: { kind: "panelsig", file: "scripts/vectors/hmac-sha256.ts", rule: "computed with node:crypto" },
} satisfies Record<string, Source>;

/** Spaces and tabs around a header value, which HTTP parsers strip: not part of the value. */
export const HTTP_SPACE_AROUND = /^[ \t]+|[ \t]+$/g;

// ---- bodies ---------------------------------------------------------------------------------

/** The compact form of a large body: `text` repeated `count` times, as UTF-8. */
export interface BodyRepeat {
  text: string;
  count: number;
}

/** A request body as a vector stores it: UTF-8 text, exact bytes in base64, or a repeat rule. */
export interface BodySpec {
  body?: string;
  bodyBase64?: string;
  bodyRepeat?: BodyRepeat;
}

export function bodyBytes(spec: BodySpec): Buffer {
  if (spec.bodyBase64 !== undefined) {
    const bytes = Buffer.from(spec.bodyBase64, "base64");
    if (bytes.toString("base64") !== spec.bodyBase64) throw new Error(`not canonical base64: ${spec.bodyBase64}`);
    return bytes;
  }
  if (spec.bodyRepeat) return Buffer.from(spec.bodyRepeat.text.repeat(spec.bodyRepeat.count), "utf8");
  return Buffer.from(spec.body ?? "", "utf8");
}

/** Only the body fields that are set, in the order the README gives them. */
export function bodyFields(spec: BodySpec): BodySpec {
  const out: BodySpec = {};
  if (spec.body !== undefined) out.body = spec.body;
  if (spec.bodyBase64 !== undefined) out.bodyBase64 = spec.bodyBase64;
  if (spec.bodyRepeat !== undefined) out.bodyRepeat = spec.bodyRepeat;
  return out;
}

/** A body of exactly `length` bytes of JSON text, for the SHA-256 block edges. */
export function jsonOfLength(length: number): string {
  const body = `{"pad":"${"x".repeat(length - 10)}"}`;
  if (Buffer.byteLength(body) !== length) throw new Error(`jsonOfLength(${length}) is ${Buffer.byteLength(body)} bytes`);
  return body;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * How a vector shows the exact bytes a scheme MACs: as text when they are UTF-8, as base64 when
 * a binary body makes them not UTF-8, and as their SHA-256 when a large body would make the
 * literal text as big as the body.
 */
export function signedBytesField(signed: Buffer, large: boolean) {
  if (large) return { stringToSignSha256: sha256Hex(signed) };
  try {
    return { stringToSign: strictUtf8.decode(signed) };
  } catch {
    return { stringToSignBase64: signed.toString("base64") };
  }
}

// ---- the JSON shapes ------------------------------------------------------------------------

export interface VectorHead {
  tcId: number;
  name: string;
  description: string;
  source: Source;
  flags: FlagName[];
}

export interface SignExpected {
  headers: HeaderPair[];
  canonicalRequest?: string;
  stringToSign?: string;
  stringToSignBase64?: string;
  stringToSignSha256?: string;
  signature: string;
}

export interface VerifyExpected {
  valid: boolean;
  error?: ReasonCode;
  status?: number;
  message?: string;
  canonicalRequest?: string;
  stringToSign?: string;
  stringToSignBase64?: string;
  expectedSignature?: string;
  /** A request let through without any signature check, and why (acepanel). */
  signatureChecked?: false;
  uncheckedReason?: "public_path" | "non_api_path" | "webhook_or_download" | "robots_txt";
  location?: string;
  connectionClosed?: true;
  /** On signature_mismatch: the client's known mistake that reproduces the signature (scripts/vectors/diagnosis.ts). */
  diagnosis?: Diagnosis;
}

/** A verify vector's expected diagnosis: the mistake's id, the signature received and what the client signed. */
export interface Diagnosis {
  mistake: string;
  signature: string;
  canonicalRequest?: string;
  stringToSign?: string;
  stringToSignBase64?: string;
}

export interface CaseJson {
  scheme: string;
  op: "sign" | "verify";
  request: { method: string; url: string; headers?: HeaderPair[] } & BodySpec;
  credentials: { secret: string; keyId?: number | string };
  timestamp?: string;
  options?: Record<string, string>;
  context?: Record<string, unknown>;
}

export type SignVector = VectorHead & { case: CaseJson; expected: SignExpected };
export type VerifyVector = VectorHead & { case: CaseJson; result: Result; expected: VerifyExpected };
export type SchemeVector = SignVector | VerifyVector;

export interface SchemeFile {
  scheme: string;
  schema: string;
  schemaVersion: number;
  numberOfVectors: number;
  notes: Record<string, FlagNote>;
  vectors: SchemeVector[];
}

/** A rejection as the receiver answers it. */
export interface Failure {
  error: ReasonCode;
  /** Absent only when the receiver closes the connection without answering (connectionClosed). */
  status?: number;
  message?: string;
  /** The redirect target of a 302. */
  location?: string;
  connectionClosed?: true;
}

/** The two Opterius verifiers' answers (panelsig's own messages: no public receiver exists). */
export const OPTERIUS = {
  MISSING: { error: "missing_headers", status: 401, message: "missing signature headers" },
  BAD_TIMESTAMP: { error: "timestamp_invalid", status: 401, message: "invalid timestamp" },
  EXPIRED: { error: "timestamp_expired", status: 401, message: "timestamp out of range" },
  FUTURE: { error: "timestamp_in_future", status: 401, message: "timestamp out of range" },
  MISMATCH: { error: "signature_mismatch", status: 401, message: "invalid signature" },
} as const satisfies Record<string, Failure>;

/** The answer to a body over the receiver's limit (every scheme). */
export const TOO_LARGE: Failure = { error: "body_too_large", status: 413, message: "request body too large" };

/**
 * Stops the generator when a verify vector's body limit (context.maxBodyBytes) and its verdict
 * disagree: a body_too_large vector must be over the limit, a valid one within it.
 */
export function checkBodyLimit(name: string, bodyLength: number, maxBodyBytes: number | undefined, result: Result, failure: Failure | undefined): void {
  const over = maxBodyBytes !== undefined && bodyLength > maxBodyBytes;
  if (failure?.error === "body_too_large" && !over) throw new Error(`${name}: says body_too_large but ${bodyLength} bytes are within the limit ${maxBodyBytes}`);
  if (result === "valid" && over) throw new Error(`${name}: says valid but ${bodyLength} bytes are over the limit ${maxBodyBytes}`);
}

/** The verify `expected` object for a result, with the intermediates the verifier can compute. */
export function verifyExpected(result: Result, failure: Failure | undefined, intermediates: Omit<VerifyExpected, "valid">): VerifyExpected {
  if (result === "valid" && failure) throw new Error(`a valid vector cannot fail with ${failure.error}`);
  if (result === "invalid" && !failure) throw new Error("an invalid vector needs the failure the receiver answers");
  return failure ? { valid: false, ...failure, ...intermediates } : { valid: true, ...intermediates };
}

/** Assembles one file: the notes are exactly the flags its vectors use. */
export function schemeFile(scheme: string, vectors: SchemeVector[]): SchemeFile {
  return { scheme, schema: `schema/${scheme}.schema.json`, schemaVersion: SCHEMA_VERSION, numberOfVectors: vectors.length, notes: notesFor(vectors), vectors };
}

export function notesFor(vectors: { flags: FlagName[] }[]): Record<string, FlagNote> {
  const used = new Set(vectors.flatMap((v) => v.flags));
  const notes: Record<string, FlagNote> = {};
  for (const name of Object.keys(FLAGS) as FlagName[]) if (used.has(name)) notes[name] = FLAGS[name];
  return notes;
}

// ---- output ---------------------------------------------------------------------------------

/**
 * JSON as the corpus files are written: two-space indentation, short flat objects and arrays of
 * scalars (and header pairs) on one line, and every character outside printable ASCII as a \u
 * escape, so that NFC and NFD text, U+2028 or a BOM are visible to a reader and survive any editor.
 */
export function formatJson(value: unknown): string {
  return write(value, "") + "\n";
}

function write(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((item) => isScalar(item) || (Array.isArray(item) && item.every(isScalar)))) {
      return "[" + value.map((item) => write(item, indent)).join(", ") + "]";
    }
    const inner = indent + "  ";
    return "[\n" + value.map((item) => inner + write(item, inner)).join(",\n") + "\n" + indent + "]";
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    if (entries.every(([, v]) => isScalar(v))) {
      const oneLine = "{" + entries.map(([k, v]) => `${asciiJson(k)}: ${write(v, indent)}`).join(", ") + "}";
      if (oneLine.length <= 100) return oneLine;
    }
    const inner = indent + "  ";
    return "{\n" + entries.map(([k, v]) => `${inner}${asciiJson(k)}: ${write(v, inner)}`).join(",\n") + "\n" + indent + "}";
  }
  if (typeof value === "string") return asciiJson(value);
  return JSON.stringify(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

function asciiJson(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}
