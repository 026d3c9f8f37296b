// The shapes of the vector files, as vectors/README.md and vectors/schema/ describe them. The
// case and result shapes are the shared contract of @panelsig/core; a vector adds its id, its
// provenance, its flags and what the real systems answer.

import type { Case, CaseRequest, Diagnosis, SchemeId, SignResult, VerifyResult } from "@panelsig/core";

/**
 * A large body stored compactly: `text` repeated `count` times, as UTF-8.
 *
 * @example
 * ```ts
 * const oneMiB: BodyRepeat = { text: "0123456789abcdef", count: 65536 }; // repeatBody() expands it
 * ```
 */
export interface BodyRepeat {
  /** The text repeated. */
  text: string;
  /** How many times. */
  count: number;
}

/**
 * A case's request as a vector stores it: body as text, bodyBase64, or bodyRepeat.
 *
 * @example
 * ```ts
 * const request: VectorRequest = { method: "POST", url: "/api/accounts", bodyRepeat: { text: "0123456789abcdef", count: 65536 } };
 * ```
 */
export interface VectorRequest extends Omit<CaseRequest, "body"> {
  /** The body as text (UTF-8). */
  body?: string;
  /** Instead of body: a large body as a text repeated (see toCase). */
  bodyRepeat?: BodyRepeat;
}

/**
 * A vector's case: the contract's case object without its ids, its request stored as a
 * {@link VectorRequest}. `toCase` makes a case object of it.
 *
 * @example
 * ```ts
 * const c: VectorCase<"sign"> = {
 *   scheme: "acepanel", op: "sign", request: { method: "GET", url: "/entrance/api/user/info" },
 *   credentials: { secret: "YourSecretToken", keyId: 16 }, timestamp: "1700000000", options: { entrance: "/entrance" },
 * };
 * ```
 */
export interface VectorCase<Op extends "sign" | "verify" = "sign" | "verify"> extends Omit<Case, "request" | "op" | "id" | "tcId"> {
  /** Whether the case is signed or verified. */
  op: Op;
  /** The request, its body possibly a bodyRepeat. */
  request: VectorRequest;
}

/**
 * Where a vector's expected value comes from: a document, the real client's or server's code (at a
 * commit), an RFC, or a rule of panelsig's own.
 *
 * @example
 * ```ts
 * const source: VectorSource = { kind: "doc", title: "AcePanel API Reference Documentation", url: "https://acepanel.net/en/advanced/api" };
 * ```
 */
export type VectorSource =
  | {
      /** A published document. */
      kind: "doc";
      /** Its title. */
      title: string;
      /** Where it is. */
      url?: string;
    }
  | {
      /** The real client's or server's source code. */
      kind: "client" | "server";
      /** The repository. */
      repository: string;
      /** The commit read. */
      commit: string;
      /** The file in it. */
      file: string;
      /** The function in that file. */
      function?: string;
    }
  | {
      /** An RFC. */
      kind: "rfc";
      /** Its number. */
      rfc: number;
      /** The section. */
      section: string;
    }
  | {
      /** A rule panelsig states itself (where no real system decides). */
      kind: "panelsig";
      /** The file stating it. */
      file: string;
      /** The rule. */
      rule: string;
    };

/**
 * The kind of bug a flag's vectors catch.
 *
 * @example
 * ```ts
 * import { acepanelVectors } from "@panelsig/vectors";
 * const bypasses = Object.entries(acepanelVectors.notes).filter(([, note]) => note.bugType === "AUTH_BYPASS");
 * ```
 */
export type BugType = "BASIC" | "AUTH_BYPASS" | "FALSE_REJECT" | "CANONICALIZATION" | "INTEROP" | "EDGE_CASE" | "WRONG_ERROR" | "KNOWN_WEAKNESS";

/**
 * What a flag tests and how bad a failure is.
 *
 * @example
 * ```ts
 * import { acepanelVectors } from "@panelsig/vectors";
 * const note: FlagNote = acepanelVectors.notes["DocExample"]!;
 * console.log(note.severity, note.description);
 * ```
 */
export interface FlagNote {
  /** The kind of bug a failure shows. */
  bugType: BugType;
  /** How bad a failure is. */
  severity: "critical" | "high" | "medium" | "low" | "info";
  /** What the flag's vectors test. */
  description: string;
}

/**
 * What every vector has: its id, name, description, provenance and flags.
 *
 * @example
 * ```ts
 * const head: VectorHead = { tcId: 3001, name: "doc-example", description: "The documentation's fixed example.",
 *   source: { kind: "doc", title: "AcePanel API Reference Documentation" }, flags: ["DocExample"] };
 * ```
 */
export interface VectorHead {
  /** Stable and never reused; unique across the corpus. */
  tcId: number;
  /** A short kebab-case name. */
  name: string;
  /** What the vector checks, in a sentence or two. */
  description: string;
  /** Where its expected value comes from. */
  source: VectorSource;
  /** The flags it carries (keys of the file's `notes`). */
  flags: string[];
}

/**
 * A sign result, where a large body's string to sign may be given by its SHA-256 (lower-case hex).
 *
 * @example
 * ```ts
 * import { acepanelVectors, isSignVector } from "@panelsig/vectors";
 * const expected: SignExpected = acepanelVectors.vectors.filter(isSignVector)[0]!.expected;
 * console.log(expected.headers);
 * ```
 */
export interface SignExpected extends SignResult {
  /** Instead of stringToSign for a large body: the SHA-256 of the string to sign, lower-case hex. */
  stringToSignSha256?: string;
}

/**
 * A sign vector: a case to sign and what the real client sends for it.
 *
 * @example
 * ```ts
 * import { sign } from "@panelsig/node";
 * import { acepanelVectors, isSignVector, toCase, type SignVector } from "@panelsig/vectors";
 * const vector: SignVector = acepanelVectors.vectors.filter(isSignVector)[0]!;
 * const { signature } = await sign(toCase(vector)); // === vector.expected.signature
 * ```
 */
export interface SignVector extends VectorHead {
  /** The case to sign. */
  case: VectorCase<"sign">;
  /** The sign result expected. */
  expected: SignExpected;
}

/**
 * valid / invalid: what the real receiver answers; acceptable: it accepts, a strict receiver may not.
 *
 * @example
 * ```ts
 * import { acepanelVectors } from "@panelsig/vectors";
 * const lenient = acepanelVectors.vectors.filter((v) => "result" in v && v.result === "acceptable");
 * ```
 */
export type VectorResult = "valid" | "invalid" | "acceptable";

/**
 * A verify vector: a received request and what the real receiver answers.
 *
 * @example
 * ```ts
 * import { verify } from "@panelsig/node";
 * import { acepanelVectors, isSignVector, toCase } from "@panelsig/vectors";
 * const vector = acepanelVectors.vectors.find((v) => !isSignVector(v))!;
 * const result = await verify(toCase(vector)); // result.valid === (vector.result !== "invalid")
 * ```
 */
export interface VerifyVector extends VectorHead {
  /** The request received. */
  case: VectorCase<"verify">;
  /** What the real receiver does with it. */
  result: VectorResult;
  /** The verify result expected. */
  expected: VerifyExpected;
}

/**
 * A verify result, where the diagnosis carries no summary (free text, not compared).
 *
 * @example
 * ```ts
 * // opterius-agent's answer to a wrong signature:
 * const expected: VerifyExpected = { valid: false, error: "signature_mismatch", status: 401, message: "invalid signature" };
 * ```
 */
export interface VerifyExpected extends Omit<VerifyResult, "diagnosis"> {
  /** The client's mistake the request was signed with; optional for ports, compared when both sides give one. */
  diagnosis?: Omit<Diagnosis, "summary">;
}

/**
 * A vector of a scheme file: sign or verify ({@link isSignVector} tells which).
 *
 * @example
 * ```ts
 * import { loadVectors, type SchemeVector } from "@panelsig/vectors";
 * const all: SchemeVector[] = loadVectors("opterius-agent").vectors;
 * ```
 */
export type SchemeVector = SignVector | VerifyVector;

/**
 * One scheme's vector file, as vectors/&lt;scheme&gt;.json holds it.
 *
 * @example
 * ```ts
 * import { loadVectors } from "@panelsig/vectors";
 * const file: SchemeVectorFile = loadVectors("opterius-panel");
 * console.log(file.schemaVersion, file.numberOfVectors === file.vectors.length); // 1 true
 * ```
 */
export interface SchemeVectorFile {
  /** The scheme. */
  scheme: SchemeId;
  /** The JSON Schema of the file, relative to it. */
  schema: string;
  /** The version of the file format. */
  schemaVersion: number;
  /** How many vectors there are. */
  numberOfVectors: number;
  /** Each flag, and what it tests. */
  notes: Record<string, FlagNote>;
  /** The vectors, by tcId. */
  vectors: SchemeVector[];
}

/**
 * An HMAC-SHA256 vector: valid when `tag` is the first tagSize bits of HMAC-SHA256(key, msg).
 *
 * @example
 * ```ts
 * import { hmacSha256Vectors } from "@panelsig/vectors";
 * const rfc4231case1: HmacVector = hmacSha256Vectors.vectors[0]!; // key 0b0b…0b, msg "Hi There"
 * ```
 */
export interface HmacVector extends VectorHead {
  /** Hex. */
  key: string;
  /** The message, hex. */
  msg: string;
  /** The tag, hex: tagSize / 4 digits. */
  tag: string;
  /** Bits. */
  tagSize: number;
  /** Whether the tag is HMAC-SHA256(key, msg) cut to tagSize bits. */
  result: "valid" | "invalid";
}

/**
 * The HMAC-SHA256 vector file, vectors/hmac-sha256.json.
 *
 * @example
 * ```ts
 * import { hmacSha256Vectors } from "@panelsig/vectors";
 * const file: HmacVectorFile = hmacSha256Vectors;
 * console.log(file.algorithm, file.numberOfVectors); // "HMAC-SHA256" …
 * ```
 */
export interface HmacVectorFile {
  /** Always "HMAC-SHA256". */
  algorithm: "HMAC-SHA256";
  /** The JSON Schema of the file, relative to it. */
  schema: string;
  /** The version of the file format. */
  schemaVersion: number;
  /** How many vectors there are. */
  numberOfVectors: number;
  /** Each flag, and what it tests. */
  notes: Record<string, FlagNote>;
  /** The vectors, by tcId. */
  vectors: HmacVector[];
}
