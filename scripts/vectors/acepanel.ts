// vectors/acepanel.json: the AcePanel API, as its Go server checks it.
//   canonicalRequest = METHOD \n PATH \n QUERY \n hex(sha256(body))
//   stringToSign     = "HMAC-SHA256" \n TIMESTAMP \n hex(sha256(canonicalRequest))
// Every vector states by hand the canonical path, the canonical query and the timestamp number
// the server derives (from the rules in the server's source); the generator only joins the lines
// and hashes with node:crypto. The reference's canonicalisation table and signature are
// reproduced literally, and each sign vector of a canonicalisation rule has a verify twin.
// The DocClient* flags (which documentation example gets a vector wrong) are computed last.

import {
  assertKnown,
  bodyBytes,
  bodyFields,
  checkBodyLimit,
  hmacHex,
  jsonOfLength,
  schemeFile,
  sha256Hex,
  SOURCES,
  TOO_LARGE,
  verifyExpected,
  type BodySpec,
  type Failure,
  type HeaderPair,
  type Result,
  type SchemeFile,
  type SchemeVector,
  type Source,
  type VectorHead,
  type VerifyExpected,
} from "./build.ts";
import { acepanelDiagnosisVectors } from "./diagnosis.ts";
import { withDocClientFlags } from "./doc-client-flags.ts";

/** tcIds of vectors that were removed: never used again. */
export const RETIRED_ACEPANEL_TCIDS: readonly number[] = [
  // Answered wrongly before the entrance middleware and the locales were known whole (issue 12);
  // each is replaced by the vector in parentheses: 3405 (3241), 3426 (3242), 3427 (3243),
  // 3429 (3244), 3431 (3245), 3432 (3246), 3446 (3247), 3479 (3248), 3597 (3249).
  3405, 3426, 3427, 3429, 3431, 3432, 3446, 3479, 3597,
];

const SCHEME = "acepanel";
const SECRET = "YourSecretToken";
const KEY_ID = 16;
const TS = "1700000000";
const NOW = 1700000000;
const ENTRANCE = "/entrance";
const CLIENT_IP = "203.0.113.10:54321";
const TOKEN_EXPIRES = 1800000000;
/** A twin verify vector's tcId is its sign vector's plus this. */
const TWIN_OFFSET = 1000;

assertKnown("SHA-256 of the empty body", sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

const fail = (error: Failure["error"], message: string): Failure => ({ error, status: 401, message });
const ENTRANCE_MISMATCH: Failure = { error: "entrance_mismatch", status: 418 };
const NO_AUTH_UNDER_ENTRANCE: Failure = { error: "missing_headers", status: 418 };
const NO_AUTH_WITHOUT_ENTRANCE = fail("missing_headers", "session expired, please login again");
const WEBSOCKET: Failure = { error: "websocket_not_allowed", status: 403, message: "ws not allowed" };
const malformed = (scanError: string) => fail("malformed_authorization", `invalid header: ${scanError}`);
const ALGORITHM = fail("unsupported_algorithm", "invalid signature");
const UNKNOWN_KEY = fail("unknown_key", "invalid signature");
const TOKEN_EXPIRED = fail("token_expired", "token expired");
const MISMATCH = fail("signature_mismatch", "invalid signature");
const TIMESTAMP_INVALID = fail("timestamp_invalid", "signature expired");
const TIMESTAMP_EXPIRED = fail("timestamp_expired", "signature expired");
const ipRefused = (ip: string) => fail("ip_not_allowed", `invalid request ip: ${ip}`);
const LOGIN_REDIRECT: Failure = { error: "missing_headers", status: 302, location: "/login" };
const ZH_INVALID_SIGNATURE = "无效的签名";
const ZH_SIGNATURE_EXPIRED = "签名已过期";
const ZH_TOKEN_EXPIRED = "令牌已过期";

interface Canonical {
  method: string;
  path: string;
  query: string;
  body: Buffer;
  /** The number the server reads from X-Timestamp, printed in decimal. */
  timestamp: string;
}

function aceSignature(secret: string, c: Canonical) {
  const canonicalRequest = `${c.method}\n${c.path}\n${c.query}\n${sha256Hex(c.body)}`;
  const stringToSign = `HMAC-SHA256\n${c.timestamp}\n${sha256Hex(canonicalRequest)}`;
  return { canonicalRequest, stringToSign, signature: hmacHex(secret, stringToSign) };
}

const authorization = (signature: string, keyId: number | string = KEY_ID) =>
  `HMAC-SHA256 Credential=${BigInt(keyId).toString()}, Signature=${signature}`;

type Head = Omit<VectorHead, "source"> & { source?: Source };

interface SignDef extends Head {
  method?: string;
  url: string;
  body?: BodySpec;
  entrance?: string;
  timestamp?: string;
  secret?: string;
  keyId?: number | string;
  /** By hand: the decoded path after the entrance. */
  canonicalPath: string;
  /** By hand: the query as Go re-encodes it. */
  canonicalQuery?: string;
  /** By hand: the number the server reads from the X-Timestamp text. */
  signedTimestamp?: string;
  known?: string;
  /** A verify vector for the same request, signed as this vector expects. */
  twin?: { result?: Result; description?: string };
}

function sign(def: SignDef): SchemeVector[] {
  const method = def.method ?? "GET";
  const secret = def.secret ?? SECRET;
  const keyId = def.keyId ?? KEY_ID;
  const timestamp = def.timestamp ?? TS;
  const entrance = def.entrance ?? ENTRANCE;
  const body = def.body ?? {};
  const canonical = {
    method,
    path: def.canonicalPath,
    query: def.canonicalQuery ?? "",
    body: bodyBytes(body),
    timestamp: def.signedTimestamp ?? timestamp,
  };
  const { canonicalRequest, stringToSign, signature } = aceSignature(secret, canonical);
  if (def.known) assertKnown(`${SCHEME} ${def.name}`, signature, def.known);
  const vectors: SchemeVector[] = [
    {
      tcId: def.tcId,
      name: def.name,
      description: def.description,
      source: def.source ?? SOURCES.aceCheck,
      flags: def.flags,
      case: {
        scheme: SCHEME,
        op: "sign",
        request: { method, url: def.url, ...bodyFields(body) },
        credentials: { secret, keyId },
        timestamp,
        options: { entrance },
      },
      expected: {
        headers: [["X-Timestamp", timestamp], ["Authorization", authorization(signature, keyId)]],
        canonicalRequest,
        stringToSign,
        signature,
      },
    },
  ];
  if (def.twin) {
    const result = def.twin.result ?? "valid";
    vectors.push(
      verify({
        tcId: def.tcId + TWIN_OFFSET,
        name: `${def.name}-verifies`,
        description: def.twin.description ?? `The request of tcId ${def.tcId}, signed as that vector expects, verifies.`,
        source: def.source,
        flags: def.flags,
        method,
        url: def.url,
        body,
        timestamp,
        secret,
        keyId,
        server: { path: canonical.path, query: canonical.query, timestamp: canonical.timestamp },
        context: { entrance },
        result,
      }),
    );
  }
  return vectors;
}

interface VerifyDef extends Head {
  method?: string;
  url?: string;
  body?: BodySpec;
  /** The X-Timestamp header sent (default 1700000000); null sends none. */
  timestamp?: string | null;
  /** The Authorization header sent (default: the correct one); null sends none. */
  authorization?: string | null | ((signature: string) => string);
  /** Replaces the header list entirely. */
  headers?: (authorization: string, signature: string, timestamp: string) => HeaderPair[];
  extraHeaders?: HeaderPair[];
  /** What the client signed, where it differs from what the server computes. */
  signs?: Partial<{ method: string; path: string; query: string; body: BodySpec; timestamp: string; secret: string }>;
  /** By hand: what the server computes (path after the entrance, query, timestamp number); null when it never gets there. */
  server?: { path: string; query?: string; timestamp?: string } | null;
  /** The token: its secret and id (default YourSecretToken, 16). */
  secret?: string;
  keyId?: number | string;
  /** Over the defaults (now, entrance /entrance, clientIp, tokenExpiresAt); undefined removes one. */
  context?: Record<string, unknown>;
  result: Result;
  failure?: Failure;
  /** Let through without a signature check (entrance.go / must_login.go), and why. */
  unchecked?: VerifyExpected["uncheckedReason"];
}

function verify(def: VerifyDef): SchemeVector {
  const method = def.method ?? "GET";
  const url = def.url ?? "/entrance/api/user/info";
  const body = def.body ?? {};
  const secret = def.secret ?? SECRET;
  const keyId = def.keyId ?? KEY_ID;
  const server = def.server === undefined && def.url === undefined ? { path: "/api/user/info" } : def.server;
  if (server === undefined) throw new Error(`${def.name}: state what the server computes for ${url} (or null)`);
  const signs = def.signs ?? {};
  const client = aceSignature(signs.secret ?? secret, {
    method: signs.method ?? method,
    path: signs.path ?? server?.path ?? "/api/user/info",
    query: signs.query ?? server?.query ?? "",
    body: bodyBytes(signs.body ?? body),
    timestamp: signs.timestamp ?? server?.timestamp ?? TS,
  });
  const timestamp = def.timestamp === undefined ? TS : def.timestamp;
  const auth =
    def.authorization === undefined
      ? authorization(client.signature, keyId)
      : typeof def.authorization === "function"
        ? def.authorization(client.signature)
        : def.authorization;
  let headers: HeaderPair[];
  if (def.headers) headers = def.headers(auth ?? "", client.signature, timestamp ?? "");
  else {
    headers = [];
    if (timestamp !== null) headers.push(["X-Timestamp", timestamp]);
    if (auth !== null) headers.push(["Authorization", auth]);
  }
  headers.push(...(def.extraHeaders ?? []));

  let intermediates = {};
  if (server) {
    const expected = aceSignature(secret, {
      method,
      path: server.path,
      query: server.query ?? "",
      body: bodyBytes(body),
      timestamp: server.timestamp ?? TS,
    });
    intermediates = { canonicalRequest: expected.canonicalRequest, stringToSign: expected.stringToSign, expectedSignature: expected.signature };
    if (def.authorization === undefined && def.headers === undefined) {
      const matches = client.signature === expected.signature;
      if (def.failure === undefined && !matches) throw new Error(`${def.name}: says valid but the signature is wrong`);
      if (def.failure?.error === "signature_mismatch" && matches) throw new Error(`${def.name}: says mismatch but the signature is right`);
    }
  }
  checkBodyLimit(def.name, bodyBytes(body).length, def.context?.maxBodyBytes as number | undefined, def.result, def.failure);
  const context: Record<string, unknown> = { now: NOW, entrance: ENTRANCE, clientIp: CLIENT_IP, tokenExpiresAt: TOKEN_EXPIRES, ...def.context };
  for (const key of Object.keys(context)) if (context[key] === undefined) delete context[key];
  return {
    tcId: def.tcId,
    name: def.name,
    description: def.description,
    source: def.source ?? SOURCES.aceCheck,
    flags: def.flags,
    case: {
      scheme: SCHEME,
      op: "verify",
      request: { method, url, headers, ...bodyFields(body) },
      credentials: { secret, keyId },
      context,
    },
    result: def.result,
    expected: verifyExpected(def.result, def.failure, def.unchecked ? { signatureChecked: false, uncheckedReason: def.unchecked } : intermediates),
  };
}

// ---- sign vectors (each with its verify twin where it tests canonicalisation) ----------------

function basicVectors(): SchemeVector[] {
  return [
    ...sign({
      tcId: 3001,
      name: "doc-example",
      description: "The documentation's fixed example: GET http://example.com/entrance/api/user/info, token 16 / YourSecretToken, X-Timestamp 1700000000.",
      source: SOURCES.aceDoc,
      flags: ["DocExample"],
      url: "http://example.com/entrance/api/user/info",
      canonicalPath: "/api/user/info",
      known: "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7",
      twin: {},
    }),
    ...sign({
      tcId: 3002,
      name: "doc-example-request-target",
      description: "The documentation's example given as a request-target (/entrance/api/user/info): the same signature.",
      flags: ["Basic"],
      url: "/entrance/api/user/info",
      canonicalPath: "/api/user/info",
      known: "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7",
      twin: {},
    }),
    ...sign({
      tcId: 3003,
      name: "post-json",
      description: "A POST with a JSON body: the body's SHA-256 is the last line of the canonical request.",
      flags: ["Basic"],
      method: "POST",
      url: "/entrance/api/website",
      body: { body: '{"name":"example.com","path":"/www/wwwroot/example.com"}' },
      canonicalPath: "/api/website",
      twin: {},
    }),
    ...sign({
      tcId: 3004,
      name: "delete",
      description: "A DELETE without a body.",
      flags: ["Basic"],
      method: "DELETE",
      url: "/entrance/api/website/7",
      canonicalPath: "/api/website/7",
      twin: {},
    }),
    ...sign({
      tcId: 3005,
      name: "put-json",
      description: "A PUT with a JSON body.",
      flags: ["Basic"],
      method: "PUT",
      url: "/entrance/api/setting",
      body: { body: '{"name":"panel","port":8888}' },
      canonicalPath: "/api/setting",
      twin: {},
    }),
    ...sign({
      tcId: 3006,
      name: "patch-json",
      description: "A PATCH with a JSON body.",
      flags: ["Basic"],
      method: "PATCH",
      url: "/entrance/api/cron/3",
      body: { body: '{"status":false}' },
      canonicalPath: "/api/cron/3",
      twin: {},
    }),
    ...sign({
      tcId: 3007,
      name: "lower-case-method",
      description:
        "A request sent as \"get\": the server signs the method exactly as it arrived, so \"get\" is signed. It passes authentication (the router then answers 405).",
      flags: ["Method"],
      method: "get",
      url: "/entrance/api/user/info",
      canonicalPath: "/api/user/info",
      twin: {
        result: "acceptable",
        description: "The request of tcId 3007 (method \"get\", signed as \"get\") passes the server's check; a stricter verifier may refuse a non-upper-case method.",
      },
    }),
  ];
}

/** [tcId, name, raw query, canonical query by hand, description, extra flags] */
type QueryRow = [number, string, string, string, string, ...VectorHead["flags"]];

// The six rows of the reference's canonicalisation table, exactly (entrance /entrance).
const QUERY_TABLE: QueryRow[] = [
  [3011, "table-sort-repeat-space", "b=2&a=1&a=0&c=x%20y", "a=1&a=0&b=2&c=x+y", "Keys sorted, the values of a repeated key in the order sent, %20 re-encoded as +."],
  [3012, "table-key-without-value", "flag&e=", "e=&flag=", "A key without = becomes key=."],
  [3013, "table-escapes", "k=%7E%2a&t=~*!'()", "k=~%2A&t=~%2A%21%27%28%29", "~ is left as it is, *!'() are escaped, escapes use upper-case hex."],
  [3014, "table-lower-case-hex", "a=%e4%b8%ad", "a=%E4%B8%AD", "Lower-case hex escapes are re-encoded in upper case."],
  [3015, "table-semicolon", "a=1;b=2&c=3", "c=3", "A pair containing ; is dropped."],
  [3016, "table-non-ascii-key", "%C3%A9=1&z=2", "z=2&%C3%A9=1", "Keys sort by their decoded bytes: z (0x7a) before é (0xc3 0xa9)."],
];

const QUERY_RULES: QueryRow[] = [
  [3017, "sorted-keys", "b=2&a=1", "a=1&b=2", "Keys are sorted."],
  [3018, "repeated-key-order-kept", "a=2&a=1", "a=2&a=1", "The values of a repeated key keep the order in which they were sent; the documentation says \"sort by key and value\", which would give a=1&a=2.", "DocDivergence"],
  [3019, "plus-is-space", "c=x+y", "c=x+y", "+ decodes to a space and is re-encoded as +."],
  [3020, "escaped-plus", "c=x%2By", "c=x%2By", "%2B is a literal + and stays escaped."],
  [3021, "empty-key", "=x&a=1", "=x&a=1", "=x has the empty key, which sorts first."],
  [3022, "equals-in-value", "a=b=c", "a=b%3Dc", "Only the first = splits; the rest of the value is escaped."],
  [3023, "bad-escape-dropped", "a=%zz&b=1", "b=1", "A pair with an invalid % escape is dropped."],
  [3024, "lone-percent-dropped", "a=%&b=1", "b=1", "A lone % is an invalid escape: the pair is dropped."],
  [3025, "short-escape-dropped", "a=%4&b=1", "b=1", "%4 with one hex digit is an invalid escape: the pair is dropped."],
  [3026, "empty-pairs-dropped", "&&a=1&", "a=1", "Empty pairs are dropped."],
  [3027, "lone-key", "a", "a=", "A lone key becomes a=."],
  [3028, "empty-query", "", "", "A bare ? with nothing after it: the canonical query is empty."],
  [3029, "ampersand-only", "&", "", "A query of a lone &: nothing is left."],
  [3030, "byte-order-sort", "B=1&a=2&_=3&~=4&-=5", "-=5&B=1&_=3&a=2&~=4", "Keys sort by bytes: - (0x2d) < B (0x42) < _ (0x5f) < a (0x61) < ~ (0x7e)."],
  [3031, "keys-equal-after-decoding", "a=1&%61=2", "a=1&a=2", "a and %61 are the same key once decoded; its values keep the order sent."],
  [3032, "escaped-equals-in-key", "a%3Db=1", "a%3Db=1", "%3D in a key is part of the key a=b."],
  [3033, "plus-in-key", "a+b=1", "a+b=1", "+ in a key is a space, re-encoded as +."],
  [3034, "raw-utf8-value", "q=中", "q=%E4%B8%AD", "A raw UTF-8 value is percent-encoded.", "Unicode"],
  [3035, "nfc-value", "q=caf%C3%A9", "q=caf%C3%A9", "café in NFC.", "UnicodeNormalization"],
  [3036, "nfd-value", "q=cafe%CC%81", "q=cafe%CC%81", "café in NFD: another canonical query than tcId 3035.", "UnicodeNormalization"],
  [3037, "slashes-escaped", "path=/www/wwwroot&x=a/b", "path=%2Fwww%2Fwwwroot&x=a%2Fb", "/ is escaped in keys and values."],
  [3038, "escaped-ampersand", "a=1%262", "a=1%262", "%26 is a literal & inside the value and stays escaped."],
  [3039, "space-and-tab", "a=%20%09", "a=+%09", "A space becomes +, a tab %09."],
  [3040, "semicolon-in-value", "k=v;x&z=1", "z=1", "A ; anywhere in a pair drops the pair."],
  [3041, "duplicate-pairs-kept", "a=1&a=1", "a=1&a=1", "The same pair twice stays twice."],
  [3042, "empty-values", "b=&a", "a=&b=", "Empty values, with and without =."],
  [3043, "list-parameters", "sort=name&order=desc&page=1&limit=20", "limit=20&order=desc&page=1&sort=name", "A typical list query, sorted."],
  [3044, "brackets-in-key", "ids[]=1&ids[]=2", "ids%5B%5D=1&ids%5B%5D=2", "[ and ] are escaped."],
  [3045, "raw-emoji-value", "emoji=😀", "emoji=%F0%9F%98%80", "An astral character is four escaped bytes.", "Unicode"],
  [3046, "escaped-tilde", "x=%7e", "x=~", "An escaped ~ is left unescaped."],
  [3047, "escaped-star", "k=%2a", "k=%2A", "An escaped * stays escaped, in upper case."],
  [3048, "nul-byte", "a=%00", "a=%00", "A NUL byte in a value."],
  [3049, "non-utf8-byte", "a=%ff", "a=%FF", "A byte that is not UTF-8 is kept as a byte."],
  [3050, "non-ascii-keys-sorted", "%E4%B8%AD=1&a=2&%C3%A9=3", "a=2&%C3%A9=3&%E4%B8%AD=1", "Keys sorted by bytes: a, then é (0xc3), then 中 (0xe4).", "Unicode"],
  [3051, "repeated-key-grouped", "a=1&b=2&a=3", "a=1&a=3&b=2", "A repeated key's values are grouped under it, in the order sent."],
  [3052, "case-sensitive-keys", "A=1&a=2", "A=1&a=2", "A and a are different keys; upper case sorts first."],
  [3053, "empty-repeated-value", "a=x&a=", "a=x&a=", "An empty value of a repeated key keeps its place."],
  [3054, "plus-key", "%2B=1", "%2B=1", "The key + is escaped."],
  [3055, "mixed-case-escapes", "a=%2B%2b", "a=%2B%2B", "Lower- and upper-case escapes of the same byte are the same byte."],
];

function queryVectors(): SchemeVector[] {
  const row = ([tcId, name, raw, canonicalQuery, description, ...flags]: QueryRow, source?: Source) =>
    sign({
      tcId,
      name: `query-${name}`,
      description: `GET /entrance/api/files/list?${raw}: ${description}`,
      source,
      flags: ["QueryCanonicalization", ...flags],
      url: `/entrance/api/files/list?${raw}`,
      canonicalPath: "/api/files/list",
      canonicalQuery,
      twin: {},
    });
  return [...QUERY_TABLE.flatMap((r) => row(r)), ...QUERY_RULES.flatMap((r) => row(r))];
}

/** [tcId, name, entrance, url, canonical path by hand, description, flags] */
type PathRow = [number, string, string, string, string, string, VectorHead["flags"]];

const PATH_RULES: PathRow[] = [
  [3061, "entrance-trailing-slash", "/entrance/", "/entrance/api/user/info", "/api/user/info", "The entrance configured as /entrance/ is the same entrance: the server trims the trailing slash.", ["EntranceStripping"]],
  [3062, "entrance-without-leading-slash", "entrance", "/entrance/api/user/info", "/api/user/info", "The entrance configured as entrance: the server adds the leading slash.", ["EntranceStripping"]],
  [3063, "entrance-disabled", "/", "/api/user/info", "/api/user/info", "Entrance / (none): the path is used unchanged.", ["EntranceStripping"]],
  [3064, "entrance-containing-api", "/api2", "/api2/api/user/info", "/api/user/info", "The entrance /api2 is stripped whole. Every documentation client keeps /api2/api/user/info (it already starts with /api) and signs the wrong path.", ["EntranceStripping"]],
  [3065, "entrance-ending-in-api", "/x/api", "/x/api/api/user/info", "/api/user/info", "The entrance /x/api is stripped whole. The documentation clients cut at the first /api and sign /api/api/user/info.", ["EntranceStripping"]],
  [3066, "api-twice", "/e", "/e/api/x/api/y", "/api/x/api/y", "Only the entrance is removed; the second /api stays.", ["EntranceStripping"]],
  [3067, "exactly-api", "/e", "/e/api", "/api", "The path after the entrance is exactly /api.", ["EntranceStripping"]],
  [3068, "nested-entrance", "/a/b", "/a/b/api/user/info", "/api/user/info", "An entrance of two segments.", ["EntranceStripping"]],
  [3069, "unicode-entrance", "/入口", "/%E5%85%A5%E5%8F%A3/api/user/info", "/api/user/info", "An entrance with non-ASCII characters, sent percent-encoded: compared with the decoded path.", ["EntranceStripping", "Unicode", "PathDecoding"]],
  [3070, "encoded-space", ENTRANCE, "/entrance/api/files/a%20b", "/api/files/a b", "%20 in the path is signed as a space. The PHP, Python and Node documentation clients sign a%20b and are rejected.", ["PathDecoding"]],
  [3071, "encoded-slash", ENTRANCE, "/entrance/api/files/a%2Fb", "/api/files/a/b", "%2F is signed as /.", ["PathDecoding"]],
  [3072, "encoded-utf8", ENTRANCE, "/entrance/api/files/%E4%B8%AD", "/api/files/中", "%E4%B8%AD is signed as the raw UTF-8 bytes of 中.", ["PathDecoding", "Unicode"]],
  [3073, "raw-utf8", ENTRANCE, "/entrance/api/files/中", "/api/files/中", "A raw UTF-8 path signs like tcId 3072.", ["Unicode"]],
  [3074, "trailing-slash", ENTRANCE, "/entrance/api/user/info/", "/api/user/info/", "A trailing slash is kept.", ["PathDecoding"]],
  [3075, "double-slash", ENTRANCE, "/entrance/api//user/info", "/api//user/info", "A double slash is kept.", ["PathDecoding"]],
  [3076, "dot-segments", ENTRANCE, "/entrance/api/files/../user/info", "/api/files/../user/info", "Dot segments are kept, never resolved.", ["PathDecoding"]],
  [3077, "path-case-kept", ENTRANCE, "/entrance/api/User/Info", "/api/User/Info", "The path's case is kept.", ["PathDecoding"]],
  [3078, "nfc-path", ENTRANCE, "/entrance/api/files/caf%C3%A9", "/api/files/caf\u00e9", "café in NFC.", ["PathDecoding", "UnicodeNormalization"]],
  [3079, "nfd-path", ENTRANCE, "/entrance/api/files/cafe%CC%81", "/api/files/cafe\u0301", "café in NFD: another canonical path than tcId 3078.", ["PathDecoding", "UnicodeNormalization"]],
  [3080, "encoded-tilde", ENTRANCE, "/entrance/api/files/%7Euser", "/api/files/~user", "%7E is signed as ~.", ["PathDecoding"]],
  [3081, "encoded-percent", ENTRANCE, "/entrance/api/files/100%25", "/api/files/100%", "%25 is signed as %.", ["PathDecoding"]],
  [3082, "lower-case-escape", ENTRANCE, "/entrance/api/files/a%2fb", "/api/files/a/b", "A lower-case escape decodes like an upper-case one.", ["PathDecoding"]],
  [3083, "encoded-entrance", ENTRANCE, "/%65ntrance/api/user/info", "/api/user/info", "/%65ntrance decodes to /entrance: the entrance is matched on the decoded path.", ["PathDecoding", "EntranceStripping"]],
  [3084, "plus-in-path", ENTRANCE, "/entrance/api/files/a+b", "/api/files/a+b", "+ in a path is a plus, not a space.", ["PathDecoding"]],
  [3085, "semicolon-in-path", ENTRANCE, "/entrance/api/files/a;b", "/api/files/a;b", "; in a path is kept.", ["PathDecoding"]],
  [3086, "encoded-question-mark", ENTRANCE, "/entrance/api/files/a%3Fb?x=1", "/api/files/a?b", "%3F in the path is signed as ? and is not the start of the query.", ["PathDecoding"]],
];

function pathVectors(): SchemeVector[] {
  return PATH_RULES.flatMap(([tcId, name, entrance, url, canonicalPath, description, flags]) =>
    sign({
      tcId,
      name: `path-${name}`,
      description: `GET ${url} with entrance ${entrance}: ${description}`,
      flags,
      url,
      entrance,
      canonicalPath,
      canonicalQuery: url.includes("?") ? url.slice(url.indexOf("?") + 1) : "",
      twin: {},
    }),
  );
}

const PHP_BODY = '{"name":"b\\u00fccher.example","path":"\\/www\\/wwwroot\\/b\\u00fccher.example"}';
const JS_BODY = '{"name":"bücher.example","path":"/www/wwwroot/bücher.example"}';
const LARGE_BODY = { bodyRepeat: { text: "0123456789abcdef", count: 65536 } };

function bodyVectors(): SchemeVector[] {
  const post = (tcId: number, name: string, description: string, flags: VectorHead["flags"], body: BodySpec, method = "POST") =>
    sign({ tcId, name, description, flags, method, url: "/entrance/api/website", body, canonicalPath: "/api/website", twin: {} });
  return [
    ...post(3101, "empty-body", "An explicitly empty body hashes like no body: e3b0c442….", ["EmptyBody"], { body: "" }),
    ...post(3102, "get-with-body", "A GET that carries a body: the server hashes it.", ["GetWithBody"], { body: '{"path":"/www"}' }, "GET"),
    ...post(3103, "php-json-body", "A body as PHP json_encode writes it (\\u00fc, \\/): the raw bytes are hashed.", ["JsonBytes", "Unicode"], { body: PHP_BODY }),
    ...post(3104, "js-json-body", "The value of tcId 3103 written by JSON.stringify: another body hash.", ["JsonBytes", "Unicode"], { body: JS_BODY }),
    ...post(3105, "binary-body", "A body that is not UTF-8 (bytes 00 01 fe ff 80 c3 28).", ["BinaryBody"], { bodyBase64: "AAH+/4DDKA==" }),
    ...post(3106, "nfc-body", "A raw UTF-8 body with café in NFC.", ["UnicodeNormalization"], { body: '{"name":"caf\u00e9"}' }),
    ...post(3107, "nfd-body", "The body of tcId 3106 in NFD: another hash.", ["UnicodeNormalization"], { body: '{"name":"cafe\u0301"}' }),
    ...post(3108, "emoji-body", "A raw UTF-8 body with an astral character.", ["Unicode"], { body: '{"name":"😀"}' }),
    ...[55, 56, 63, 64, 65, 119, 120].flatMap((length, i) =>
      post(3109 + i, `body-${length}-bytes`, `A ${length}-byte body: the body hash covers ${length} bytes.`, ["BlockEdge"], { body: jsonOfLength(length) }),
    ),
    ...post(3116, "large-body-1mib", "A 1 MiB body: \"0123456789abcdef\" repeated 65536 times.", ["LargeBody"], LARGE_BODY),
    ...post(3117, "body-with-bom", "A body that starts with a byte order mark: hashed as sent.", ["Unicode"], { body: "\ufeff{}" }),
    ...post(3118, "post-without-body", "A POST with no body at all.", ["EmptyBody"], {}),
  ];
}

/** [tcId, name, X-Timestamp text, the number the server reads (by hand), description] */
const TIMESTAMP_FORMS: [number, string, string, string, string][] = [
  [3131, "decimal-fraction", "1700000000.9", "1700000000", "A decimal part made of digits is cut off."],
  [3132, "plus-sign", "+1700000000", "1700000000", "A leading + parses."],
  [3133, "hexadecimal", "0x6553f100", "1700000000", "Go's base prefix 0x parses."],
  [3134, "underscores", "1_700_000_000", "1700000000", "Go's digit separators parse."],
  [3135, "leading-zero-octal", "01700000000", "251658240", "A leading 0 means octal: 01700000000 is 251658240."],
  [3136, "octal-prefix", "0o14524770400", "1700000000", "Go's 0o prefix parses."],
  [3137, "trailing-dot", "1700000000.", "1700000000", "An empty decimal part is cut off too."],
  [3138, "milliseconds", "1700000000000", "1700000000000", "Milliseconds are just a large number of seconds."],
  [3139, "int64-max", "9223372036854775807", "9223372036854775807", "The largest int64."],
  [3140, "negative", "-1", "-1", "A negative number parses (and is long expired)."],
  [3141, "binary-prefix", "0b1100101010100111111000100000000", "1700000000", "Go's 0b prefix parses."],
  [3142, "upper-case-hex-prefix", "0X6553F100", "1700000000", "0X and upper-case hex digits parse."],
];

function timestampVectors(): SchemeVector[] {
  return TIMESTAMP_FORMS.flatMap(([tcId, name, text, value, description]) =>
    sign({
      tcId,
      name: `timestamp-${name}`,
      description: `X-Timestamp ${text}: ${description} The header keeps the text; the string to sign has the number re-printed (${value}).`,
      flags: ["TimestampParse"],
      url: "/entrance/api/user/info",
      timestamp: text,
      signedTimestamp: value,
      canonicalPath: "/api/user/info",
    }),
  );
}

function credentialVectors(): SchemeVector[] {
  const withToken = (tcId: number, name: string, description: string, flags: VectorHead["flags"], token: { secret?: string; keyId?: number | string }) =>
    sign({ tcId, name, description, flags, url: "/entrance/api/user/info", canonicalPath: "/api/user/info", ...token, twin: {} });
  return [
    ...withToken(3151, "key-id-zero", "Token id 0.", ["KeyId"], { keyId: 0 }),
    ...withToken(3152, "key-id-above-32-bits", "Token id 4294967312 (2^32 + 16): not the token 16.", ["KeyId"], { keyId: 4294967312 }),
    ...withToken(3153, "key-id-uint64-max", "Token id 18446744073709551615 (2^64 - 1), given as a decimal string.", ["KeyId"], { keyId: "18446744073709551615" }),
    ...withToken(3154, "key-id-beyond-2-pow-53", "Token id 9007199254740993 (2^53 + 1), which a JavaScript number would round to ...992.", ["KeyId"], { keyId: "9007199254740993" }),
    ...withToken(3155, "unicode-secret", "A token secret with non-ASCII characters, used as UTF-8.", ["SecretEncoding", "Unicode"], { secret: "t\u00f6ken-\u4ee4\u724c-\ud83d\udd11" }),
    ...withToken(3156, "secret-100-bytes", "A 100-byte secret: longer than the block, hashed first.", ["SecretEncoding"], { secret: "s".repeat(100) }),
    ...withToken(3157, "secret-64-bytes", "A 64-byte secret: exactly one block.", ["SecretEncoding"], { secret: "s".repeat(64) }),
    ...withToken(3158, "secret-65-bytes", "A 65-byte secret.", ["SecretEncoding"], { secret: "s".repeat(65) }),
  ];
}

// ---- verify vectors: the server's checks, in its order ----------------------------------------

function entranceVectors(): SchemeVector[] {
  return [
    verify({ tcId: 3401, name: "valid", description: "A correctly signed GET.", flags: ["Basic"], result: "valid" }),
    verify({
      tcId: 3402,
      name: "no-authorization-under-entrance",
      description: "No Authorization header: the server falls back to its session login and, under a configured entrance, answers its entrance page (418).",
      flags: ["MissingHeader"],
      authorization: null,
      server: null,
      result: "invalid",
      failure: NO_AUTH_UNDER_ENTRANCE,
    }),
    verify({
      tcId: 3403,
      name: "no-authorization-without-entrance",
      description: "No Authorization header with entrance / (none): 401 session expired.",
      flags: ["MissingHeader"],
      url: "/api/user/info",
      authorization: null,
      server: null,
      context: { entrance: "/" },
      result: "invalid",
      failure: NO_AUTH_WITHOUT_ENTRANCE,
    }),
    verify({
      tcId: 3404,
      name: "empty-authorization",
      description: "An empty Authorization header counts as none.",
      flags: ["MissingHeader"],
      authorization: "",
      server: null,
      result: "invalid",
      failure: NO_AUTH_UNDER_ENTRANCE,
    }),
    verify({
      tcId: 3241,
      name: "no-authorization-zh-cn",
      description: "No Authorization header, entrance /, locale zh_CN: the server's zh_CN text.",
      flags: ["MissingHeader", "Locale"],
      url: "/api/user/info",
      authorization: null,
      server: null,
      context: { entrance: "/", locale: "zh_CN" },
      result: "invalid",
      failure: { ...NO_AUTH_WITHOUT_ENTRANCE, message: "会话已过期，请重新登录" },
    }),
    verify({
      tcId: 3406,
      name: "missing-entrance",
      description: "GET /api/user/info to a panel with entrance /entrance: never reaches the signature check (418).",
      flags: ["EntranceStripping"],
      url: "/api/user/info",
      server: null,
      result: "invalid",
      failure: ENTRANCE_MISMATCH,
    }),
    verify({
      tcId: 3407,
      name: "entrance-wrong-case",
      description: "/Entrance/… is not /entrance/…: 418.",
      flags: ["EntranceStripping"],
      url: "/Entrance/api/user/info",
      server: null,
      result: "invalid",
      failure: ENTRANCE_MISMATCH,
    }),
    verify({
      tcId: 3408,
      name: "entrance-as-text-prefix",
      description: "/entranceX/… only starts with the entrance's text: 418.",
      flags: ["EntranceStripping"],
      url: "/entranceX/api/user/info",
      server: null,
      result: "invalid",
      failure: ENTRANCE_MISMATCH,
    }),
    verify({
      tcId: 3409,
      name: "entrance-not-first",
      description: "/other/entrance/api/user/info: the entrance must come first.",
      flags: ["EntranceStripping"],
      url: "/other/entrance/api/user/info",
      server: null,
      result: "invalid",
      failure: ENTRANCE_MISMATCH,
    }),
    verify({
      tcId: 3410,
      name: "entrance-mismatch-before-authorization",
      description: "Outside the entrance with a garbage Authorization header: the entrance is checked first.",
      flags: ["EntranceStripping", "CheckOrder"],
      url: "/api/user/info",
      authorization: "garbage",
      server: null,
      result: "invalid",
      failure: ENTRANCE_MISMATCH,
    }),
    verify({
      tcId: 3415,
      name: "bad-escape-in-path",
      description: "A path with a % not followed by two hex digits: Go's HTTP server refuses the request line (400) before any middleware runs.",
      flags: ["PathDecoding"],
      url: "/entrance/api/files/a%zz",
      server: null,
      signs: { path: "/api/files/a%zz" },
      result: "invalid",
      failure: { error: "signature_mismatch", status: 400, message: "400 Bad Request" },
    }),
    verify({
      tcId: 3411,
      name: "entrance-not-signed",
      description:
        "The request of tcId 3401, with the same Authorization, sent to a panel whose entrance is /panel-b: the entrance is not signed, so the same signature verifies there.",
      flags: ["UnsignedComponent", "EntranceStripping"],
      url: "/panel-b/api/user/info",
      server: { path: "/api/user/info" },
      context: { entrance: "/panel-b" },
      result: "valid",
    }),
    verify({
      tcId: 3412,
      name: "doc-client-entrance-containing-api",
      description:
        "Entrance /api2: the documentation clients sign /api2/api/user/info (it starts with /api, so they keep it); the server signs /api/user/info.",
      flags: ["EntranceStripping"],
      url: "/api2/api/user/info",
      server: { path: "/api/user/info" },
      signs: { path: "/api2/api/user/info" },
      context: { entrance: "/api2" },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 3413,
      name: "doc-client-entrance-ending-in-api",
      description: "Entrance /x/api: the documentation clients cut at the first /api and sign /api/api/user/info.",
      flags: ["EntranceStripping"],
      url: "/x/api/api/user/info",
      server: { path: "/api/user/info" },
      signs: { path: "/api/api/user/info" },
      context: { entrance: "/x/api" },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 3414,
      name: "doc-client-percent-encoded-path",
      description: "GET /entrance/api/files/a%20b signed over the raw path /api/files/a%20b, as the PHP, Python and Node documentation clients do.",
      flags: ["PathDecoding"],
      url: "/entrance/api/files/a%20b",
      server: { path: "/api/files/a b" },
      signs: { path: "/api/files/a%20b" },
      result: "invalid",
      failure: MISMATCH,
    }),
  ];
}

function publicPathVectors(): SchemeVector[] {
  const unchecked = (tcId: number, name: string, url: string, description: string, auth: string | null, entrance = ENTRANCE) =>
    verify({
      tcId,
      name,
      description: `${description} The server never checks it; a verifier that checks every path may refuse it.`,
      source: SOURCES.aceMustLogin,
      flags: ["PublicPath"],
      url,
      authorization: auth,
      server: null,
      context: { entrance },
      result: "acceptable",
    });
  // Under the entrance, only an API path carrying Authorization goes on (entrance.go step 3); anything else is its page.
  const entrancePage = (tcId: number, name: string, url: string, description: string, entrance = ENTRANCE) =>
    verify({ tcId, name, description, source: SOURCES.aceEntrance, flags: ["EntranceStripping", "PublicPath"], url, authorization: "garbage", server: null, context: { entrance }, result: "invalid", failure: ENTRANCE_MISMATCH });
  const redirected = (tcId: number, name: string, url: string, description: string) =>
    verify({ tcId, name, description, source: SOURCES.aceEntrance, flags: ["EntranceStripping", "MissingHeader"], url, authorization: null, server: null, result: "invalid", failure: LOGIN_REDIRECT });
  return [
    unchecked(3421, "public-login-garbage-authorization", "/entrance/api/user/login", "POST-style login path with a garbage Authorization header.", "garbage"),
    unchecked(3423, "public-home-panel-bad-signature", "/entrance/api/home/panel", "/api/home/panel with a wrong signature.", authorization("0".repeat(64))),
    unchecked(3424, "public-passkey-login", "/entrance/api/user/passkey/login", "/api/user/passkey/login with a garbage Authorization header.", "garbage"),
    unchecked(3425, "public-is-2fa", "/entrance/api/user/is_2fa", "/api/user/is_2fa with a garbage Authorization header.", "garbage"),
    entrancePage(3242, "non-api-path", "/entrance/assets/index.js", "A path under the entrance but not under /api, with Authorization: the entrance middleware has no API path to pass on, so it answers its page (418)."),
    entrancePage(3243, "api-prefix-not-segment", "/entrance/apix/user", "/apix is not /api: with Authorization, the entrance page (418)."),
    unchecked(3428, "public-path-without-entrance", "/api/user/login", "A public path with entrance /.", "garbage", "/"),
    entrancePage(3244, "outside-api-without-entrance", "/entrance/api/user/info", "With entrance / the path /entrance/api/user/info is not an API path; with Authorization it gets the entrance page (418).", "/"),
    redirected(3245, "entrance-itself-without-authorization", "/entrance", "The entrance itself without Authorization: the server redirects it to its login (302, Location: /login)."),
    redirected(3246, "entrance-slash-without-authorization", "/entrance/", "The entrance with a trailing slash, without Authorization: redirected to the login (302, Location: /login)."),
    unchecked(3433, "public-path-without-authorization-no-entrance", "/api/user/login", "A public path without Authorization and with entrance /: public paths come before the session check.", null, "/"),
    verify({
      tcId: 3422,
      name: "public-path-without-authorization",
      description:
        "/api/user/key without Authorization under a configured entrance: without the header the server falls back to its browser session and answers its entrance page (418), public path or not.",
      source: SOURCES.aceEntrance,
      flags: ["PublicPath", "MissingHeader", "CheckOrder"],
      url: "/entrance/api/user/key",
      authorization: null,
      server: null,
      result: "invalid",
      failure: NO_AUTH_UNDER_ENTRANCE,
    }),
    verify({
      tcId: 3430,
      name: "public-path-case-variant-checked",
      description: "/api/User/login is not the public path /api/user/login: it is checked, and the garbage header fails to scan.",
      source: SOURCES.aceMustLogin,
      flags: ["PublicPath", "AuthorizationHeader"],
      url: "/entrance/api/User/login",
      server: { path: "/api/User/login" },
      authorization: "garbage",
      result: "invalid",
      failure: malformed("unexpected EOF"),
    }),
  ];
}

function websocketVectors(): SchemeVector[] {
  const ws = (tcId: number, name: string, url: string, description: string, extra: Partial<VerifyDef> = {}) =>
    verify({
      tcId,
      name,
      description,
      source: SOURCES.aceMustLogin,
      flags: ["WebSocket"],
      url,
      server: null,
      signs: { path: url.slice(ENTRANCE.length) },
      result: "invalid",
      failure: WEBSOCKET,
      ...extra,
    });
  return [
    ws(3441, "websocket-signed", "/entrance/api/ws/ssh", "A correctly signed request under /api/ws: WebSocket endpoints refuse token authentication (403)."),
    ws(3442, "websocket-prefix-only", "/entrance/api/wsx", "/api/wsx: the test is a plain prefix test."),
    ws(3443, "websocket-encoded", "/entrance/api/w%73/ssh", "/api/w%73 decodes to /api/ws.", { flags: ["WebSocket", "PathDecoding"] }),
    ws(3444, "websocket-garbage-authorization", "/entrance/api/ws/ssh", "A garbage Authorization header under /api/ws: the WebSocket rule comes before parsing.", {
      flags: ["WebSocket", "CheckOrder"],
      authorization: "garbage",
    }),
    ws(3445, "websocket-exact", "/entrance/api/ws", "Exactly /api/ws."),
    ws(3247, "websocket-zh-cn", "/entrance/api/ws/ssh", "Locale zh_CN: the server's zh_CN text.", {
      flags: ["WebSocket", "Locale"],
      context: { locale: "zh_CN" },
      failure: { ...WEBSOCKET, message: "不允许 ws" },
    }),
    verify({
      tcId: 3447,
      name: "websocket-without-authorization",
      description: "/api/ws without Authorization: the WebSocket rule applies only to token requests; this one gets the entrance page.",
      source: SOURCES.aceMustLogin,
      flags: ["WebSocket", "CheckOrder", "MissingHeader"],
      url: "/entrance/api/ws/ssh",
      authorization: null,
      server: null,
      result: "invalid",
      failure: NO_AUTH_UNDER_ENTRANCE,
    }),
    verify({
      tcId: 3448,
      name: "websocket-upper-case",
      description: "/api/WS/ssh is not /api/ws (case-sensitive prefix): it is checked like any path, and passes.",
      source: SOURCES.aceMustLogin,
      flags: ["WebSocket"],
      url: "/entrance/api/WS/ssh",
      server: { path: "/api/WS/ssh" },
      result: "valid",
    }),
  ];
}

function authorizationVectors(): SchemeVector[] {
  const header = (
    tcId: number,
    name: string,
    description: string,
    auth: (sig: string) => string,
    result: Result,
    failure?: Failure,
    flags: VectorHead["flags"] = ["AuthorizationHeader"],
    context?: Record<string, unknown>,
  ) => verify({ tcId, name, description, flags, authorization: auth, result, failure, context });
  const lenient = "Accepted by the server's scanner; a stricter parser may refuse it.";
  return [
    header(3451, "double-spaces", `Two spaces between the fields. ${lenient}`, (s) => `HMAC-SHA256  Credential=16,  Signature=${s}`, "acceptable"),
    header(3452, "tabs", `Tabs between the fields. ${lenient}`, (s) => `HMAC-SHA256\tCredential=16,\tSignature=${s}`, "acceptable"),
    header(3453, "no-break-spaces", `U+00A0 between the fields: Go's scanner treats any Unicode space as a separator. ${lenient}`, (s) => `HMAC-SHA256\u00a0Credential=16,\u00a0Signature=${s}`, "acceptable"),
    header(3454, "space-after-credential", `Credential= 16: %d skips leading spaces. ${lenient}`, (s) => `HMAC-SHA256 Credential= 16, Signature=${s}`, "acceptable"),
    header(3455, "leading-zero-id", `Credential=016 reads as 16. ${lenient}`, (s) => `HMAC-SHA256 Credential=016, Signature=${s}`, "acceptable", undefined, ["AuthorizationHeader", "KeyId"]),
    header(3456, "text-after-signature", `The signature ends at the first space; the rest is ignored. ${lenient}`, (s) => `HMAC-SHA256 Credential=16, Signature=${s} extra`, "acceptable"),
    header(3457, "trailing-comma", "A trailing , becomes part of the signature, which then differs.", (s) => `HMAC-SHA256 Credential=16, Signature=${s},`, "invalid", MISMATCH),
    header(3458, "no-space-after-comma", "16,Signature=: the format's space needs at least one space in the input.", (s) => `HMAC-SHA256 Credential=16,Signature=${s}`, "invalid", malformed("expected space in input to match format")),
    header(3459, "space-before-comma", "16 , Signature=: the , does not follow the number.", (s) => `HMAC-SHA256 Credential=16 , Signature=${s}`, "invalid", malformed("input does not match format")),
    header(3460, "lower-case-credential", "credential= is not Credential=.", (s) => `HMAC-SHA256 credential=16, Signature=${s}`, "invalid", malformed("input does not match format")),
    header(3461, "lower-case-signature-field", "signature= is not Signature=.", (s) => `HMAC-SHA256 Credential=16, signature=${s}`, "invalid", malformed("input does not match format")),
    header(3462, "fields-reordered", "Signature before Credential.", (s) => `HMAC-SHA256 Signature=${s}, Credential=16`, "invalid", malformed("input does not match format")),
    header(3463, "plus-id", "+16: %d into an unsigned integer takes no sign.", (s) => `HMAC-SHA256 Credential=+16, Signature=${s}`, "invalid", malformed("expected integer"), ["AuthorizationHeader", "KeyId"]),
    header(3464, "negative-id", "-16.", (s) => `HMAC-SHA256 Credential=-16, Signature=${s}`, "invalid", malformed("expected integer"), ["AuthorizationHeader", "KeyId"]),
    header(3465, "alphabetic-id", "abc.", (s) => `HMAC-SHA256 Credential=abc, Signature=${s}`, "invalid", malformed("expected integer"), ["AuthorizationHeader", "KeyId"]),
    header(3466, "hex-id", "0x10: %d reads 0, then x is not the expected \",\".", (s) => `HMAC-SHA256 Credential=0x10, Signature=${s}`, "invalid", malformed("input does not match format"), ["AuthorizationHeader", "KeyId"]),
    header(3467, "underscore-id", "1_6: %d reads 1, then _ is not \",\".", (s) => `HMAC-SHA256 Credential=1_6, Signature=${s}`, "invalid", malformed("input does not match format"), ["AuthorizationHeader", "KeyId"]),
    header(
      3468,
      "id-beyond-64-bits",
      "18446744073709551616 (2^64) does not fit in 64 bits.",
      (s) => `HMAC-SHA256 Credential=18446744073709551616, Signature=${s}`,
      "invalid",
      malformed('strconv.ParseUint: parsing "18446744073709551616": value out of range'),
      ["AuthorizationHeader", "KeyId"],
    ),
    header(3469, "empty-signature", "Signature= with nothing after it: %s meets the end of the input (Go returns io.EOF).", () => "HMAC-SHA256 Credential=16, Signature=", "invalid", malformed("EOF")),
    header(3470, "algorithm-only", "Only HMAC-SHA256: the literal Credential= meets the end of the input.", () => "HMAC-SHA256", "invalid", malformed("unexpected EOF")),
    header(3471, "no-signature-field", "No Signature field: the literal , meets the end of the input.", () => "HMAC-SHA256 Credential=16", "invalid", malformed("unexpected EOF")),
    header(3472, "empty-credential", "Credential= with nothing after it: %d meets the end of the input (io.EOF).", () => "HMAC-SHA256 Credential=", "invalid", malformed("EOF"), ["AuthorizationHeader", "KeyId"]),
    header(3473, "bearer-token", "A bearer token instead of the HMAC header.", () => `Bearer ${SECRET}`, "invalid", malformed("input does not match format")),
    header(3474, "no-space-after-algorithm", "HMAC-SHA256Credential=…: %s swallows the whole first word.", (s) => `HMAC-SHA256Credential=16, Signature=${s}`, "invalid", malformed("input does not match format")),
    header(3475, "single-word", "A single word: the format's Credential= meets the end of the input.", () => "garbage", "invalid", malformed("unexpected EOF")),
    header(3476, "lower-case-algorithm", "hmac-sha256: the algorithm is compared case-sensitively.", (s) => `hmac-sha256 Credential=16, Signature=${s}`, "invalid", ALGORITHM, ["Algorithm"]),
    header(3477, "other-algorithm", "HMAC-SHA1.", (s) => `HMAC-SHA1 Credential=16, Signature=${s}`, "invalid", ALGORITHM, ["Algorithm"]),
    verify({
      tcId: 3478,
      name: "other-algorithm-zh-cn",
      description: "HMAC-SHA512 with locale zh_CN.",
      flags: ["Algorithm", "Locale"],
      authorization: (s) => `HMAC-SHA512 Credential=16, Signature=${s}`,
      context: { locale: "zh_CN" },
      result: "invalid",
      failure: { ...ALGORITHM, message: ZH_INVALID_SIGNATURE },
    }),
    header(
      3248,
      "malformed-zh-cn",
      "A malformed header with locale zh_CN: the server's text (a full-width colon and a space), then Go's scan error, which is not translated.",
      (s) => `HMAC-SHA256 Credential=+16, Signature=${s}`,
      "invalid",
      { ...malformed("expected integer"), message: "无效的请求头： expected integer" },
      ["AuthorizationHeader", "Locale"],
      { locale: "zh_CN" },
    ),
    header(3480, "credential-uint64-max-unknown", "Credential=18446744073709551615 scans, but no token has that id.", (s) => `HMAC-SHA256 Credential=18446744073709551615, Signature=${s}`, "invalid", UNKNOWN_KEY, ["KeyId"]),
  ];
}

function keyVectors(): SchemeVector[] {
  return [
    verify({
      tcId: 3481,
      name: "unknown-key-id",
      description: "Credential=17 where the token is 16 (a key id changed after signing).",
      flags: ["KeyId", "Tampering"],
      authorization: (s) => authorization(s, 17),
      result: "invalid",
      failure: UNKNOWN_KEY,
    }),
    verify({
      tcId: 3482,
      name: "key-id-truncated-to-32-bits",
      description: "Credential=4294967312 where the token is 16: equal only after truncation to 32 bits.",
      flags: ["KeyId"],
      authorization: (s) => authorization(s, 4294967312),
      result: "invalid",
      failure: UNKNOWN_KEY,
    }),
    verify({
      tcId: 3483,
      name: "key-id-32-bit-token-short-credential",
      description: "The token is 4294967312 and the header says 16.",
      flags: ["KeyId"],
      keyId: 4294967312,
      authorization: (s) => authorization(s, 16),
      result: "invalid",
      failure: UNKNOWN_KEY,
    }),
    verify({
      tcId: 3485,
      name: "key-id-rounded-like-a-double",
      description: "The token is 9007199254740993 and the header says 9007199254740992, which is what a JavaScript number holds for either.",
      flags: ["KeyId"],
      keyId: "9007199254740993",
      authorization: (s) => authorization(s, "9007199254740992"),
      result: "invalid",
      failure: UNKNOWN_KEY,
    }),
    verify({
      tcId: 3489,
      name: "unknown-key-zh-cn",
      description: "An unknown key id with locale zh_CN.",
      flags: ["KeyId", "Locale"],
      authorization: (s) => authorization(s, 17),
      context: { locale: "zh_CN" },
      result: "invalid",
      failure: { ...UNKNOWN_KEY, message: ZH_INVALID_SIGNATURE },
    }),
    verify({
      tcId: 3491,
      name: "token-expired",
      description: "The token expired one second ago.",
      flags: ["TokenExpiry"],
      context: { tokenExpiresAt: NOW - 1 },
      result: "invalid",
      failure: TOKEN_EXPIRED,
    }),
    verify({ tcId: 3492, name: "token-expires-now", description: "The token expires at this very second: not yet in the past.", flags: ["TokenExpiry"], context: { tokenExpiresAt: NOW }, result: "valid" }),
    verify({ tcId: 3493, name: "token-without-expiry", description: "No expiry given (never expires).", flags: ["TokenExpiry"], context: { tokenExpiresAt: undefined }, result: "valid" }),
    verify({
      tcId: 3494,
      name: "token-expired-zh-cn",
      description: "An expired token with locale zh_CN.",
      flags: ["TokenExpiry", "Locale"],
      context: { tokenExpiresAt: NOW - 1, locale: "zh_CN" },
      result: "invalid",
      failure: { ...TOKEN_EXPIRED, message: ZH_TOKEN_EXPIRED },
    }),
  ];
}

function tamperingVectors(): SchemeVector[] {
  const wrong = (sig: string) => sig.slice(0, -1) + (sig.endsWith("0") ? "1" : "0");
  return [
    verify({ tcId: 3501, name: "tampered-method", description: "Signed as GET, sent as POST.", flags: ["Tampering"], method: "POST", signs: { method: "GET" }, result: "invalid", failure: MISMATCH }),
    verify({
      tcId: 3502,
      name: "tampered-path",
      description: "Signed for /api/user/info, sent to /api/user/list.",
      flags: ["Tampering"],
      url: "/entrance/api/user/list",
      server: { path: "/api/user/list" },
      signs: { path: "/api/user/info" },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 3503,
      name: "tampered-query-value",
      description: "Signed with page=1, sent with page=2.",
      flags: ["Tampering"],
      url: "/entrance/api/website?page=2",
      server: { path: "/api/website", query: "page=2" },
      signs: { query: "page=1" },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 3504,
      name: "tampered-query-added",
      description: "A parameter added after signing.",
      flags: ["Tampering"],
      url: "/entrance/api/website?page=1&limit=1000",
      server: { path: "/api/website", query: "limit=1000&page=1" },
      signs: { query: "page=1" },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 3505,
      name: "query-reordered",
      description: "The query's pairs reordered after signing: the canonical query is the same, so it verifies.",
      flags: ["QueryCanonicalization"],
      url: "/entrance/api/website?page=1&limit=20",
      server: { path: "/api/website", query: "limit=20&page=1" },
      result: "valid",
    }),
    verify({
      tcId: 3506,
      name: "tampered-body",
      description: "One character of the body changed after signing.",
      flags: ["Tampering"],
      method: "POST",
      url: "/entrance/api/website",
      body: { body: '{"name":"example.org"}' },
      server: { path: "/api/website" },
      signs: { body: { body: '{"name":"example.com"}' } },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 3507,
      name: "tampered-timestamp",
      description: "Signed with 1700000000, sent with X-Timestamp 1700000001.",
      flags: ["Tampering"],
      timestamp: "1700000001",
      server: { path: "/api/user/info", timestamp: "1700000001" },
      signs: { timestamp: TS },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 3508,
      name: "tampered-signature",
      description: "The last hex digit of the signature changed.",
      flags: ["Tampering"],
      authorization: (s) => authorization(wrong(s)),
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 3509,
      name: "uppercase-signature",
      description: "The right signature in upper-case hex: the server compares the hex text, so it fails.",
      flags: ["SignatureEncoding"],
      authorization: (s) => authorization(s.toUpperCase()),
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 3510,
      name: "truncated-signature",
      description: "The first 32 hex digits of the signature only.",
      flags: ["Tampering"],
      authorization: (s) => authorization(s.slice(0, 32)),
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({ tcId: 3511, name: "wrong-secret", description: "Signed with another token's secret.", flags: ["Tampering"], signs: { secret: "AnotherSecretToken" }, result: "invalid", failure: MISMATCH }),
    verify({
      tcId: 3512,
      name: "mismatch-zh-cn",
      description: "A wrong signature with locale zh_CN.",
      flags: ["Tampering", "Locale"],
      signs: { secret: "AnotherSecretToken" },
      context: { locale: "zh_CN" },
      result: "invalid",
      failure: { ...MISMATCH, message: ZH_INVALID_SIGNATURE },
    }),
    verify({
      tcId: 3513,
      name: "bad-escape-pair-changed",
      description: "Signed with a=%zz&b=1, sent with a=%zy&b=1: the pair with a bad escape is dropped before signing, so changing it keeps the signature valid.",
      flags: ["QueryCanonicalization", "UnsignedComponent"],
      url: "/entrance/api/files/list?a=%zy&b=1",
      server: { path: "/api/files/list", query: "b=1" },
      result: "valid",
    }),
    verify({
      tcId: 3514,
      name: "semicolon-pair-changed",
      description: "A pair containing ; is dropped, so it can be changed freely.",
      flags: ["QueryCanonicalization", "UnsignedComponent"],
      url: "/entrance/api/files/list?x=1;evil&b=1",
      server: { path: "/api/files/list", query: "b=1" },
      result: "valid",
    }),
    verify({
      tcId: 3515,
      name: "lower-case-method-signed-upper-case",
      description: "Sent as \"get\", signed as \"GET\": the server signs the method as it arrived.",
      flags: ["Method"],
      method: "get",
      signs: { method: "GET" },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 3516,
      name: "body-added",
      description: "Signed without a body, sent with one.",
      flags: ["Tampering"],
      method: "POST",
      url: "/entrance/api/website",
      body: { body: '{"name":"example.com"}' },
      server: { path: "/api/website" },
      signs: { body: {} },
      result: "invalid",
      failure: MISMATCH,
    }),
  ];
}

function timestampCheckVectors(): SchemeVector[] {
  const at = (delta: number) => String(NOW + delta);
  /** X-Timestamp `text`, read by the server as `value`; the client signed `signed` (default: value). */
  const ts = (tcId: number, name: string, description: string, text: string | null, value: string, result: Result, failure?: Failure, signed?: string, flags: VectorHead["flags"] = ["TimestampParse"]) =>
    verify({
      tcId,
      name,
      description,
      flags,
      timestamp: text,
      server: { path: "/api/user/info", timestamp: value },
      signs: { timestamp: signed ?? value },
      result,
      failure,
    });
  const lenient = "The server accepts it; a stricter verifier may refuse a non-canonical X-Timestamp.";
  return [
    ts(3521, "window-edge", "Exactly 300 seconds old: still inside.", at(-300), at(-300), "valid", undefined, undefined, ["Window"]),
    ts(3522, "window-edge-plus-one", "301 seconds old.", at(-301), at(-301), "invalid", TIMESTAMP_EXPIRED, undefined, ["Window"]),
    ts(3523, "future-one-second", "One second ahead.", at(1), at(1), "valid", undefined, undefined, ["Window"]),
    ts(3524, "far-future", `Ten years ahead: the server never rejects a future timestamp. A verifier with a future limit may refuse it.`, at(315360000), at(315360000), "acceptable", undefined, undefined, ["Window"]),
    ts(3525, "milliseconds", `X-Timestamp 1700000000000 (milliseconds): a time far in the future, so it passes. ${lenient}`, "1700000000000", "1700000000000", "acceptable", undefined, undefined, ["TimestampParse", "Window"]),
    ts(3526, "decimal-fraction", `1700000000.9, signed over 1700000000. ${lenient}`, "1700000000.9", "1700000000", "acceptable"),
    ts(3527, "decimal-fraction-text-signed", "1700000000.9 signed over the header text: the server signs the re-printed number.", "1700000000.9", "1700000000", "invalid", MISMATCH, "1700000000.9", ["TimestampParse", "DocDivergence"]),
    ts(3528, "plus-sign", `+1700000000, signed over 1700000000. ${lenient}`, "+1700000000", "1700000000", "acceptable"),
    ts(3529, "plus-sign-text-signed", "+1700000000 signed over the header text.", "+1700000000", "1700000000", "invalid", MISMATCH, "+1700000000", ["TimestampParse", "DocDivergence"]),
    ts(3530, "hexadecimal", `0x6553f100, signed over 1700000000. ${lenient}`, "0x6553f100", "1700000000", "acceptable"),
    ts(3531, "underscores", `1_700_000_000, signed over 1700000000. ${lenient}`, "1_700_000_000", "1700000000", "acceptable"),
    ts(3532, "trailing-dot", `1700000000., signed over 1700000000. ${lenient}`, "1700000000.", "1700000000", "acceptable"),
    ts(3533, "leading-zero-is-octal", "01700000000 is octal 251658240: signed over that number, it is long expired.", "01700000000", "251658240", "invalid", TIMESTAMP_EXPIRED),
    ts(3534, "leading-zero-signed-as-decimal", "01700000000 signed over 1700000000 (read as decimal by the client): the server reads octal.", "01700000000", "251658240", "invalid", MISMATCH, "1700000000", ["TimestampParse", "DocDivergence"]),
    ts(3535, "unparsable", "X-Timestamp abc reads as 0; the client signed 0, so the signature passes and the timestamp fails.", "abc", "0", "invalid", TIMESTAMP_INVALID),
    ts(3536, "unparsable-text-signed", "X-Timestamp abc signed over abc: the signature check (over 0) comes first and fails.", "abc", "0", "invalid", MISMATCH, "abc", ["TimestampParse", "CheckOrder"]),
    ts(3537, "exponent", "1e9 reads as 0.", "1e9", "0", "invalid", TIMESTAMP_INVALID),
    ts(3538, "decimal-exponent", "1.7e9: the decimal part is not all digits, so nothing is cut and it reads as 0.", "1.7e9", "0", "invalid", TIMESTAMP_INVALID),
    ts(3539, "missing-timestamp", "No X-Timestamp header: it reads as 0.", null, "0", "invalid", TIMESTAMP_INVALID, undefined, ["TimestampParse", "MissingHeader"]),
    ts(3540, "missing-timestamp-signed-now", "No X-Timestamp header, the client signed 1700000000: the signature over 0 differs.", null, "0", "invalid", MISMATCH, TS, ["TimestampParse", "MissingHeader"]),
    ts(3541, "empty-timestamp", "An empty X-Timestamp reads as 0.", "", "0", "invalid", TIMESTAMP_INVALID, undefined, ["TimestampParse", "MissingHeader"]),
    ts(3542, "int64-overflow", "9223372036854775808 does not fit in int64: 0.", "9223372036854775808", "0", "invalid", TIMESTAMP_INVALID),
    ts(3543, "negative", "-1 parses, and is long expired.", "-1", "-1", "invalid", TIMESTAMP_EXPIRED),
    ts(
      3544,
      "hexadecimal-with-fraction",
      "0x6553f100.5: the server's spf13/cast v1.10.0 cuts a decimal part only when the whole text is [+-]digits.digits, so this reads as 0.",
      "0x6553f100.5",
      "0",
      "invalid",
      TIMESTAMP_INVALID,
    ),
    ts(3545, "hexadecimal-with-fraction-signed-as-number", "0x6553f100.5 signed over 1700000000: the server reads 0 and the signature differs.", "0x6553f100.5", "0", "invalid", MISMATCH, TS),
    ts(3546, "underscores-with-fraction", "1_700_000_000.9 is not [+-]digits.digits either: it reads as 0.", "1_700_000_000.9", "0", "invalid", TIMESTAMP_INVALID),
    ts(3547, "fraction-only", ".5 reads as 0.", ".5", "0", "invalid", TIMESTAMP_INVALID),
    verify({
      tcId: 3548,
      name: "expired-zh-cn",
      description: "An expired timestamp with locale zh_CN.",
      flags: ["Window", "Locale"],
      timestamp: at(-301),
      server: { path: "/api/user/info", timestamp: at(-301) },
      context: { locale: "zh_CN" },
      result: "invalid",
      failure: { ...TIMESTAMP_EXPIRED, message: ZH_SIGNATURE_EXPIRED },
    }),
    verify({
      tcId: 3549,
      name: "unparsable-zh-cn",
      description: "An unparsable timestamp with locale zh_CN.",
      flags: ["TimestampParse", "Locale"],
      timestamp: "abc",
      server: { path: "/api/user/info", timestamp: "0" },
      context: { locale: "zh_CN" },
      result: "invalid",
      failure: { ...TIMESTAMP_INVALID, message: ZH_SIGNATURE_EXPIRED },
    }),
    verify({
      tcId: 3550,
      name: "repeated-timestamp-first-counts",
      description: "Two X-Timestamp headers: the first (the signed one) counts.",
      flags: ["HeaderLookup"],
      headers: (auth) => [["X-Timestamp", TS], ["X-Timestamp", "1"], ["Authorization", auth]],
      result: "valid",
    }),
  ];
}

function checkOrderVectors(): SchemeVector[] {
  const stale = String(NOW - 301);
  const badIp = { ipWhitelist: ["198.51.100.0/24"] };
  return [
    verify({
      tcId: 3561,
      name: "bad-signature-and-stale-timestamp",
      description: "A wrong signature and a stale timestamp: invalid signature (the signature is checked first).",
      flags: ["CheckOrder"],
      timestamp: stale,
      server: { path: "/api/user/info", timestamp: stale },
      signs: { secret: "AnotherSecretToken" },
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 3562,
      name: "expired-token-and-bad-signature",
      description: "An expired token and a wrong signature: token expired (visible before the signature is checked).",
      flags: ["CheckOrder", "TokenExpiry"],
      signs: { secret: "AnotherSecretToken" },
      context: { tokenExpiresAt: NOW - 1 },
      result: "invalid",
      failure: TOKEN_EXPIRED,
    }),
    verify({
      tcId: 3563,
      name: "bad-ip-and-bad-signature",
      description: "A client outside the whitelist and a wrong signature: invalid signature.",
      flags: ["CheckOrder", "IpWhitelist"],
      signs: { secret: "AnotherSecretToken" },
      context: badIp,
      result: "invalid",
      failure: MISMATCH,
    }),
    verify({
      tcId: 3564,
      name: "bad-ip-and-stale-timestamp",
      description: "A client outside the whitelist with a correctly signed stale request: signature expired (the IP is checked last).",
      flags: ["CheckOrder", "IpWhitelist"],
      timestamp: stale,
      server: { path: "/api/user/info", timestamp: stale },
      context: badIp,
      result: "invalid",
      failure: TIMESTAMP_EXPIRED,
    }),
    verify({
      tcId: 3565,
      name: "unknown-key-and-expired-token",
      description: "An unknown key id (and the token is expired): invalid signature, the id is looked up first.",
      flags: ["CheckOrder", "KeyId"],
      authorization: (s) => authorization(s, 17),
      context: { tokenExpiresAt: NOW - 1 },
      result: "invalid",
      failure: UNKNOWN_KEY,
    }),
    verify({
      tcId: 3566,
      name: "bad-algorithm-and-unknown-key",
      description: "A wrong algorithm and an unknown key id: the algorithm is checked first.",
      flags: ["CheckOrder", "Algorithm"],
      authorization: (s) => `HMAC-SHA1 Credential=17, Signature=${s}`,
      result: "invalid",
      failure: ALGORITHM,
    }),
    verify({
      tcId: 3567,
      name: "malformed-and-expired-token",
      description: "A malformed header and an expired token: the header is parsed first.",
      flags: ["CheckOrder", "AuthorizationHeader"],
      authorization: (s) => `HMAC-SHA256 Credential=16,Signature=${s}`,
      context: { tokenExpiresAt: NOW - 1 },
      result: "invalid",
      failure: malformed("expected space in input to match format"),
    }),
    verify({
      tcId: 3568,
      name: "expired-token-stale-timestamp",
      description: "An expired token with a correctly signed stale request: token expired.",
      flags: ["CheckOrder", "TokenExpiry"],
      timestamp: stale,
      server: { path: "/api/user/info", timestamp: stale },
      context: { tokenExpiresAt: NOW - 1 },
      result: "invalid",
      failure: TOKEN_EXPIRED,
    }),
    verify({
      tcId: 3569,
      name: "unparsable-timestamp-and-bad-ip",
      description: "X-Timestamp abc (signed over 0) from a client outside the whitelist: signature expired.",
      flags: ["CheckOrder", "TimestampParse"],
      timestamp: "abc",
      server: { path: "/api/user/info", timestamp: "0" },
      context: badIp,
      result: "invalid",
      failure: TIMESTAMP_INVALID,
    }),
    verify({
      tcId: 3570,
      name: "malformed-and-bad-ip",
      description: "A malformed header from a client outside the whitelist: invalid header.",
      flags: ["CheckOrder", "AuthorizationHeader"],
      authorization: (s) => `HMAC-SHA256 Credential=abc, Signature=${s}`,
      context: badIp,
      result: "invalid",
      failure: malformed("expected integer"),
    }),
  ];
}

function ipVectors(): SchemeVector[] {
  const ip = (tcId: number, name: string, description: string, context: Record<string, unknown>, result: Result, failure?: Failure, extra: Partial<VerifyDef> = {}) =>
    verify({ tcId, name, description, flags: ["IpWhitelist"], context, result, failure, ...extra });
  const header = (tcId: number, name: string, description: string, headerValue: [string, string] | null, context: Record<string, unknown>, result: Result, failure?: Failure) =>
    verify({
      tcId,
      name,
      description,
      flags: ["IpHeader", "IpWhitelist"],
      extraHeaders: headerValue ? [headerValue] : [],
      context: { ipHeader: "X-Forwarded-For", ...context },
      result,
      failure,
    });
  const v6 = "[2001:db8::1]:443";
  return [
    ip(3581, "exact-ip", "The client's address is an exact entry.", { ipWhitelist: ["203.0.113.10"] }, "valid"),
    ip(3582, "cidr", "The client is inside 203.0.113.0/24.", { ipWhitelist: ["203.0.113.0/24"] }, "valid"),
    ip(3583, "not-listed", "The client is in no entry.", { ipWhitelist: ["198.51.100.0/24"] }, "invalid", ipRefused("203.0.113.10")),
    ip(3584, "second-entry", "The second of two entries matches.", { ipWhitelist: ["198.51.100.7", "203.0.113.0/24"] }, "valid"),
    ip(3585, "cidr-boundary", "203.0.113.0/29 covers .0–.7, not .10.", { ipWhitelist: ["203.0.113.0/29"] }, "invalid", ipRefused("203.0.113.10")),
    ip(3586, "empty-list", "An empty whitelist restricts nothing.", { ipWhitelist: [] }, "valid"),
    ip(3587, "ipv6-exact", "An IPv6 client with its exact address listed.", { clientIp: v6, ipWhitelist: ["2001:db8::1"] }, "valid"),
    ip(3588, "ipv6-upper-case-entry", "Exact entries are compared as text: 2001:DB8::1 is not 2001:db8::1.", { clientIp: v6, ipWhitelist: ["2001:DB8::1"] }, "invalid", ipRefused("2001:db8::1")),
    ip(3589, "ipv6-cidr", "An IPv6 client inside 2001:db8::/32.", { clientIp: v6, ipWhitelist: ["2001:db8::/32"] }, "valid"),
    ip(3590, "ipv4-mapped-block", "An IPv4 client matches the IPv4-mapped block ::ffff:203.0.113.0/120.", { ipWhitelist: ["::ffff:203.0.113.0/120"] }, "valid"),
    ip(3591, "ipv6-any-excludes-ipv4", "::/0 does not match an IPv4 client.", { ipWhitelist: ["::/0"] }, "invalid", ipRefused("203.0.113.10")),
    ip(3592, "ipv4-any", "0.0.0.0/0 matches any IPv4 client.", { ipWhitelist: ["0.0.0.0/0"] }, "valid"),
    ip(3593, "mapped-client-ipv4-block", "A client seen as [::ffff:203.0.113.10]:443 is inside 203.0.113.0/24.", { clientIp: "[::ffff:203.0.113.10]:443", ipWhitelist: ["203.0.113.0/24"] }, "valid"),
    ip(3594, "mapped-client-exact-ipv4", "A client seen as ::ffff:203.0.113.10 does not equal the text 203.0.113.10.", { clientIp: "[::ffff:203.0.113.10]:443", ipWhitelist: ["203.0.113.10"] }, "invalid", ipRefused("::ffff:203.0.113.10")),
    ip(3595, "zoned-client", "A zoned client address (fe80::1%eth0) never parses, so no block contains it.", { clientIp: "[fe80::1%eth0]:443", ipWhitelist: ["fe80::/10"] }, "invalid", ipRefused("fe80::1%eth0")),
    ip(3596, "client-without-port", "The peer given as a bare address.", { clientIp: "203.0.113.10", ipWhitelist: ["203.0.113.10"] }, "valid"),
    ip(3249, "refused-zh-cn", "Refused with locale zh_CN: the server's zh_CN text.", { ipWhitelist: ["198.51.100.0/24"], locale: "zh_CN" }, "invalid", { ...ipRefused("203.0.113.10"), message: "无效的请求 IP：203.0.113.10" }, {
      flags: ["IpWhitelist", "Locale"],
    }),
    header(3601, "header-used", "The panel trusts X-Forwarded-For: its first element 198.51.100.7:1234 is the client.", ["X-Forwarded-For", "198.51.100.7:1234, 10.0.0.1"], { ipWhitelist: ["198.51.100.0/24"] }, "valid"),
    header(
      3602,
      "header-bare-ip",
      "The header's first element is a bare address: the server falls back to the peer address with its port, which matches nothing (a server bug).",
      ["X-Forwarded-For", "198.51.100.7"],
      { ipWhitelist: ["198.51.100.0/24", "203.0.113.0/24"] },
      "invalid",
      ipRefused("203.0.113.10:54321"),
    ),
    header(3603, "header-missing", "The configured header is absent: the server uses the peer address, as without an IP header.", null, { ipWhitelist: ["203.0.113.0/24"] }, "valid"),
    header(3604, "header-not-trusted", "X-Forwarded-For is sent but the panel trusts no header: the peer address counts.", ["X-Forwarded-For", "198.51.100.7:1234"], { ipHeader: "", ipWhitelist: ["198.51.100.0/24"] }, "invalid", ipRefused("203.0.113.10")),
    header(3605, "header-element-trimmed", "The first element is trimmed of spaces.", ["X-Forwarded-For", "198.51.100.7:1234 , 10.0.0.1"], { ipWhitelist: ["198.51.100.7"] }, "valid"),
    header(3606, "header-ipv6", "An IPv6 address in the header, as [ip]:port.", ["X-Forwarded-For", "[2001:db8::7]:443"], { ipWhitelist: ["2001:db8::/32"] }, "valid"),
    header(3607, "header-name-case", "The header sent as x-forwarded-for matches the configured X-Forwarded-For.", ["x-forwarded-for", "198.51.100.7:1234"], { ipWhitelist: ["198.51.100.0/24"] }, "valid"),
    header(3608, "custom-header", "A panel configured with X-Real-IP.", ["X-Real-IP", "198.51.100.7:80"], { ipHeader: "X-Real-IP", ipWhitelist: ["198.51.100.7"] }, "valid"),
    header(3609, "header-bare-ip-no-whitelist", "A bare address in the header does not matter when the whitelist is empty.", ["X-Forwarded-For", "198.51.100.7"], { ipWhitelist: [] }, "valid"),
    header(3610, "header-spoof-refused", "The peer is listed but the trusted header names another client: the header wins.", ["X-Forwarded-For", "192.0.2.1:4444"], { ipWhitelist: ["203.0.113.10"] }, "invalid", ipRefused("192.0.2.1")),
  ];
}

/**
 * The receiver's body limit: the PHP website body is 75 bytes. Checked after the token's expiry
 * (step 5), before the signature, so before the timestamp and the IP whitelist too.
 */
function bodyLimitVectors(): SchemeVector[] {
  const BODY_BYTES = 75;
  if (Buffer.byteLength(PHP_BODY) !== BODY_BYTES) throw new Error("PHP_BODY is not 75 bytes");
  const stale = String(NOW - 301);
  const post = { source: SOURCES.bodyLimit, method: "POST", url: "/entrance/api/website", body: { body: PHP_BODY } };
  const server = { path: "/api/website" };
  return [
    verify({
      tcId: 3641,
      name: "body-at-limit",
      description: "A 75-byte body with a limit of 75 bytes: exactly the limit passes.",
      flags: ["BodyLimit"],
      ...post,
      server,
      context: { maxBodyBytes: BODY_BYTES },
      result: "valid",
    }),
    verify({
      tcId: 3642,
      name: "body-one-byte-over-limit",
      description: "A 75-byte body with a limit of 74 bytes: 413 (the verifier stops reading at the limit).",
      flags: ["BodyLimit"],
      ...post,
      server,
      context: { maxBodyBytes: BODY_BYTES - 1 },
      result: "invalid",
      failure: TOO_LARGE,
    }),
    verify({
      tcId: 3643,
      name: "no-body-limit-zero",
      description: "A GET without a body under the limit 0: an empty body is within any limit.",
      flags: ["BodyLimit", "EmptyBody"],
      source: SOURCES.bodyLimit,
      context: { maxBodyBytes: 0 },
      result: "valid",
    }),
    verify({
      tcId: 3644,
      name: "body-limit-zero",
      description: "A 75-byte body under the limit 0: a receiver that takes no body refuses any.",
      flags: ["BodyLimit"],
      ...post,
      server,
      context: { maxBodyBytes: 0 },
      result: "invalid",
      failure: TOO_LARGE,
    }),
    verify({
      tcId: 3645,
      name: "oversized-and-expired-token",
      description: "A body over the limit and an expired token: the expiry is checked before the body is read, so token expired (401).",
      flags: ["BodyLimit", "CheckOrder", "TokenExpiry"],
      ...post,
      server,
      context: { maxBodyBytes: BODY_BYTES - 1, tokenExpiresAt: NOW - 1 },
      result: "invalid",
      failure: TOKEN_EXPIRED,
    }),
    verify({
      tcId: 3646,
      name: "oversized-and-bad-signature",
      description: "A body over the limit, signed with another secret: the body is limited before the signature is checked, so 413.",
      flags: ["BodyLimit", "CheckOrder"],
      ...post,
      server,
      signs: { secret: "AnotherSecretToken" },
      context: { maxBodyBytes: BODY_BYTES - 1 },
      result: "invalid",
      failure: TOO_LARGE,
    }),
    verify({
      tcId: 3647,
      name: "oversized-and-stale",
      description:
        "A body over the limit, correctly signed 301 seconds ago: the timestamp is checked after the signature, so 413 (the Opterius schemes check the window first and answer 401).",
      flags: ["BodyLimit", "CheckOrder", "Window"],
      ...post,
      timestamp: stale,
      server: { ...server, timestamp: stale },
      context: { maxBodyBytes: BODY_BYTES - 1 },
      result: "invalid",
      failure: TOO_LARGE,
    }),
    verify({
      tcId: 3648,
      name: "oversized-and-bad-ip",
      description: "A body over the limit from a client outside the whitelist: the IP is checked last, so 413.",
      flags: ["BodyLimit", "CheckOrder", "IpWhitelist"],
      ...post,
      server,
      context: { maxBodyBytes: BODY_BYTES - 1, ipWhitelist: ["198.51.100.0/24"] },
      result: "invalid",
      failure: TOO_LARGE,
    }),
    verify({
      tcId: 3649,
      name: "oversized-public-path",
      description:
        "A body over the limit sent to the public path /api/user/login: the server never checks that path, so the reference verifier never reads the body and accepts it; a receiver that limits every body may refuse it.",
      flags: ["BodyLimit", "PublicPath"],
      ...post,
      url: "/entrance/api/user/login",
      authorization: "garbage",
      server: null,
      context: { maxBodyBytes: BODY_BYTES - 1 },
      result: "acceptable",
    }),
  ];
}

function docClientVectors(): SchemeVector[] {
  /** A client signs `signed` where the server signs `query`; which doc clients do so, their computed DocClient* flags say. */
  const doc = (tcId: number, name: string, raw: string, query: string, signed: string, description: string, flags: VectorHead["flags"] = ["QueryCanonicalization"]) =>
    verify({
      tcId,
      name: `doc-client-${name}`,
      description: `GET /entrance/api/files/list?${raw}: ${description}`,
      source: SOURCES.aceDoc,
      flags,
      url: `/entrance/api/files/list?${raw}`,
      server: { path: "/api/files/list", query },
      signs: { query: signed },
      result: "invalid",
      failure: MISMATCH,
    });
  return [
    doc(3621, "unsorted-query", "b=2&a=1", "a=1&b=2", "b=2&a=1", "the PHP and Python clients sign the raw, unsorted query."),
    doc(3622, "percent-20", "c=x%20y", "c=x+y", "c=x%20y", "the raw query keeps %20 where the server writes +."),
    doc(3623, "key-without-equals", "flag", "flag=", "flag", "the raw query keeps flag where the server writes flag=."),
    doc(3624, "lower-case-hex", "a=%e4%b8%ad", "a=%E4%B8%AD", "a=%e4%b8%ad", "the raw query keeps lower-case hex."),
    doc(3625, "escaped-tilde", "k=%7E", "k=~", "k=%7E", "the raw query keeps %7E where the server writes ~."),
    doc(3626, "unescaped-sub-delims", "t=*!'()", "t=%2A%21%27%28%29", "t=*!'()", "the PHP, Python and Java clients sign the raw query, which leaves *!'() unescaped."),
    doc(3627, "semicolon", "a=1;b=2&c=3", "c=3", "a=1;b=2&c=3", "the raw query keeps the pair the server drops."),
    doc(3628, "non-ascii-key", "%C3%A9=1&z=2", "z=2&%C3%A9=1", "%C3%A9=1&z=2", "the raw query is not sorted by decoded bytes."),
    doc(3629, "java-decoded-query", "c=x%20y", "c=x+y", "c=x y", "the Java client signs URI.getQuery(), which is decoded."),
    doc(3630, "values-sorted", "a=2&a=1", "a=2&a=1", "a=1&a=2", "a client that follows the documentation's \"sort by key and value\" sorts the repeated values.", ["DocDivergence", "QueryCanonicalization"]),
    verify({
      tcId: 3631,
      name: "doc-go-client-matches",
      description: "The documentation's Go client (URL.Path after the first /api, Query().Encode()) signs what the server signs.",
      source: SOURCES.aceDoc,
      flags: ["QueryCanonicalization", "Basic"],
      url: "/entrance/api/files/list?b=2&a=1&c=x%20y",
      server: { path: "/api/files/list", query: "a=1&b=2&c=x+y" },
      result: "valid",
    }),
  ];
}

function headerVectors(): SchemeVector[] {
  return [
    verify({
      tcId: 3632,
      name: "repeated-authorization-first-valid",
      description: "Two Authorization headers, the first correct: the first counts.",
      flags: ["HeaderLookup"],
      headers: (auth) => [["X-Timestamp", TS], ["Authorization", auth], ["Authorization", "garbage"]],
      result: "valid",
    }),
    verify({
      tcId: 3633,
      name: "repeated-authorization-first-garbage",
      description: "Two Authorization headers, the first garbage: the first counts.",
      flags: ["HeaderLookup", "AuthorizationHeader"],
      headers: (auth) => [["X-Timestamp", TS], ["Authorization", "garbage"], ["Authorization", auth]],
      result: "invalid",
      failure: malformed("unexpected EOF"),
    }),
    verify({
      tcId: 3634,
      name: "lower-case-header-names",
      description: "x-timestamp and authorization in lower case.",
      flags: ["HeaderLookup"],
      headers: (auth) => [["x-timestamp", TS], ["authorization", auth]],
      result: "valid",
    }),
    verify({
      tcId: 3635,
      name: "header-value-surrounding-space",
      description: "X-Timestamp \" 1700000000\\t\": spaces and tabs around a header value are not part of it (HTTP parsers trim them), so it reads as 1700000000.",
      flags: ["HeaderLookup", "TimestampParse"],
      headers: (auth) => [["X-Timestamp", ` ${TS}\t`], ["Authorization", auth]],
      result: "valid",
    }),
  ];
}

/** The entrance middleware whole (reference: internal/middleware/entrance.go), each row of its table. */
function entranceMiddlewareVectors(): SchemeVector[] {
  const source = SOURCES.aceEntrance;
  const passes = (tcId: number, name: string, url: string, reason: VerifyExpected["uncheckedReason"], description: string, auth: string | null, context: Record<string, unknown> = {}) =>
    verify({
      tcId,
      name,
      description: `${description} The server passes it without a token check; a verifier that checks every path may refuse it.`,
      source,
      flags: ["PublicPath"],
      url,
      authorization: auth,
      server: null,
      context,
      result: "acceptable",
      unchecked: reason,
    });
  const refused = (tcId: number, name: string, url: string, description: string, failure: Failure, more: Partial<VerifyDef> = {}) =>
    verify({ tcId, name, description, source, flags: ["EntranceStripping"], url, authorization: "garbage", server: null, result: "invalid", failure, ...more });
  return [
    passes(3201, "webhook-without-authorization", "/webhook/abc", "webhook_or_download", "GET /webhook/abc (never under the entrance), no Authorization: entrance.go step 4.", null),
    passes(3202, "download-garbage-authorization", "/download/x", "webhook_or_download", "GET /download/x with a garbage Authorization: step 4 comes before any header is read.", "garbage"),
    passes(3203, "robots-txt", "/robots.txt", "robots_txt", "GET /robots.txt without Authorization: step 5 lets exactly /robots.txt through.", null),
    passes(3215, "robots-txt-garbage-authorization", "/robots.txt", "robots_txt", "GET /robots.txt with a garbage Authorization.", "garbage"),
    passes(3217, "root-entrance-non-api-without-authorization", "/index.html", "non_api_path", "Entrance /, GET /index.html without Authorization: the session counts as having come through the entrance (step 2), and must_login passes a non-API path.", null, { entrance: "/" }),
    refused(3204, "webhook-under-entrance", "/entrance/webhook/abc", "/entrance/webhook/abc with Authorization is not step 4's /webhook/: the entrance page (418).", ENTRANCE_MISMATCH),
    refused(3205, "double-entrance", "/entrance/entrance/api/user/info", "The entrance twice: what remains after one entrance is not an API path, so the entrance page (418).", ENTRANCE_MISMATCH, {
      authorization: undefined,
      signs: { path: "/api/user/info" },
    }),
    refused(3206, "entrance-double-slash-api", "/entrance//api/user/info", "/entrance//api/…: the remainder //api/user/info is not an API path (418).", ENTRANCE_MISMATCH, {
      authorization: undefined,
      signs: { path: "/api/user/info" },
    }),
    refused(3207, "entrance-apix", "/entrance/apix", "/entrance/apix with Authorization: /apix is not /api (418).", ENTRANCE_MISMATCH),
    refused(3208, "entrance-itself-with-authorization", "/entrance", "The entrance itself with Authorization: no API remainder, and the session was never marked (418).", ENTRANCE_MISMATCH),
    refused(3209, "entrance-api-prefix-not-sent", "/api/user/info", "Entrance /api and GET /api/user/info, correctly signed over /api/user/info: the entrance /api is stripped first, leaving /user/info (418).", ENTRANCE_MISMATCH, {
      authorization: undefined,
      signs: { path: "/api/user/info" },
      context: { entrance: "/api" },
    }),
    refused(3210, "root-entrance-apix-with-authorization", "/apix/user", "Entrance / and GET /apix/user with Authorization: not an API path, so the entrance page (418).", ENTRANCE_MISMATCH, { context: { entrance: "/" } }),
    refused(3211, "entrance-error-nginx", "/api/user/info", "The panel configured with entrance error nginx answers its refusals with a 404 page.", { error: "entrance_mismatch", status: 404 }, {
      context: { entranceError: "nginx" },
    }),
    refused(3212, "entrance-error-close", "/api/user/info", "The panel configured with entrance error close answers nothing and closes the connection.", { error: "entrance_mismatch", connectionClosed: true }, {
      context: { entranceError: "close" },
    }),
    refused(3213, "entrance-error-nginx-without-authorization", "/entrance/api/user/info", "No Authorization under the entrance, entrance error nginx: 404 instead of 418.", { error: "missing_headers", status: 404 }, {
      authorization: null,
      context: { entranceError: "nginx" },
    }),
    refused(3214, "entrance-redirect-with-query", "/entrance/?from=mail", "The entrance with a query, without Authorization: redirected to the login (302, Location: /login).", LOGIN_REDIRECT, {
      authorization: null,
      flags: ["EntranceStripping", "MissingHeader"],
    }),
    refused(3216, "webhook-without-slash", "/webhook", "/webhook is not /webhook/…: outside the entrance, the entrance page (418).", ENTRANCE_MISMATCH, { authorization: null }),
  ];
}

/** "#" in the request-target as Go's server reads it (url.ParseRequestURI keeps it): sign vectors with verify twins. */
function fragmentVectors(): SchemeVector[] {
  const flags: VectorHead["flags"] = ["FragmentInTarget"];
  const f = (tcId: number, name: string, url: string, canonicalPath: string, canonicalQuery: string, description: string, twin = true) =>
    sign({ tcId, name, description, flags, url, canonicalPath, canonicalQuery, ...(twin && { twin: {} }) });
  return [
    ...f(3231, "hash-in-query", "/entrance/api/files/list?a=1#frag", "/api/files/list", "a=1%23frag", "A # after the ? is part of the raw query Go's server reads: the value of a is 1#frag, escaped %23."),
    ...f(3232, "hash-in-path", "/entrance/api/files/a#b?x=1", "/api/files/a#b", "x=1", "A # before any ? stays in the path."),
    ...f(3233, "escaped-hash-in-query", "/entrance/api/files/list?a=1%23frag", "/api/files/list", "a=1%23frag", "%23 in the query: the same canonical query as tcId 3231."),
    ...f(3234, "absolute-url-fragment", "https://panel.example.com/entrance/api/files/list?a=1#frag", "/api/files/list", "a=1", "An absolute URL given to sign is what an HTTP client is given; no client sends its #fragment, so it is not signed.", false),
  ];
}

/** Every message the server has, in every locale it ships (reference: "Messages in every locale"). */
function localeVectors(): SchemeVector[] {
  const locales = ["en", "zh_CN", "zh_TW"] as const;
  const rows: [name: string, texts: readonly [string, string, string], def: Omit<VerifyDef, "tcId" | "name" | "description" | "flags" | "result" | "failure">, failure: Failure][] = [
    ["invalid-header", ["invalid header: unexpected EOF", "无效的请求头： unexpected EOF", "無效的請求標頭：unexpected EOF"], { authorization: "HMAC-SHA256", server: null }, malformed("unexpected EOF")],
    ["invalid-signature", ["invalid signature", "无效的签名", "無效的簽名"], { signs: { secret: "AnotherSecretToken" } }, MISMATCH],
    ["token-expired", ["token expired", "令牌已过期", "令牌已過期"], { context: { tokenExpiresAt: NOW - 1 } }, TOKEN_EXPIRED],
    ["signature-expired", ["signature expired", "签名已过期", "簽名已過期"], { timestamp: String(NOW - 301), server: { path: "/api/user/info", timestamp: String(NOW - 301) } }, TIMESTAMP_EXPIRED],
    ["invalid-request-ip", ["invalid request ip: 203.0.113.10", "无效的请求 IP：203.0.113.10", "無效的請求 IP：203.0.113.10"], { context: { ipWhitelist: ["198.51.100.0/24"] } }, ipRefused("203.0.113.10")],
    ["ws-not-allowed", ["ws not allowed", "不允许 ws", "不允許 ws"], { url: "/entrance/api/ws/ssh", server: null, signs: { path: "/api/ws/ssh" } }, WEBSOCKET],
    ["session-expired", ["session expired, please login again", "会话已过期，请重新登录", "工作階段已過期，請重新登入"], { url: "/api/user/info", authorization: null, server: null, context: { entrance: "/" } }, NO_AUTH_WITHOUT_ENTRANCE],
  ];
  return rows.flatMap(([name, texts, def, failure], row) =>
    locales.map((locale, i) =>
      verify({
        ...def,
        tcId: 3301 + row * 3 + i,
        name: `message-${name}-${locale.toLowerCase().replace("_", "-")}`,
        description: `The server's ${JSON.stringify(texts[0].replace(/: .*/, ""))} message with locale ${locale}: ${JSON.stringify(texts[i])}.`,
        source: SOURCES.aceCheck,
        flags: ["Locale"],
        context: { ...def.context, locale },
        result: "invalid",
        failure: { ...failure, message: texts[i] },
      }),
    ),
  );
}

export function buildAcepanelFile(): SchemeFile {
  // The diagnosis vectors are signed with a stated mistake on purpose: no DocClient* flags.
  return schemeFile(SCHEME, [...withDocClientFlags(SCHEME, [
    ...basicVectors(),
    ...queryVectors(),
    ...pathVectors(),
    ...bodyVectors(),
    ...timestampVectors(),
    ...credentialVectors(),
    ...entranceVectors(),
    ...publicPathVectors(),
    ...websocketVectors(),
    ...authorizationVectors(),
    ...keyVectors(),
    ...tamperingVectors(),
    ...timestampCheckVectors(),
    ...checkOrderVectors(),
    ...ipVectors(),
    ...docClientVectors(),
    ...headerVectors(),
    ...bodyLimitVectors(),
    ...entranceMiddlewareVectors(),
    ...fragmentVectors(),
    ...localeVectors(),
  ]), ...acepanelDiagnosisVectors()]);
}
