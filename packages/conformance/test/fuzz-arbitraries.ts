// The random inputs the property tests draw from: byte strings sized to hit SHA-256's block and
// padding edges, raw URLs over a nasty alphabet, and case objects of every scheme. Shared so that
// every property (and the broken-provider test) fuzzes the same space.
import fc from "fast-check";
import type { Case, SchemeId } from "@panelsig/core";

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** Lengths around the 64-byte block edges and the 55/56-byte padding edge, and any length to 300. */
export const blockEdgeLength = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom(0, 56), fc.integer({ min: -2, max: 2 }))
    .map(([blocks, edge, delta]) => Math.max(0, blocks * 64 + edge + delta)),
  fc.integer({ min: 0, max: 300 }),
);

/** Bytes of a block-edge length, sometimes as a view at an odd offset into a larger buffer. */
export const message = fc
  .tuple(blockEdgeLength.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })), fc.integer({ min: 0, max: 3 }))
  .map(([bytes, offset]) => {
    const buffer = new Uint8Array(offset + bytes.length + 1).fill(0xa5);
    buffer.set(bytes, offset);
    return buffer.subarray(offset, offset + bytes.length);
  });

/** HMAC keys of 1 to 200 bytes, often right at or past the 64-byte block (where keys get hashed). */
export const hmacKey = fc
  .oneof(fc.constantFrom(1, 32, 63, 64, 65, 128, 131, 200), fc.integer({ min: 1, max: 200 }))
  .chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));

/** Chunk sizes for streaming a message, cycled until it is all fed. */
export const chunkSizes = fc.array(fc.integer({ min: 1, max: 130 }), { minLength: 1, maxLength: 5 });

const pick = <T extends string>(...values: T[]) => fc.constantFrom(...values);
const escape = (bytes: Uint8Array, upper: boolean) =>
  Array.from(bytes, (b) => "%" + (upper ? b.toString(16).toUpperCase() : b.toString(16)).padStart(2, "0")).join("");
const ALNUM = [..."abcdefxyzABCXYZ0189"];
const NON_ASCII = ["é", "中", "😀", "\u00a0", "ß"];

/** A percent escape of a character's UTF-8 bytes, in upper or lower case hex. */
const escapedChar = fc
  .tuple(fc.oneof(pick(...NON_ASCII, " ", "/", "?", "#", "&", "=", "+", ";", "%", "~", "*"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), fc.boolean())
  .map(([char, upper]) => escape(new TextEncoder().encode(char), upper));
/** A percent escape of any byte: may leave bytes that are not UTF-8. */
const escapedByte = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.boolean()).map(([b, upper]) => escape(Uint8Array.of(b), upper));
/** "%" not followed by two hex digits: Go refuses these in a path and drops the query pair. */
const badEscape = pick("%", "%z", "%4", "%G1", "%%", "%e4%b8");

/** One piece of a raw query: every character Go's query rules treat specially, and more. */
const queryPiece = (spaces: boolean) =>
  fc.oneof(
    { weight: 6, arbitrary: pick(...ALNUM) },
    { weight: 6, arbitrary: pick("&", "=", ";", "+", "%", "~", "*", "!", "'", "(", ")", "-", "_", ".", "/", "?", ":", "@", ",", "$", ...(spaces ? [" "] : [])) },
    { weight: 3, arbitrary: escapedChar },
    { weight: 1, arbitrary: escapedByte },
    { weight: 2, arbitrary: pick(...NON_ASCII) },
    { weight: 1, arbitrary: badEscape },
  );

const querySoup = (spaces: boolean, maxLength: number) => fc.array(queryPiece(spaces), { maxLength }).map((parts) => parts.join(""));

/** Keys from a small pool, so keys repeat, also in spellings that decode alike ("a", "%61"). */
const queryKey = (spaces: boolean) => fc.oneof(pick("a", "%61", "b", "a+b", "a%20b", "%C3%A9", "é", "~", "%7e", "", "A"), querySoup(spaces, 4));

/**
 * A raw query string (what follows "?"): a soup of the nasty alphabet, or key=value pairs with
 * repeated keys; with `spaces`, also raw spaces (which a URL cannot carry).
 */
export const rawQuery = (spaces = false) =>
  fc.oneof(
    querySoup(spaces, 24),
    fc
      .array(fc.tuple(queryKey(spaces), pick("=", "=", "", "=="), querySoup(spaces, 6), pick("&", "&", "&", ";", "&&")), { maxLength: 8 })
      .map((pairs) => pairs.map((parts) => parts.join("")).join("")),
  );

/** One path segment as sent: no "?", "#", space or "/" raw (escaped forms of all of them appear). */
const pathSegment = fc
  .array(
    fc.oneof(
      { weight: 30, arbitrary: pick(...ALNUM, "-", "_", ".", "~", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@") },
      { weight: 8, arbitrary: escapedChar },
      { weight: 1, arbitrary: escapedByte },
      { weight: 5, arbitrary: pick(...NON_ASCII) },
      { weight: 1, arbitrary: badEscape },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(""));

/** The raw path after "/api": "" or "/seg/seg…" (empty segments, "." and ".." included). */
export const pathTail = fc.array(fc.oneof({ weight: 6, arbitrary: pathSegment }, { weight: 1, arbitrary: pick("", ".", "..", "api", "ws") }), { maxLength: 4 }).map(
  (segments) => segments.map((s) => "/" + s).join(""),
);

/** AcePanel entrances as configured: none ("/"), plain, with a trailing "/", or containing "api". */
export const entrance = pick("/", "/entrance", "/e", "entrance/", "/api2", "/x/api", "/a/b");

/** A raw path under the entrance `configured`: the entrance, `api` ("/api", the only one the
 *  server checks, by default), then any tail. */
export const apiPath = (configured: string, api: fc.Arbitrary<string> = fc.constant("/api")) =>
  fc.tuple(api, pathTail).map(([a, tail]) => (configured === "/" ? "" : "/" + configured.replace(/^\/|\/$/g, "")) + a + tail);

const absolutePrefix = pick("", "", "https://panel.example.com", "http://203.0.113.7:8888");
const method = fc.oneof(pick("GET", "POST", "PUT", "DELETE", "PATCH", "get", "Post"), fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,8}$/));
const headers = fc.array(
  fc.tuple(fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/), fc.string({ unit: "grapheme", maxLength: 30 }).map((v) => v.replace(/[\r\n\0]/g, ""))),
  { maxLength: 3 },
);

/** A body as text, exact bytes, base64, or none; occasionally text with a lone surrogate (refused). */
const body = fc.oneof(
  { weight: 2, arbitrary: fc.constant({}) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 150 }).map((text) => ({ body: text })) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 2 }).map((text) => ({ body: text })) },
  { weight: 2, arbitrary: message.map((bytes) => ({ body: bytes })) },
  { weight: 1, arbitrary: message.map((bytes) => ({ bodyBase64: btoa(String.fromCharCode(...bytes)) })) },
  { weight: 1, arbitrary: fc.constant({ body: "a\ud800" }) },
);

/** Secrets as text: short, long (hashed as HMAC keys), 64 hex characters (Opterius agents). */
const secret = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 80 }),
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map(toHex),
  fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
);

const unixSeconds = fc.integer({ min: 1, max: 2 ** 40 });

/** X-Timestamp texts the AcePanel server reads as non-zero numbers, in Go's many spellings. */
const acepanelTimestamp = fc.oneof(
  { weight: 4, arbitrary: unixSeconds.map(String) },
  { weight: 1, arbitrary: unixSeconds.map((n) => `+${n}`) },
  { weight: 1, arbitrary: unixSeconds.map((n) => `0x${n.toString(16)}`) },
  { weight: 1, arbitrary: unixSeconds.map((n) => `0${n.toString(8)}`) },
  { weight: 1, arbitrary: fc.tuple(unixSeconds, fc.nat(999)).map(([n, f]) => `${n}.${f}`) },
);

/** RFC 3339 texts: the doc's "Z", the real panel's "+00:00", fractions, other offsets. */
const rfc3339Timestamp = fc
  .tuple(fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true }), pick("Z", "+00:00", ".123Z", ".5+00:00", "-07:00", "+05:30"))
  .map(([date, tail]) => date.toISOString().slice(0, 19) + tail);

const keyId = fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map(String), pick("016", "4294967312"));

const request = (path: fc.Arbitrary<string>) =>
  fc.tuple(method, absolutePrefix, path, fc.option(rawQuery(), { nil: undefined }), headers, body).map(([m, prefix, p, query, h, b]) => ({
    method: m,
    url: prefix + p + (query === undefined ? "" : "?" + query),
    headers: h,
    ...b,
  }));

/** Sign cases of one scheme; always with an explicit timestamp, so every provider signs the same. */
export function signCase(scheme: SchemeId): fc.Arbitrary<Case> {
  if (scheme === "acepanel") {
    return fc
      .tuple(entrance, fc.record({ secret, keyId }), acepanelTimestamp)
      .chain(([ent, credentials, timestamp]) =>
        request(apiPath(ent)).map((req): Case => ({ scheme, request: req, credentials, timestamp, options: { entrance: ent } })),
      );
  }
  const path = fc.tuple(pick("/account/create", "/api/accounts", "/files/list", ""), pathTail).map(([base, tail]) => base + tail || "/");
  if (scheme === "opterius-agent") {
    return fc
      .tuple(request(path), secret, rfc3339Timestamp, fc.option(pick("Z", "+00:00"), { nil: undefined }))
      .map(([req, s, timestamp, form]): Case => ({ scheme, request: req, credentials: { secret: s }, timestamp, ...(form ? { options: { timestampForm: form } } : {}) }));
  }
  return fc
    .tuple(request(path), secret, unixSeconds.map(String), fc.option(pick("{}", ""), { nil: undefined }))
    .map(([req, s, timestamp, emptyBody]): Case => ({
      scheme,
      request: req,
      credentials: { secret: s },
      timestamp,
      ...(emptyBody === undefined ? {} : { options: { emptyBody } }),
    }));
}

/** A sign case of any scheme. */
export const anySignCase = fc.oneof(signCase("opterius-agent"), signCase("opterius-panel"), signCase("acepanel"));
