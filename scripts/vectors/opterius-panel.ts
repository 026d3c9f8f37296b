// vectors/opterius-panel.json: Opterius Commerce → Panel.
//   X-Signature = hex(hmac(api_token, X-Timestamp + BODY)), X-Timestamp in Unix seconds.
// Method and path are not signed; with no body the real client signs "{}". Each vector states
// the signed body by hand; signatures stated in the reference are checked literally.

import {
  assertKnown,
  bodyBytes,
  bodyFields,
  checkBodyLimit,
  hmacHex,
  HTTP_SPACE_AROUND,
  jsonOfLength,
  OPTERIUS,
  schemeFile,
  signedBytesField,
  SOURCES,
  TOO_LARGE,
  verifyExpected,
  type BodySpec,
  type Failure,
  type HeaderPair,
  type Result,
  type SchemeFile,
  type SchemeVector,
  type SignVector,
  type Source,
  type VectorHead,
} from "./build.ts";
import { panelDiagnosisVectors } from "./diagnosis.ts";
import { withDocClientFlags } from "./doc-client-flags.ts";

/** tcIds of vectors that were removed: never used again. */
export const RETIRED_PANEL_TCIDS: readonly number[] = [];

const SCHEME = "opterius-panel";
const TOKEN = "eyJ-test";
const TS = "1775658720";
const NOW = 1775658720;

// The real client's bodies (PHP json_encode, no flags) from the reference, and JSON.stringify's
// bytes of the same values.
const PHP_CREATE_URL =
  '{"domain":"b\\u00fccher.example","username":"buecher","package":"starter","email":"owner@b\\u00fccher.example","url":"https:\\/\\/b\\u00fccher.example\\/a\\/b"}';
const JS_CREATE_URL = '{"domain":"bücher.example","username":"buecher","package":"starter","email":"owner@bücher.example","url":"https://bücher.example/a/b"}';
const PHP_CREATE = '{"domain":"b\\u00fccher.example","username":"buecher","package":"Starter\\/Plus","email":"owner@example.com"}';
const JS_CREATE = '{"domain":"bücher.example","username":"buecher","package":"Starter/Plus","email":"owner@example.com"}';

const { MISSING, BAD_TIMESTAMP, EXPIRED, FUTURE, MISMATCH } = OPTERIUS;
const REPLAYED: Failure = { error: "replayed", status: 401, message: "request already used" };

type Head = Omit<VectorHead, "source"> & { source?: Source };

interface SignDef extends Head {
  method: string;
  url: string;
  body?: BodySpec;
  secret?: string;
  timestamp?: string;
  /** By hand, for a request without a body: what is signed in its place ("{}" or ""). */
  emptyBodySigns?: "{}" | "";
  options?: { emptyBody: "{}" | "" };
  known?: string;
}

function sign(def: SignDef): SignVector {
  const secret = def.secret ?? TOKEN;
  const timestamp = def.timestamp ?? TS;
  const body = def.body ?? {};
  const bytes = bodyBytes(body);
  if ((bytes.length === 0) !== (def.emptyBodySigns !== undefined)) throw new Error(`${def.name}: state emptyBodySigns exactly when there is no body`);
  const signed = Buffer.concat([Buffer.from(timestamp, "utf8"), bytes.length ? bytes : Buffer.from(def.emptyBodySigns!, "utf8")]);
  const signature = hmacHex(secret, signed);
  if (def.known) assertKnown(`${SCHEME} ${def.name}`, signature, def.known);
  const headers = defaultHeaders(signature, timestamp, bytes.length > 0);
  return {
    tcId: def.tcId,
    name: def.name,
    description: def.description,
    source: def.source ?? SOURCES.panelClient,
    flags: def.flags,
    case: {
      scheme: SCHEME,
      op: "sign",
      request: { method: def.method, url: def.url, ...bodyFields(body) },
      credentials: { secret },
      timestamp,
      options: def.options,
    },
    expected: { headers, ...signedBytesField(signed, body.bodyRepeat !== undefined), signature },
  };
}

interface VerifyDef extends Head {
  method?: string;
  url?: string;
  body?: BodySpec;
  timestamp?: string;
  secret?: string;
  /** What the client signed, where it differs from what was sent (body: the signed bytes as text). */
  signs?: { timestamp?: string; body?: BodySpec; secret?: string };
  headers?: (signature: string, timestamp: string) => HeaderPair[];
  windowSeconds?: number;
  /** The receiver's body limit (context.maxBodyBytes); none when absent. */
  maxBodyBytes?: number;
  /** The receiver's replay memory (context.acceptedSignatures), given the client's signature; no guard when absent. */
  accepted?: (signature: string) => string[];
  result: Result;
  failure?: Failure;
}

function verify(def: VerifyDef): SchemeVector {
  const method = def.method ?? "POST";
  const url = def.url ?? "/api/accounts";
  const body = def.body ?? (def.url === undefined ? { body: PHP_CREATE } : {});
  const timestamp = def.timestamp ?? TS;
  const secret = def.secret ?? TOKEN;
  const bytes = bodyBytes(body);
  const signs = def.signs ?? {};
  // A client with no body signs "{}" (the real client) unless the vector says otherwise.
  const clientBody = signs.body ? bodyBytes(signs.body) : bytes.length ? bytes : Buffer.from("{}");
  const signature = hmacHex(signs.secret ?? secret, Buffer.concat([Buffer.from(signs.timestamp ?? timestamp, "utf8"), clientBody]));
  const headers = def.headers ? def.headers(signature, timestamp) : defaultHeaders(signature, timestamp, bytes.length > 0);

  const sentTimestamp = headers.find(([name]) => name.toLowerCase() === "x-timestamp")?.[1].replace(HTTP_SPACE_AROUND, "");
  const sentSignature = headers.find(([name]) => name.toLowerCase() === "x-signature")?.[1];
  const accepted = def.accepted?.(signature);
  const listed = sentSignature !== undefined && accepted !== undefined && accepted.includes(sentSignature);
  if (def.failure?.error === "replayed" && !listed) throw new Error(`${def.name}: says replayed but the signature sent is not listed`);
  if (def.result === "valid" && listed) throw new Error(`${def.name}: says valid but the signature sent is listed`);
  checkBodyLimit(def.name, bytes.length, def.maxBodyBytes, def.result, def.failure);
  let intermediates = {};
  if (sentTimestamp) {
    // An empty body verifies as "{}" (the real client) or "" (the doc); the form shown is the one
    // that matched, else "{}".
    const forms = bytes.length ? [bytes] : [Buffer.from("{}"), Buffer.from("")];
    const candidates = forms.map((form) => {
      const signed = Buffer.concat([Buffer.from(sentTimestamp, "utf8"), form]);
      return { signed, expectedSignature: hmacHex(secret, signed) };
    });
    const shown = candidates.find((c) => c.expectedSignature === sentSignature) ?? candidates[0]!;
    const field = signedBytesField(shown.signed, body.bodyRepeat !== undefined);
    intermediates = "stringToSignSha256" in field ? { expectedSignature: shown.expectedSignature } : { ...field, expectedSignature: shown.expectedSignature };
    if (sentSignature === signature) {
      const matches = candidates.some((c) => c.expectedSignature === signature);
      if (def.failure === undefined && !matches) throw new Error(`${def.name}: says valid but the signature is wrong`);
      if (def.failure?.error === "signature_mismatch" && matches) throw new Error(`${def.name}: says mismatch but the signature is right`);
    }
  }
  return {
    tcId: def.tcId,
    name: def.name,
    description: def.description,
    source: def.source ?? SOURCES.opteriusVerifier,
    flags: def.flags,
    case: {
      scheme: SCHEME,
      op: "verify",
      request: { method, url, headers, ...bodyFields(body) },
      credentials: { secret },
      context: { now: NOW, windowSeconds: def.windowSeconds ?? 300, maxBodyBytes: def.maxBodyBytes, acceptedSignatures: accepted },
    },
    result: def.result,
    expected: verifyExpected(def.result, def.failure, intermediates),
  };
}

function defaultHeaders(signature: string, timestamp: string, hasBody: boolean): HeaderPair[] {
  const headers: HeaderPair[] = [["X-Timestamp", timestamp], ["X-Signature", signature], ["Accept", "application/json"]];
  if (hasBody) headers.push(["Content-Type", "application/json"]);
  return headers;
}

/** NOW + delta in Unix seconds, as header text. */
const at = (delta: number) => String(NOW + delta);

function signVectors(): SchemeVector[] {
  const v: SchemeVector[] = [];
  const same = (a: SignVector, b: SignVector) => {
    if (a.expected.signature !== b.expected.signature) throw new Error(`${a.name} and ${b.name} must sign alike`);
  };
  v.push(
    sign({
      tcId: 2001,
      name: "php-json-create-with-url",
      description: "A create payload as PHP json_encode writes it: ü as \\u00fc, every \"/\" as \"\\/\". Signed over the exact bytes sent.",
      flags: ["RealClient", "JsonBytes", "Unicode"],
      method: "POST",
      url: "/api/accounts",
      body: { body: PHP_CREATE_URL },
      known: "865d81daae5d4588b1049cc33c23ad4b0ad214759bd43c5ade1c88594ed4490d",
    }),
    sign({
      tcId: 2002,
      name: "php-json-create",
      description: "The real create payload (domain, username, package, email in that order) as PHP json_encode writes it.",
      flags: ["RealClient", "JsonBytes", "Unicode"],
      method: "POST",
      url: "/api/accounts",
      body: { body: PHP_CREATE },
      known: "552524dfe8f9c7c3b09919eca4557080914305448a6040b043f6e34c8b80a86b",
    }),
  );
  const suspend = sign({
    tcId: 2003,
    name: "no-body-signs-braces",
    description:
      "POST /api/accounts/7/suspend with no payload: the real client signs \"{}\" but sends no body at all, and no Content-Type.",
    flags: ["RealClient", "EmptyBody"],
    method: "POST",
    url: "/api/accounts/7/suspend",
    emptyBodySigns: "{}",
    known: "f21d3dd043240efa42386b16fc79e049c338a06a7057788aff2fe466400b7146",
  });
  v.push(suspend);
  v.push(
    sign({
      tcId: 2004,
      name: "doc-reading-empty-string",
      description:
        "The documentation's reading of a call without a body: \"timestamp + JSON body\" with an empty body signs the timestamp alone (options.emptyBody \"\"). The real client signs \"{}\" instead (tcId 2003).",
      source: SOURCES.panelDoc,
      flags: ["DocReading", "DocDivergence", "EmptyBody"],
      method: "POST",
      url: "/api/accounts/7/suspend",
      options: { emptyBody: "" },
      emptyBodySigns: "",
    }),
  );
  const emptyString = sign({
    tcId: 2005,
    name: "empty-body-signs-braces",
    description: "An explicitly empty body is no body: it signs \"{}\" like tcId 2003.",
    flags: ["EmptyBody"],
    method: "POST",
    url: "/api/accounts/7/suspend",
    body: { body: "" },
    emptyBodySigns: "{}",
  });
  const braces = sign({
    tcId: 2006,
    name: "braces-body",
    description: "A body of exactly {} signs like tcId 2003, and is sent with Content-Type.",
    flags: ["EmptyBody"],
    method: "POST",
    url: "/api/accounts/7/suspend",
    body: { body: "{}" },
  });
  same(suspend, emptyString);
  same(suspend, braces);
  v.push(emptyString, braces);
  v.push(
    sign({
      tcId: 2007,
      name: "js-json-create",
      description: "The value of tcId 2002 written by JSON.stringify: raw ü and unescaped \"/\", another signature.",
      flags: ["JsonBytes", "Unicode"],
      method: "POST",
      url: "/api/accounts",
      body: { body: JS_CREATE },
    }),
    sign({
      tcId: 2008,
      name: "js-json-create-with-url",
      description: "The value of tcId 2001 written by JSON.stringify.",
      flags: ["JsonBytes", "Unicode"],
      method: "POST",
      url: "/api/accounts",
      body: { body: JS_CREATE_URL },
    }),
    sign({
      tcId: 2009,
      name: "php-json-emoji",
      description: "PHP json_encode writes 😀 as the surrogate pair \\ud83d\\ude00.",
      flags: ["RealClient", "JsonBytes", "Unicode"],
      method: "POST",
      url: "/api/accounts",
      body: { body: '{"domain":"smile.example","username":"smile","package":"\\ud83d\\ude00","email":null}' },
    }),
    sign({
      tcId: 2010,
      name: "js-json-emoji",
      description: "The value of tcId 2009 written by JSON.stringify: four raw UTF-8 bytes.",
      flags: ["JsonBytes", "Unicode"],
      method: "POST",
      url: "/api/accounts",
      body: { body: '{"domain":"smile.example","username":"smile","package":"😀","email":null}' },
    }),
    sign({
      tcId: 2011,
      name: "php-json-line-separator",
      description: "PHP json_encode escapes U+2028 as \\u2028.",
      flags: ["RealClient", "JsonBytes", "Unicode"],
      method: "POST",
      url: "/api/accounts",
      body: { body: '{"domain":"ls.example","username":"ls","package":"a\\u2028b","email":null}' },
    }),
    sign({
      tcId: 2012,
      name: "js-json-line-separator",
      description: "JSON.stringify leaves U+2028 raw (three UTF-8 bytes).",
      flags: ["JsonBytes", "Unicode"],
      method: "POST",
      url: "/api/accounts",
      body: { body: '{"domain":"ls.example","username":"ls","package":"a\u2028b","email":null}' },
    }),
    sign({
      tcId: 2013,
      name: "php-json-empty-array",
      description: "An empty PHP array is written as [] even where a map was meant.",
      flags: ["RealClient", "JsonBytes"],
      method: "POST",
      url: "/api/accounts",
      body: { body: '{"domain":"example.com","options":[]}' },
    }),
    sign({
      tcId: 2014,
      name: "js-json-empty-object",
      description: "A JavaScript client encoding the same empty map writes {}: different bytes from tcId 2013.",
      flags: ["JsonBytes"],
      method: "POST",
      url: "/api/accounts",
      body: { body: '{"domain":"example.com","options":{}}' },
    }),
    sign({
      tcId: 2015,
      name: "real-create-with-nulls",
      description: "The real create payload with missing values: null, keys in the client's order.",
      flags: ["RealClient", "JsonBytes"],
      method: "POST",
      url: "/api/accounts",
      body: { body: '{"domain":"example.com","username":"example","package":null,"email":null}' },
    }),
  );
  const unsigned: [number, string, string, string, boolean][] = [
    [2016, "delete-account", "DELETE", "/api/accounts/7", true],
    [2017, "get-account", "GET", "/api/accounts/7", true],
    [2018, "unsuspend-account", "POST", "/api/accounts/7/unsuspend", true],
    [2019, "ping", "GET", "/api/ping", true],
    [2020, "doc-server-stats", "GET", "/api/server/stats", false],
  ];
  for (const [tcId, name, method, url, real] of unsigned) {
    const vector = sign({
      tcId,
      name: `${name}-signs-like-suspend`,
      description: `${method} ${url} with no payload carries the same signature as tcId 2003: method and path are not signed.${
        real ? "" : " (/api/server/stats is the documentation's connection test; the real client uses GET /api/ping.)"
      }`,
      source: real ? SOURCES.panelClient : SOURCES.panelDoc,
      flags: real ? ["RealClient", "UnsignedComponent"] : ["DocDivergence", "UnsignedComponent"],
      method,
      url,
      emptyBodySigns: "{}",
    });
    same(suspend, vector);
    v.push(vector);
  }
  v.push(
    sign({
      tcId: 2021,
      name: "get-with-body",
      description: "A GET that carries a body: the body is signed.",
      flags: ["GetWithBody"],
      method: "GET",
      url: "/api/accounts/7",
      body: { body: '{"fields":["domain"]}' },
    }),
    sign({
      tcId: 2022,
      name: "binary-body",
      description: "A body that is not UTF-8: the string to sign is shown in base64.",
      flags: ["BinaryBody"],
      method: "POST",
      url: "/api/accounts",
      body: { bodyBase64: "/wD+AYA=" },
    }),
    sign({
      tcId: 2023,
      name: "unicode-token",
      description: "A token with non-ASCII characters: the key is its UTF-8 bytes.",
      flags: ["SecretEncoding", "Unicode"],
      method: "POST",
      url: "/api/accounts",
      body: { body: PHP_CREATE },
      secret: "t\u00f6ken-\u4ee4\u724c-\ud83d\udd11",
    }),
    sign({
      tcId: 2024,
      name: "long-token",
      description: "A token longer than the 64-byte block (a JWT-like string): HMAC hashes the key first.",
      flags: ["SecretEncoding"],
      method: "POST",
      url: "/api/accounts",
      body: { body: PHP_CREATE },
      secret: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjb21tZXJjZSIsInNjb3BlIjoicHJvdmlzaW9uaW5nIn0.c2lnbmF0dXJlLWJ5dGVz",
    }),
    sign({
      tcId: 2025,
      name: "token-one-block",
      description: "A 64-byte token: exactly one block.",
      flags: ["SecretEncoding"],
      method: "POST",
      url: "/api/accounts",
      body: { body: PHP_CREATE },
      secret: "t".repeat(64),
    }),
    sign({
      tcId: 2026,
      name: "nfc-body",
      description: "A raw UTF-8 body with é in NFC.",
      flags: ["UnicodeNormalization"],
      method: "POST",
      url: "/api/accounts",
      body: { body: '{"domain":"caf\u00e9.example"}' },
    }),
    sign({
      tcId: 2027,
      name: "nfd-body",
      description: "The body of tcId 2026 in NFD: another signature.",
      flags: ["UnicodeNormalization"],
      method: "POST",
      url: "/api/accounts",
      body: { body: '{"domain":"cafe\u0301.example"}' },
    }),
    sign({
      tcId: 2028,
      name: "timestamp-leading-zero",
      description: "X-Timestamp 01775658720: decimal digits, signed verbatim with its leading zero.",
      flags: ["TimestampFormat"],
      method: "POST",
      url: "/api/accounts",
      body: { body: PHP_CREATE },
      timestamp: "01775658720",
    }),
    sign({
      tcId: 2029,
      name: "other-timestamp",
      description: "Another second: 1700000000.",
      flags: ["Basic"],
      method: "POST",
      url: "/api/accounts",
      body: { body: PHP_CREATE },
      timestamp: "1700000000",
    }),
  );
  [55, 56, 63, 64, 65, 119, 120].forEach((length, i) => {
    v.push(
      sign({
        tcId: 2030 + i,
        name: `body-${length}-bytes`,
        description: `A ${length}-byte JSON body.`,
        flags: ["BlockEdge"],
        method: "POST",
        url: "/api/accounts",
        body: { body: jsonOfLength(length) },
      }),
    );
  });
  v.push(
    sign({
      tcId: 2037,
      name: "large-body-1mib",
      description: "A 1 MiB body: \"0123456789abcdef\" repeated 65536 times. The string to sign is given by its SHA-256.",
      flags: ["LargeBody"],
      method: "POST",
      url: "/api/accounts",
      body: { bodyRepeat: { text: "0123456789abcdef", count: 65536 } },
    }),
  );
  return v;
}

function verifyVectors(): SchemeVector[] {
  const emptyRequest = { url: "/api/accounts/7/suspend", body: {} };
  const wrong = (sig: string) => sig.slice(0, -1) + (sig.endsWith("0") ? "1" : "0");
  return [
    verify({
      tcId: 2101,
      name: "valid-php-json-create",
      description: "The real create call, verified over the raw bytes received.",
      source: SOURCES.panelClient,
      flags: ["RealClient", "JsonBytes"],
      result: "valid",
    }),
    verify({
      tcId: 2102,
      name: "valid-no-body-braces",
      description: "No body, signed over \"{}\" as the real client does: a verifier must treat an empty body as {}.",
      source: SOURCES.panelClient,
      flags: ["RealClient", "EmptyBody"],
      ...emptyRequest,
      result: "valid",
    }),
    verify({
      tcId: 2103,
      name: "no-body-signed-as-empty-string",
      description:
        "No body, signed over the timestamp alone (the documentation's reading). The reference verifier accepts it too; a verifier that follows only the real client may reject it.",
      source: SOURCES.panelDoc,
      flags: ["DocReading", "EmptyBody"],
      ...emptyRequest,
      signs: { body: { body: "" } },
      result: "acceptable",
    }),
    verify({
      tcId: 2104,
      name: "valid-braces-body",
      description: "A body of exactly {} signed over {}.",
      flags: ["EmptyBody"],
      url: "/api/accounts/7/suspend",
      body: { body: "{}" },
      result: "valid",
    }),
    verify({
      tcId: 2105,
      name: "braces-body-signed-as-empty-string",
      description: "A body of {} is not an empty body: signed over the timestamp alone, it fails.",
      flags: ["EmptyBody"],
      url: "/api/accounts/7/suspend",
      body: { body: "{}" },
      signs: { body: { body: "" } },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 2106,
      name: "body-sent-with-braces-signature",
      description:
        "A non-empty body sent with the signature of \"{}\": the {} fall-back is for empty bodies only. A verifier that applies it to any body accepts forged payloads.",
      flags: ["Tampering", "EmptyBody"],
      url: "/api/accounts/7/suspend",
      body: { body: '{"reason":"forged"}' },
      signs: { body: { body: "{}" } },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 2107,
      name: "valid-empty-body-string",
      description: "An explicitly empty body, signed over {}.",
      flags: ["EmptyBody"],
      url: "/api/accounts/7/suspend",
      body: { body: "" },
      result: "valid",
    }),
    verify({
      tcId: 2108,
      name: "php-body-js-signature",
      description: "A PHP json_encode body, signed over JSON.stringify's bytes of the same value (a re-serialising client or verifier).",
      flags: ["JsonBytes"],
      signs: { body: { body: JS_CREATE } },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 2109,
      name: "valid-js-json-body",
      description: "A JSON.stringify body signed over its own bytes: any bytes verify when they are the bytes sent.",
      flags: ["JsonBytes", "Unicode"],
      body: { body: JS_CREATE },
      result: "valid",
    }),
    verify({
      tcId: 2110,
      name: "replayed-to-delete",
      description:
        "The signature of POST /api/accounts/7/suspend (no body) replayed within the window on DELETE /api/accounts/7: valid, because neither method nor path is signed.",
      flags: ["Replay", "UnsignedComponent"],
      method: "DELETE",
      url: "/api/accounts/7",
      result: "valid",
    }),
    verify({
      tcId: 2111,
      name: "create-replayed-to-other-path",
      description: "A signed create body replayed to another path and method: still valid.",
      flags: ["Replay", "UnsignedComponent"],
      method: "PUT",
      url: "/api/accounts/8",
      body: { body: PHP_CREATE },
      result: "valid",
    }),
    verify({ tcId: 2112, name: "window-past-edge", description: "Exactly 300 seconds old: inside.", flags: ["Window"], timestamp: at(-300), result: "valid" }),
    verify({
      tcId: 2113,
      name: "window-past-edge-plus-one",
      description: "301 seconds old: outside.",
      flags: ["Window"],
      timestamp: at(-301),
      result: "invalid",
      failure: EXPIRED,
    }),
    verify({ tcId: 2114, name: "window-future-edge", description: "300 seconds ahead: inside.", flags: ["Window"], timestamp: at(300), result: "valid" }),
    verify({
      tcId: 2115,
      name: "window-future-edge-plus-one",
      description: "301 seconds ahead: outside.",
      flags: ["Window"],
      timestamp: at(301),
      result: "invalid",
      failure: FUTURE,
    }),
    verify({
      tcId: 2116,
      name: "window-configured-30-outside",
      description: "A 30-second window: 31 seconds old is outside.",
      flags: ["Window"],
      timestamp: at(-31),
      windowSeconds: 30,
      result: "invalid",
      failure: EXPIRED,
    }),
    verify({
      tcId: 2117,
      name: "window-configured-30-edge",
      description: "A 30-second window: exactly 30 seconds ahead is inside.",
      flags: ["Window"],
      timestamp: at(30),
      windowSeconds: 30,
      result: "valid",
    }),
    verify({
      tcId: 2118,
      name: "timestamp-in-milliseconds",
      description: "Milliseconds (1775658720000) are decimal digits but a time far in the future.",
      flags: ["TimestampParse", "Window"],
      timestamp: "1775658720000",
      result: "invalid",
      failure: FUTURE,
    }),
    ...[
      [2119, "decimal-fraction", "1775658720.0", "A decimal fraction."],
      [2120, "plus-sign", "+1775658720", "A plus sign."],
      [2121, "negative", "-1", "A negative number."],
      [2122, "hexadecimal", "0x69d666e0", "Hexadecimal."],
      [2123, "rfc3339", "2026-04-08T14:32:00Z", "An RFC 3339 date (the opterius-agent form)."],
      [2124, "exponent", "1.7756e9", "An exponent."],
    ].map(([tcId, name, timestamp, description]) =>
      verify({
        tcId: tcId as number,
        name: `timestamp-${name}`,
        description: `${description} Signed correctly over that text, but the X-Timestamp is not decimal digits.`,
        flags: ["TimestampParse"],
        timestamp: timestamp as string,
        result: "invalid",
        failure: BAD_TIMESTAMP,
      }),
    ),
    verify({
      tcId: 2125,
      name: "timestamp-leading-zero-accepted",
      description: "01775658720: decimal digits, inside the window, signed verbatim. Accepted by the reference verifier; a stricter one may refuse leading zeros.",
      flags: ["TimestampParse"],
      timestamp: "01775658720",
      result: "acceptable",
    }),
    verify({
      tcId: 2126,
      name: "missing-signature-header",
      description: "No X-Signature header.",
      flags: ["MissingHeader"],
      headers: (_, ts) => [["X-Timestamp", ts], ["Content-Type", "application/json"]],
      result: "invalid",
      failure: MISSING,
    }),
    verify({
      tcId: 2127,
      name: "missing-timestamp-header",
      description: "No X-Timestamp header.",
      flags: ["MissingHeader"],
      headers: (sig) => [["X-Signature", sig], ["Content-Type", "application/json"]],
      result: "invalid",
      failure: MISSING,
    }),
    verify({
      tcId: 2128,
      name: "empty-signature-header",
      description: "An empty X-Signature header.",
      flags: ["MissingHeader"],
      headers: (_, ts) => [["X-Timestamp", ts], ["X-Signature", ""]],
      result: "invalid",
      failure: MISSING,
    }),
    verify({
      tcId: 2129,
      name: "empty-timestamp-header",
      description: "An empty X-Timestamp header.",
      flags: ["MissingHeader"],
      headers: (sig) => [["X-Timestamp", ""], ["X-Signature", sig]],
      result: "invalid",
      failure: MISSING,
    }),
    verify({
      tcId: 2130,
      name: "tampered-body",
      description: "One character of the body changed after signing (the package Starter\\/Plus became starter\\/Plus).",
      flags: ["Tampering"],
      body: { body: PHP_CREATE.replace("Starter", "starter") },
      signs: { body: { body: PHP_CREATE } },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 2131,
      name: "tampered-timestamp",
      description: "Signed at 1775658720, sent with 1775658721.",
      flags: ["Tampering"],
      timestamp: at(1),
      signs: { timestamp: TS },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 2132,
      name: "tampered-signature",
      description: "The last hex digit of the signature changed.",
      flags: ["Tampering"],
      headers: (sig, ts) => defaultHeaders(wrong(sig), ts, true),
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 2133,
      name: "uppercase-signature",
      description: "The right signature in upper-case hex: the reference verifier compares the lower-case text; a receiver that decodes hex would accept it.",
      flags: ["SignatureEncoding"],
      headers: (sig, ts) => defaultHeaders(sig.toUpperCase(), ts, true),
      result: "acceptable",
      failure: MISMATCH,
    }),
    verify({
      tcId: 2134,
      name: "truncated-signature",
      description: "The signature without its last 32 hex digits (a 128-bit prefix).",
      flags: ["Tampering"],
      headers: (sig, ts) => defaultHeaders(sig.slice(0, 32), ts, true),
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 2135,
      name: "wrong-token",
      description: "Signed with another panel's token.",
      flags: ["Tampering"],
      signs: { secret: "eyJ-other" },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 2136,
      name: "lower-case-header-names",
      description: "x-timestamp and x-signature in lower case.",
      flags: ["HeaderLookup"],
      headers: (sig, ts) => [["x-timestamp", ts], ["x-signature", sig]],
      result: "valid",
    }),
    verify({
      tcId: 2137,
      name: "repeated-timestamp-first-valid",
      description: "Two X-Timestamp headers, the first the signed one: the first counts.",
      flags: ["HeaderLookup"],
      headers: (sig, ts) => [["X-Timestamp", ts], ["X-Timestamp", "abc"], ["X-Signature", sig]],
      result: "valid",
    }),
    verify({
      tcId: 2138,
      name: "repeated-timestamp-first-unparsable",
      description: "Two X-Timestamp headers, the first not a number: the first counts.",
      flags: ["HeaderLookup", "TimestampParse"],
      headers: (sig, ts) => [["X-Timestamp", "abc"], ["X-Timestamp", ts], ["X-Signature", sig]],
      result: "invalid",
      failure: BAD_TIMESTAMP,
    }),
    verify({
      tcId: 2139,
      name: "valid-binary-body",
      description: "A body that is not UTF-8: the string to sign is shown in base64 (stringToSignBase64).",
      flags: ["BinaryBody"],
      body: { bodyBase64: "/wD+AYA=" },
      result: "valid",
    }),
    verify({
      tcId: 2140,
      name: "valid-unicode-token",
      description: "A non-ASCII token used as UTF-8 by client and verifier.",
      flags: ["SecretEncoding", "Unicode"],
      secret: "t\u00f6ken-\u4ee4\u724c-\ud83d\udd11",
      result: "valid",
    }),
    verify({
      tcId: 2141,
      name: "valid-large-body",
      description: "A 1 MiB body (bodyRepeat).",
      flags: ["LargeBody"],
      body: { bodyRepeat: { text: "0123456789abcdef", count: 65536 } },
      result: "valid",
    }),
    verify({
      tcId: 2142,
      name: "valid-get-with-body",
      description: "A GET with a body, signed over it.",
      flags: ["GetWithBody"],
      method: "GET",
      url: "/api/accounts/7",
      body: { body: '{"fields":["domain"]}' },
      result: "valid",
    }),
    verify({
      tcId: 2143,
      name: "nfd-body-signed-as-nfc",
      description: "The body sent in NFD, signed in NFC: a client or verifier that normalises text breaks signatures.",
      flags: ["UnicodeNormalization"],
      body: { body: '{"domain":"cafe\u0301.example"}' },
      signs: { body: { body: '{"domain":"caf\u00e9.example"}' } },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 2145,
      name: "header-value-surrounding-space",
      description: "X-Timestamp with a space before and a tab after: not part of the value (HTTP parsers trim them).",
      flags: ["HeaderLookup", "TimestampFormat"],
      headers: (sig, ts) => [["X-Timestamp", ` ${ts}\t`], ["X-Signature", sig], ["Accept", "application/json"], ["Content-Type", "application/json"]],
      result: "valid",
    }),
    verify({
      tcId: 2144,
      name: "valid-block-edge-body",
      description: "A 64-byte body: one SHA-256 block of body after the timestamp.",
      flags: ["BlockEdge"],
      body: { body: jsonOfLength(64) },
      result: "valid",
    }),
    ...bodyLimitVectors(),
    ...replayGuardVectors(),
  ];
}

/** The receiver's body limit: the create body is 107 bytes. Checked after the window, before the signature. */
function bodyLimitVectors(): SchemeVector[] {
  const CREATE_BYTES = 107;
  if (Buffer.byteLength(PHP_CREATE) !== CREATE_BYTES) throw new Error("PHP_CREATE is not 107 bytes");
  const limit = { source: SOURCES.bodyLimit };
  return [
    verify({
      tcId: 2151,
      name: "body-at-limit",
      description: "The 107-byte create body with a limit of 107 bytes: exactly the limit passes.",
      flags: ["BodyLimit"],
      ...limit,
      maxBodyBytes: CREATE_BYTES,
      result: "valid",
    }),
    verify({
      tcId: 2152,
      name: "body-one-byte-over-limit",
      description: "The 107-byte create body with a limit of 106 bytes: 413 (the verifier stops reading at the limit).",
      flags: ["BodyLimit"],
      ...limit,
      maxBodyBytes: CREATE_BYTES - 1,
      result: "invalid",
      failure: TOO_LARGE,
    }),
    verify({
      tcId: 2153,
      name: "no-body-limit-zero",
      description: "The real client's call without a body (signed over {}) under the limit 0: valid, because the limit counts the bytes received, not the {} signed in their place.",
      flags: ["BodyLimit", "EmptyBody", "RealClient"],
      ...limit,
      url: "/api/accounts/7/suspend",
      body: {},
      maxBodyBytes: 0,
      result: "valid",
    }),
    verify({
      tcId: 2154,
      name: "body-limit-zero",
      description: "The create body under the limit 0: a receiver that takes no body refuses any.",
      flags: ["BodyLimit"],
      ...limit,
      maxBodyBytes: 0,
      result: "invalid",
      failure: TOO_LARGE,
    }),
    verify({
      tcId: 2155,
      name: "braces-body-over-limit-one",
      description: "A body of {} actually sent is 2 bytes: over the limit 1, unlike no body (tcId 2153).",
      flags: ["BodyLimit", "EmptyBody"],
      ...limit,
      url: "/api/accounts/7/suspend",
      body: { body: "{}" },
      maxBodyBytes: 1,
      result: "invalid",
      failure: TOO_LARGE,
    }),
    verify({
      tcId: 2156,
      name: "limit-counts-bytes",
      description: "The JSON.stringify create body is 101 characters and 102 UTF-8 bytes (ü is two): over a limit of 101, which counts bytes, not characters.",
      flags: ["BodyLimit", "Unicode"],
      ...limit,
      body: { body: JS_CREATE },
      maxBodyBytes: 101,
      result: "invalid",
      failure: TOO_LARGE,
    }),
    verify({
      tcId: 2157,
      name: "oversized-and-stale",
      description:
        "A body over the limit with a timestamp 301 seconds old: the window is checked before the body is read, so the answer is timestamp_expired (401), not 413.",
      flags: ["BodyLimit", "CheckOrder", "Window"],
      ...limit,
      timestamp: at(-301),
      maxBodyBytes: CREATE_BYTES - 1,
      result: "invalid",
      failure: EXPIRED,
    }),
    verify({
      tcId: 2158,
      name: "oversized-and-bad-signature",
      description: "A body over the limit, signed with another token: the body is limited before the signature is checked, so the answer is 413.",
      flags: ["BodyLimit", "CheckOrder"],
      ...limit,
      signs: { secret: "eyJ-other" },
      maxBodyBytes: CREATE_BYTES - 1,
      result: "invalid",
      failure: TOO_LARGE,
    }),
  ];
}

/** The replay guard: context.acceptedSignatures lists what the receiver has already accepted inside the window. */
function replayGuardVectors(): SchemeVector[] {
  const guard = { source: SOURCES.replayGuard };
  const itself = (signature: string) => [signature];
  return [
    verify({
      tcId: 2161,
      name: "replayed-create",
      description: "The create call, valid in every other way, whose signature the receiver has already accepted: replayed (401).",
      flags: ["ReplayGuard"],
      ...guard,
      accepted: itself,
      result: "invalid",
      failure: REPLAYED,
    }),
    verify({
      tcId: 2162,
      name: "other-signature-accepted",
      description: "The create call while the receiver remembers another signature (the same body signed a minute earlier): valid.",
      flags: ["ReplayGuard"],
      ...guard,
      accepted: () => [hmacHex(TOKEN, at(-60) + PHP_CREATE)],
      result: "valid",
    }),
    verify({
      tcId: 2163,
      name: "replayed-no-body-braces",
      description: "The real client's call without a body, signed over {}, whose signature was already accepted: replayed.",
      flags: ["ReplayGuard", "EmptyBody", "RealClient"],
      ...guard,
      url: "/api/accounts/7/suspend",
      body: {},
      accepted: itself,
      result: "invalid",
      failure: REPLAYED,
    }),
    verify({
      tcId: 2164,
      name: "replayed-to-other-endpoint",
      description:
        "The accepted signature of POST /api/accounts/7/suspend (no body) sent again on DELETE /api/accounts/7: valid without a guard (tcId 2110), replayed with one.",
      flags: ["ReplayGuard", "UnsignedComponent"],
      ...guard,
      method: "DELETE",
      url: "/api/accounts/7",
      accepted: itself,
      result: "invalid",
      failure: REPLAYED,
    }),
    verify({
      tcId: 2165,
      name: "accepted-signature-stale",
      description: "A listed signature whose timestamp is 301 seconds old: the window comes first, so timestamp_expired.",
      flags: ["ReplayGuard", "CheckOrder", "Window"],
      ...guard,
      timestamp: at(-301),
      accepted: itself,
      result: "invalid",
      failure: EXPIRED,
    }),
    verify({
      tcId: 2166,
      name: "accepted-signature-tampered-body",
      description: "A listed signature sent with a changed body: the signature is checked first, so signature_mismatch (the guard counts only requests that verify).",
      flags: ["ReplayGuard", "CheckOrder", "Tampering"],
      ...guard,
      body: { body: PHP_CREATE.replace("Starter", "starter") },
      signs: { body: { body: PHP_CREATE } },
      accepted: itself,
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 2167,
      name: "accepted-signature-oversized",
      description: "A listed signature with a body over the limit: the body is limited before the signature and the guard, so 413.",
      flags: ["ReplayGuard", "BodyLimit", "CheckOrder"],
      ...guard,
      maxBodyBytes: 106,
      accepted: itself,
      result: "invalid",
      failure: TOO_LARGE,
    }),
  ];
}

/** Method and path are not signed (reference): two different calls without a body, one signature. */
function unsignedMethodPathVectors(): SchemeVector[] {
  const calls: [method: string, url: string][] = [["GET", "/api/ping"], ["POST", "/api/accounts/7/suspend"], ["DELETE", "/api/accounts/7"]];
  const signs = calls.map(([method, url], i) =>
    sign({
      tcId: 2201 + i,
      name: `unsigned-method-path-${i + 1}`,
      description: `${method} ${url} with no body at X-Timestamp ${TS}: the real client signs ${JSON.stringify(`${TS}{}`)}, the same for all three of tcIds 2201-2203, because neither method nor path is signed.`,
      flags: ["RealClient", "UnsignedComponent"],
      method,
      url,
      emptyBodySigns: "{}",
    }),
  );
  const [first, ...others] = signs;
  for (const other of others) assertKnown(`${SCHEME} ${other.name} signs as ${first!.name}`, other.expected.signature, first!.expected.signature);
  return signs;
}

export function buildOpteriusPanelFile(): SchemeFile {
  return schemeFile(SCHEME, [...withDocClientFlags(SCHEME, [...signVectors(), ...verifyVectors(), ...unsignedMethodPathVectors()]), ...panelDiagnosisVectors()]);
}
