// Properties 3-5, on every provider: a signed request verifies, with the signer's intermediates;
// any single change to what a scheme signs fails with that change's reason code (and a change to
// what it does not sign — opterius-panel's method and path, opterius-agent's query, AcePanel's
// spelling of X-Timestamp — does not); and the verifier answers, never throws, whatever arrives.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  acepanelTimestampValue,
  fromBase64,
  MemoryReplayStore,
  SCHEME_IDS,
  parseRfc3339,
  toBase64,
  utf8,
  verifyHttpWith,
  type Case,
  type HeaderPair,
  type HttpMessage,
  type ReasonCode,
  type SchemeId,
  type SignResult,
  type VerifyContext,
  type VerifyOptions,
  type VerifyResult,
} from "@panelsig/core";
import { PROVIDERS } from "@panelsig/conformance";
import { apiPath, entrance, message, pathTail, rawQuery, signCase } from "./fuzz-arbitraries.ts";
import { signOutcome } from "./fuzz-agreement.ts";
import { FUZZ_TIMEOUT_MS, fuzzParameters } from "./fuzz-settings.ts";

const REASON_CODES = [
  "missing_headers", "malformed_authorization", "unsupported_algorithm", "unknown_key", "token_expired",
  "signature_mismatch", "timestamp_invalid", "timestamp_expired", "timestamp_in_future", "ip_not_allowed",
  "websocket_not_allowed", "entrance_mismatch", "body_too_large", "replayed",
];

/** Providers drawn by name, so a counterexample prints "node", not the provider's code. */
const providerName = fc.constantFrom(...PROVIDERS.map((p) => p.name));
const byName = (name: string) => PROVIDERS.find((p) => p.name === name)!;

/** The receiver's clock set to the moment the request was signed. */
function contextAtSigning(input: Case): VerifyContext {
  const text = String(input.timestamp);
  if (input.scheme === "acepanel") return { now: Number(acepanelTimestampValue(text)), entrance: input.options?.entrance ?? "/" };
  return { now: input.scheme === "opterius-agent" ? parseRfc3339(text)! : Number(text) };
}

/** The request as it arrives: the signer's headers first, then the request's own. */
function received(input: Case, signed: SignResult): Case {
  return {
    scheme: input.scheme,
    op: "verify",
    request: { ...input.request, headers: [...signed.headers, ...(input.request.headers ?? [])] },
    credentials: input.credentials,
    context: contextAtSigning(input),
  };
}

/** A case, the provider that signs it and the one that verifies it. */
const signed = (scheme: SchemeId) =>
  fc.tuple(signCase(scheme), providerName, providerName).map(([input, signer, verifier]) => ({ input, signer, verifier }));

/** The signer's result, or undefined for a case it refuses (such runs are skipped by fc.pre). */
async function sign(input: Case, signer: string): Promise<SignResult | undefined> {
  const outcome = await signOutcome(byName(signer), input);
  return "signature" in outcome ? outcome : undefined;
}

/** AcePanel's canonical path, read off the canonical request ("METHOD\nPATH\nQUERY\nHASH"). */
const acepanelPath = (input: Case, result: SignResult) => result.canonicalRequest!.slice(input.request.method.length + 1);

describe("fuzz: sign then verify", () => {
  for (const scheme of SCHEME_IDS) {
    it(`${scheme}: a signed request verifies, and the verifier's intermediates are the signer's`, async () => {
      await fc.assert(
        fc.asyncProperty(signed(scheme), async ({ input, signer, verifier }) => {
          const result = await sign(input, signer);
          fc.pre(result !== undefined);
          const verified = await byName(verifier).verify(received(input, result!));
          if (scheme === "acepanel" && acepanelPath(input, result!).startsWith("/api/ws")) {
            expect(verified).toMatchObject({ valid: false, error: "websocket_not_allowed", status: 403 });
            return;
          }
          expect(verified).toEqual({
            valid: true,
            canonicalRequest: result!.canonicalRequest,
            stringToSign: result!.stringToSign,
            stringToSignBase64: result!.stringToSignBase64,
            expectedSignature: result!.signature,
          });
        }),
        fuzzParameters(),
      );
    }, FUZZ_TIMEOUT_MS);
  }
});

// ---- property 4: single changes ----

type Expected = ReasonCode | "valid";
interface Change {
  what: string;
  /** The reason code per scheme; a scheme left out does not have this component. */
  expected: Partial<Record<SchemeId, Expected>>;
  /** The changed received case, or undefined when this case has nothing to change. */
  apply(c: Case, n: number): Case | undefined;
}

const withRequest = (c: Case, request: Partial<Case["request"]>): Case => ({ ...c, request: { ...c.request, ...request } });

/** Replaces the first header named `name` (the signer's, which come first). */
function withHeader(c: Case, name: string, change: (value: string) => string): Case {
  const headers = [...c.request.headers!];
  const i = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
  headers[i] = [headers[i]![0], change(headers[i]![1])] as HeaderPair;
  return withRequest(c, { headers });
}

/** Where the raw path ends in the URL (the query, if any, starts there). */
const pathEnd = (url: string) => (url.includes("?") ? url.indexOf("?") : url.length);

function bodyBytes(request: Case["request"]): Uint8Array {
  if (request.bodyBase64 !== undefined) return fromBase64(request.bodyBase64)!;
  if (typeof request.body === "string") return utf8(request.body);
  return request.body ?? new Uint8Array(0);
}

/** Another body: one bit flipped, the last byte dropped, or a byte added. */
function changedBody(bytes: Uint8Array, n: number): Uint8Array {
  const kind = bytes.length === 0 ? 2 : n % 3;
  if (kind === 0) return bytes.map((b, i) => (i === (n >> 2) % bytes.length ? b ^ (1 << (n % 8)) : b));
  if (kind === 1) return bytes.slice(0, -1);
  return Uint8Array.from([...bytes, n & 0xff]);
}

/** One hex digit of the signature replaced by another. */
function changedHex(hex: string, n: number): string {
  const i = n % hex.length;
  const digits = "0123456789abcdef".replace(hex[i]!, "");
  return hex.slice(0, i) + digits[n % digits.length] + hex.slice(i + 1);
}

/** The same RFC 3339 instant spelled differently: a zero fraction added before the zone. */
function respelledRfc3339(text: string): string {
  const zone = text.search(/(Z|[+-]\d\d:\d\d)$/);
  return text.slice(0, zone) + (text.includes(".") ? "0" : ".0") + text.slice(zone);
}

const MISMATCH = "signature_mismatch";
const UINT64_MAX = (1n << 64n) - 1n;
const CHANGES: Change[] = [
  {
    what: "method",
    expected: { "opterius-agent": MISMATCH, "opterius-panel": "valid", acepanel: MISMATCH },
    apply: (c) => {
      const m = c.request.method;
      const first = m[0]!;
      const other = first.toUpperCase() !== first ? first.toUpperCase() : first.toLowerCase() !== first ? first.toLowerCase() : first + "X";
      return withRequest(c, { method: other + m.slice(1) });
    },
  },
  {
    what: "path",
    expected: { "opterius-agent": MISMATCH, "opterius-panel": "valid", acepanel: MISMATCH },
    apply: (c) => {
      const url = c.request.url;
      return withRequest(c, { url: url.slice(0, pathEnd(url)) + "/x" + url.slice(pathEnd(url)) });
    },
  },
  {
    what: "query (a pair added)",
    expected: { "opterius-agent": "valid", "opterius-panel": "valid", acepanel: MISMATCH },
    apply: (c) => withRequest(c, { url: c.request.url + (c.request.url.includes("?") ? "&" : "?") + "panelsig=1" }),
  },
  {
    what: "body",
    expected: { "opterius-agent": MISMATCH, "opterius-panel": MISMATCH, acepanel: MISMATCH },
    apply: (c, n) => {
      const { body: _, bodyBase64: __, ...request } = c.request;
      return { ...c, request: { ...request, bodyBase64: toBase64(changedBody(bodyBytes(c.request), n)) } };
    },
  },
  {
    what: "timestamp (another instant, inside the window)",
    expected: { "opterius-panel": MISMATCH, acepanel: MISMATCH },
    apply: (c) =>
      c.scheme === "acepanel"
        ? withHeader(c, "X-Timestamp", (t) => String(acepanelTimestampValue(t) + 1n))
        : withHeader(c, "X-Timestamp", (t) => String(BigInt(t) + 1n)),
  },
  {
    what: "timestamp (the same instant, spelled differently)",
    // The Opterius receivers sign the header text; AcePanel signs the number it reads.
    expected: { "opterius-agent": MISMATCH, "opterius-panel": MISMATCH, acepanel: "valid" },
    apply: (c) =>
      withHeader(c, "X-Timestamp", (t) =>
        c.scheme === "acepanel" ? `+${acepanelTimestampValue(t)}.000` : c.scheme === "opterius-panel" ? "0" + t : respelledRfc3339(t),
      ),
  },
  {
    what: "signature (one hex digit)",
    expected: { "opterius-agent": MISMATCH, "opterius-panel": MISMATCH, acepanel: MISMATCH },
    apply: (c, n) =>
      c.scheme === "acepanel"
        ? withHeader(c, "Authorization", (a) => a.replace(/Signature=([0-9a-f]+)$/, (_, hex: string) => `Signature=${changedHex(hex, n)}`))
        : withHeader(c, "X-Signature", (hex) => changedHex(hex, n)),
  },
  {
    what: "signature (upper-case hex)",
    expected: { acepanel: MISMATCH },
    apply: (c) => {
      const changed = withHeader(c, "Authorization", (a) => a.replace(/Signature=([0-9a-f]+)$/, (_, hex: string) => `Signature=${hex.toUpperCase()}`));
      return JSON.stringify(changed) === JSON.stringify(c) ? undefined : changed;
    },
  },
  {
    what: "the receiver's secret",
    expected: { "opterius-agent": MISMATCH, "opterius-panel": MISMATCH, acepanel: MISMATCH },
    apply: (c) => ({ ...c, credentials: { ...c.credentials, secret: c.credentials.secret + "x" } }),
  },
  {
    what: "key id",
    expected: { acepanel: "unknown_key" },
    // another id (one less at 2^64-1: one more would not scan as a 64-bit id at all)
    apply: (c) =>
      withHeader(c, "Authorization", (a) => a.replace(/Credential=(\d+),/, (_, id: string) => `Credential=${BigInt(id) === UINT64_MAX ? UINT64_MAX - 1n : BigInt(id) + 1n},`)),
  },
  {
    what: "algorithm",
    expected: { acepanel: "unsupported_algorithm" },
    apply: (c) => withHeader(c, "Authorization", (a) => a.replace(/^HMAC-SHA256 /, "hmac-sha256 ")),
  },
];

describe("fuzz: a single change to a signed request", () => {
  for (const scheme of SCHEME_IDS) {
    const changes = CHANGES.filter((change) => change.expected[scheme] !== undefined);
    it(`${scheme}: ${changes.map((c) => c.what).join(", ")}: each gives its reason code`, async () => {
      await fc.assert(
        fc.asyncProperty(signed(scheme), fc.constantFrom(...changes.map((c) => c.what)), fc.nat(), async ({ input, signer, verifier }, what, n) => {
          const change = changes.find((c) => c.what === what)!;
          const result = await sign(input, signer);
          fc.pre(result !== undefined && !(scheme === "acepanel" && acepanelPath(input, result).startsWith("/api/ws")));
          const changed = change.apply(received(input, result!), n);
          fc.pre(changed !== undefined);
          const verified = await byName(verifier).verify(changed!);
          const expected = change.expected[scheme];
          expect(`${change.what}: ${verified.valid ? "valid" : verified.error}`).toBe(`${change.what}: ${expected}`);
        }),
        fuzzParameters(),
      );
    }, FUZZ_TIMEOUT_MS);
  }

  it("opterius-panel: method and path are not covered, so a signature is good for any endpoint", async () => {
    await fc.assert(
      fc.asyncProperty(signed("opterius-panel"), fc.constantFrom("GET", "POST", "DELETE"), pathTail, async ({ input, signer, verifier }, method, path) => {
        const result = await sign(input, signer);
        fc.pre(result !== undefined);
        const elsewhere = withRequest(received(input, result!), { method, url: "/api/accounts" + path });
        expect(await byName(verifier).verify(elsewhere)).toMatchObject({ valid: true });
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});

// ---- property 5: the verifier answers whatever arrives ----

/** Strings of any bytes, as HTTP servers hand them out (one char per byte). */
const binary = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength });
const hex64 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(""));

/** Header values near the real ones, and anything. */
const headerValue = fc.oneof(
  binary(40),
  fc.tuple(fc.constantFrom("HMAC-SHA256", "hmac-sha256", "", "HMAC-SHA256\u00a0"), fc.constantFrom("Credential=", "Credential= ", "Credential=+", ""), fc.oneof(fc.bigInt({ min: 0n, max: 1n << 70n }).map(String), binary(4)), fc.constantFrom(", Signature=", ",Signature=", " , Signature=", ""), fc.oneof(hex64, binary(8)))
    .map((parts) => parts.join("")),
  fc.constantFrom("1700000000", "+1700000000", "0x6553f100", "1_700_000_000", "1.7e9", "99999999999999999999999", "-1", " 1700000000 ", "2026-04-08T14:32:00Z", "2026-02-30T00:00:00+00:00", "9999-12-31T23:59:59.999999999-23:59"),
  hex64,
);
const headerName = fc.oneof(fc.constantFrom("X-Timestamp", "x-timestamp", "Authorization", "AUTHORIZATION", "X-Signature", "X-Forwarded-For", "Content-Type"), binary(12));

/** A body in memory, as an async iterable of chunks, or as a Web ReadableStream. */
const bodySource = fc.tuple(message, fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 4 }), fc.constantFrom("bytes", "iterable", "stream")).map(([bytes, sizes, form]) => {
  const chunks: Uint8Array[] = [];
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    chunks.push(bytes.slice(offset, offset + sizes[i % sizes.length]!));
    offset += sizes[i % sizes.length]!;
  }
  if (form === "bytes") return bytes;
  if (form === "iterable") return (async function* () { yield* chunks; })();
  return new ReadableStream<Uint8Array>({ start(controller) { for (const chunk of chunks) controller.enqueue(chunk); controller.close(); } });
});

const target = fc.oneof(
  binary(40),
  fc.tuple(entrance.chain((e) => apiPath(e)), fc.option(rawQuery(true), { nil: undefined })).map(([p, q]) => (q === undefined ? p : `${p}?${q}`)),
  fc.tuple(fc.constantFrom("http://h", "https://h:1/", "//", "*", "/"), binary(20)).map(([a, b]) => a + b),
);

const options = (scheme: SchemeId): fc.Arbitrary<VerifyOptions> => {
  const common = { now: fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }), fc.double({ noNaN: true, noDefaultInfinity: true })), maxBodyBytes: fc.option(fc.nat(300), { nil: undefined }) };
  const secret = fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 });
  if (scheme === "acepanel") {
    return fc
      .record({ ...common, keyId: fc.constantFrom("16", "0", "18446744073709551615"), secret, entrance, ipHeader: fc.constantFrom("", "X-Forwarded-For", "X-Real-IP"), locale: fc.constantFrom("en" as const, "zh_CN" as const), expiresAt: fc.option(fc.integer(), { nil: undefined }), ipWhitelist: fc.array(fc.oneof(fc.constantFrom("203.0.113.0/24", "::ffff:203.0.113.0/120", "::/0", "2001:DB8::1", "fe80::1%eth0"), binary(12)), { maxLength: 3 }) })
      .map(({ now, maxBodyBytes, keyId, secret: s, expiresAt, ipWhitelist, ...rest }) => ({
        scheme,
        now: () => now,
        ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
        token: (id: string) => (id === keyId ? { secret: s, expiresAt, ipWhitelist } : undefined),
        ...rest,
      }));
  }
  return fc.record({ ...common, secret, windowSeconds: fc.option(fc.nat(1000), { nil: undefined }), guard: fc.boolean() }).map(({ now, maxBodyBytes, windowSeconds, guard, ...rest }) => ({
    scheme,
    now: () => now,
    ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
    ...(windowSeconds === undefined ? {} : { windowSeconds }),
    ...(guard && scheme === "opterius-panel" ? { replayStore: new MemoryReplayStore() } : {}),
    ...rest,
  }) as VerifyOptions);
};

function expectAnAnswer(result: VerifyResult): void {
  expect(typeof result.valid).toBe("boolean");
  expect(result.valid ? result.error === undefined : REASON_CODES.includes(result.error!)).toBe(true);
  if (result.valid) return;
  expect(result.status! >= 400 && result.status! < 500).toBe(true);
  expect(result.message === undefined || typeof result.message === "string").toBe(true);
}

describe("fuzz: the verifier never throws on what a client sent", () => {
  for (const scheme of SCHEME_IDS) {
    it(`${scheme}: any method, target, headers, body and peer address get an answer`, async () => {
      await fc.assert(
        fc.asyncProperty(
          providerName,
          options(scheme),
          fc.record({
            method: fc.oneof(fc.constantFrom("GET", "POST", "get", ""), binary(10)),
            target,
            headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }),
            body: bodySource,
            clientIp: fc.option(fc.oneof(fc.constantFrom("203.0.113.10:54321", "[2001:db8::1]:80", "203.0.113.10", "::ffff:203.0.113.9"), binary(20)), { nil: undefined }),
          }),
          async (name, verifyOptions, request) => {
            expectAnAnswer(await verifyHttpWith(byName(name).provider, request, verifyOptions));
          },
        ),
        fuzzParameters(),
      );
    }, FUZZ_TIMEOUT_MS);
  }

  /** A received signed request, as bytes, with its receiver's options. */
  async function signedMessage(input: Case, result: SignResult): Promise<{ message: HttpMessage; options: VerifyOptions }> {
    const now = contextAtSigning(input).now!;
    const message: HttpMessage = {
      method: input.request.method,
      target: String.fromCharCode(...utf8(input.request.url)),
      headers: [...result.headers, ...(input.request.headers ?? [])].map(([n, v]) => [n, String.fromCharCode(...utf8(v))] as HeaderPair),
      body: bodyBytes(input.request),
    };
    const { secret, keyId } = input.credentials;
    const options: VerifyOptions =
      input.scheme === "acepanel"
        ? { scheme: "acepanel", now: () => now, entrance: input.options?.entrance, token: (id) => (id === String(BigInt(keyId!)) ? { secret } : undefined) }
        : { scheme: input.scheme, now: () => now, secret };
    return { message, options };
  }

  /** One change to a received message: a header value, an added header, the target, the method. */
  const garble = fc.oneof(
    fc.tuple(fc.constant("header" as const), fc.nat(), headerValue),
    fc.tuple(fc.constant("added" as const), headerName, headerValue),
    fc.tuple(fc.constant("target" as const), fc.nat(), binary(4)),
    fc.tuple(fc.constant("method" as const), fc.nat(), binary(3)),
  );

  function garbled(message: HttpMessage, [kind, n, text]: [string, number | string, string]): HttpMessage {
    const headers = [...message.headers];
    if (kind === "header" && headers.length > 0) headers[(n as number) % headers.length] = [headers[(n as number) % headers.length]![0], text];
    if (kind === "added") headers.unshift([n as string, text]);
    const splice = (s: string) => s.slice(0, (n as number) % (s.length + 1)) + text + s.slice((n as number) % (s.length + 1));
    return {
      ...message,
      headers,
      target: kind === "target" ? splice(message.target) : message.target,
      method: kind === "method" ? splice(message.method) : message.method,
    };
  }

  for (const scheme of SCHEME_IDS) {
    it(`${scheme}: a signed request with its headers, target or method garbled gets an answer`, async () => {
      await fc.assert(
        fc.asyncProperty(signed(scheme), fc.array(garble, { minLength: 1, maxLength: 3 }), async ({ input, signer, verifier }, changes) => {
          const result = await sign(input, signer);
          fc.pre(result !== undefined);
          const { message, options: verifyOptions } = await signedMessage(input, result!);
          expectAnAnswer(await verifyHttpWith(byName(verifier).provider, changes.reduce(garbled, message), verifyOptions));
        }),
        fuzzParameters(),
      );
    }, FUZZ_TIMEOUT_MS);
  }

  it("verify(case) answers every request a client can send (any sendable method, URL, headers, body)", async () => {
    const sendable = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).filter((c) => c !== 0x23).map((c) => String.fromCharCode(c)), maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(
        providerName,
        fc.constantFrom(...SCHEME_IDS),
        fc.record({
          method: fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,8}$/),
          url: fc.oneof(sendable.map((s) => "/" + s), fc.tuple(entrance.chain((e) => apiPath(e)), rawQuery()).map(([p, q]) => `${p}?${q}`)),
          headers: fc.array(fc.tuple(fc.constantFrom("X-Timestamp", "Authorization", "X-Signature", "x-timestamp"), headerValue.map((v) => v.replace(/[\r\n\0]/g, ""))), { maxLength: 4 }),
          body: fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), message),
        }),
        fc.record({ now: fc.integer({ min: 0, max: 2 ** 40 }), entrance }),
        async (name, scheme, request, { now, entrance: e }) => {
          const context: VerifyContext = scheme === "acepanel" ? { now, entrance: e } : { now };
          const input: Case = { scheme, op: "verify", request, credentials: { secret: "k", keyId: 16 }, context };
          expectAnAnswer(await byName(name).verify(input));
        },
      ),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});
