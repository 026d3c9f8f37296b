// The diagnosis vectors: one verify vector per known client mistake of each scheme, its request
// signed with that mistake, and the diagnosis a verifier should give (expected.diagnosis: the
// mistake's id, the signature received and what the client signed). Each vector states by hand
// both what the receiver signs and what the mistaken client signed; the generator only joins the
// parts and hashes with node:crypto, as everywhere in the corpus. Each request is chosen so that
// no mistake earlier in the catalogue order (docs/verify-outcomes.md) reproduces its signature.

import { bodyBytes, bodyFields, hmacHex, OPTERIUS, sha256Hex, signedBytesField, type BodySpec, type Diagnosis, type HeaderPair, type SchemeVector } from "./build.ts";

const DIAGNOSIS_SOURCE = { kind: "panelsig", file: "docs/verify-outcomes.md", rule: "the diagnosis of a signature mismatch: the known client mistakes, tried in order" } as const;
const HEX_SECRET = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f9010213243546576879a8b9cadbecfd";
const hexKey = Buffer.from(HEX_SECRET, "hex");
const withNewline = (secret: string) => Buffer.from(secret + "\n", "utf8");

interface Common {
  tcId: number;
  mistake: string;
  description: string;
  method?: string;
  url?: string;
  body?: BodySpec;
  /** The token or secret the receiver holds (default: the scheme's usual one). */
  secret?: string;
  /** The key the client MACed with (default: the secret's text). */
  clientKey?: Buffer;
  /** The client sent its signature in upper-case hex. */
  upperCase?: true;
}

function vector(scheme: string, c: Common, request: { method: string; url: string; headers: HeaderPair[]; body: BodySpec }, credentials: object, context: object, expected: object): SchemeVector {
  return {
    tcId: c.tcId,
    name: `diagnosis-${c.mistake}`,
    description: c.description,
    source: DIAGNOSIS_SOURCE,
    flags: ["Diagnosis"],
    case: { scheme, op: "verify", request: { method: request.method, url: request.url, headers: request.headers, ...bodyFields(request.body) }, credentials: credentials as never, context: context as never },
    result: "invalid",
    expected: expected as never,
  };
}

const sent = (c: Common, signature: string) => (c.upperCase ? signature.toUpperCase() : signature);

// ---- acepanel -------------------------------------------------------------------------------

interface AceDef extends Common {
  timestamp?: string;
  entrance?: string;
  /** By hand: the receiver's canonical lines; path as bytes in latin1 when not UTF-8 text. */
  server: { path: string | Buffer; query?: string; timestamp?: string };
  /** By hand: what the client put on the lines where it differs (body: the bytes it hashed). */
  client?: { method?: string; path?: string | Buffer; query?: string; body?: string; timestamp?: string };
}

const ACE_SECRET = "YourSecretToken";
const ACE_TS = "1700000000";

function aceIntermediates(key: string | Buffer, method: string, path: string | Buffer, query: string, body: Buffer, timestamp: string) {
  const canonical = Buffer.concat([Buffer.from(`${method}\n`), Buffer.isBuffer(path) ? path : Buffer.from(path, "utf8"), Buffer.from(`\n${query}\n${sha256Hex(body)}`)]);
  const stringToSign = `HMAC-SHA256\n${timestamp}\n${sha256Hex(canonical)}`;
  const text = canonical.toString("utf8");
  return { ...(Buffer.from(text, "utf8").equals(canonical) ? { canonicalRequest: text } : {}), stringToSign, signature: hmacHex(key, stringToSign) };
}

function ace(d: AceDef): SchemeVector {
  const method = d.method ?? "GET";
  const url = d.url ?? "/entrance/api/user/info";
  const body = d.body ?? {};
  const secret = d.secret ?? ACE_SECRET;
  const timestamp = d.timestamp ?? ACE_TS;
  const server = aceIntermediates(secret, method, d.server.path, d.server.query ?? "", bodyBytes(body), d.server.timestamp ?? timestamp);
  const c = d.client ?? {};
  const client = aceIntermediates(
    d.clientKey ?? secret,
    c.method ?? method,
    c.path ?? d.server.path,
    c.query ?? d.server.query ?? "",
    c.body === undefined ? bodyBytes(body) : Buffer.from(c.body, "utf8"),
    c.timestamp ?? d.server.timestamp ?? timestamp,
  );
  const signature = sent(d, client.signature);
  if (signature === server.signature) throw new Error(`diagnosis ${d.mistake}: the client's signature is the receiver's`);
  const { signature: expectedSignature, ...serverShown } = server;
  const { signature: _, ...clientShown } = client;
  const headers: HeaderPair[] = [["X-Timestamp", timestamp], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${signature}`]];
  const context = { now: 1700000000, entrance: d.entrance ?? "/entrance", clientIp: "203.0.113.10:54321", tokenExpiresAt: 1800000000 };
  const diagnosis: Diagnosis = { mistake: d.mistake, signature, ...(d.upperCase ? serverShown : clientShown) };
  const expected = { valid: false, error: "signature_mismatch", status: 401, message: "invalid signature", ...serverShown, expectedSignature, diagnosis };
  return vector("acepanel", d, { method, url, headers, body }, { secret, keyId: 16 }, context, expected);
}

const FILES = "/entrance/api/files/list";
const q = (query: string) => ({ path: "/api/files/list", query });

export function acepanelDiagnosisVectors(): SchemeVector[] {
  return [
    ace({ tcId: 3700, mistake: "signature-uppercase-hex", description: "The right signature, sent in upper-case hex: the receiver compares lower-case hex exactly.", upperCase: true, server: { path: "/api/user/info" } }),
    ace({ tcId: 3701, mistake: "method-case", description: 'Sent as "get", signed as "GET": the receiver signs the method as sent.', method: "get", server: { path: "/api/user/info" }, client: { method: "GET" } }),
    ace({ tcId: 3702, mistake: "path-as-sent", description: "A percent-encoded path signed as sent (the PHP and Python examples); the receiver signs it decoded.", url: "/entrance/api/files/a%20b", server: { path: "/api/files/a b" }, client: { path: "/api/files/a%20b" } }),
    ace({ tcId: 3703, mistake: "path-whatwg", description: "A raw UTF-8 path signed as new URL().pathname encodes it (the Node example); the receiver signs the decoded bytes.", url: "/entrance/api/files/\u4e2d", server: { path: "/api/files/\u4e2d" }, client: { path: "/api/files/%E4%B8%AD" } }),
    ace({ tcId: 3704, mistake: "path-decoded-as-text", description: "%FF in the path decoded as UTF-8 text, U+FFFD (the Java example); the receiver signs the byte 0xFF.", url: "/entrance/api/files/%FF", server: { path: Buffer.from("/api/files/\xff", "latin1") }, client: { path: "/api/files/\ufffd" } }),
    ace({ tcId: 3705, mistake: "path-cut-at-first-api", description: "Entrance /x/api: the client cuts the path at its first /api (every doc example); the receiver removes the entrance.", url: "/x/api/api/user/info", entrance: "/x/api", server: { path: "/api/user/info" }, client: { path: "/api/api/user/info" } }),
    ace({ tcId: 3706, mistake: "entrance-not-stripped", description: "The client signs the whole path, entrance included.", server: { path: "/api/user/info" }, client: { path: "/entrance/api/user/info" } }),
    ace({ tcId: 3707, mistake: "query-unsorted", description: "The query signed in the order sent; the receiver sorts it by key.", url: `${FILES}?b=2&a=1`, server: q("a=1&b=2"), client: { query: "b=2&a=1" } }),
    ace({ tcId: 3708, mistake: "query-space-percent-20", description: "A space signed as %20; the receiver writes +.", url: `${FILES}?c=x%20y`, server: q("c=x+y"), client: { query: "c=x%20y" } }),
    ace({ tcId: 3709, mistake: "query-lowercase-hex", description: "Lower-case percent escapes signed as sent; the receiver writes upper-case.", url: `${FILES}?a=%e4%b8%ad`, server: q("a=%E4%B8%AD"), client: { query: "a=%e4%b8%ad" } }),
    ace({ tcId: 3710, mistake: "query-escapes", description: "*!'() left unescaped; the receiver escapes them (Go's url.QueryEscape).", url: `${FILES}?t=*!'()`, server: q("t=%2A%21%27%28%29"), client: { query: "t=*!'()" } }),
    ace({ tcId: 3711, mistake: "query-key-without-equals", description: 'A key without a value signed as "flag"; the receiver writes "flag=".', url: `${FILES}?flag`, server: q("flag="), client: { query: "flag" } }),
    ace({ tcId: 3712, mistake: "query-as-sent", description: "A query with a ; pair signed as sent; the receiver drops that pair (Go's url.ParseQuery).", url: `${FILES}?a=1;b=2&c=3`, server: q("c=3"), client: { query: "a=1;b=2&c=3" } }),
    ace({ tcId: 3713, mistake: "query-decoded", description: "%2B decoded to + and signed (the Java example); the receiver re-encodes it as %2B.", url: `${FILES}?a=x%2By`, server: q("a=x%2By"), client: { query: "a=x+y" } }),
    ace({ tcId: 3714, mistake: "query-whatwg", description: "The query as new URL().search writes it (lower-case escape kept, < escaped; the Node example); the receiver re-encodes it.", url: `${FILES}?a=%e4<`, server: q("a=%E4%3C"), client: { query: "a=%e4%3C" } }),
    ace({ tcId: 3715, mistake: "query-omitted", description: "The client leaves the query line empty; the receiver signs the query.", url: `${FILES}?page=2`, server: q("page=2"), client: { query: "" } }),
    ace({ tcId: 3716, mistake: "body-signed-empty", description: "A body sent, the hash of the empty body signed.", method: "POST", url: "/entrance/api/website", body: { body: '{"name":"example.com"}' }, server: { path: "/api/website" }, client: { body: "" } }),
    ace({ tcId: 3717, mistake: "body-not-sent", description: "No body sent, the hash of {} signed (the Java example's GET sends no body).", server: { path: "/api/user/info" }, client: { body: "{}" } }),
    ace({ tcId: 3718, mistake: "body-reserialised-js", description: "PHP json_encode bytes sent, JSON.stringify's form hashed.", method: "POST", url: "/entrance/api/website", body: { body: '{"path":"\\/www"}' }, server: { path: "/api/website" }, client: { body: '{"path":"/www"}' } }),
    ace({ tcId: 3719, mistake: "body-reserialised-php", description: "JSON.stringify's bytes sent, PHP json_encode's form hashed.", method: "POST", url: "/entrance/api/website", body: { body: '{"path":"/www"}' }, server: { path: "/api/website" }, client: { body: '{"path":"\\/www"}' } }),
    ace({ tcId: 3720, mistake: "body-reserialised-python", description: "Compact JSON sent, Python json.dumps's form hashed.", method: "POST", url: "/entrance/api/website", body: { body: '{"a":1,"b":2}' }, server: { path: "/api/website" }, client: { body: '{"a": 1, "b": 2}' } }),
    ace({ tcId: 3721, mistake: "body-signed-as-json-string", description: "The body sent as it is, its JSON string literal hashed.", method: "POST", url: "/entrance/api/website", body: { body: '{"a":1}' }, server: { path: "/api/website" }, client: { body: '"{\\"a\\":1}"' } }),
    ace({ tcId: 3722, mistake: "body-sent-as-json-string", description: "The library re-encoded the body string as a JSON string literal; the client hashed the string itself.", method: "POST", url: "/entrance/api/website", body: { body: '"{\\"a\\":1}"' }, server: { path: "/api/website" }, client: { body: '{"a":1}' } }),
    ace({ tcId: 3723, mistake: "timestamp-text", description: 'X-Timestamp "+1700000000" signed as text; the receiver signs the number re-printed.', timestamp: "+1700000000", server: { path: "/api/user/info", timestamp: "1700000000" }, client: { timestamp: "+1700000000" } }),
    ace({ tcId: 3724, mistake: "timestamp-skew", description: "The client signed 1700000001 but sent 1700000000 (it read its clock twice).", server: { path: "/api/user/info" }, client: { timestamp: "1700000001" } }),
    ace({ tcId: 3725, mistake: "secret-hex-decoded", description: "A hex token secret hex-decoded into the key; the receiver uses its text.", secret: HEX_SECRET, clientKey: hexKey, server: { path: "/api/user/info" } }),
    ace({ tcId: 3726, mistake: "secret-trailing-newline", description: "The secret read from a file with its trailing newline.", clientKey: withNewline(ACE_SECRET), server: { path: "/api/user/info" } }),
  ];
}

// ---- opterius-agent -------------------------------------------------------------------------

interface AgentDef extends Common {
  timestamp?: string;
  /** By hand: the decoded path without the query, as the Agent signs it. */
  serverPath: string;
  client?: { timestamp?: string; method?: string; path?: string; body?: string };
}

const AGENT_SECRET = "your-secret-key-here";
const AGENT_TS = "2026-04-08T14:32:00+00:00";
const AGENT_BODY = '{"username":"alice","domain":"alice.example.com"}';

function agent(d: AgentDef): SchemeVector {
  const method = d.method ?? "POST";
  const url = d.url ?? "/account/create";
  const body = d.body ?? (d.url === undefined ? { body: AGENT_BODY } : {});
  const secret = d.secret ?? AGENT_SECRET;
  const timestamp = d.timestamp ?? AGENT_TS;
  const c = d.client ?? {};
  const serverSigned = Buffer.concat([Buffer.from(timestamp + method + d.serverPath, "utf8"), bodyBytes(body)]);
  const clientSigned = Buffer.concat([Buffer.from((c.timestamp ?? timestamp) + (c.method ?? method) + (c.path ?? d.serverPath), "utf8"), c.body === undefined ? bodyBytes(body) : Buffer.from(c.body, "utf8")]);
  return opterius("opterius-agent", d, { method, url, body, secret, timestamp }, serverSigned, clientSigned, { now: 1775658720, windowSeconds: 300 }, (signature) => [
    ["X-Signature", signature],
    ["X-Timestamp", timestamp],
    ["Content-Type", "application/json"],
  ]);
}

function opterius(
  scheme: string,
  d: Common,
  r: { method: string; url: string; body: BodySpec; secret: string; timestamp: string },
  serverSigned: Buffer,
  clientSigned: Buffer,
  context: object,
  headers: (signature: string) => HeaderPair[],
): SchemeVector {
  const expectedSignature = hmacHex(r.secret, serverSigned);
  const signature = sent(d, hmacHex(d.clientKey ?? r.secret, clientSigned));
  if (signature === expectedSignature) throw new Error(`diagnosis ${d.mistake}: the client's signature is the receiver's`);
  const diagnosis: Diagnosis = { mistake: d.mistake, signature, ...signedBytesField(d.upperCase ? serverSigned : clientSigned, false) };
  const expected = { valid: false, ...OPTERIUS.MISMATCH, ...signedBytesField(serverSigned, false), expectedSignature, diagnosis };
  return vector(scheme, d, { method: r.method, url: r.url, headers: headers(signature), body: r.body }, { secret: r.secret }, context, expected);
}

const LIST = { method: "GET", url: "/files/list", serverPath: "/files/list" };
const DOC_PHP = '{"path":"\\/home\\/alice"}';
const DOC_JS = '{"path":"/home/alice"}';

export function agentDiagnosisVectors(): SchemeVector[] {
  const post = { method: "POST", url: "/files/mkdir", serverPath: "/files/mkdir" };
  return [
    agent({ tcId: 1300, mistake: "signature-uppercase-hex", description: "The right signature, sent in upper-case hex.", upperCase: true, serverPath: "/account/create" }),
    agent({ tcId: 1301, mistake: "body-signed-empty", description: "A body sent, the empty string signed in its place.", serverPath: "/account/create", client: { body: "" } }),
    agent({ tcId: 1302, mistake: "timestamp-form", description: 'X-Timestamp "…+00:00" sent, the doc\'s "…Z" form of the same instant signed.', serverPath: "/account/create", client: { timestamp: "2026-04-08T14:32:00Z" } }),
    agent({ tcId: 1303, mistake: "path-with-query", description: "The query signed as part of the path; the Agent signs the path alone.", ...LIST, url: "/files/list?path=/home/alice", client: { path: "/files/list?path=/home/alice" } }),
    agent({ tcId: 1304, mistake: "path-as-sent", description: "A percent-encoded path signed as sent (the panel's PHP client); the Agent (Go) signs it decoded.", ...LIST, url: "/files/a%20b", serverPath: "/files/a b", client: { path: "/files/a%20b" } }),
    agent({ tcId: 1305, mistake: "path-encoded", description: "A raw UTF-8 path sent, its percent-encoded form signed.", ...LIST, url: "/files/\u4e2d", serverPath: "/files/\u4e2d", client: { path: "/files/%E4%B8%AD" } }),
    agent({ tcId: 1306, mistake: "method-case", description: 'Sent as "post", signed as "POST": the Agent signs the method as sent.', method: "post", serverPath: "/account/create", client: { method: "POST" } }),
    agent({ tcId: 1307, mistake: "body-not-sent", description: "No body sent, {} signed in its place.", ...LIST, client: { body: "{}" } }),
    agent({ tcId: 1308, mistake: "body-reserialised-js", description: "PHP json_encode bytes sent (the real panel), JSON.stringify's form signed.", ...post, body: { body: DOC_PHP }, client: { body: DOC_JS } }),
    agent({ tcId: 1309, mistake: "body-reserialised-php", description: "JSON.stringify's bytes sent, PHP json_encode's form signed.", ...post, body: { body: DOC_JS }, client: { body: DOC_PHP } }),
    agent({ tcId: 1310, mistake: "body-reserialised-python", description: "Compact JSON sent, Python json.dumps's form signed.", ...post, body: { body: DOC_JS }, client: { body: '{"path": "/home/alice"}' } }),
    agent({ tcId: 1311, mistake: "body-signed-as-json-string", description: "The body sent as it is, its JSON string literal signed.", ...post, body: { body: '{"a":1}' }, client: { body: '"{\\"a\\":1}"' } }),
    agent({ tcId: 1312, mistake: "body-sent-as-json-string", description: "The library re-encoded the body string as a JSON string literal; the client signed the string itself.", ...post, body: { body: '"{\\"a\\":1}"' }, client: { body: '{"a":1}' } }),
    agent({ tcId: 1313, mistake: "timestamp-skew", description: "The client signed one second later than the X-Timestamp it sent.", serverPath: "/account/create", client: { timestamp: "2026-04-08T14:32:01+00:00" } }),
    agent({ tcId: 1314, mistake: "secret-hex-decoded", description: "The agent's hex secret hex-decoded into the key; the Agent uses its text.", secret: HEX_SECRET, clientKey: hexKey, serverPath: "/account/create" }),
    agent({ tcId: 1315, mistake: "secret-trailing-newline", description: "The secret read from a file with its trailing newline.", clientKey: withNewline(AGENT_SECRET), serverPath: "/account/create" }),
  ];
}

// ---- opterius-panel -------------------------------------------------------------------------

interface PanelDef extends Common {
  timestamp?: string;
  /** What the client signed after the timestamp, where it differs from the body sent. */
  clientSigns?: { timestamp?: string; rest: string };
}

const PANEL_TOKEN = "eyJ-test";
const PANEL_TS = "1775658720";
const PHP_CREATE = '{"domain":"b\\u00fccher.example","username":"buecher","package":"Starter\\/Plus","email":"owner@example.com"}';
const JS_CREATE = '{"domain":"b\u00fccher.example","username":"buecher","package":"Starter/Plus","email":"owner@example.com"}';
const PY_CREATE = '{"domain": "b\\u00fccher.example", "username": "buecher", "package": "Starter/Plus", "email": "owner@example.com"}';

function panel(d: PanelDef): SchemeVector {
  const method = d.method ?? "POST";
  const url = d.url ?? "/api/accounts";
  const body = d.body ?? (d.url === undefined ? { body: PHP_CREATE } : {});
  const secret = d.secret ?? PANEL_TOKEN;
  const timestamp = d.timestamp ?? PANEL_TS;
  const bytes = bodyBytes(body);
  // No body: the receiver shows "{}", the form the real client signs.
  const serverSigned = Buffer.concat([Buffer.from(timestamp), bytes.length ? bytes : Buffer.from("{}")]);
  const clientSigned = d.clientSigns ? Buffer.from((d.clientSigns.timestamp ?? timestamp) + d.clientSigns.rest, "utf8") : serverSigned;
  return opterius("opterius-panel", d, { method, url, body, secret, timestamp }, serverSigned, clientSigned, { now: 1775658720, windowSeconds: 300 }, (signature) => {
    const headers: HeaderPair[] = [["X-Timestamp", timestamp], ["X-Signature", signature], ["Accept", "application/json"]];
    if (bytes.length) headers.push(["Content-Type", "application/json"]);
    return headers;
  });
}

export function panelDiagnosisVectors(): SchemeVector[] {
  const suspend = { url: "/api/accounts/7/suspend" };
  return [
    panel({ tcId: 2300, mistake: "signature-uppercase-hex", description: "The right signature, sent in upper-case hex." , upperCase: true }),
    panel({ tcId: 2301, mistake: "body-signed-empty", description: 'A body sent, the empty string signed in its place (the doc\'s "" reading applied to a body).', clientSigns: { rest: "" } }),
    panel({ tcId: 2302, mistake: "body-not-sent", description: "No body sent, [] signed (the receiver accepts {} and \"\").", ...suspend, clientSigns: { rest: "[]" } }),
    panel({ tcId: 2303, mistake: "method-included", description: "The method signed too; the panel signs only X-Timestamp + body.", clientSigns: { rest: "POST" + PHP_CREATE } }),
    panel({ tcId: 2304, mistake: "path-included", description: "The path signed too.", clientSigns: { rest: "/api/accounts" + PHP_CREATE } }),
    panel({ tcId: 2305, mistake: "method-path-included", description: "Method and path signed too: the Agent's formula used for the panel.", clientSigns: { rest: "POST/api/accounts" + PHP_CREATE } }),
    panel({ tcId: 2306, mistake: "body-reserialised-js", description: "PHP json_encode bytes sent (the real client), JSON.stringify's form signed.", clientSigns: { rest: JS_CREATE } }),
    panel({ tcId: 2307, mistake: "body-reserialised-php", description: "JSON.stringify's bytes sent, PHP json_encode's form signed.", body: { body: JS_CREATE }, clientSigns: { rest: PHP_CREATE } }),
    panel({ tcId: 2308, mistake: "body-reserialised-python", description: "JSON.stringify's bytes sent, Python json.dumps's form signed.", body: { body: JS_CREATE }, clientSigns: { rest: PY_CREATE } }),
    panel({ tcId: 2309, mistake: "body-signed-as-json-string", description: "The body sent as it is, its JSON string literal signed.", body: { body: '{"id":7}' }, clientSigns: { rest: '"{\\"id\\":7}"' } }),
    panel({ tcId: 2310, mistake: "body-sent-as-json-string", description: "The library re-encoded the body string as a JSON string literal; the client signed the string itself.", body: { body: '"{\\"id\\":7}"' }, clientSigns: { rest: '{"id":7}' } }),
    panel({ tcId: 2311, mistake: "timestamp-skew", description: "The client signed one second earlier than the X-Timestamp it sent.", clientSigns: { timestamp: "1775658719", rest: PHP_CREATE } }),
    panel({ tcId: 2312, mistake: "secret-hex-decoded", description: "A hex token hex-decoded into the key; the panel uses its text.", secret: HEX_SECRET, clientKey: hexKey }),
    panel({ tcId: 2313, mistake: "secret-trailing-newline", description: "The token read from a file with its trailing newline.", clientKey: withNewline(PANEL_TOKEN) }),
  ];
}

