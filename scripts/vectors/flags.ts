// Every flag a vector can carry, with what it tests and how bad a failure is (Wycheproof's
// "notes"). A vector file lists exactly the flags its vectors use; the README explains the
// bug types and severities.

export type BugType =
  | "BASIC"
  | "AUTH_BYPASS"
  | "FALSE_REJECT"
  | "CANONICALIZATION"
  | "INTEROP"
  | "EDGE_CASE"
  | "WRONG_ERROR"
  | "KNOWN_WEAKNESS";

export type Severity = "critical" | "high" | "medium" | "low" | "info";

export interface FlagNote {
  bugType: BugType;
  severity: Severity;
  description: string;
}

export const FLAGS = {
  Basic: {
    bugType: "BASIC",
    severity: "critical",
    description: "A plain, well-formed request. Failing it means the scheme is not implemented at all.",
  },
  DocExample: {
    bugType: "BASIC",
    severity: "critical",
    description: "The example of the scheme's documentation, with the value the documentation states.",
  },
  RealClient: {
    bugType: "FALSE_REJECT",
    severity: "high",
    description:
      "The bytes and headers the real client sends (read from its source). A verifier that rejects this rejects production traffic; a signer that differs does not interoperate.",
  },
  DocDivergence: {
    bugType: "INTEROP",
    severity: "medium",
    description:
      "The documentation's text says something other than the real receiver does (e.g. AcePanel's \"sort by key and value\"). The expected value follows the real receiver; the description says what the documentation says. What its example clients get wrong is flagged DocClient*.",
  },
  DocReading: {
    bugType: "INTEROP",
    severity: "low",
    description:
      "What a reader of the documentation would send where it differs from the real client; the reference verifier accepts it too.",
  },
  DocClientPhp: {
    bugType: "INTEROP",
    severity: "medium",
    description:
      "The AcePanel documentation's PHP example gets this vector wrong: it signs the raw path (parse_url, cut at the first /api) and the raw query, and the X-Timestamp text as sent. As a signer it produces another signature; a verifier checking signatures its way judges this one otherwise than the server.",
  },
  DocClientPython: {
    bugType: "INTEROP",
    severity: "medium",
    description:
      "The AcePanel documentation's Python example gets this vector wrong: like the PHP example it signs the raw path and query and the X-Timestamp text, and besides urlparse drops a ;params part of the last path segment, requests sends the method upper-cased, and the body must be UTF-8 text. As a signer it produces another request or signature; a verifier checking signatures its way judges this one otherwise than the server.",
  },
  DocClientNode: {
    bugType: "INTEROP",
    severity: "medium",
    description:
      "The AcePanel documentation's Node example gets this vector wrong: it signs the WHATWG URL's pathname and search (re-encoded, dot segments resolved, query unsorted), cut at the first /api, and the X-Timestamp text; axios sends the method upper-cased. As a signer it produces another request or signature; a verifier checking signatures its way judges this one otherwise than the server.",
  },
  DocClientJava: {
    bugType: "INTEROP",
    severity: "medium",
    description:
      "The AcePanel documentation's Java example gets this vector wrong: it signs java.net.URI getPath() and getQuery() (percent-decoded, query unsorted), cut at the first /api, and the X-Timestamp text; new URI() refuses malformed escapes, a GET is sent without its body, and the body must be UTF-8 text. As a signer it produces another request or signature, or none; a verifier checking signatures its way judges this one otherwise than the server.",
  },
  DocClientGo: {
    bugType: "INTEROP",
    severity: "low",
    description:
      "The AcePanel documentation's Go example gets this vector wrong. It canonicalises like the server (URL.Path, Query().Encode()) but cuts the path at the first /api instead of removing the entrance, so an entrance containing /api breaks it, and it signs the X-Timestamp text where the server signs the number it reads. As a signer it produces another signature; a verifier checking signatures its way judges this one otherwise than the server.",
  },
  DocClientAgentPython: {
    bugType: "INTEROP",
    severity: "medium",
    description:
      "The Opterius Agent documentation's Python example gets this vector wrong: it writes X-Timestamp as YYYY-MM-DDTHH:MM:SSZ (never +00:00 as the real panel does, never fractions), signs method.upper() and the path as written (the Agent compares the percent-decoded path), and takes the body as UTF-8 text. As a signer it produces another request or signature; a verifier checking signatures its way judges this one otherwise than the Agent.",
  },
  DocClientPanelFormula: {
    bugType: "INTEROP",
    severity: "low",
    description:
      "A signer written from the Opterius Commerce documentation's formula HMAC-SHA256(timestamp + JSON body) (the documentation has no example code) gets this vector wrong: for a call without a body it signs the empty string where the real client signs {}.",
  },
  Diagnosis: {
    bugType: "WRONG_ERROR",
    severity: "info",
    description:
      "Signed with one known client mistake; expected.diagnosis names it (its id, the signature received, what the client signed). The verdict is the plain signature mismatch; the diagnosis is optional for ports, and compared when both sides give one.",
  },
  Tampering: {
    bugType: "AUTH_BYPASS",
    severity: "critical",
    description: "One signed component of a correctly signed request was changed afterwards. Accepting it lets anyone alter a request.",
  },
  UnsignedComponent: {
    bugType: "KNOWN_WEAKNESS",
    severity: "info",
    description:
      "A part of the request the scheme does not sign (opterius-agent: the query; opterius-panel: method and path; acepanel: the entry prefix). Changing it keeps the signature valid: correct, and a weakness of the scheme to be aware of.",
  },
  NoSeparator: {
    bugType: "KNOWN_WEAKNESS",
    severity: "medium",
    description:
      "opterius-agent's string to sign has no separator between PATH and BODY: POST /files/delete/www with no body, POST /files/delete with the body /www and POST /f with iles/delete/www carry one signature. Correct, and a weakness of the scheme.",
  },
  Replay: {
    bugType: "KNOWN_WEAKNESS",
    severity: "info",
    description:
      "A signature captured from one call stays valid for another call inside the window, because what differs between them is not signed. Valid by the scheme; only a replay guard can soften it.",
  },
  ReplayGuard: {
    bugType: "AUTH_BYPASS",
    severity: "high",
    description:
      "opterius-panel's replay guard (context.acceptedSignatures, the signatures the receiver has already accepted inside the window): a request carrying one of them is refused (replayed, 401), whatever method and path it is sent to; any other signature passes. The guard counts only requests that pass every other check.",
  },
  BodyLimit: {
    bugType: "EDGE_CASE",
    severity: "medium",
    description:
      "The receiver's body limit (context.maxBodyBytes): a body of exactly the limit passes, one byte more is body_too_large (413). The limit counts the bytes received, and is checked only once the checks that need no body have passed, before the signature.",
  },
  QueryCanonicalization: {
    bugType: "CANONICALIZATION",
    severity: "high",
    description:
      "The query as the AcePanel server re-encodes it (Go url.ParseQuery then Values.Encode): pairs dropped, keys sorted by decoded bytes, repeated values kept in order, QueryEscape.",
  },
  EntranceStripping: {
    bugType: "CANONICALIZATION",
    severity: "high",
    description:
      "The AcePanel entry prefix: normalised from the configuration, removed once from the decoded path; a path outside it never reaches the signature check.",
  },
  FragmentInTarget: {
    bugType: "CANONICALIZATION",
    severity: "medium",
    description:
      "A \"#\" in the request-target: Go's server keeps it (in the raw query, or in the path before any \"?\"), so it is signed; an absolute URL's fragment is never sent, so it is not.",
  },
  PathDecoding: {
    bugType: "CANONICALIZATION",
    severity: "high",
    description: "The signed path is the percent-decoded path, with nothing else normalised (trailing slash, //, dot segments kept).",
  },
  Method: {
    bugType: "CANONICALIZATION",
    severity: "medium",
    description: "The method is signed exactly as sent, case included.",
  },
  Unicode: {
    bugType: "CANONICALIZATION",
    severity: "medium",
    description: "Non-ASCII text in a path, query, body or secret, signed as its UTF-8 bytes.",
  },
  UnicodeNormalization: {
    bugType: "CANONICALIZATION",
    severity: "medium",
    description: "The NFC and NFD forms of the same text are different bytes and different signatures: no implementation may normalise.",
  },
  EmptyBody: {
    bugType: "CANONICALIZATION",
    severity: "high",
    description: "No body, an empty body, and each scheme's rule for them (opterius-panel signs {} when no body is sent).",
  },
  GetWithBody: {
    bugType: "EDGE_CASE",
    severity: "medium",
    description: "A GET that carries a body: the body is signed like any other.",
  },
  JsonBytes: {
    bugType: "CANONICALIZATION",
    severity: "high",
    description:
      "The same value serialised by PHP json_encode and by JavaScript JSON.stringify: different bytes, different signatures. Sign and verify the bytes sent, never a re-serialised value.",
  },
  BinaryBody: {
    bugType: "EDGE_CASE",
    severity: "medium",
    description: "A body that is not UTF-8 text (given as bodyBase64), signed as raw bytes.",
  },
  BlockEdge: {
    bugType: "EDGE_CASE",
    severity: "high",
    description: "Body lengths around SHA-256's 64-byte block and its padding edge: 55, 56, 63, 64, 65, 119 and 120 bytes.",
  },
  LargeBody: {
    bugType: "EDGE_CASE",
    severity: "medium",
    description: "A body of 1 MiB, stored compactly as a repeat rule (request.bodyRepeat).",
  },
  SecretEncoding: {
    bugType: "INTEROP",
    severity: "high",
    description: "The secret is the HMAC key as UTF-8 text: never hex- or base64-decoded, whatever it looks like; any length.",
  },
  SignatureEncoding: {
    bugType: "INTEROP",
    severity: "low",
    description: "The signature travels as lower-case hex; other spellings of the same bytes.",
  },
  TimestampFormat: {
    bugType: "INTEROP",
    severity: "high",
    description: "The X-Timestamp text is signed verbatim: the same instant written differently signs differently.",
  },
  TimestampParse: {
    bugType: "EDGE_CASE",
    severity: "medium",
    description: "How the receiver reads the X-Timestamp text: accepted forms, rejected forms and what each parses to.",
  },
  Window: {
    bugType: "AUTH_BYPASS",
    severity: "high",
    description: "Timestamps exactly at the edge of the allowed window, one second past it, and in the future.",
  },
  MissingHeader: {
    bugType: "AUTH_BYPASS",
    severity: "high",
    description: "A header the scheme requires is missing or empty.",
  },
  HeaderLookup: {
    bugType: "FALSE_REJECT",
    severity: "medium",
    description: "Header names match case-insensitively; when a header is repeated the first value counts (Go's Header.Get).",
  },
  AuthorizationHeader: {
    bugType: "INTEROP",
    severity: "medium",
    description:
      "Spellings of the AcePanel Authorization header as the server's Go fmt.Sscanf(h, \"%s Credential=%d, Signature=%s\") reads them, with the exact scan error in the message.",
  },
  Algorithm: {
    bugType: "AUTH_BYPASS",
    severity: "high",
    description: "The algorithm field must be exactly HMAC-SHA256 (case-sensitive).",
  },
  KeyId: {
    bugType: "AUTH_BYPASS",
    severity: "critical",
    description:
      "Token ids are 64-bit unsigned integers: an id must match exactly, never after truncation to 32 bits or rounding to a JavaScript number.",
  },
  TokenExpiry: {
    bugType: "AUTH_BYPASS",
    severity: "high",
    description: "The token's expiry, checked before the signature.",
  },
  CheckOrder: {
    bugType: "WRONG_ERROR",
    severity: "low",
    description: "Two or more failures at once: the answer is the first failing check in the real receiver's order.",
  },
  IpWhitelist: {
    bugType: "AUTH_BYPASS",
    severity: "high",
    description: "The token's IP whitelist: exact entries compared as text, CIDR blocks (IPv4, IPv6, IPv4-mapped), and what never matches.",
  },
  IpHeader: {
    bugType: "AUTH_BYPASS",
    severity: "high",
    description:
      "Where the client address comes from when the panel trusts an IP header: its first element as ip:port, and the server's fall-back to the peer address with its port.",
  },
  PublicPath: {
    bugType: "FALSE_REJECT",
    severity: "low",
    description:
      "Paths the AcePanel server never checks (login and similar, /webhook/…, /download/…, /robots.txt, non-API paths a session reaches): a request there passes whatever it carries.",
  },
  WebSocket: {
    bugType: "AUTH_BYPASS",
    severity: "medium",
    description: "A token-signed request under /api/ws (a plain prefix test on the decoded path) is refused with 403.",
  },
  Locale: {
    bugType: "WRONG_ERROR",
    severity: "low",
    description: "Every message in each locale the server ships: en, zh_CN (the shipped default configuration's) and zh_TW.",
  },
  Rfc4231: {
    bugType: "BASIC",
    severity: "critical",
    description: "The HMAC-SHA-256 test cases of RFC 4231, with the tags it states.",
  },
  KeyLength: {
    bugType: "EDGE_CASE",
    severity: "high",
    description: "Keys shorter than, equal to and longer than the 64-byte block (a longer key is hashed first), including the empty key.",
  },
  MessageLength: {
    bugType: "EDGE_CASE",
    severity: "high",
    description: "Messages whose length puts the inner hash on a SHA-256 block or padding edge.",
  },
  Truncation: {
    bugType: "BASIC",
    severity: "low",
    description: "A tag truncated on purpose, valid at the stated tagSize (RFC 4231 case 5).",
  },
  ModifiedTag: {
    bugType: "AUTH_BYPASS",
    severity: "critical",
    description: "The correct tag with one bit flipped.",
  },
  TruncatedTag: {
    bugType: "AUTH_BYPASS",
    severity: "critical",
    description: "A prefix of the correct tag offered as a full-length tag: a comparison that stops at the shorter length accepts it.",
  },
  ZeroTag: {
    bugType: "AUTH_BYPASS",
    severity: "critical",
    description: "An all-zero or empty tag.",
  },
  WrongInput: {
    bugType: "AUTH_BYPASS",
    severity: "critical",
    description: "The correct tag of a different key or a different message.",
  },
} as const satisfies Record<string, FlagNote>;

export type FlagName = keyof typeof FLAGS;
