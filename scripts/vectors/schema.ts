// The JSON Schemas (draft 2020-12) of the vector files, built from shared pieces so that each
// written schema is self-contained: a consumer in any language validates a file with its one
// schema and no references to resolve. Every object forbids unknown properties.

import { SCHEMA_VERSION } from "./build.ts";
import { FLAGS } from "./flags.ts";

type Json = Record<string, unknown>;

const DIALECT = "https://json-schema.org/draft/2020-12/schema";
const REASON_CODES = [
  "missing_headers",
  "malformed_authorization",
  "unsupported_algorithm",
  "unknown_key",
  "token_expired",
  "signature_mismatch",
  "timestamp_invalid",
  "timestamp_expired",
  "timestamp_in_future",
  "ip_not_allowed",
  "websocket_not_allowed",
  "entrance_mismatch",
  "body_too_large",
  "replayed",
];

/** tcIds each file may use (they are unique across the whole corpus). */
export const TCID_RANGES = {
  "opterius-agent": [1000, 1999],
  "opterius-panel": [2000, 2999],
  acepanel: [3000, 4999],
  "hmac-sha256": [9000, 9999],
} as const;

const object = (properties: Json, required: string[], extra: Json = {}): Json => ({
  type: "object",
  additionalProperties: false,
  required,
  properties,
  ...extra,
});
const text = { type: "string" };
const nonEmpty = { type: "string", minLength: 1 };
const hex = (length?: number) => ({ type: "string", pattern: length ? `^[0-9a-f]{${length}}$` : "^([0-9a-f]{2})*$" });
const integer = (minimum?: number) => (minimum === undefined ? { type: "integer" } : { type: "integer", minimum });

const headerPair = { type: "array", prefixItems: [{ type: "string", pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" }, text], items: false, minItems: 2 };
const headers = { type: "array", items: headerPair };

const source = {
  oneOf: [
    object({ kind: { const: "doc" }, title: nonEmpty, url: nonEmpty }, ["kind", "title"]),
    object(
      { kind: { enum: ["client", "server"] }, repository: nonEmpty, commit: hex(40), file: nonEmpty, function: nonEmpty },
      ["kind", "repository", "commit", "file"],
    ),
    object({ kind: { const: "rfc" }, rfc: integer(1), section: nonEmpty }, ["kind", "rfc", "section"]),
    object({ kind: { const: "panelsig" }, file: nonEmpty, rule: nonEmpty }, ["kind", "file", "rule"]),
  ],
};

const flagNames = Object.keys(FLAGS);
const notes = {
  type: "object",
  propertyNames: { enum: flagNames },
  additionalProperties: object(
    {
      bugType: { enum: ["BASIC", "AUTH_BYPASS", "FALSE_REJECT", "CANONICALIZATION", "INTEROP", "EDGE_CASE", "WRONG_ERROR", "KNOWN_WEAKNESS"] },
      severity: { enum: ["critical", "high", "medium", "low", "info"] },
      description: nonEmpty,
    },
    ["bugType", "severity", "description"],
  ),
};

function head(scheme: keyof typeof TCID_RANGES): Json {
  const [minimum, maximum] = TCID_RANGES[scheme];
  return {
    tcId: { type: "integer", minimum, maximum },
    name: { type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" },
    description: nonEmpty,
    source,
    flags: { type: "array", minItems: 1, uniqueItems: true, items: { enum: flagNames } },
  };
}

const HEAD_REQUIRED = ["tcId", "name", "description", "source", "flags"];

function fileSchema(scheme: keyof typeof TCID_RANGES, title: string, description: string, top: Json, vector: Json): Json {
  return {
    $schema: DIALECT,
    title,
    description,
    ...object(
      {
        ...top,
        schema: { const: `schema/${scheme}.schema.json` },
        schemaVersion: { const: SCHEMA_VERSION },
        numberOfVectors: integer(1),
        notes,
        vectors: { type: "array", minItems: 1, items: vector },
      },
      [...Object.keys(top), "schema", "schemaVersion", "numberOfVectors", "notes", "vectors"],
    ),
  };
}

// ---- the three signing schemes ----------------------------------------------------------------

interface SchemeRules {
  keyId: boolean;
  options: Json;
  context: Json;
  canonicalRequest: boolean;
}

const RULES: Record<"opterius-agent" | "opterius-panel" | "acepanel", SchemeRules> = {
  "opterius-agent": {
    keyId: false,
    options: { timestampForm: { enum: ["Z", "+00:00"] } },
    context: { now: integer(), windowSeconds: integer(1), maxBodyBytes: integer(0) },
    canonicalRequest: false,
  },
  "opterius-panel": {
    keyId: false,
    options: { emptyBody: { enum: ["{}", ""] } },
    context: { now: integer(), windowSeconds: integer(1), maxBodyBytes: integer(0), acceptedSignatures: { type: "array", items: hex(64), uniqueItems: true } },
    canonicalRequest: false,
  },
  acepanel: {
    keyId: true,
    options: { entrance: nonEmpty },
    context: {
      now: integer(),
      entrance: nonEmpty,
      clientIp: nonEmpty,
      ipHeader: text,
      ipWhitelist: { type: "array", items: nonEmpty },
      tokenExpiresAt: integer(),
      locale: { enum: ["en", "zh_CN", "zh_TW"] },
      entranceError: { enum: ["418", "nginx", "close"] },
      maxBodyBytes: integer(0),
    },
    canonicalRequest: true,
  },
};

function request(verify: boolean): Json {
  const oneBodyAtMost = [
    ["body", "bodyBase64"],
    ["body", "bodyRepeat"],
    ["bodyBase64", "bodyRepeat"],
  ].map((pair) => ({ not: { required: pair } }));
  return object(
    {
      method: { type: "string", pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" },
      url: nonEmpty,
      headers,
      body: text,
      bodyBase64: { type: "string", pattern: "^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$" },
      bodyRepeat: object({ text: nonEmpty, count: integer(1) }, ["text", "count"]),
    },
    verify ? ["method", "url", "headers"] : ["method", "url"],
    { allOf: oneBodyAtMost },
  );
}

function schemeVectorSchema(scheme: keyof typeof RULES): Json {
  const rules = RULES[scheme];
  const credentials = rules.keyId
    ? object(
        { secret: nonEmpty, keyId: { oneOf: [integer(0), { type: "string", pattern: "^[0-9]+$" }] } },
        ["secret", "keyId"],
      )
    : object({ secret: nonEmpty }, ["secret"]);
  const caseOf = (op: "sign" | "verify") =>
    op === "sign"
      ? object(
          { scheme: { const: scheme }, op: { const: "sign" }, request: request(false), credentials, timestamp: nonEmpty, options: object(rules.options, []) },
          ["scheme", "op", "request", "credentials", "timestamp"],
        )
      : object(
          { scheme: { const: scheme }, op: { const: "verify" }, request: request(true), credentials, context: object(rules.context, ["now"]) },
          ["scheme", "op", "request", "credentials", "context"],
        );
  const signedText = ["stringToSign", "stringToSignBase64", "stringToSignSha256"].map((field) => ({ required: [field] }));
  const signExpected = object(
    {
      headers,
      ...(rules.canonicalRequest ? { canonicalRequest: text } : {}),
      stringToSign: text,
      stringToSignBase64: nonEmpty,
      stringToSignSha256: hex(64),
      signature: hex(64),
    },
    rules.canonicalRequest ? ["headers", "canonicalRequest", "signature"] : ["headers", "signature"],
    { oneOf: signedText },
  );
  // acepanel's entrance middleware: passed unchecked (with the reason), redirected, or the connection closed.
  const entranceFields = rules.canonicalRequest
    ? {
        signatureChecked: { const: false },
        uncheckedReason: { enum: ["public_path", "non_api_path", "webhook_or_download", "robots_txt"] },
        location: nonEmpty,
        connectionClosed: { const: true },
      }
    : {};
  const verifyExpected = object(
    {
      valid: { type: "boolean" },
      error: { enum: REASON_CODES },
      status: { type: "integer", minimum: 100, maximum: 599 },
      message: text,
      ...(rules.canonicalRequest ? { canonicalRequest: text } : {}),
      stringToSign: text,
      stringToSignBase64: nonEmpty,
      expectedSignature: hex(64),
      ...entranceFields,
      diagnosis: object(
        {
          mistake: { type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" },
          signature: text,
          ...(rules.canonicalRequest ? { canonicalRequest: text } : {}),
          stringToSign: text,
          stringToSignBase64: nonEmpty,
        },
        ["mistake", "signature"],
      ),
    },
    ["valid"],
    {
      if: { properties: { valid: { const: false } } },
      then: { required: ["error"], anyOf: [{ required: ["status"] }, { required: ["connectionClosed"] }] },
      else: { not: { anyOf: [{ required: ["error"] }, { required: ["status"] }, { required: ["message"] }] } },
    },
  );
  const sign = object({ ...head(scheme), case: caseOf("sign"), expected: signExpected }, [...HEAD_REQUIRED, "case", "expected"]);
  const verify = object(
    { ...head(scheme), case: caseOf("verify"), result: { enum: ["valid", "invalid", "acceptable"] }, expected: verifyExpected },
    [...HEAD_REQUIRED, "case", "result", "expected"],
    {
      allOf: [
        { if: { properties: { result: { const: "valid" } } }, then: { properties: { expected: { type: "object", properties: { valid: { const: true } } } } } },
        { if: { properties: { result: { const: "invalid" } } }, then: { properties: { expected: { type: "object", properties: { valid: { const: false } } } } } },
      ],
    },
  );
  return fileSchema(
    scheme,
    `panelsig ${scheme} vectors`,
    `Sign and verify vectors for the ${scheme} request-signing scheme. See vectors/README.md.`,
    { scheme: { const: scheme } },
    { oneOf: [sign, verify] },
  );
}

function hmacSchema(): Json {
  const vector = object(
    {
      ...head("hmac-sha256"),
      key: hex(),
      msg: hex(),
      tag: hex(),
      tagSize: { type: "integer", minimum: 8, maximum: 256, multipleOf: 8 },
      result: { enum: ["valid", "invalid"] },
    },
    [...HEAD_REQUIRED, "key", "msg", "tag", "tagSize", "result"],
  );
  return fileSchema(
    "hmac-sha256",
    "panelsig HMAC-SHA256 vectors",
    "HMAC-SHA256 test vectors: hex key, message and tag; the tag is valid when it equals the first tagSize bits of HMAC-SHA256(key, msg).",
    { algorithm: { const: "HMAC-SHA256" } },
    vector,
  );
}

/** Every schema file, by its name under vectors/schema/. */
export function buildSchemas(): Record<string, Json> {
  return {
    "opterius-agent.schema.json": schemeVectorSchema("opterius-agent"),
    "opterius-panel.schema.json": schemeVectorSchema("opterius-panel"),
    "acepanel.schema.json": schemeVectorSchema("acepanel"),
    "hmac-sha256.schema.json": hmacSchema(),
  };
}
