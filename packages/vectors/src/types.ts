// The shapes of the vector files, as vectors/README.md and vectors/schema/ describe them. The
// case and result shapes are the shared contract of @panelsig/core; a vector adds its id, its
// provenance, its flags and what the real systems answer.

import type { Case, CaseRequest, Diagnosis, SchemeId, SignResult, VerifyResult } from "@panelsig/core";

/** A large body stored compactly: `text` repeated `count` times, as UTF-8. */
export interface BodyRepeat {
  text: string;
  count: number;
}

/** A case's request as a vector stores it: body as text, bodyBase64, or bodyRepeat. */
export interface VectorRequest extends Omit<CaseRequest, "body"> {
  body?: string;
  bodyRepeat?: BodyRepeat;
}

export interface VectorCase<Op extends "sign" | "verify" = "sign" | "verify"> extends Omit<Case, "request" | "op" | "id" | "tcId"> {
  op: Op;
  request: VectorRequest;
}

/** Where a vector's expected value comes from. */
export type VectorSource =
  | { kind: "doc"; title: string; url?: string }
  | { kind: "client" | "server"; repository: string; commit: string; file: string; function?: string }
  | { kind: "rfc"; rfc: number; section: string }
  | { kind: "panelsig"; file: string; rule: string };

export type BugType = "BASIC" | "AUTH_BYPASS" | "FALSE_REJECT" | "CANONICALIZATION" | "INTEROP" | "EDGE_CASE" | "WRONG_ERROR" | "KNOWN_WEAKNESS";

/** What a flag tests and how bad a failure is. */
export interface FlagNote {
  bugType: BugType;
  severity: "critical" | "high" | "medium" | "low" | "info";
  description: string;
}

export interface VectorHead {
  /** Stable and never reused; unique across the corpus. */
  tcId: number;
  name: string;
  description: string;
  source: VectorSource;
  flags: string[];
}

/** A sign result, where a large body's string to sign may be given by its SHA-256 (lower-case hex). */
export interface SignExpected extends SignResult {
  stringToSignSha256?: string;
}

export interface SignVector extends VectorHead {
  case: VectorCase<"sign">;
  expected: SignExpected;
}

/** valid / invalid: what the real receiver answers; acceptable: it accepts, a strict receiver may not. */
export type VectorResult = "valid" | "invalid" | "acceptable";

export interface VerifyVector extends VectorHead {
  case: VectorCase<"verify">;
  result: VectorResult;
  expected: VerifyExpected;
}

/** A verify result, where the diagnosis carries no summary (free text, not compared). */
export interface VerifyExpected extends Omit<VerifyResult, "diagnosis"> {
  /** The client's mistake the request was signed with; optional for ports, compared when both sides give one. */
  diagnosis?: Omit<Diagnosis, "summary">;
}

export type SchemeVector = SignVector | VerifyVector;

export interface SchemeVectorFile {
  scheme: SchemeId;
  schema: string;
  schemaVersion: number;
  numberOfVectors: number;
  notes: Record<string, FlagNote>;
  vectors: SchemeVector[];
}

/** An HMAC-SHA256 vector: valid when `tag` is the first tagSize bits of HMAC-SHA256(key, msg). */
export interface HmacVector extends VectorHead {
  /** Hex. */
  key: string;
  msg: string;
  tag: string;
  /** Bits. */
  tagSize: number;
  result: "valid" | "invalid";
}

export interface HmacVectorFile {
  algorithm: "HMAC-SHA256";
  schema: string;
  schemaVersion: number;
  numberOfVectors: number;
  notes: Record<string, FlagNote>;
  vectors: HmacVector[];
}
