// opterius-panel, row by row of docs/verify-outcomes.md and of the diagnosis catalogue
// (docs/verify-outcomes.md "The diagnosis of a signature mismatch"), through the public API: the
// answers a server sends (status, message, error body), the options and what each one accepts,
// the empty-body forms on a streamed body, the replay guard's answers, and each mistake id the
// panel's clients make. Expected signatures are node:crypto over hand-written strings
// (oracle.ts); the token, timestamp and body are those of docs/schemes/opterius-panel.md.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { errorRejection, howToSign, PanelsigError, signWith, verifyHttpWith, verifyWith, type Case, type HeaderPair, type HttpMessage, type VerifyOptions } from "@panelsig/core";
import { hmacHex, oracleProvider } from "./oracle.ts";

const secret = "eyJ-test";
const T = 1775658720;
// The real client's json_encode body of docs/schemes/opterius-panel.md (tcId 2001's family).
const BODY = '{"domain":"b\\u00fccher.example","username":"buecher","package":"Starter\\/Plus","email":"owner@example.com"}';
const enc = new TextEncoder();

const message = (headers: HeaderPair[], body: HttpMessage["body"] = new Uint8Array(0), target = "/api/accounts", method = "POST"): HttpMessage => ({ method, target, headers, body });
const signedHeaders = (signature: string, timestamp = String(T)): HeaderPair[] => [["X-Timestamp", timestamp], ["X-Signature", signature]];
const options = (more: Partial<VerifyOptions> = {}) => ({ scheme: "opterius-panel", secret, now: () => T, ...more }) as VerifyOptions;
const verify = (m: HttpMessage, more: Partial<VerifyOptions> = {}) => verifyHttpWith(oracleProvider, m, options(more));

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(enc.encode(chunk));
      controller.close();
    },
  });
}

describe("opterius-panel answers: reason, status, message and the {\"error\"} body", () => {
  const json = (message: string) => ({ headers: { "Content-Type": "application/json" }, body: JSON.stringify({ error: message }) });
  it("missing_headers: 401 missing signature headers", async () => {
    const r = await verify(message([["X-Timestamp", String(T)]]));
    expect(r).toStrictEqual({ valid: false, error: "missing_headers", status: 401, message: "missing signature headers", rejection: { status: 401, ...json("missing signature headers") } });
  });
  it("timestamp_invalid: 401 invalid timestamp", async () => {
    const r = await verify(message(signedHeaders("00", "12a")));
    expect(r).toStrictEqual({ valid: false, error: "timestamp_invalid", status: 401, message: "invalid timestamp", rejection: { status: 401, ...json("invalid timestamp") } });
  });
  it("timestamp_expired and timestamp_in_future: 401 timestamp out of range", async () => {
    const late = await verify(message(signedHeaders("00", String(T - 301))));
    expect(late).toStrictEqual({ valid: false, error: "timestamp_expired", status: 401, message: "timestamp out of range", rejection: { status: 401, ...json("timestamp out of range") } });
    const early = await verify(message(signedHeaders("00", String(T + 301))));
    expect(early).toMatchObject({ error: "timestamp_in_future", status: 401, message: "timestamp out of range", rejection: { status: 401, ...json("timestamp out of range") } });
  });
  it("the window defaults to 300 s on either side (options without windowSeconds)", async () => {
    for (const t of [T - 300, T + 300]) expect(await verify(message(signedHeaders(hmacHex(secret, `${t}{}`), String(t))))).toMatchObject({ valid: true });
  });
  it("windowSeconds given as an option narrows the window", async () => {
    const at = (t: number) => message(signedHeaders(hmacHex(secret, `${t}{}`), String(t)));
    expect(await verify(at(T - 10), { windowSeconds: 10 })).toMatchObject({ valid: true });
    expect(await verify(at(T - 11), { windowSeconds: 10 })).toMatchObject({ error: "timestamp_expired" });
    expect(await verify(at(T + 11), { windowSeconds: 10 })).toMatchObject({ error: "timestamp_in_future" });
    expect(await verify(at(T - 1), { windowSeconds: 0 })).toMatchObject({ error: "timestamp_expired" });
    expect(await verify(at(T), { windowSeconds: 0 })).toMatchObject({ valid: true });
  });
  it("signature_mismatch: 401 invalid signature", async () => {
    const r = await verify(message(signedHeaders("0".repeat(64)), enc.encode(BODY)));
    expect(r).toMatchObject({ valid: false, error: "signature_mismatch", status: 401, message: "invalid signature", rejection: { status: 401, ...json("invalid signature") } });
    expect(r.expectedSignature).toBe("552524dfe8f9c7c3b09919eca4557080914305448a6040b043f6e34c8b80a86b");
    expect(r.stringToSign).toBe(`${T}${BODY}`);
  });
  it("body_too_large: 413 request body too large, for bytes, text and a stream", async () => {
    const expected = { valid: false, error: "body_too_large", status: 413, message: "request body too large", rejection: { status: 413, headers: { "Content-Type": "application/json", Connection: "close" }, body: '{"error":"request body too large"}' } };
    const sig = hmacHex(secret, `${T}123456`);
    expect(await verify(message(signedHeaders(sig), enc.encode("123456")), { maxBodyBytes: 5 })).toStrictEqual(expected);
    expect(await verify(message(signedHeaders(sig), streamOf("123", "456")), { maxBodyBytes: 5 })).toStrictEqual(expected);
    // The limit itself is accepted.
    expect(await verify(message(signedHeaders(sig), enc.encode("123456")), { maxBodyBytes: 6 })).toMatchObject({ valid: true });
  });
  it("no body counts as 0 bytes: the {} signed for it is not received (maxBodyBytes 0)", async () => {
    expect(await verify(message(signedHeaders(hmacHex(secret, `${T}{}`))), { maxBodyBytes: 0 })).toMatchObject({ valid: true });
  });
  it("replayed: 401 request already used; replay_store_full: 503 replay store full, try again later", async () => {
    const sig = hmacHex(secret, `${T}{}`);
    const replayed = await verify(message(signedHeaders(sig)), { replayStore: { claim: () => false } });
    expect(replayed).toStrictEqual({
      valid: false, error: "replayed", status: 401, message: "request already used",
      stringToSign: `${T}{}`, expectedSignature: sig, rejection: { status: 401, ...json("request already used") },
    });
    const full = await verify(message(signedHeaders(sig)), { replayStore: { claim: () => "full" } });
    expect(full).toStrictEqual({
      valid: false, error: "replay_store_full", status: 503, message: "replay store full, try again later",
      stringToSign: `${T}{}`, expectedSignature: sig, rejection: { status: 503, ...json("replay store full, try again later") },
    });
  });
  it("the replay store is asked with the signature, timestamp + window, and now (options)", async () => {
    const claims: unknown[] = [];
    const sig = hmacHex(secret, `${T}${BODY}`);
    const r = await verify(message(signedHeaders(sig), enc.encode(BODY)), { windowSeconds: 42, now: () => T + 5, replayStore: { claim: (...a: unknown[]) => (claims.push(a), true) } });
    expect(r).toMatchObject({ valid: true });
    expect(claims).toStrictEqual([[sig, T + 42, T + 5]]);
  });
  it("errorRejection and howToSign for opterius-panel", () => {
    expect(errorRejection("opterius-panel", 503, "replay guard unavailable")).toStrictEqual({ status: 503, ...json("replay guard unavailable") });
    expect(howToSign("opterius-panel")).toMatch(/X-Timestamp \+ the exact body bytes; "\{\}" when no body is sent/);
  });
});

describe("opterius-panel options: what each accepts, and the error naming it", () => {
  const refuses = async (more: Record<string, unknown>, field: string, accepts: RegExp) => {
    const error = await verifyHttpWith(oracleProvider, message([]), options(more as Partial<VerifyOptions>)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PanelsigError);
    expect(error).toMatchObject({ code: "invalid_option", field });
    expect((error as Error).message).toMatch(accepts);
  };
  for (const windowSeconds of [-1, Number.NaN, Number.POSITIVE_INFINITY, "300", null]) {
    it(`windowSeconds ${String(windowSeconds)} is refused`, () => refuses({ windowSeconds }, "options.windowSeconds", /a non-negative number of seconds/));
  }
  for (const [what, replayStore] of [["null", null], ["a function", () => true], ["a function with a claim method", Object.assign(() => true, { claim: () => true })], ["an object without claim", {}], ["claim not a function", { claim: true }], ["a string", "memory"]] as const) {
    it(`replayStore ${what} is refused`, () => refuses({ replayStore }, "options.replayStore", /claim\(signature, expiresAt, now\)/));
  }
  it("a store with a claim method is taken, also from a class instance", async () => {
    class Store { claim() { return false; } }
    expect(await verify(message(signedHeaders(hmacHex(secret, `${T}{}`))), { replayStore: new Store() })).toMatchObject({ error: "replayed" });
  });
  for (const secretValue of [5, undefined, ""]) {
    it(`secret ${JSON.stringify(secretValue)} is refused, naming options.secret`, async () => {
      const error = await verifyHttpWith(oracleProvider, message([]), { scheme: "opterius-panel", secret: secretValue } as unknown as VerifyOptions).then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ field: "options.secret" });
    });
  }
});

describe("opterius-panel sign: the timestamp and the emptyBody option", () => {
  const base: Case = { scheme: "opterius-panel", request: { method: "POST", url: "/api/accounts" }, credentials: { secret }, timestamp: String(T) };
  it("a body is signed as sent, with Content-Type; headers in the real client's order", async () => {
    const r = await signWith(oracleProvider, { ...base, request: { ...base.request, body: BODY } });
    expect(r.signature).toBe("552524dfe8f9c7c3b09919eca4557080914305448a6040b043f6e34c8b80a86b");
    expect(r.headers).toStrictEqual([["X-Timestamp", String(T)], ["X-Signature", r.signature], ["Accept", "application/json"], ["Content-Type", "application/json"]]);
  });
  it('emptyBody "{}" is the real client (tcId 2003)', async () => {
    const r = await signWith(oracleProvider, { ...base, options: { emptyBody: "{}" } });
    expect(r.signature).toBe("f21d3dd043240efa42386b16fc79e049c338a06a7057788aff2fe466400b7146");
  });
  it('emptyBody "" is the doc\'s reading (tcId 2004), and only for an empty body', async () => {
    expect((await signWith(oracleProvider, { ...base, options: { emptyBody: "" } })).signature).toBe("e467fafcdd3e61381ecc239bf533152c9b6d90bd3be52730df04eccb96127cbc");
    const withBody = await signWith(oracleProvider, { ...base, request: { ...base.request, body: "[]" }, options: { emptyBody: "" } });
    expect(withBody.signature).toBe(hmacHex(secret, `${T}[]`));
  });
  for (const emptyBody of ["[]", "null", " ", 0, null]) {
    it(`emptyBody ${JSON.stringify(emptyBody)} is refused, naming the option and what it accepts`, async () => {
      const error = await Promise.resolve()
        .then(() => signWith(oracleProvider, { ...base, options: { emptyBody } } as unknown as Case))
        .then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(PanelsigError);
      expect(error).toMatchObject({ field: "options.emptyBody" });
      expect((error as Error).message).toContain('"{}" (the real client) or "" (the doc\'s reading)');
    });
  }
  it("a timestamp that is not Unix seconds is refused, naming the field and the text", async () => {
    const error = await Promise.resolve()
      .then(() => signWith(oracleProvider, { ...base, timestamp: "12a" }))
      .then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_timestamp", field: "timestamp" });
    expect((error as Error).message).toContain('"12a" is not Unix seconds in decimal');
  });
  it("without a timestamp, now in Unix seconds is signed", async () => {
    const before = Math.floor(Date.now() / 1000);
    const r = await signWith(oracleProvider, { ...base, timestamp: undefined });
    const after = Math.floor(Date.now() / 1000);
    const sent = Number(r.headers[0]![1]);
    expect(r.headers[0]![1]).toMatch(/^[0-9]+$/);
    expect(sent >= before && sent <= after).toBe(true);
    expect(r.signature).toBe(hmacHex(secret, `${sent}{}`));
  });
});

describe("opterius-panel: a streamed body", () => {
  it('a stream that turns out empty is no body: "" (the doc) and {} (the client) both pass', async () => {
    expect(await verify(message(signedHeaders(hmacHex(secret, String(T))), streamOf()))).toStrictEqual({ valid: true, stringToSign: String(T), expectedSignature: hmacHex(secret, String(T)) });
    expect(await verify(message(signedHeaders(hmacHex(secret, `${T}{}`)), streamOf()))).toStrictEqual({ valid: true, stringToSign: `${T}{}`, expectedSignature: hmacHex(secret, `${T}{}`) });
  });
  it("a streamed body passes; kept, it is handed back; not kept, the string to sign is not shown", async () => {
    const sig = hmacHex(secret, `${T}${BODY}`);
    expect(await verify(message(signedHeaders(sig), streamOf(BODY.slice(0, 10), BODY.slice(10))))).toStrictEqual({ valid: true, expectedSignature: sig });
    const kept = await verify(message(signedHeaders(sig), streamOf(BODY)), { keepBody: true });
    expect(kept).toMatchObject({ valid: true, stringToSign: `${T}${BODY}`, expectedSignature: sig });
    expect(kept.body).toStrictEqual(enc.encode(BODY));
  });
  it("a body in memory is handed back only with keepBody", async () => {
    const sig = hmacHex(secret, `${T}${BODY}`);
    expect((await verify(message(signedHeaders(sig), enc.encode(BODY)))).body).toBe(undefined);
    expect((await verify(message(signedHeaders(sig), enc.encode(BODY)), { keepBody: true })).body).toStrictEqual(enc.encode(BODY));
  });
  it("a streamed body not kept: a mismatch shows no string to sign, and only body-signed-empty can be diagnosed", async () => {
    const emptySigned = hmacHex(secret, String(T));
    const r = await verify(message(signedHeaders(emptySigned), streamOf(BODY)));
    expect(r).toMatchObject({ error: "signature_mismatch", expectedSignature: hmacHex(secret, `${T}${BODY}`) });
    expect(r.stringToSign).toBe(undefined);
    expect(r.diagnosis).toMatchObject({ mistake: "body-signed-empty", signature: emptySigned, stringToSign: String(T) });
    // The method included needs the body's bytes: not tried.
    expect((await verify(message(signedHeaders(hmacHex(secret, `${T}POST${BODY}`)), streamOf(BODY)))).diagnosis).toBe(undefined);
    // Kept, it is.
    expect((await verify(message(signedHeaders(hmacHex(secret, `${T}POST${BODY}`)), streamOf(BODY)), { keepBody: true })).diagnosis).toMatchObject({ mistake: "method-included" });
  });
});

describe("opterius-panel diagnosis: each mistake id, the bytes the client signed", () => {
  const diagnosisOf = async (signature: string, body: string | undefined, target = "/api/accounts", more: Partial<VerifyOptions> = {}, timestamp = String(T)) => {
    const r = await verify(message(signedHeaders(signature, timestamp), body === undefined ? new Uint8Array(0) : enc.encode(body), target), more);
    expect(r.error).toBe("signature_mismatch");
    return r.diagnosis;
  };
  const cases: [mistake: string, toSign: string, body: string | undefined, summary: RegExp, target?: string][] = [
    ["body-signed-empty", `${T}`, BODY, /signed an empty body \(""\) but sent a body/],
    ["body-not-sent", `${T}[]`, undefined, /signed the body \[\] but sent no body; with no body, sign \{\}/],
    ["body-not-sent", `${T}null`, undefined, /signed the body null but sent no body/],
    ["method-included", `${T}POST${BODY}`, BODY, /signed the method too; the panel signs only X-Timestamp \+ body/],
    ["method-included", `${T}POST{}`, undefined, /signed the method too/],
    ["method-included", `${T}POST`, undefined, /signed the method too/],
    ["path-included", `${T}/api/accounts${BODY}`, BODY, /signed the path too; the panel signs only X-Timestamp \+ body/],
    ["path-included", `${T}/api/a b{}`, undefined, /signed the path too/, "/api/a%20b"],
    ["path-included", `${T}/api/a%20b{}`, undefined, /signed the path too/, "/api/a%20b"],
    ["path-included", `${T}/api/accounts`, undefined, /signed the path too/, "/api/accounts?x=1"],
    ["method-path-included", `${T}POST/api/accounts${BODY}`, BODY, /signed the method and path too \(the Agent's formula\)/],
    ["method-path-included", `${T}POST/api/a%20b{}`, undefined, /the Agent's formula/, "/api/a%20b"],
    ["body-reserialised-js", `${T}{"domain":"bücher.example","username":"buecher","package":"Starter/Plus","email":"owner@example.com"}`, BODY, /JSON\.stringify/],
    ["body-reserialised-python", `${T}{"domain": "b\\u00fccher.example", "username": "buecher", "package": "Starter/Plus", "email": "owner@example.com"}`, BODY, /json\.dumps/],
    ["timestamp-skew", `${T - 1}${BODY}`, BODY, /^your client signed a timestamp 1 second earlier than the X-Timestamp it sent; sign the very text you send$/],
    ["timestamp-skew", `${T + 5}{}`, undefined, /^your client signed a timestamp 5 seconds later than/],
    ["timestamp-skew", `${T - 3}`, undefined, /3 seconds earlier/],
  ];
  for (const [mistake, toSign, body, summary, target] of cases) {
    it(`${mistake}: ${JSON.stringify(toSign).slice(0, 60)}${target ? ` (${target})` : ""}`, async () => {
      const signature = hmacHex(secret, toSign);
      const diagnosis = await diagnosisOf(signature, body, target);
      expect(diagnosis).toMatchObject({ mistake, signature, stringToSign: toSign });
      expect(diagnosis!.summary).toMatch(summary);
    });
  }
  it("signature-uppercase-hex, for a body and for each empty-body form", async () => {
    for (const [toSign, body] of [[`${T}${BODY}`, BODY], [`${T}{}`, undefined], [`${T}`, undefined]] as const) {
      const signature = hmacHex(secret, toSign).toUpperCase();
      expect(await diagnosisOf(signature, body)).toMatchObject({ mistake: "signature-uppercase-hex", signature, stringToSign: toSign });
    }
  });
  it("secret-hex-decoded and secret-trailing-newline", async () => {
    const hexSecret = "a1b2c3d4";
    const key = Buffer.from(hexSecret, "hex");
    const decoded = createHmac("sha256", key).update(`${T}{}`).digest("hex");
    expect(await diagnosisOf(decoded, undefined, "/api/accounts", { secret: hexSecret } as Partial<VerifyOptions>)).toMatchObject({ mistake: "secret-hex-decoded", signature: decoded });
    const newline = hmacHex(`${secret}\n`, `${T}${BODY}`);
    expect(await diagnosisOf(newline, BODY)).toMatchObject({ mistake: "secret-trailing-newline", signature: newline, stringToSign: `${T}${BODY}` });
    // A token that is not hex is never hex-decoded.
    expect(await diagnosisOf(createHmac("sha256", Buffer.from("ab", "hex")).update(`${T}{}`).digest("hex"), undefined)).toBe(undefined);
  });
  it("the empty-body mistakes are tried only for an empty body; the body mistakes only for a body", async () => {
    // A body sent: [] or null signed is not "body-not-sent".
    expect(await diagnosisOf(hmacHex(secret, `${T}[]`), "abc")).toBe(undefined);
    expect(await diagnosisOf(hmacHex(secret, `${T}null`), "abc")).toBe(undefined);
    // No body sent: {} re-encoded as a JSON string is no body mistake; sent, it is.
    expect(await diagnosisOf(hmacHex(secret, `${T}"{}"`), undefined)).toBe(undefined);
    expect(await diagnosisOf(hmacHex(secret, `${T}"{}"`), "{}")).toMatchObject({ mistake: "body-signed-as-json-string", stringToSign: `${T}"{}"` });
  });
  it("a skewed timestamp below 0 is never tried; 0 itself is", async () => {
    const at = { now: () => 3 } as Partial<VerifyOptions>;
    expect(await diagnosisOf(hmacHex(secret, "0{}"), undefined, "/api/accounts", at, "3")).toMatchObject({ mistake: "timestamp-skew", stringToSign: "0{}" });
    expect(await diagnosisOf(hmacHex(secret, "-1{}"), undefined, "/api/accounts", at, "3")).toBe(undefined);
  });
  it("a body above 64 KiB: only body-signed-empty is tried", async () => {
    const big = "x".repeat(64 * 1024 + 1);
    expect(await diagnosisOf(hmacHex(secret, `${T}POST${big}`), big)).toBe(undefined);
    expect(await diagnosisOf(hmacHex(secret, String(T)), big)).toMatchObject({ mistake: "body-signed-empty" });
    const edge = "x".repeat(64 * 1024);
    expect(await diagnosisOf(hmacHex(secret, `${T}POST${edge}`), edge)).toMatchObject({ mistake: "method-included" });
  });
  it("no known mistake, no diagnosis; diagnose: false, none either", async () => {
    expect(await diagnosisOf(hmacHex("another", `${T}${BODY}`), BODY)).toBe(undefined);
    expect(await diagnosisOf(hmacHex(secret, `${T}POST${BODY}`), BODY, "/api/accounts", { diagnose: false })).toBe(undefined);
  });
});

describe("opterius-panel through a case object", () => {
  it("context.windowSeconds and the default window", async () => {
    const c = (now: number, context: Record<string, unknown> = {}): Case => ({
      scheme: "opterius-panel",
      request: { method: "POST", url: "/api/accounts", headers: signedHeaders(hmacHex(secret, `${T}{}`)) },
      credentials: { secret },
      context: { now, ...context },
    });
    expect(await verifyWith(oracleProvider, c(T + 300))).toMatchObject({ valid: true });
    expect(await verifyWith(oracleProvider, c(T + 301))).toMatchObject({ error: "timestamp_expired" });
    expect(await verifyWith(oracleProvider, c(T + 8, { windowSeconds: 7 }))).toMatchObject({ error: "timestamp_expired" });
    expect(await verifyWith(oracleProvider, c(T - 8, { windowSeconds: 7 }))).toMatchObject({ error: "timestamp_in_future" });
  });
});
