// One HTTP/1.x request read from raw bytes the way the real receivers' Go servers read it
// (net/http's conn.readRequest and ReadRequest, textproto's ReadMIMEHeader, the transfer and
// chunked readers): nothing normalised, so what `panelsig serve` checks is what a Go receiver
// would check. Node's, Deno's and Bun's own HTTP servers each refuse or change requests Go
// accepts (lower-case methods, the absolute form, raw non-ASCII bytes, duplicate headers), which
// is why serve reads the socket itself.
//
// Text is held as binary strings (one char per byte), as Go holds it. Every step is linear in the
// bytes read; the head is limited to Go's 1 MiB (+ its 4 KiB read-ahead), the body kept to the
// caller's limit + 1 byte (the rest is left unread and the connection closed after the answer).

import type { HeaderPair } from "@panelsig/core";
import { newLineScan, type Incoming } from "./serve-incoming.ts";

/** A request as received. */
export interface RawRequest {
  method: string;
  /** The request-target exactly as sent. */
  target: string;
  /** 0 for HTTP/1.0, 1 (or more) for HTTP/1.1. */
  minor: number;
  headers: HeaderPair[];
  /** What Go's Request.Host is: the host of an absolute-form target, else the Host header ("" when none). */
  host: string;
  body: Uint8Array;
  /** The body was longer than the limit: only limit + 1 bytes were read, the rest is unread. */
  bodyCut: boolean;
  /** The connection stays open after the answer (HTTP/1.1 without "Connection: close", or 1.0 with keep-alive). */
  keepAlive: boolean;
}

/** How Go's server answers a request it cannot read: its status line and plain-text body; it then closes. */
export interface HttpFailure {
  failure: string;
  body: string;
  /** Go sends no answer at all (the client went away mid-request). */
  silent?: boolean;
  /** "METHOD target" when the head had been read. */
  request?: string;
}

/** Go's http.DefaultMaxHeaderBytes, plus the 4096 bytes its reader may have read ahead. */
export const MAX_HEAD_BYTES = (1 << 20) + 4096;
/** Go's chunked reader refuses a chunk-size line longer than this. */
const MAX_CHUNK_LINE = 4096;

const BAD_REQUEST = "400 Bad Request";
const fail = (failure: string, body = failure): HttpFailure => ({ failure, body });
const gone: HttpFailure = { failure: BAD_REQUEST, body: "", silent: true };
const badRequest = (why?: string) => fail(why ? `${BAD_REQUEST}: ${why}` : BAD_REQUEST);

// RFC 9110 token characters, what Go's validMethod and header-name checks accept.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// A header value may not hold control characters other than tab (Go's validHeaderValueByte).
const BAD_VALUE = /[\x00-\x08\x0a-\x1f\x7f]/;
// Go's url.ParseRequestURI refuses control bytes in a target.
const CTL = /[\x00-\x1f\x7f]/;
// Go's httpguts.ValidHostHeader.
const HOST = /^[0-9A-Za-z!$%&'()*+,\-.:;=\[\]_~]*$/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const VERSION = /^HTTP\/(\d)\.(\d)$/;

/**
 * Reads the next request on a connection: undefined when the client closed it between requests,
 * an HttpFailure when Go's server would refuse it.
 */
export async function readRequest(input: Incoming, maxBodyBytes: number, sendContinue: () => void): Promise<RawRequest | HttpFailure | undefined> {
  // Between requests on a connection nothing is buffered: wait for the next one's first bytes, then
  // take its head at once when it came whole (the common case), else line by line.
  if (input.length === 0 && !(await input.more())) return undefined;
  const lines = input.head(MAX_HEAD_BYTES) ?? (await readHeadLines(input));
  if (!Array.isArray(lines)) return lines;
  const head = parseHead(lines);
  if ("failure" in head) return head;
  const body = head.length === 0 && head.expect === "" ? NO_BODY : await readBody(input, head, maxBodyBytes, sendContinue);
  if ("failure" in body) return { ...body, request: `${head.method} ${head.target}` };
  const { method, target, minor, headers, host, keepAlive } = head;
  return { method, target, minor, headers, host, body: body.body, bodyCut: body.bodyCut, keepAlive };
}

const NO_BODY: Body = { body: new Uint8Array(0), bodyCut: false };

/** The head line by line, as the bytes arrive (when it did not come whole in one chunk). */
async function readHeadLines(input: Incoming): Promise<string[] | HttpFailure | undefined> {
  let budget = MAX_HEAD_BYTES;
  const lines: string[] = [];
  const scan = newLineScan();
  for (;;) {
    const line = input.line(budget, scan);
    if (line === null) return fail("431 Request Header Fields Too Large");
    if (line === undefined) {
      if (!(await input.more())) return lines.length === 0 && input.length === 0 ? undefined : gone;
      continue;
    }
    budget -= line.length + 1;
    if (line === "" && lines.length > 0) return lines;
    lines.push(line);
  }
}

type Head = Omit<RawRequest, "body" | "bodyCut"> & { length: number | "chunked"; expect: string };

function parseHead(lines: string[]): Head | HttpFailure {
  const requestLine = lines[0]!;
  const sp1 = requestLine.indexOf(" ");
  const sp2 = sp1 < 0 ? -1 : requestLine.indexOf(" ", sp1 + 1);
  if (sp2 < 0) return badRequest();
  const method = requestLine.slice(0, sp1);
  const target = requestLine.slice(sp1 + 1, sp2);
  const version = VERSION.exec(requestLine.slice(sp2 + 1));
  if (!TOKEN.test(method) || !version) return badRequest();
  if (version[1] !== "1") return fail("505 HTTP Version Not Supported: unsupported protocol version");
  const minor = Number(version[2]);
  const url = parseTarget(method, target);
  if (!url) return badRequest();

  const headers: HeaderPair[] = [];
  for (let i = 1; i < lines.length; i++) {
    const field = lines[i]!;
    if (field.charCodeAt(0) === 32 || field.charCodeAt(0) === 9) {
      // An obsolete folded line continues the previous value (Go joins them with one space).
      if (headers.length === 0) return badRequest();
      const last = headers[headers.length - 1]!;
      last[1] = trimmed(last[1] === "" ? field : `${last[1]} ${trimmed(field)}`);
      continue;
    }
    const colon = field.indexOf(":");
    if (colon <= 0) return badRequest();
    const name = field.slice(0, colon);
    if (!TOKEN.test(name)) return badRequest();
    headers.push([name, trimmed(field.slice(colon + 1))]);
  }
  // The headers the server itself reads, found in one pass.
  const hosts: string[] = [];
  const transferEncodings: string[] = [];
  const lengths: string[] = [];
  const connection: string[] = [];
  let expect: string | undefined;
  for (const [name, value] of headers) {
    if (BAD_VALUE.test(value)) return badRequest();
    const n = name.length;
    if (n !== 4 && n !== 6 && n !== 10 && n !== 14 && n !== 17) continue;
    const lower = name.toLowerCase();
    if (lower === "host") hosts.push(value);
    else if (lower === "transfer-encoding") transferEncodings.push(value);
    else if (lower === "content-length") lengths.push(value);
    else if (lower === "connection") connection.push(value);
    else if (lower === "expect") expect ??= value;
  }
  if (hosts.length > 1) return badRequest();
  if (minor >= 1 && hosts.length === 0 && method !== "CONNECT") return badRequest("missing required Host header");
  if (hosts.length === 1 && !HOST.test(hosts[0]!)) return badRequest("malformed Host header");

  let length: number | "chunked" = 0;
  if (minor >= 1 && transferEncodings.length > 0) {
    if (transferEncodings.length > 1 || transferEncodings[0]!.toLowerCase() !== "chunked") return fail("501 Not Implemented", "Unsupported transfer encoding");
    length = "chunked";
  } else if (lengths.length > 0) {
    if (lengths.some((l) => l !== lengths[0])) return badRequest();
    if (!/^[0-9]{1,19}$/.test(lengths[0]!) || BigInt(lengths[0]!) >= 1n << 63n) return badRequest();
    length = Number(lengths[0]);
  }
  const tokens = connection.length === 0 ? [] : connection.join(",").toLowerCase().split(",").map((t) => t.trim());
  const keepAlive = minor === 0 ? tokens.includes("keep-alive") && !tokens.includes("close") : !tokens.includes("close");
  return { method, target, minor, headers, host: url.host ?? hosts[0] ?? "", keepAlive, length, expect: expect ?? "" };
}

/**
 * What Go's url.ParseRequestURI accepts, and the host of an absolute-form target; undefined where
 * it returns an error (Go's server then answers 400).
 */
function parseTarget(method: string, target: string): { host?: string } | undefined {
  if (target === "" || CTL.test(target)) return undefined;
  if (method === "CONNECT" && !target.startsWith("/")) return { host: target };
  if (target === "*") return {};
  const scheme = target.charCodeAt(0) === 47 ? null : SCHEME.exec(target); // "/": the origin form
  if (target.startsWith(":")) return undefined;
  let rest = scheme ? target.slice(scheme[0].length) : target;
  const q = rest.indexOf("?");
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith("/")) return scheme ? {} : undefined;
  let host: string | undefined;
  if (scheme && rest.startsWith("//")) {
    const end = rest.indexOf("/", 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    host = authority.slice(authority.lastIndexOf("@") + 1);
    if (!validHost(host)) return undefined;
    rest = end < 0 ? "" : rest.slice(end);
  }
  if (!validEscapes(rest)) return undefined;
  return { host };
}

/** Go's parseHost: a bracketed IPv6 literal or a name, then an optional all-digit port. */
function validHost(host: string): boolean {
  const portAt = host.startsWith("[") ? host.indexOf("]") + 1 : host.lastIndexOf(":");
  if (host.startsWith("[") && portAt === 0) return false;
  if (portAt <= 0 || portAt >= host.length) return true;
  return host[portAt] === ":" && /^[0-9]*$/.test(host.slice(portAt + 1));
}

/** Every "%" followed by two hex digits: Go's unescape of a path fails otherwise. */
function validEscapes(path: string): boolean {
  for (let i = path.indexOf("%"); i >= 0; i = path.indexOf("%", i + 1)) {
    if (!/^[0-9A-Fa-f]{2}$/.test(path.slice(i + 1, i + 3))) return false;
  }
  return true;
}

/** Spaces and tabs (and stray CR/LF) cut from both ends, in one pass from each side. */
function trimmed(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isSpace(value.charCodeAt(start))) start++;
  while (end > start && isSpace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

type Body = { body: Uint8Array; bodyCut: boolean };

async function readBody(input: Incoming, head: Head, maxBodyBytes: number, sendContinue: () => void): Promise<Body | HttpFailure> {
  // Go answers "Expect: 100-continue" when the body is first read, and any other expectation with 417.
  if (head.expect !== "") {
    if (head.expect.toLowerCase() !== "100-continue" || head.minor === 0 || head.length === 0) return fail("417 Expectation Failed", "");
    sendContinue();
  }
  if (head.length === 0) return { body: new Uint8Array(0), bodyCut: false };
  const keep = maxBodyBytes + 1;
  const kept: Buffer[] = [];
  let keptBytes = 0;
  const collect = async (n: number): Promise<boolean> => {
    let left = n;
    while (left > 0) {
      if (input.length === 0 && !(await input.more())) return false;
      const piece = input.take(Math.min(left, keep - keptBytes));
      left -= piece.length;
      keptBytes += piece.length;
      kept.push(piece);
      if (keptBytes >= keep) return true;
    }
    return true;
  };
  const done = (): Body => ({ body: kept.length === 1 ? kept[0]! : Buffer.concat(kept, keptBytes), bodyCut: keptBytes >= keep });
  if (head.length !== "chunked") {
    return (await collect(head.length)) ? done() : gone;
  }
  for (;;) {
    const sizeLine = await nextLine(input, MAX_CHUNK_LINE);
    if (typeof sizeLine !== "string") return sizeLine;
    const size = chunkSize(sizeLine);
    if (size === undefined) return badRequest();
    if (size === 0) break;
    if (!(await collect(size))) return gone;
    if (keptBytes >= keep) return done();
    const end = await nextLine(input, 2);
    if (end !== "") return typeof end === "string" ? badRequest() : end;
  }
  // The trailer: header lines up to an empty one, read and dropped as Go drops them from the body.
  for (let budget = MAX_CHUNK_LINE; ; ) {
    const line = await nextLine(input, budget);
    if (typeof line !== "string") return line;
    if (line === "") return done();
    budget -= line.length + 1;
  }
}

async function nextLine(input: Incoming, budget: number): Promise<string | HttpFailure> {
  const scan = newLineScan();
  for (;;) {
    const line = input.line(budget, scan);
    if (line === null) return badRequest();
    if (line !== undefined) return line;
    if (!(await input.more())) return gone;
  }
}

/** Go's chunked reader: hex digits (at most 16) before any ";extension", spaces after them dropped. */
function chunkSize(line: string): number | undefined {
  const semi = line.indexOf(";");
  const hex = trimmed(semi < 0 ? line : line.slice(0, semi));
  if (!/^[0-9A-Fa-f]{1,16}$/.test(hex)) return undefined;
  const size = Number.parseInt(hex, 16);
  return Number.isSafeInteger(size) ? size : undefined;
}
