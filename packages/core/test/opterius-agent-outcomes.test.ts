// opterius-agent, row by row of docs/verify-outcomes.md and of the diagnosis catalogue
// (docs/verify-outcomes.md "The diagnosis of a signature mismatch"), through the public API: the
// answers a server sends (status, message, error body), the options and what each accepts, the
// sign option timestampForm, a streamed body, and each mistake id the Agent's clients make.
// Expected signatures are node:crypto over hand-written strings (oracle.ts); the secret, time and
// body are those of docs/schemes/opterius-agent.md.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { errorRejection, howToSign, PanelsigError, signWith, verifyHttpWith, verifyWith, type Case, type HeaderPair, type HttpMessage, type VerifyOptions } from "@panelsig/core";
import { PROVIDERS } from "@panelsig/conformance";
import { hmacHex, oracleProvider } from "./oracle.ts";

const secret = "your-secret-key-here";
const T = Date.UTC(2026, 3, 8, 14, 32, 0) / 1000;
const Z = "2026-04-08T14:32:00Z";
const OFFSET = "2026-04-08T14:32:00+00:00";
const BODY = '{"username":"alice","domain":"alice.example.com"}';
const enc = new TextEncoder();

const message = (headers: HeaderPair[], body: HttpMessage["body"] = new Uint8Array(0), target = "/account/create", method = "POST"): HttpMessage => ({ method, target, headers, body });
const signedHeaders = (signature: string, timestamp = Z): HeaderPair[] => [["X-Signature", signature], ["X-Timestamp", timestamp]];
const options = (more: Partial<VerifyOptions> = {}) => ({ scheme: "opterius-agent", secret, now: () => T, ...more }) as VerifyOptions;
const verify = (m: HttpMessage, more: Partial<VerifyOptions> = {}) => verifyHttpWith(oracleProvider, m, options(more));
const json = (text: string) => ({ headers: { "Content-Type": "application/json" }, body: JSON.stringify({ error: text }) });

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(enc.encode(chunk));
      controller.close();
    },
  });
}

describe("opterius-agent answers: reason, status, message and the {\"error\"} body", () => {
  it("0: a path Go cannot decode: Go's own 400 Bad Request (plain text, connection closed), before the headers are read", async () => {
    expect(await verify(message([], new Uint8Array(0), "/files/%zz"))).toStrictEqual({
      valid: false, error: "signature_mismatch", status: 400, message: "400 Bad Request",
      rejection: { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" }, body: "400 Bad Request" },
    });
  });
  it("1: missing_headers 401", async () => {
    for (const headers of [[["X-Timestamp", Z]], [["X-Signature", "ab"]], [["X-Signature", ""], ["X-Timestamp", Z]]] as HeaderPair[][]) {
      expect(await verify(message(headers))).toStrictEqual({ valid: false, error: "missing_headers", status: 401, message: "missing signature headers", rejection: { status: 401, ...json("missing signature headers") } });
    }
  });
  it("2: timestamp_invalid 401", async () => {
    for (const text of ["2026-04-08 14:32:00Z", String(T), "2026-04-08t14:32:00Z"]) {
      expect(await verify(message(signedHeaders("00", text)))).toStrictEqual({ valid: false, error: "timestamp_invalid", status: 401, message: "invalid timestamp", rejection: { status: 401, ...json("invalid timestamp") } });
    }
  });
  it("3: out of range either way, 401 timestamp out of range; default window 300 s, edges pass", async () => {
    const at = (now: number, more: Partial<VerifyOptions> = {}) => verify(message(signedHeaders(hmacHex(secret, `${Z}POST/account/create${BODY}`)), enc.encode(BODY)), { now: () => now, ...more });
    expect(await at(T + 300)).toMatchObject({ valid: true });
    expect(await at(T - 300)).toMatchObject({ valid: true });
    expect(await at(T + 301)).toStrictEqual({ valid: false, error: "timestamp_expired", status: 401, message: "timestamp out of range", rejection: { status: 401, ...json("timestamp out of range") } });
    expect(await at(T - 301)).toStrictEqual({ valid: false, error: "timestamp_in_future", status: 401, message: "timestamp out of range", rejection: { status: 401, ...json("timestamp out of range") } });
    expect(await at(T + 20, { windowSeconds: 20 })).toMatchObject({ valid: true });
    expect(await at(T + 21, { windowSeconds: 20 })).toMatchObject({ error: "timestamp_expired" });
    expect(await at(T - 21, { windowSeconds: 20 })).toMatchObject({ error: "timestamp_in_future" });
  });
  it("3c: body_too_large 413, for bytes and a stream; the limit itself passes", async () => {
    const sig = hmacHex(secret, `${Z}POST/account/create${BODY}`);
    const tooLarge = { valid: false, error: "body_too_large", status: 413, message: "request body too large", rejection: { status: 413, headers: { "Content-Type": "application/json", Connection: "close" }, body: '{"error":"request body too large"}' } };
    expect(await verify(message(signedHeaders(sig), enc.encode(BODY)), { maxBodyBytes: BODY.length - 1 })).toStrictEqual(tooLarge);
    expect(await verify(message(signedHeaders(sig), streamOf(BODY.slice(0, 9), BODY.slice(9))), { maxBodyBytes: BODY.length - 1 })).toStrictEqual(tooLarge);
    expect(await verify(message(signedHeaders(sig), enc.encode(BODY)), { maxBodyBytes: BODY.length })).toMatchObject({ valid: true });
  });
  it("4: signature_mismatch 401, with the receiver's string to sign and signature", async () => {
    const r = await verify(message(signedHeaders("0".repeat(64)), enc.encode(BODY)));
    expect(r).toMatchObject({
      valid: false, error: "signature_mismatch", status: 401, message: "invalid signature", rejection: { status: 401, ...json("invalid signature") },
      stringToSign: `${Z}POST/account/create${BODY}`, expectedSignature: "5c1941c5dcf3f47bc4e81c1098655cdfe2ab792274b1164c3a66dba7e2e1d4c6",
    });
  });
  it("errorRejection for opterius-agent", () => {
    expect(errorRejection("opterius-agent", 500, "internal error")).toStrictEqual({ status: 500, ...json("internal error") });
  });
});

describe("opterius-agent options: what each accepts, and the error naming it", () => {
  for (const windowSeconds of [-1, Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, "60", null]) {
    it(`windowSeconds ${String(windowSeconds)} is refused`, async () => {
      const error = await verifyHttpWith(oracleProvider, message([]), options({ windowSeconds } as unknown as Partial<VerifyOptions>)).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(PanelsigError);
      expect(error).toMatchObject({ field: "options.windowSeconds" });
      expect((error as Error).message).toContain("a non-negative number of seconds");
    });
  }
  it("windowSeconds 0: only the very second passes", async () => {
    const sig = hmacHex(secret, `${Z}GET/x`);
    expect(await verify(message(signedHeaders(sig), new Uint8Array(0), "/x", "GET"), { windowSeconds: 0 })).toMatchObject({ valid: true });
    expect(await verify(message(signedHeaders(sig), new Uint8Array(0), "/x", "GET"), { windowSeconds: 0, now: () => T + 1 })).toMatchObject({ error: "timestamp_expired" });
  });
  it("the secret must be a non-empty string", async () => {
    for (const s of ["", 7]) {
      const error = await verifyHttpWith(oracleProvider, message([]), { scheme: "opterius-agent", secret: s } as unknown as VerifyOptions).then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ field: "options.secret" });
    }
  });
});

describe("opterius-agent sign: timestampForm", () => {
  const base: Case = { scheme: "opterius-agent", request: { method: "POST", url: "/account/create", body: BODY }, credentials: { secret } };
  it("the doc's example, Z given verbatim, and the headers", async () => {
    const r = await signWith(oracleProvider, { ...base, timestamp: Z });
    expect(r.signature).toBe("5c1941c5dcf3f47bc4e81c1098655cdfe2ab792274b1164c3a66dba7e2e1d4c6");
    expect(r.headers).toStrictEqual([["X-Signature", r.signature], ["X-Timestamp", Z], ["Content-Type", "application/json"]]);
    expect(r.warnings).toBe(undefined);
  });
  for (const timestampForm of ["z", "+0000", "", 0, null]) {
    it(`timestampForm ${JSON.stringify(timestampForm)} is refused, naming the option and what it accepts`, async () => {
      const error = await Promise.resolve()
        .then(() => signWith(oracleProvider, { ...base, options: { timestampForm } } as unknown as Case))
        .then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(PanelsigError);
      expect(error).toMatchObject({ field: "options.timestampForm" });
      expect((error as Error).message).toContain('"Z" or "+00:00"');
    });
  }
  it('timestampForm "Z" and "+00:00" are taken: the signed X-Timestamp ends with that form', async () => {
    for (const timestampForm of ["Z", "+00:00"] as const) {
      const r = await signWith(oracleProvider, { ...base, options: { timestampForm } });
      const sent = r.headers[1]![1];
      expect(sent.endsWith(timestampForm)).toBe(true);
      expect(r.signature).toBe(hmacHex(secret, `${sent}POST/account/create${BODY}`));
    }
  });
  it("howToSign names the parts the Agent signs", () => {
    expect(howToSign("opterius-agent")).toContain("X-Timestamp text + method + decoded path without the query + the exact body bytes");
  });
  it("a text Go's RFC 3339 parser refuses is signed verbatim, with a warning naming it", async () => {
    const r = await signWith(oracleProvider, { ...base, timestamp: "yesterday" });
    expect(r.signature).toBe(hmacHex(secret, `yesterdayPOST/account/create${BODY}`));
    expect(r.warnings!.length).toBe(1);
    expect(r.warnings![0]).toContain('"yesterday" is signed verbatim');
    expect(r.warnings![0]).toContain("timestamp_invalid");
  });
});

describe("opterius-agent: a streamed body", () => {
  const sig = hmacHex(secret, `${Z}POST/account/create${BODY}`);
  it("passes; not kept, the string to sign is not shown; kept, it is, and the body is handed back", async () => {
    expect(await verify(message(signedHeaders(sig), streamOf(BODY.slice(0, 5), BODY.slice(5))))).toStrictEqual({ valid: true, expectedSignature: sig });
    const kept = await verify(message(signedHeaders(sig), streamOf(BODY)), { keepBody: true });
    expect(kept).toMatchObject({ valid: true, stringToSign: `${Z}POST/account/create${BODY}`, expectedSignature: sig });
    expect(kept.body).toStrictEqual(enc.encode(BODY));
  });
  it("a body in memory is handed back only with keepBody", async () => {
    expect((await verify(message(signedHeaders(sig), enc.encode(BODY)))).body).toBe(undefined);
    expect((await verify(message(signedHeaders(sig), enc.encode(BODY)), { keepBody: true })).body).toStrictEqual(enc.encode(BODY));
  });
  it("not kept: a mismatch shows no string to sign; only body-signed-empty can be diagnosed", async () => {
    const empty = hmacHex(secret, `${Z}POST/account/create`);
    const r = await verify(message(signedHeaders(empty), streamOf(BODY)));
    expect(r).toMatchObject({ error: "signature_mismatch", expectedSignature: sig });
    expect(r.stringToSign).toBe(undefined);
    expect(r.diagnosis).toMatchObject({ mistake: "body-signed-empty", signature: empty, stringToSign: `${Z}POST/account/create` });
    const offset = hmacHex(secret, `${OFFSET}POST/account/create${BODY}`);
    expect((await verify(message(signedHeaders(offset), streamOf(BODY)))).diagnosis).toBe(undefined);
    expect((await verify(message(signedHeaders(offset), streamOf(BODY)), { keepBody: true })).diagnosis).toMatchObject({ mistake: "timestamp-form" });
  });
  it("a path beyond ASCII: the decoded path's UTF-8 bytes precede the body, in memory, as text and streamed", async () => {
    const target = "/files/\xe4\xb8\xad"; // "/files/中" as the request line's bytes
    const signature = hmacHex(secret, `${Z}PUT/files/中${BODY}`);
    expect(await verify(message(signedHeaders(signature), enc.encode(BODY), target, "PUT"))).toStrictEqual({ valid: true, stringToSign: `${Z}PUT/files/中${BODY}`, expectedSignature: signature });
    expect(await verify(message(signedHeaders(signature), streamOf(BODY), target, "PUT"))).toStrictEqual({ valid: true, expectedSignature: signature });
    const c: Case = { scheme: "opterius-agent", request: { method: "PUT", url: "/files/%E4%B8%AD", body: BODY, headers: signedHeaders(signature) }, credentials: { secret }, context: { now: T } };
    expect(await verifyWith(oracleProvider, c)).toStrictEqual({ valid: true, stringToSign: `${Z}PUT/files/中${BODY}`, expectedSignature: signature });
  });
  it("an empty stream is the empty body", async () => {
    const signature = hmacHex(secret, `${Z}GET/x`);
    expect(await verify(message(signedHeaders(signature), streamOf(), "/x", "GET"))).toStrictEqual({ valid: true, expectedSignature: signature });
    const r = await verify(message(signedHeaders(hmacHex(secret, `${Z}GET/x{}`)), streamOf(), "/x", "GET"), { keepBody: true });
    expect(r.diagnosis).toMatchObject({ mistake: "body-not-sent", stringToSign: `${Z}GET/x{}` });
  });
  for (const { name, provider } of PROVIDERS) {
    it(`${name}: a streamed body after an ASCII and a non-ASCII prefix`, async () => {
      for (const [target, path] of [["/account/create", "/account/create"], ["/files/\xe4\xb8\xad", "/files/中"]]) {
        const signature = hmacHex(secret, `${Z}POST${path}${BODY}`);
        const r = await verifyHttpWith(provider, message(signedHeaders(signature), streamOf(BODY.slice(0, 7), BODY.slice(7)), target), options());
        expect(r).toStrictEqual({ valid: true, expectedSignature: signature });
      }
    });
  }
  it("a binary streamed body, kept: the mismatch's string to sign in base64", async () => {
    const bytes = new Uint8Array([0xff, 0x00, 0x41]);
    const stream = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(bytes), c.close()) });
    const signed = Buffer.concat([Buffer.from(`${Z}POST/t`), Buffer.from(bytes)]);
    const r = await verify(message(signedHeaders("0".repeat(64)), stream, "/t"), { keepBody: true });
    expect(r).toMatchObject({ error: "signature_mismatch", stringToSignBase64: signed.toString("base64"), expectedSignature: hmacHex(secret, signed) });
  });
});

describe("opterius-agent diagnosis: each mistake id, the bytes the client signed", () => {
  const diagnosisOf = async (signature: string, timestamp: string, body: string | undefined, target: string, method = "POST", more: Partial<VerifyOptions> = {}) => {
    const r = await verify(message(signedHeaders(signature, timestamp), body === undefined ? new Uint8Array(0) : enc.encode(body), target, method), more);
    expect(r.error).toBe("signature_mismatch");
    return r.diagnosis;
  };
  const cases: [mistake: string, toSign: string, sent: [timestamp: string, method: string, target: string, body?: string], summary: RegExp][] = [
    ["body-signed-empty", `${OFFSET}POST/account/create`, [OFFSET, "POST", "/account/create", BODY], /signed an empty body but sent a body/],
    ["timestamp-form", `${Z}POST/account/create${BODY}`, [OFFSET, "POST", "/account/create", BODY], /signed the timestamp as "2026-04-08T14:32:00Z" but sent "2026-04-08T14:32:00\+00:00"/],
    ["timestamp-form", `${OFFSET}GET/x`, [Z, "GET", "/x"], /signed the timestamp as "2026-04-08T14:32:00\+00:00" but sent "2026-04-08T14:32:00Z"/],
    ["path-with-query", `${OFFSET}GET/files/list?path=/home/alice`, [OFFSET, "GET", "/files/list?path=/home/alice"], /signed the path with its query/],
    ["path-with-query", `${Z}GET/files/a%20b?x=1`, [Z, "GET", "/files/a%20b?x=1"], /signed the path with its query/],
    ["path-with-query", `${Z}GET/files/a b?x=1`, [Z, "GET", "/files/a%20b?x=1"], /signed the path with its query/],
    ["path-as-sent", `${OFFSET}GET/files/a%20b`, [OFFSET, "GET", "/files/a%20b"], /signed the path as sent, percent-encoded; the Agent \(Go\) signs it percent-decoded/],
    ["path-encoded", `${OFFSET}GET/files/%E4%B8%AD`, [OFFSET, "GET", "/files/\xe4\xb8\xad"], /percent-encoded \(as the WHATWG URL class writes it\)/],
    ["method-case", `${OFFSET}POST/account/create${BODY}`, [OFFSET, "post", "/account/create", BODY], /signed the method as "POST" but sent "post"/],
    ["method-case", `${Z}get/x`, [Z, "GET", "/x"], /signed the method as "get" but sent "GET"/],
    ["body-not-sent", `${OFFSET}GET/files/list{}`, [OFFSET, "GET", "/files/list"], /signed the body \{\} but sent no body/],
    ["body-not-sent", `${OFFSET}GET/files/list[]`, [OFFSET, "GET", "/files/list"], /signed the body \[\] but sent no body/],
    ["body-reserialised-python", `${Z}POST/account/create{"username": "alice", "domain": "alice.example.com"}`, [Z, "POST", "/account/create", BODY], /json\.dumps/],
    ["timestamp-skew", `2026-04-08T14:32:01+00:00POST/account/create${BODY}`, [OFFSET, "POST", "/account/create", BODY], /^your client signed a timestamp 1 second later than the X-Timestamp it sent/],
    ["timestamp-skew", `2026-04-08T14:31:55ZGET/x`, [Z, "GET", "/x"], /5 seconds earlier/],
  ];
  for (const [mistake, toSign, [timestamp, method, target, body], summary] of cases) {
    it(`${mistake}: ${JSON.stringify(toSign).slice(0, 70)}`, async () => {
      const signature = hmacHex(secret, toSign);
      const diagnosis = await diagnosisOf(signature, timestamp, body, target, method);
      expect(diagnosis).toMatchObject({ mistake, signature, stringToSign: toSign });
      expect(diagnosis!.summary).toMatch(summary);
    });
  }
  it("signature-uppercase-hex", async () => {
    const signature = "F7D063C7D9CE256FF0C6D3B137E31E871A9285C2B270AB9EEB10C585BAB984FF";
    expect(await diagnosisOf(signature, OFFSET, BODY, "/account/create")).toMatchObject({ mistake: "signature-uppercase-hex", signature, stringToSign: `${OFFSET}POST/account/create${BODY}` });
  });
  it("no skew is tried for a timestamp with a fraction or another offset (the form cannot be rewritten)", async () => {
    for (const sent of ["2026-04-08T14:32:00.5Z", "2026-04-08T16:32:00+02:00"]) {
      expect(await diagnosisOf(hmacHex(secret, `2026-04-08T14:32:01ZGET/x`), sent, undefined, "/x", "GET")).toBe(undefined);
    }
  });
  it("path-encoded is the WHATWG path encoding (a backtick is escaped in a path, not in a query)", async () => {
    const toSign = `${Z}GET/a%60b`;
    expect(await diagnosisOf(hmacHex(secret, toSign), Z, undefined, "/a`b", "GET")).toMatchObject({ mistake: "path-encoded", stringToSign: toSign });
  });
  it("no skew in the +00:00 form is tried for a timestamp sent with another offset", async () => {
    expect(await diagnosisOf(hmacHex(secret, "2026-04-08T14:32:01+00:00GET/x"), "2026-04-08T16:32:00+02:00", undefined, "/x", "GET")).toBe(undefined);
  });
  it("signature-uppercase-hex shows what the receiver signed: base64 for a binary body, nothing for a stream not kept", async () => {
    const bytes = new Uint8Array([0xff, 0x00, 0x41]);
    const signed = Buffer.concat([Buffer.from(`${Z}POST/t`), Buffer.from(bytes)]);
    const upper = hmacHex(secret, signed).toUpperCase();
    const binary = await verify(message(signedHeaders(upper), bytes, "/t"));
    const { summary, ...shown } = binary.diagnosis!;
    expect(shown).toStrictEqual({ mistake: "signature-uppercase-hex", signature: upper, stringToSignBase64: signed.toString("base64") });
    expect(summary).toMatch(/upper-case hex/);
    const streamed = await verify(message(signedHeaders(hmacHex(secret, `${Z}POST/account/create${BODY}`).toUpperCase()), streamOf(BODY)));
    const { mistake, summary: _summary, ...rest } = streamed.diagnosis!;
    expect(mistake).toBe("signature-uppercase-hex");
    expect(Object.keys(rest)).toStrictEqual(["signature"]);
  });
  it("an empty stream not kept: the body's absence is known, so body-not-sent is still tried", async () => {
    const r = await verify(message(signedHeaders(hmacHex(secret, `${Z}GET/x{}`)), streamOf(), "/x", "GET"));
    expect(r.diagnosis).toMatchObject({ mistake: "body-not-sent", stringToSign: `${Z}GET/x{}` });
  });
  it("secret-hex-decoded and secret-trailing-newline", async () => {
    const hexSecret = "0a1b2c3d";
    const decoded = createHmac("sha256", Buffer.from(hexSecret, "hex")).update(`${Z}GET/x`).digest("hex");
    expect(await diagnosisOf(decoded, Z, undefined, "/x", "GET", { secret: hexSecret } as Partial<VerifyOptions>)).toMatchObject({ mistake: "secret-hex-decoded", signature: decoded, stringToSign: `${Z}GET/x` });
    const newline = hmacHex(`${secret}\n`, `${Z}GET/x`);
    expect(await diagnosisOf(newline, Z, undefined, "/x", "GET")).toMatchObject({ mistake: "secret-trailing-newline", stringToSign: `${Z}GET/x` });
  });
  it("a body above 64 KiB: only body-signed-empty is tried", async () => {
    const big = "y".repeat(64 * 1024 + 1);
    expect(await diagnosisOf(hmacHex(secret, `${OFFSET}POST/b${big}`), Z, big, "/b")).toBe(undefined);
    expect(await diagnosisOf(hmacHex(secret, `${Z}POST/b`), Z, big, "/b")).toMatchObject({ mistake: "body-signed-empty" });
    const edge = "y".repeat(64 * 1024);
    expect(await diagnosisOf(hmacHex(secret, `${OFFSET}POST/b${edge}`), Z, edge, "/b")).toMatchObject({ mistake: "timestamp-form" });
  });
  it("no known mistake, no diagnosis; diagnose: false, none either", async () => {
    expect(await diagnosisOf(hmacHex("other", `${Z}GET/x`), Z, undefined, "/x", "GET")).toBe(undefined);
    expect(await diagnosisOf(hmacHex(secret, `${OFFSET}GET/x`), Z, undefined, "/x", "GET", { diagnose: false })).toBe(undefined);
  });
});

describe("opterius-agent through a case object: context.windowSeconds", () => {
  it("narrows the window; the default is 300 s", async () => {
    const c = (now: number, context: Record<string, unknown> = {}): Case => ({
      scheme: "opterius-agent",
      request: { method: "GET", url: "/x", headers: signedHeaders(hmacHex(secret, `${Z}GET/x`)) },
      credentials: { secret },
      context: { now, ...context },
    });
    expect(await verifyWith(oracleProvider, c(T - 300))).toMatchObject({ valid: true });
    expect(await verifyWith(oracleProvider, c(T - 301))).toMatchObject({ error: "timestamp_in_future" });
    expect(await verifyWith(oracleProvider, c(T + 4, { windowSeconds: 3 }))).toMatchObject({ error: "timestamp_expired" });
  });
});
