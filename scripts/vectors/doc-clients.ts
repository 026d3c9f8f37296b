// Models of the example clients in the seed documents, built from their code: what each one
// sends and the exact bytes it MACs for a request. The corpus flags every vector one of them gets
// wrong (doc-client-flags.ts). They are independent of panelsig's code and of the canonical forms
// the vectors state by hand: each model follows its client's library calls (PHP parse_url,
// Python urlparse, the WHATWG URL class, java.net.URI, Go net/url).
//   acepanel: the PHP, Python, Node, Java and Go examples. Each signs the X-Timestamp text it
//     sends, and cuts the path at the first "/api" unless it starts with it.
//   opterius-agent: the Python example. opterius-panel: no example code, only the formula.
// A model throws a plain Error for input it does not cover, so the generator stops rather than
// flag a vector on a guess.

import { sha256Hex } from "./build.ts";

/** The client cannot make this request: its code throws, or cannot hold the body. */
export class CannotSign extends Error {}

/** One request as a client is asked to make it; `timestamp` is the X-Timestamp text it signs. */
export interface ClientRequest {
  method: string;
  url: string;
  body: Buffer;
  timestamp: string;
}

export interface DocClient {
  /** The X-Timestamp text it sends for the instant `text` names (its own format). */
  timestamp(text: string): string;
  /** The method and body its HTTP library puts on the wire. */
  sent(method: string, body: Buffer): { method: string; body: Buffer };
  /** The exact bytes it MACs; throws CannotSign when it cannot. */
  signs(request: ClientRequest): Buffer;
}

const notModelled = (what: string, input: string) => new Error(`doc-clients: ${what} is not modelled (${JSON.stringify(input)})`);

/** The examples are given an absolute URL; a request-target is taken as on http://example.com. */
function absolute(url: string): string {
  if (url.startsWith("/")) return `http://example.com${url}`;
  if (/^https?:\/\/[^/?#]*[/?]/.test(url)) return url;
  throw notModelled("a URL other than a request-target or http(s)://host/…", url);
}

/** Path and query exactly as written in an absolute URL without a fragment or control characters. */
function rawTarget(url: string): { path: string; query: string } {
  const abs = absolute(url);
  if (/[\x00-\x1f\x7f #]/.test(abs)) throw notModelled("a URL with a fragment, space or control character", url);
  const target = abs.replace(/^[a-z]+:\/\/[^/?]*/i, "");
  const q = target.indexOf("?");
  return q < 0 ? { path: target, query: "" } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

/** Body text as a Python str or a Java String holds it: only UTF-8 survives the round trip. */
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function textBody(client: string, body: Buffer): Buffer {
  try {
    strictUtf8.decode(body);
    return body;
  } catch {
    throw new CannotSign(`the ${client} example takes the body as text and cannot hold bytes that are not UTF-8`);
  }
}

// ---- acepanel -------------------------------------------------------------------------------

/** What an AcePanel example puts on the path and query lines before the "/api" cut. */
export type AceTarget = (url: string) => { path: string; query: string };

/** `if (!path.startsWith("/api")) path = path.slice(path.indexOf("/api"))` (when found), as every example does. */
function cutAtFirstApi(path: string): string {
  if (path.startsWith("/api")) return path;
  const at = path.indexOf("/api");
  return at < 0 ? path : path.slice(at);
}

/** The path and query lines of an example's canonical request (exported for the known examples). */
export function aceLines(target: AceTarget, url: string): { path: string; query: string } {
  const { path, query } = target(url);
  return { path: cutAtFirstApi(path), query };
}

function aceClient(target: AceTarget, sent: DocClient["sent"], hashed: (body: Buffer) => Buffer = (b) => b): DocClient {
  return {
    timestamp: (text) => text,
    sent,
    signs({ method, url, body, timestamp }) {
      const { path, query } = aceLines(target, url);
      const canonicalRequest = `${method}\n${path}\n${query}\n${sha256Hex(hashed(body))}`;
      return Buffer.from(`HMAC-SHA256\n${timestamp}\n${sha256Hex(canonicalRequest)}`, "utf8");
    },
  };
}

/** PHP: parse_url($url) 'path' and 'query', both as written. */
export const phpTarget: AceTarget = rawTarget;

/** Python: urlparse(url).path and .query as written; urlparse moves ";params" of the last segment out of the path. */
export const pythonTarget: AceTarget = (url) => {
  const { path, query } = rawTarget(url);
  const params = path.indexOf(";", path.lastIndexOf("/"));
  return { path: params < 0 ? path : path.slice(0, params), query };
};

/** Node: new URL(apiUrl).pathname and .search without its "?": WHATWG-encoded, dot segments resolved. */
export const nodeTarget: AceTarget = (url) => {
  const parsed = new URL(absolute(url));
  return { path: parsed.pathname, query: parsed.search.slice(1) };
};

/** Java: new URI(url).getPath() and getQuery(): checked character by character, then percent-decoded. */
export const javaTarget: AceTarget = (url) => {
  const { path, query } = rawTarget(url);
  const hasQuery = absolute(url).includes("?");
  javaCheck(path, JAVA_PATH_ASCII, "path");
  if (hasQuery) javaCheck(query, JAVA_QUERY_ASCII, "query");
  return { path: javaDecode(path), query: hasQuery ? javaDecode(query) : "" };
};

// java.net.URI's grammar (RFC 2396 plus "[]" in queries): ASCII characters allowed unescaped.
const JAVA_PATH_ASCII = /^[A-Za-z0-9\-_.!~*'():@&=+$,;/]$/;
const JAVA_QUERY_ASCII = /^[A-Za-z0-9\-_.!~*'();/?:@&=+$,[\]]$/;
// Character.isSpaceChar: what java.net.URI refuses among non-ASCII characters, with the ISO controls.
const JAVA_SPACE = /^[\p{Zs}\p{Zl}\p{Zp}]$/u;

/** new URI(…) throws URISyntaxException on a bad escape or a character its grammar does not allow. */
function javaCheck(text: string, ascii: RegExp, component: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = text.charCodeAt(i);
    if (c === "%") {
      if (!/^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) throw new CannotSign(`URISyntaxException: Malformed escape pair in ${component}`);
      i += 2;
    } else if (code < 0x80 ? !ascii.test(c) : code <= 0x9f || JAVA_SPACE.test(c)) {
      throw new CannotSign(`URISyntaxException: Illegal character in ${component}`);
    }
  }
}

/** URI.decode: runs of %XX decoded as UTF-8, U+FFFD for bad bytes; "+" stays. */
function javaDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => javaUtf8(Buffer.from(run.replaceAll("%", ""), "hex")));
}

/**
 * The JDK's UTF-8 CharsetDecoder with REPLACE: the WHATWG decoder's U+FFFD for each maximal bad
 * subpart, except that an encoded surrogate (ED A0–BF, with its third byte when it is one) is one
 * malformed unit, one U+FFFD.
 */
const lenientUtf8 = new TextDecoder("utf-8", { ignoreBOM: true });
function javaUtf8(bytes: Buffer): string {
  return bytes
    .toString("latin1")
    .split(/\xED[\xA0-\xBF][\x80-\xBF]?/)
    .map((part) => lenientUtf8.decode(Buffer.from(part, "latin1")))
    .join("\uFFFD");
}

/** Go: req.URL.Path (percent-decoded by url.Parse) and req.URL.Query().Encode(). */
export const goTarget: AceTarget = (url) => {
  const { path, query } = rawTarget(url);
  const decoded = percentDecode(path, false);
  if (!decoded) throw new CannotSign("net/url: invalid URL escape (http.NewRequest fails)");
  let text: string;
  try {
    text = strictUtf8.decode(decoded);
  } catch {
    throw notModelled("a decoded path that is not UTF-8", url);
  }
  return { path: text, query: goQueryEncode(query) };
};

/** Go's unescape: %XX to a byte (both digits hex, else undefined), "+" to a space in a query component. */
function percentDecode(text: string, plusIsSpace: boolean): Buffer | undefined {
  const raw = Buffer.from(text, "utf8");
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x25) {
      const hex = raw.subarray(i + 1, i + 3).toString("latin1");
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(plusIsSpace && b === 0x2b ? 0x20 : b);
  }
  return Buffer.from(out);
}

/** url.ParseQuery then Values.Encode: pairs with ";" or a bad escape and empty pairs dropped, keys sorted by bytes. */
function goQueryEncode(rawQuery: string): string {
  const values = new Map<string, Buffer[]>();
  for (const pair of rawQuery.split("&")) {
    if (pair === "" || pair.includes(";")) continue;
    const eq = pair.indexOf("=");
    const key = percentDecode(eq < 0 ? pair : pair.slice(0, eq), true);
    const value = percentDecode(eq < 0 ? "" : pair.slice(eq + 1), true);
    if (!key || !value) continue;
    const id = key.toString("latin1");
    values.set(id, [...(values.get(id) ?? []), value]);
  }
  const keys = [...values.keys()].sort((a, b) => Buffer.compare(Buffer.from(a, "latin1"), Buffer.from(b, "latin1")));
  return keys.flatMap((k) => values.get(k)!.map((v) => `${queryEscape(Buffer.from(k, "latin1"))}=${queryEscape(v)}`)).join("&");
}

/** url.QueryEscape: only A-Z a-z 0-9 - _ . ~ stay, space becomes "+", the rest %XX in upper case. */
function queryEscape(bytes: Buffer): string {
  let out = "";
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : b === 0x20 ? "+" : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const asGiven: DocClient["sent"] = (method, body) => ({ method, body });

/** PHP: curl sends the method (CURLOPT_CUSTOMREQUEST) and the body as given. */
export const acePhp = aceClient(phpTarget, asGiven);
/** Python: requests upper-cases the method it sends; the body is a str. */
export const acePython = aceClient(pythonTarget, (method, body) => ({ method: method.toUpperCase(), body }), (body) => textBody("Python", body));
/** Node: axios upper-cases the method it sends; a Buffer body is hashed and sent as it is. */
export const aceNode = aceClient(nodeTarget, (method, body) => ({ method: method.toUpperCase(), body }));
/** Java: for method "GET" exactly it calls requestBuilder.GET(), which sends no body; the body is a String. */
export const aceJava = aceClient(
  javaTarget,
  (method, body) => ({ method, body: method === "GET" ? Buffer.alloc(0) : body }),
  (body) => textBody("Java", body),
);
/** Go: http.NewRequest keeps the method and body as given. */
export const aceGo = aceClient(goTarget, asGiven);

// ---- opterius-agent -------------------------------------------------------------------------

/**
 * The Python example: X-Timestamp is datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
 * (never +00:00 as the real panel writes it, never fractions); it signs timestamp +
 * method.upper() + path + body, the path as the caller writes it (without the query: it is the
 * `path` argument), not percent-decoded as the Go Agent compares it.
 */
export const agentPython: DocClient = {
  timestamp(text) {
    const instant = Date.parse(text);
    // It writes only its own strftime form: a text in another form is one it can never send.
    if (!/^\d{4}-\d\d-\d\dT/.test(text) || Number.isNaN(instant)) throw new CannotSign(`the Python example never sends the X-Timestamp ${JSON.stringify(text)}`);
    return new Date(Math.floor(instant / 1000) * 1000).toISOString().slice(0, 19) + "Z";
  },
  sent: (method, body) => ({ method: method.toUpperCase(), body }),
  signs({ method, url, body, timestamp }) {
    return Buffer.concat([Buffer.from(timestamp + method.toUpperCase() + rawTarget(url).path, "utf8"), textBody("Python", body)]);
  },
};

// ---- opterius-panel -------------------------------------------------------------------------

/** The documentation's formula HMAC-SHA256(timestamp + JSON body): no body signs the empty string. */
export const panelFormula: DocClient = {
  timestamp: (text) => text,
  sent: asGiven,
  signs: ({ body, timestamp }) => Buffer.concat([Buffer.from(timestamp, "utf8"), body]),
};
