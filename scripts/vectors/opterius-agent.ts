// vectors/opterius-agent.json: Opterius Panel → Agent.
//   X-Signature = hex(hmac(secret, X-Timestamp text + METHOD + PATH + BODY)), no separators.
// Each vector states by hand the decoded path the Agent signs; the generator only concatenates
// and MACs with node:crypto. Signatures stated in the reference are checked literally.

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
import { agentDiagnosisVectors } from "./diagnosis.ts";
import { withDocClientFlags } from "./doc-client-flags.ts";

/** tcIds of vectors that were removed: never used again. */
export const RETIRED_AGENT_TCIDS: readonly number[] = [];

const SCHEME = "opterius-agent";
const DOC_SECRET = "your-secret-key-here";
/** The form of a real agent's secret (openssl rand -hex 32), used as text. */
const HEX_SECRET = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f9010213243546576879a8b9cadbecfd";
const DOC_TS = "2026-04-08T14:32:00Z";
const REAL_TS = "2026-04-08T14:32:00+00:00";
/** 2026-04-08T14:32:00Z in Unix seconds: the receiver's clock in the verify vectors. */
const NOW = 1775658720;
const DOC_BODY = '{"username":"alice","domain":"alice.example.com"}';

/** The real panel's timestamp form for NOW + delta seconds. */
const at = (delta: number) => new Date((NOW + delta) * 1000).toISOString().slice(0, 19) + "+00:00";

const { MISSING, BAD_TIMESTAMP, EXPIRED, FUTURE, MISMATCH } = OPTERIUS;

type Head = Omit<VectorHead, "source"> & { source?: Source };

interface SignDef extends Head {
  method: string;
  url: string;
  body?: BodySpec;
  secret?: string;
  timestamp?: string;
  /** By hand: the percent-decoded path without the query, as the Agent signs it. */
  signedPath: string;
  /** A signature the reference states, checked literally. */
  known?: string;
}

function signedBytes(timestamp: string, method: string, path: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(timestamp + method + path, "utf8"), body]);
}

function sign(def: SignDef): SignVector {
  const secret = def.secret ?? DOC_SECRET;
  const timestamp = def.timestamp ?? REAL_TS;
  const body = def.body ?? {};
  const signed = signedBytes(timestamp, def.method, def.signedPath, bodyBytes(body));
  const signature = hmacHex(secret, signed);
  if (def.known) assertKnown(`${SCHEME} ${def.name}`, signature, def.known);
  return {
    tcId: def.tcId,
    name: def.name,
    description: def.description,
    source: def.source ?? SOURCES.agentClient,
    flags: def.flags,
    case: { scheme: SCHEME, op: "sign", request: { method: def.method, url: def.url, ...bodyFields(body) }, credentials: { secret }, timestamp },
    expected: {
      headers: [["X-Signature", signature], ["X-Timestamp", timestamp], ["Content-Type", "application/json"]],
      ...signedBytesField(signed, body.bodyRepeat !== undefined),
      signature,
    },
  };
}

interface VerifyDef extends Head {
  method?: string;
  url?: string;
  body?: BodySpec;
  /** The X-Timestamp header sent (default: the real panel's form of NOW). */
  timestamp?: string;
  /** The agent's secret (default: the documentation's). */
  secret?: string;
  /** What the client signed, where it differs from what was sent. */
  signs?: { timestamp?: string; method?: string; path?: string; body?: BodySpec; secret?: string | Buffer };
  /** By hand: the decoded path the verifier signs (default /account/create); null when it never gets there. */
  serverPath?: string | null;
  /** The headers sent, given the computed signature and the timestamp (default: the real client's). */
  headers?: (signature: string, timestamp: string) => HeaderPair[];
  windowSeconds?: number;
  /** The receiver's body limit (context.maxBodyBytes); none when absent. */
  maxBodyBytes?: number;
  result: Result;
  failure?: Failure;
}

function verify(def: VerifyDef): SchemeVector {
  const method = def.method ?? "POST";
  const url = def.url ?? "/account/create";
  const body = def.body ?? (def.url === undefined ? { body: DOC_BODY } : {});
  const timestamp = def.timestamp ?? REAL_TS;
  const serverPath = def.serverPath === undefined && def.url === undefined ? "/account/create" : def.serverPath;
  if (serverPath === undefined) throw new Error(`${def.name}: give serverPath for ${url}`);
  const signs = def.signs ?? {};
  const clientPath = signs.path ?? serverPath;
  if (clientPath === null) throw new Error(`${def.name}: give signs.path when the verifier computes nothing`);
  const clientSigned = signedBytes(signs.timestamp ?? timestamp, signs.method ?? method, clientPath, bodyBytes(signs.body ?? body));
  const secret = def.secret ?? DOC_SECRET;
  const signature = hmacHex(signs.secret ?? secret, clientSigned);
  const headers = def.headers
    ? def.headers(signature, timestamp)
    : ([["X-Signature", signature], ["X-Timestamp", timestamp], ["Content-Type", "application/json"]] as HeaderPair[]);

  checkBodyLimit(def.name, bodyBytes(body).length, def.maxBodyBytes, def.result, def.failure);
  // What the verifier computes: the X-Timestamp text as received (the first one), when there is one.
  const sentTimestamp = headers.find(([name]) => name.toLowerCase() === "x-timestamp")?.[1].replace(HTTP_SPACE_AROUND, "");
  let intermediates = {};
  if (sentTimestamp && serverPath !== null) {
    const serverSigned = signedBytes(sentTimestamp, method, serverPath, bodyBytes(body));
    const expectedSignature = hmacHex(secret, serverSigned);
    const shown = signedBytesField(serverSigned, body.bodyRepeat !== undefined);
    intermediates = "stringToSignSha256" in shown ? { expectedSignature } : { ...shown, expectedSignature };
    checkConsistency(def, signature, expectedSignature, headers);
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
      context: { now: NOW, windowSeconds: def.windowSeconds ?? 300, maxBodyBytes: def.maxBodyBytes },
    },
    result: def.result,
    expected: verifyExpected(def.result, def.failure, intermediates),
  };
}

/** A vector that says "valid" must carry the right signature, one that says "mismatch" a wrong one. */
function checkConsistency(def: VerifyDef, signature: string, expectedSignature: string, headers: HeaderPair[]) {
  const sent = headers.find(([name]) => name.toLowerCase() === "x-signature")?.[1];
  if (sent !== signature) return;
  if (def.failure === undefined && signature !== expectedSignature) throw new Error(`${def.name}: says valid but the signature is wrong`);
  if (def.failure?.error === "signature_mismatch" && signature === expectedSignature) throw new Error(`${def.name}: says mismatch but the signature is right`);
}

function signVectors(): SchemeVector[] {
  const v: SchemeVector[] = [];
  const same = (a: SignVector, b: SignVector) => {
    if (a.expected.signature !== b.expected.signature) throw new Error(`${a.name} and ${b.name} must sign alike`);
  };
  const docExample = sign({
    tcId: 1001,
    name: "doc-example-z-timestamp",
    description: "The documentation's example: POST /account/create with its JSON body and the timestamp 2026-04-08T14:32:00Z.",
    source: SOURCES.agentDoc,
    flags: ["DocExample"],
    method: "POST",
    url: "/account/create",
    body: { body: DOC_BODY },
    timestamp: DOC_TS,
    signedPath: "/account/create",
    known: "5c1941c5dcf3f47bc4e81c1098655cdfe2ab792274b1164c3a66dba7e2e1d4c6",
  });
  v.push(docExample);
  v.push(
    sign({
      tcId: 1002,
      name: "real-client-plus-offset-timestamp",
      description:
        "The same call as the real panel sends it: PHP Carbon writes the instant as 2026-04-08T14:32:00+00:00 (never Z), signed verbatim, so the signature differs from the documentation's.",
      flags: ["RealClient", "TimestampFormat"],
      method: "POST",
      url: "/account/create",
      body: { body: DOC_BODY },
      signedPath: "/account/create",
      known: "f7d063c7d9ce256ff0c6d3b137e31e871a9285c2b270ab9eeb10c585bab984ff",
    }),
  );
  const queryNotSigned = sign({
    tcId: 1003,
    name: "query-not-signed",
    description: "GET /files/list?path=/home/alice: the client cuts the path at the first \"?\", so only /files/list is signed.",
    flags: ["RealClient", "UnsignedComponent"],
    method: "GET",
    url: "/files/list?path=/home/alice",
    signedPath: "/files/list",
    known: "efe8dc63304ddce41bcb2eded37b9790cf4d6404999064eb56076d7006df2696",
  });
  v.push(queryNotSigned);
  const noQuery = sign({
    tcId: 1004,
    name: "same-path-without-query",
    description: "GET /files/list with no query signs exactly like tcId 1003.",
    flags: ["UnsignedComponent"],
    method: "GET",
    url: "/files/list",
    signedPath: "/files/list",
  });
  const otherQuery = sign({
    tcId: 1005,
    name: "same-path-other-query",
    description: "GET /files/list?path=/etc&x=1 also signs exactly like tcId 1003: the query is never signed.",
    flags: ["UnsignedComponent"],
    method: "GET",
    url: "/files/list?path=/etc&x=1",
    signedPath: "/files/list",
  });
  same(queryNotSigned, noQuery);
  same(queryNotSigned, otherQuery);
  v.push(noQuery, otherQuery);
  v.push(
    sign({
      tcId: 1006,
      name: "delete-without-body",
      description: "DELETE /account/alice with no payload: the body signs as the empty string and the client still sends Content-Type: application/json.",
      flags: ["RealClient", "EmptyBody"],
      method: "DELETE",
      url: "/account/alice",
      signedPath: "/account/alice",
    }),
    sign({
      tcId: 1007,
      name: "put-with-body",
      description: "PUT, which the documentation lists (the real client sends GET, POST and DELETE).",
      source: SOURCES.agentDoc,
      flags: ["Basic"],
      method: "PUT",
      url: "/account/alice",
      body: { body: '{"package":"business"}' },
      timestamp: DOC_TS,
      signedPath: "/account/alice",
    }),
  );
  const postNoBody = sign({
    tcId: 1008,
    name: "post-without-body",
    description: "POST /account/alice/suspend with no payload: the real client signs \"\" and sends no body.",
    flags: ["RealClient", "EmptyBody"],
    method: "POST",
    url: "/account/alice/suspend",
    signedPath: "/account/alice/suspend",
  });
  const postEmptyBody = sign({
    tcId: 1009,
    name: "post-empty-body",
    description: "The same call with an explicitly empty body: the same bytes on the wire, the same signature as tcId 1008.",
    flags: ["EmptyBody"],
    method: "POST",
    url: "/account/alice/suspend",
    body: { body: "" },
    signedPath: "/account/alice/suspend",
  });
  same(postNoBody, postEmptyBody);
  v.push(postNoBody, postEmptyBody);
  v.push(
    sign({
      tcId: 1010,
      name: "get-with-body",
      description: "A GET that carries a JSON body: the body is signed.",
      flags: ["GetWithBody"],
      method: "GET",
      url: "/files/list",
      body: { body: '{"path":"/home/alice"}' },
      signedPath: "/files/list",
    }),
    sign({
      tcId: 1011,
      name: "php-json-escaped-slashes",
      description: "The body as PHP json_encode writes it: every \"/\" escaped as \"\\/\". The real client signs these exact bytes.",
      flags: ["RealClient", "JsonBytes"],
      method: "POST",
      url: "/files/write",
      body: { body: '{"path":"\\/home\\/alice\\/public_html","owner":"alice"}' },
      signedPath: "/files/write",
    }),
    sign({
      tcId: 1012,
      name: "js-json-plain-slashes",
      description: "The same value as tcId 1011 written by JSON.stringify (no escaped slashes): different bytes, a different signature.",
      flags: ["JsonBytes"],
      method: "POST",
      url: "/files/write",
      body: { body: '{"path":"/home/alice/public_html","owner":"alice"}' },
      signedPath: "/files/write",
    }),
    sign({
      tcId: 1013,
      name: "php-json-escaped-unicode",
      description: "PHP json_encode writes non-ASCII characters as lower-case \\uXXXX escapes.",
      flags: ["RealClient", "JsonBytes", "Unicode"],
      method: "POST",
      url: "/account/create",
      body: { body: '{"username":"juergen","domain":"b\\u00fccher.example","owner":"J\\u00fcrgen"}' },
      signedPath: "/account/create",
    }),
    sign({
      tcId: 1014,
      name: "js-json-raw-unicode",
      description: "The value of tcId 1013 written by JSON.stringify: raw UTF-8 instead of escapes.",
      flags: ["JsonBytes", "Unicode"],
      method: "POST",
      url: "/account/create",
      body: { body: '{"username":"juergen","domain":"bücher.example","owner":"Jürgen"}' },
      signedPath: "/account/create",
    }),
    sign({
      tcId: 1015,
      name: "php-json-escaped-emoji",
      description: "PHP json_encode writes an astral character as a surrogate pair of escapes (😀 → \\ud83d\\ude00).",
      flags: ["RealClient", "JsonBytes", "Unicode"],
      method: "POST",
      url: "/account/alice/note",
      body: { body: '{"note":"launch \\ud83d\\ude00"}' },
      signedPath: "/account/alice/note",
    }),
    sign({
      tcId: 1016,
      name: "js-json-raw-emoji",
      description: "The value of tcId 1015 written by JSON.stringify: the emoji as four raw UTF-8 bytes.",
      flags: ["JsonBytes", "Unicode"],
      method: "POST",
      url: "/account/alice/note",
      body: { body: '{"note":"launch 😀"}' },
      signedPath: "/account/alice/note",
    }),
    sign({
      tcId: 1017,
      name: "percent-encoded-path",
      description:
        "GET /files/a%20b: the Agent (Go) signs the decoded path /files/a b. The PHP client signs the path as written, so percent-encoded paths are a known point of disagreement between the two.",
      flags: ["PathDecoding"],
      method: "GET",
      url: "/files/a%20b",
      signedPath: "/files/a b",
    }),
  );
  const encodedUnicodePath = sign({
    tcId: 1018,
    name: "percent-encoded-unicode-path",
    description: "GET /files/%E4%B8%AD%E6%96%87 signs the decoded path /files/中文 as UTF-8.",
    flags: ["PathDecoding", "Unicode"],
    method: "GET",
    url: "/files/%E4%B8%AD%E6%96%87",
    signedPath: "/files/中文",
  });
  const rawUnicodePath = sign({
    tcId: 1019,
    name: "raw-unicode-path",
    description: "The request-target /files/中文 with raw UTF-8 bytes signs like tcId 1018.",
    flags: ["Unicode"],
    method: "GET",
    url: "/files/中文",
    signedPath: "/files/中文",
  });
  same(encodedUnicodePath, rawUnicodePath);
  v.push(encodedUnicodePath, rawUnicodePath);
  v.push(
    sign({
      tcId: 1020,
      name: "nfc-path",
      description: "café with a precomposed é (NFC, %C3%A9) in the path.",
      flags: ["UnicodeNormalization", "PathDecoding"],
      method: "GET",
      url: "/files/caf%C3%A9",
      signedPath: "/files/caf\u00e9",
    }),
    sign({
      tcId: 1021,
      name: "nfd-path",
      description: "café with e + combining acute accent (NFD, e%CC%81): the same text as tcId 1020 to a reader, other bytes, another signature.",
      flags: ["UnicodeNormalization", "PathDecoding"],
      method: "GET",
      url: "/files/cafe%CC%81",
      signedPath: "/files/cafe\u0301",
    }),
    sign({
      tcId: 1022,
      name: "unicode-body",
      description: "A raw UTF-8 body with Latin, CJK and astral characters.",
      flags: ["Unicode"],
      method: "POST",
      url: "/account/create",
      body: { body: '{"username":"zoe","name":"Zoë 中文 😀"}' },
      signedPath: "/account/create",
    }),
    sign({
      tcId: 1023,
      name: "nfc-body",
      description: "A body with café in NFC.",
      flags: ["UnicodeNormalization"],
      method: "POST",
      url: "/account/create",
      body: { body: '{"name":"caf\u00e9"}' },
      signedPath: "/account/create",
    }),
    sign({
      tcId: 1024,
      name: "nfd-body",
      description: "The body of tcId 1023 in NFD: a different signature.",
      flags: ["UnicodeNormalization"],
      method: "POST",
      url: "/account/create",
      body: { body: '{"name":"cafe\u0301"}' },
      signedPath: "/account/create",
    }),
    sign({
      tcId: 1025,
      name: "binary-body",
      description: "A body that is not UTF-8 (bytes 00 01 fe ff 80 c3 28): the string to sign is shown in base64.",
      flags: ["BinaryBody"],
      method: "POST",
      url: "/terminal/input",
      body: { bodyBase64: "AAH+/4DDKA==" },
      signedPath: "/terminal/input",
    }),
    sign({
      tcId: 1026,
      name: "body-with-bom",
      description: "A body that starts with a byte order mark (EF BB BF): signed as sent, never stripped.",
      flags: ["Unicode"],
      method: "POST",
      url: "/account/create",
      body: { body: "\ufeff{}" },
      signedPath: "/account/create",
    }),
    sign({
      tcId: 1027,
      name: "unicode-secret",
      description: "A secret with non-ASCII characters: the HMAC key is its UTF-8 bytes.",
      flags: ["SecretEncoding", "Unicode"],
      method: "GET",
      url: "/system/info",
      secret: "s\u00e9cret-\u043a\u043b\u044e\u0447-\ud83d\udd11",
      signedPath: "/system/info",
    }),
    sign({
      tcId: 1028,
      name: "nfd-secret",
      description: "The secret of tcId 1027 with é in NFD: another key, another signature.",
      flags: ["SecretEncoding", "UnicodeNormalization"],
      method: "GET",
      url: "/system/info",
      secret: "se\u0301cret-\u043a\u043b\u044e\u0447-\ud83d\udd11",
      signedPath: "/system/info",
    }),
    sign({
      tcId: 1029,
      name: "hex-secret-used-as-text",
      description:
        "A secret in the real form (64 hex characters from openssl rand -hex 32) is the key as 64 bytes of text, not 32 bytes decoded from hex.",
      flags: ["SecretEncoding", "RealClient"],
      method: "GET",
      url: "/system/info",
      secret: HEX_SECRET,
      signedPath: "/system/info",
    }),
    sign({
      tcId: 1030,
      name: "secret-one-block",
      description: "A 64-byte secret: exactly one SHA-256 block, used as the key without hashing.",
      flags: ["SecretEncoding"],
      method: "GET",
      url: "/system/info",
      secret: "k".repeat(64),
      signedPath: "/system/info",
    }),
    sign({
      tcId: 1031,
      name: "secret-longer-than-block",
      description: "A 65-byte secret: longer than the block, so HMAC hashes it first.",
      flags: ["SecretEncoding"],
      method: "GET",
      url: "/system/info",
      secret: "k".repeat(65),
      signedPath: "/system/info",
    }),
    sign({
      tcId: 1032,
      name: "secret-one-byte",
      description: "A one-byte secret.",
      flags: ["SecretEncoding"],
      method: "GET",
      url: "/system/info",
      secret: "k",
      signedPath: "/system/info",
    }),
    sign({
      tcId: 1033,
      name: "timestamp-with-fraction",
      description: "An RFC 3339 timestamp with a fraction of a second, signed verbatim.",
      flags: ["TimestampFormat"],
      method: "POST",
      url: "/account/create",
      body: { body: DOC_BODY },
      timestamp: "2026-04-08T14:32:00.5Z",
      signedPath: "/account/create",
    }),
    sign({
      tcId: 1034,
      name: "timestamp-positive-offset",
      description: "The same instant as 2026-04-08T14:32:00Z written with a +02:00 offset: signed verbatim.",
      flags: ["TimestampFormat"],
      method: "POST",
      url: "/account/create",
      body: { body: DOC_BODY },
      timestamp: "2026-04-08T16:32:00+02:00",
      signedPath: "/account/create",
    }),
    sign({
      tcId: 1035,
      name: "timestamp-negative-offset",
      description: "The same instant written with a -05:00 offset.",
      flags: ["TimestampFormat"],
      method: "POST",
      url: "/account/create",
      body: { body: DOC_BODY },
      timestamp: "2026-04-08T09:32:00-05:00",
      signedPath: "/account/create",
    }),
    sign({
      tcId: 1036,
      name: "timestamp-nanoseconds",
      description: "A timestamp with nine fractional digits.",
      flags: ["TimestampFormat"],
      method: "POST",
      url: "/account/create",
      body: { body: DOC_BODY },
      timestamp: "2026-04-08T14:32:00.123456789Z",
      signedPath: "/account/create",
    }),
    sign({
      tcId: 1037,
      name: "path-trailing-slash",
      description: "A trailing slash is kept.",
      flags: ["PathDecoding"],
      method: "GET",
      url: "/files/list/",
      signedPath: "/files/list/",
    }),
    sign({
      tcId: 1038,
      name: "path-double-slash",
      description: "A double slash is kept.",
      flags: ["PathDecoding"],
      method: "GET",
      url: "/files//list",
      signedPath: "/files//list",
    }),
    sign({
      tcId: 1039,
      name: "path-dot-segments",
      description: "Dot segments are kept as sent, never resolved.",
      flags: ["PathDecoding"],
      method: "GET",
      url: "/files/./a/../list",
      signedPath: "/files/./a/../list",
    }),
    sign({
      tcId: 1040,
      name: "root-path",
      description: "The root path /.",
      flags: ["Basic"],
      method: "GET",
      url: "/",
      signedPath: "/",
    }),
    sign({
      tcId: 1041,
      name: "absolute-url",
      description: "The case gives an absolute URL, as the client builds it (http://127.0.0.1:7443/…): only the path is signed.",
      flags: ["RealClient"],
      method: "POST",
      url: "http://127.0.0.1:7443/account/create",
      body: { body: DOC_BODY },
      signedPath: "/account/create",
    }),
    sign({
      tcId: 1042,
      name: "upload-route-signs-empty-body",
      description:
        "The client's file upload signs TIMESTAMP + \"POST\" + /files/upload with an empty body; the multipart body it then sends is not signed (see tcId 1150).",
      flags: ["RealClient", "EmptyBody"],
      method: "POST",
      url: "/files/upload",
      signedPath: "/files/upload",
    }),
    sign({
      tcId: 1043,
      name: "percent-encoded-slash",
      description: "%2F in the path decodes to \"/\" before signing.",
      flags: ["PathDecoding"],
      method: "GET",
      url: "/files/a%2Fb",
      signedPath: "/files/a/b",
    }),
    sign({
      tcId: 1044,
      name: "query-with-encoded-question-mark",
      description: "Everything from the first \"?\" is cut, whatever the query contains.",
      flags: ["UnsignedComponent"],
      method: "GET",
      url: "/files/list?q=%3F&x?y",
      signedPath: "/files/list",
    }),
  );
  [55, 56, 63, 64, 65, 119, 120].forEach((length, i) => {
    v.push(
      sign({
        tcId: 1050 + i,
        name: `body-${length}-bytes`,
        description: `A ${length}-byte JSON body.`,
        flags: ["BlockEdge"],
        method: "POST",
        url: "/account/create",
        body: { body: jsonOfLength(length) },
        signedPath: "/account/create",
      }),
    );
  });
  v.push(
    sign({
      tcId: 1057,
      name: "large-body-1mib",
      description: "A 1 MiB body: \"0123456789abcdef\" repeated 65536 times. The string to sign is given by its SHA-256.",
      flags: ["LargeBody"],
      method: "POST",
      url: "/files/write",
      body: { bodyRepeat: { text: "0123456789abcdef", count: 65536 } },
      signedPath: "/files/write",
    }),
  );
  return v;
}

function verifyVectors(): SchemeVector[] {
  const docSigned = { timestamp: DOC_TS };
  return [
    verify({
      tcId: 1101,
      name: "valid-doc-example",
      description: "The documentation's example request, at the receiver time of its timestamp.",
      source: SOURCES.agentDoc,
      flags: ["DocExample"],
      timestamp: DOC_TS,
      result: "valid",
    }),
    verify({
      tcId: 1102,
      name: "valid-real-client",
      description: "The same call as the real panel sends it (+00:00 timestamp).",
      source: SOURCES.agentClient,
      flags: ["RealClient"],
      result: "valid",
    }),
    verify({
      tcId: 1103,
      name: "valid-query-not-signed",
      description: "GET /files/list?path=/home/alice signed over /files/list, as the real client does.",
      source: SOURCES.agentClient,
      flags: ["RealClient", "UnsignedComponent"],
      method: "GET",
      url: "/files/list?path=/home/alice",
      serverPath: "/files/list",
      result: "valid",
    }),
    verify({
      tcId: 1104,
      name: "valid-query-changed",
      description: "The request of tcId 1103 with its query changed to path=/etc/shadow still verifies: the scheme does not protect the query.",
      flags: ["UnsignedComponent"],
      method: "GET",
      url: "/files/list?path=/etc/shadow",
      serverPath: "/files/list",
      result: "valid",
    }),
    verify({
      tcId: 1105,
      name: "query-signed-by-mistake",
      description:
        "A client that reads the documentation's \"full request path\" as path and query signs /files/list?path=/home/alice: rejected, because the Agent compares against the path alone.",
      flags: ["DocDivergence"],
      method: "GET",
      url: "/files/list?path=/home/alice",
      serverPath: "/files/list",
      signs: { path: "/files/list?path=/home/alice" },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1106,
      name: "valid-timestamp-fraction",
      description: "A timestamp with a fraction, half a second after the receiver's clock.",
      flags: ["TimestampFormat"],
      timestamp: "2026-04-08T14:32:00.5Z",
      result: "valid",
    }),
    verify({
      tcId: 1107,
      name: "valid-timestamp-offset",
      description: "The receiver's instant written with a +02:00 offset.",
      flags: ["TimestampFormat"],
      timestamp: "2026-04-08T16:32:00+02:00",
      result: "valid",
    }),
    verify({
      tcId: 1108,
      name: "window-past-edge",
      description: "Exactly 300 seconds old: inside the window.",
      flags: ["Window"],
      timestamp: at(-300),
      result: "valid",
    }),
    verify({
      tcId: 1109,
      name: "window-past-edge-plus-one",
      description: "301 seconds old: outside the window.",
      flags: ["Window"],
      timestamp: at(-301),
      result: "invalid",
      failure: EXPIRED,
    }),
    verify({
      tcId: 1110,
      name: "window-future-edge",
      description: "300 seconds ahead: inside the window (the Agent rejects skew in either direction).",
      flags: ["Window"],
      timestamp: at(300),
      result: "valid",
    }),
    verify({
      tcId: 1111,
      name: "window-future-edge-plus-one",
      description: "301 seconds ahead: outside the window.",
      flags: ["Window"],
      timestamp: at(301),
      result: "invalid",
      failure: FUTURE,
    }),
    verify({
      tcId: 1112,
      name: "window-past-edge-fraction",
      description: "300.5 seconds old: outside the window, the fraction counts.",
      flags: ["Window", "TimestampParse"],
      timestamp: "2026-04-08T14:26:59.5+00:00",
      result: "invalid",
      failure: EXPIRED,
    }),
    verify({
      tcId: 1113,
      name: "window-configured-60-outside",
      description: "A receiver configured with a 60-second window: 61 seconds old is outside.",
      flags: ["Window"],
      timestamp: at(-61),
      windowSeconds: 60,
      result: "invalid",
      failure: EXPIRED,
    }),
    verify({
      tcId: 1114,
      name: "window-configured-60-edge",
      description: "A 60-second window: exactly 60 seconds old is inside.",
      flags: ["Window"],
      timestamp: at(-60),
      windowSeconds: 60,
      result: "valid",
    }),
    verify({
      tcId: 1115,
      name: "offset-applied-before-window",
      description: "2026-04-08T14:32:00-01:00 is an hour ahead of the receiver: the offset counts, the wall-clock digits do not.",
      flags: ["Window", "TimestampParse"],
      timestamp: "2026-04-08T14:32:00-01:00",
      result: "invalid",
      failure: FUTURE,
    }),
    verify({
      tcId: 1116,
      name: "missing-signature-header",
      description: "No X-Signature header.",
      flags: ["MissingHeader"],
      headers: (_, ts) => [["X-Timestamp", ts], ["Content-Type", "application/json"]],
      result: "invalid",
      failure: MISSING,
    }),
    verify({
      tcId: 1117,
      name: "missing-timestamp-header",
      description: "No X-Timestamp header.",
      flags: ["MissingHeader"],
      headers: (sig) => [["X-Signature", sig], ["Content-Type", "application/json"]],
      result: "invalid",
      failure: MISSING,
    }),
    verify({
      tcId: 1118,
      name: "empty-signature-header",
      description: "An empty X-Signature header.",
      flags: ["MissingHeader"],
      headers: (_, ts) => [["X-Signature", ""], ["X-Timestamp", ts]],
      result: "invalid",
      failure: MISSING,
    }),
    verify({
      tcId: 1119,
      name: "empty-timestamp-header",
      description: "An empty X-Timestamp header.",
      flags: ["MissingHeader"],
      headers: (sig) => [["X-Signature", sig], ["X-Timestamp", ""]],
      result: "invalid",
      failure: MISSING,
    }),
    ...[
      [1120, "unix-seconds", "1775658720", "Unix seconds (the opterius-panel form) are not RFC 3339."],
      [1121, "no-zone", "2026-04-08T14:32:00", "No zone designator."],
      [1122, "space-separator", "2026-04-08 14:32:00Z", "A space instead of T."],
      [1123, "offset-without-colon", "2026-04-08T14:32:00+0000", "An offset without its colon."],
      [1124, "impossible-date", "2026-02-30T14:32:00Z", "February 30th."],
      [1125, "hour-24", "2026-04-08T24:00:00Z", "Hour 24."],
      [1126, "http-date", "Wed, 08 Apr 2026 14:32:00 GMT", "An HTTP date."],
    ].map(([tcId, name, timestamp, description]) =>
      verify({
        tcId: tcId as number,
        name: `timestamp-${name}`,
        description: `${description} Signed correctly over that text, but the X-Timestamp is not RFC 3339.`,
        flags: ["TimestampParse"],
        timestamp: timestamp as string,
        result: "invalid",
        failure: BAD_TIMESTAMP,
      }),
    ),
    verify({
      tcId: 1127,
      name: "tampered-method",
      description: "Signed as POST, sent as DELETE.",
      flags: ["Tampering"],
      method: "DELETE",
      signs: { method: "POST" },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1128,
      name: "tampered-path",
      description: "Signed for /account/create, sent to /account/delete.",
      flags: ["Tampering"],
      url: "/account/delete",
      body: { body: DOC_BODY },
      serverPath: "/account/delete",
      signs: { path: "/account/create" },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1129,
      name: "tampered-body",
      description: "One character of the body changed after signing (alice → alicf in the username).",
      flags: ["Tampering"],
      body: { body: '{"username":"alicf","domain":"alice.example.com"}' },
      signs: { body: { body: DOC_BODY } },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1130,
      name: "timestamp-rewritten-same-instant",
      description:
        "Signed with 2026-04-08T14:32:00Z, sent as 2026-04-08T14:32:00+00:00: the same instant, but the text is what is signed.",
      flags: ["Tampering", "TimestampFormat"],
      signs: docSigned,
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1131,
      name: "tampered-timestamp",
      description: "Signed at 14:32:00, sent with 14:32:01.",
      flags: ["Tampering"],
      timestamp: at(1),
      signs: { timestamp: REAL_TS },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1132,
      name: "tampered-signature",
      description: "The last hex digit of the signature changed.",
      flags: ["Tampering"],
      headers: (sig, ts) => [["X-Signature", sig.slice(0, -1) + (sig.endsWith("0") ? "1" : "0")], ["X-Timestamp", ts]],
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1133,
      name: "uppercase-signature",
      description:
        "The right signature in upper-case hex. The reference verifier compares the lower-case hex text and rejects it; a receiver that decodes the hex first would accept it, which is harmless.",
      flags: ["SignatureEncoding"],
      headers: (sig, ts) => [["X-Signature", sig.toUpperCase()], ["X-Timestamp", ts]],
      result: "acceptable",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1134,
      name: "truncated-signature",
      description: "The signature without its last hex digit.",
      flags: ["Tampering"],
      headers: (sig, ts) => [["X-Signature", sig.slice(0, -1)], ["X-Timestamp", ts]],
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1135,
      name: "wrong-secret",
      description: "Signed with another agent's secret.",
      flags: ["Tampering"],
      signs: { secret: "another-agent-secret" },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1136,
      name: "hex-decoded-secret",
      description: "Signed with the 64-hex-character secret decoded to 32 bytes; the key is the text itself.",
      flags: ["SecretEncoding"],
      secret: HEX_SECRET,
      signs: { secret: Buffer.from(HEX_SECRET, "hex") },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1137,
      name: "body-added",
      description: "Signed with no body, sent with one.",
      flags: ["Tampering"],
      signs: { body: {} },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1138,
      name: "body-removed",
      description: "Signed with a body, sent without it.",
      flags: ["Tampering"],
      method: "POST",
      url: "/account/create",
      serverPath: "/account/create",
      signs: { body: { body: DOC_BODY } },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1139,
      name: "valid-percent-encoded-path",
      description: "GET /files/a%20b signed over the decoded path /files/a b.",
      flags: ["PathDecoding"],
      method: "GET",
      url: "/files/a%20b",
      serverPath: "/files/a b",
      result: "valid",
    }),
    verify({
      tcId: 1140,
      name: "percent-encoded-path-signed-raw",
      description:
        "GET /files/a%20b signed over the path as written, /files/a%20b, as the PHP client does: the Go Agent decodes the path and rejects it (a known disagreement between the real client and receiver).",
      source: SOURCES.agentClient,
      flags: ["PathDecoding", "RealClient"],
      method: "GET",
      url: "/files/a%20b",
      serverPath: "/files/a b",
      signs: { path: "/files/a%20b" },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1141,
      name: "valid-unicode-path",
      description: "A percent-encoded UTF-8 path, signed decoded.",
      flags: ["Unicode", "PathDecoding"],
      method: "GET",
      url: "/files/%E4%B8%AD%E6%96%87",
      serverPath: "/files/中文",
      result: "valid",
    }),
    verify({
      tcId: 1142,
      name: "valid-binary-body",
      description: "A body that is not UTF-8: the string to sign is shown in base64 (stringToSignBase64).",
      flags: ["BinaryBody"],
      url: "/terminal/input",
      body: { bodyBase64: "AAH+/4DDKA==" },
      serverPath: "/terminal/input",
      result: "valid",
    }),
    verify({
      tcId: 1143,
      name: "valid-get-with-body",
      description: "A GET with a body, signed with it.",
      flags: ["GetWithBody"],
      method: "GET",
      url: "/files/list",
      body: { body: '{"path":"/home/alice"}' },
      serverPath: "/files/list",
      result: "valid",
    }),
    verify({
      tcId: 1144,
      name: "lower-case-header-names",
      description: "x-signature and x-timestamp in lower case: header names are case-insensitive.",
      flags: ["HeaderLookup"],
      headers: (sig, ts) => [["x-signature", sig], ["x-timestamp", ts]],
      result: "valid",
    }),
    verify({
      tcId: 1145,
      name: "repeated-signature-first-valid",
      description: "Two X-Signature headers, the first correct: the first counts.",
      flags: ["HeaderLookup"],
      headers: (sig, ts) => [["X-Signature", sig], ["X-Signature", "0".repeat(64)], ["X-Timestamp", ts]],
      result: "valid",
    }),
    verify({
      tcId: 1146,
      name: "repeated-signature-first-wrong",
      description: "Two X-Signature headers, the second correct: the first counts, so it fails.",
      flags: ["HeaderLookup", "Tampering"],
      headers: (sig, ts) => [["X-Signature", "0".repeat(64)], ["X-Signature", sig], ["X-Timestamp", ts]],
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1147,
      name: "upload-multipart-body-unsigned",
      description:
        "The real client's file upload: signed with an empty body, sent with a multipart body. The real Agent must accept it (it is what the panel sends); the reference verifier signs the body it receives and rejects it.",
      source: SOURCES.agentClient,
      flags: ["RealClient", "UnsignedComponent"],
      url: "/files/upload",
      body: { body: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello\r\n--b--\r\n' },
      serverPath: "/files/upload",
      signs: { body: {} },
      result: "acceptable",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1148,
      name: "valid-large-body",
      description: "A 1 MiB body (bodyRepeat).",
      flags: ["LargeBody"],
      url: "/files/write",
      body: { bodyRepeat: { text: "0123456789abcdef", count: 65536 } },
      serverPath: "/files/write",
      result: "valid",
    }),
    verify({
      tcId: 1149,
      name: "valid-php-json-body",
      description: "A PHP json_encode body, signed over the bytes sent.",
      flags: ["JsonBytes", "RealClient"],
      url: "/files/write",
      body: { body: '{"path":"\\/home\\/alice\\/public_html","owner":"alice"}' },
      serverPath: "/files/write",
      result: "valid",
    }),
    verify({
      tcId: 1150,
      name: "php-json-body-js-signature",
      description:
        "A PHP json_encode body signed over JSON.stringify's bytes of the same value (a client or verifier that re-serialises): rejected.",
      flags: ["JsonBytes"],
      url: "/files/write",
      body: { body: '{"path":"\\/home\\/alice\\/public_html","owner":"alice"}' },
      serverPath: "/files/write",
      signs: { body: { body: '{"path":"/home/alice/public_html","owner":"alice"}' } },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 1151,
      name: "get-without-content-type",
      description:
        "A GET without Content-Type, as the documentation describes (Content-Type for POST/PUT only); the real client sends it on every method. It is not signed either way.",
      source: SOURCES.agentDoc,
      flags: ["DocReading"],
      method: "GET",
      url: "/system/info",
      serverPath: "/system/info",
      headers: (sig, ts) => [["X-Signature", sig], ["X-Timestamp", ts]],
      result: "valid",
    }),
    verify({
      tcId: 1152,
      name: "valid-timestamp-nanoseconds",
      description: "A timestamp with nine fractional digits.",
      flags: ["TimestampFormat"],
      timestamp: "2026-04-08T14:32:00.123456789Z",
      result: "valid",
    }),
    verify({
      tcId: 1153,
      name: "valid-unicode-secret",
      description: "A non-ASCII secret, used as UTF-8 by client and verifier alike.",
      flags: ["SecretEncoding", "Unicode"],
      secret: "s\u00e9cret-\u043a\u043b\u044e\u0447-\ud83d\udd11",
      result: "valid",
    }),
    verify({
      tcId: 1156,
      name: "bad-escape-in-path",
      description: "A path with a % not followed by two hex digits: the Agent is a Go server, which refuses the request line (400).",
      flags: ["PathDecoding"],
      method: "GET",
      url: "/files/a%zz",
      serverPath: null,
      signs: { path: "/files/a%zz" },
      result: "invalid",
      failure: { error: "signature_mismatch", status: 400, message: "400 Bad Request" },
    }),
    verify({
      tcId: 1157,
      name: "header-value-surrounding-space",
      description: "X-Timestamp with a space before and a tab after: not part of the value (HTTP parsers trim them), so the signed text is the timestamp alone.",
      flags: ["HeaderLookup", "TimestampFormat"],
      headers: (sig, ts) => [["X-Signature", sig], ["X-Timestamp", ` ${ts}\t`]],
      result: "valid",
    }),
    verify({
      tcId: 1154,
      name: "valid-hex-secret-as-text",
      description: "A secret in the real form (64 hex characters), used as text by client and verifier.",
      flags: ["SecretEncoding", "RealClient"],
      secret: HEX_SECRET,
      result: "valid",
    }),
    verify({
      tcId: 1155,
      name: "nfd-secret-for-nfc-key",
      description: "The client signed with the NFD form of the agent's NFC secret: another key.",
      flags: ["SecretEncoding", "UnicodeNormalization"],
      secret: "s\u00e9cret-\u043a\u043b\u044e\u0447-\ud83d\udd11",
      signs: { secret: "se\u0301cret-\u043a\u043b\u044e\u0447-\ud83d\udd11" },
      result: "invalid",
      failure: MISMATCH,
    }),
    ...bodyLimitVectors(),
  ];
}

/** The receiver's body limit: the create call's body is 49 bytes. Checked after the window, before the signature. */
function bodyLimitVectors(): SchemeVector[] {
  const DOC_BODY_BYTES = 49;
  if (Buffer.byteLength(DOC_BODY) !== DOC_BODY_BYTES) throw new Error("DOC_BODY is not 49 bytes");
  const limit = { source: SOURCES.bodyLimit };
  return [
    verify({
      tcId: 1161,
      name: "body-at-limit",
      description: "The 49-byte create body with a limit of 49 bytes: exactly the limit passes.",
      flags: ["BodyLimit"],
      ...limit,
      maxBodyBytes: DOC_BODY_BYTES,
      result: "valid",
    }),
    verify({
      tcId: 1162,
      name: "body-one-byte-over-limit",
      description: "The 49-byte create body with a limit of 48 bytes: 413 (the verifier stops reading at the limit).",
      flags: ["BodyLimit"],
      ...limit,
      maxBodyBytes: DOC_BODY_BYTES - 1,
      result: "invalid",
      failure: TOO_LARGE,
    }),
    verify({
      tcId: 1163,
      name: "no-body-limit-zero",
      description: "A GET without a body under the limit 0: an empty body is within any limit.",
      flags: ["BodyLimit", "EmptyBody"],
      ...limit,
      method: "GET",
      url: "/account/list",
      serverPath: "/account/list",
      maxBodyBytes: 0,
      result: "valid",
    }),
    verify({
      tcId: 1164,
      name: "body-limit-zero",
      description: "The create body under the limit 0: a receiver that takes no body refuses any.",
      flags: ["BodyLimit"],
      ...limit,
      maxBodyBytes: 0,
      result: "invalid",
      failure: TOO_LARGE,
    }),
    verify({
      tcId: 1165,
      name: "oversized-and-stale",
      description:
        "A body over the limit with a timestamp 301 seconds old: the window is checked before the body is read, so the answer is timestamp_expired (401), not 413.",
      flags: ["BodyLimit", "CheckOrder", "Window"],
      ...limit,
      timestamp: at(-301),
      maxBodyBytes: DOC_BODY_BYTES - 1,
      result: "invalid",
      failure: EXPIRED,
    }),
    verify({
      tcId: 1166,
      name: "oversized-and-bad-signature",
      description: "A body over the limit, signed with another secret: the body is limited before the signature is checked, so the answer is 413.",
      flags: ["BodyLimit", "CheckOrder"],
      ...limit,
      signs: { secret: "another-secret" },
      maxBodyBytes: DOC_BODY_BYTES - 1,
      result: "invalid",
      failure: TOO_LARGE,
    }),
  ];
}

/**
 * Timestamp texts the real panel would sign verbatim but Go's time.Parse(time.RFC3339) refuses
 * (reference: "Timestamp text"): the signer signs them as given; whether the closed Agent accepts
 * them is unknown, so the reference verifier's refusal is only acceptable.
 */
function timestampTextVectors(): SchemeVector[] {
  const forms: [tcId: number, name: string, text: string, why: string][] = [
    [1201, "lower-case-t", "2026-04-08t14:32:00+00:00", "a lower-case t, which RFC 3339 section 5.6 allows"],
    [1202, "lower-case-z", "2026-04-08T14:32:00z", "a lower-case z, which RFC 3339 section 5.6 allows"],
    [1203, "leap-second", "2016-12-31T23:59:60Z", "a leap second (:60, RFC 3339 section 5.7)"],
    [1204, "space-for-t", "2026-04-08 14:32:00+00:00", "a space instead of T, which RFC 3339's note allows by agreement"],
  ];
  const signs = forms.map(([tcId, name, text, why]) =>
    sign({
      tcId,
      name: `timestamp-${name}`,
      description: `X-Timestamp ${JSON.stringify(text)}, ${why}: signed verbatim, as the real panel signs any text it sends. Go's time.Parse(time.RFC3339) refuses it, so a signer may warn, never refuse or change it.`,
      flags: ["TimestampFormat"],
      method: "GET",
      url: "/files/list",
      timestamp: text,
      signedPath: "/files/list",
    }),
  );
  const verifies = forms
    .filter(([, name]) => name !== "leap-second")
    .map(([tcId, name, text, why]) =>
      verify({
        tcId: tcId + 10,
        name: `timestamp-${name}-received`,
        description: `A request signed over X-Timestamp ${JSON.stringify(text)} (${why}), the same instant as the receiver's clock. The reference verifier reads timestamps as Go's time.Parse(time.RFC3339) and refuses it; which parser the closed Agent uses is not known, so accepting it is acceptable too.`,
        flags: ["TimestampFormat", "TimestampParse"],
        timestamp: text,
        result: "acceptable",
        failure: BAD_TIMESTAMP,
      }),
    );
  return [...signs, ...verifies];
}

/**
 * No separator between PATH and BODY (reference): POST /files/delete/www with no body, POST
 * /files/delete with the body "/www" and POST /f with "iles/delete/www" sign the same bytes.
 */
function pathBodyBoundaryVectors(): SchemeVector[] {
  const splits: [path: string, body: string][] = [["/files/delete/www", ""], ["/files/delete", "/www"], ["/f", "iles/delete/www"]];
  const signs = splits.map(([path, body], i) =>
    sign({
      tcId: 1221 + i,
      name: `path-body-boundary-${i + 1}`,
      description: `POST ${path} with ${body ? `the body ${JSON.stringify(body)}` : "no body"}: the string to sign ${JSON.stringify(`${REAL_TS}POST/files/delete/www`)}, the same for all three of tcIds 1221-1223, because nothing separates PATH from BODY.`,
      flags: ["NoSeparator"],
      method: "POST",
      url: path,
      ...(body && { body: { body } }),
      signedPath: path,
    }),
  );
  const [first, ...others] = signs as SignVector[];
  for (const other of others) assertKnown(`${SCHEME} ${other.name} signs as ${first!.name}`, other.expected.signature, first!.expected.signature);
  const verifies = splits.map(([path, body], i) =>
    verify({
      tcId: 1231 + i,
      name: `path-body-boundary-${i + 1}-verifies`,
      description: `The signature a client made for POST /files/delete/www with no body, sent on POST ${path}${body ? ` with the body ${JSON.stringify(body)}` : ""}: valid, since the signed bytes are the same. A weakness of the scheme (docs/security.md); a correct verifier accepts it.`,
      flags: ["NoSeparator"],
      url: path,
      body: body ? { body } : {},
      serverPath: path,
      signs: { path: "/files/delete/www", body: {} },
      result: "valid",
    }),
  );
  return [...signs, ...verifies];
}

export function buildOpteriusAgentFile(): SchemeFile {
  return schemeFile(SCHEME, [
    ...withDocClientFlags(SCHEME, [...signVectors(), ...verifyVectors(), ...timestampTextVectors(), ...pathBodyBoundaryVectors()]),
    ...agentDiagnosisVectors(),
  ]);
}
