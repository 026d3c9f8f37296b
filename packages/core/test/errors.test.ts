// Bad input: every refusal is a PanelsigError with a stable code and the field it is about.
import { describe, expect, it } from "vitest";
import { PanelsigError, signWith } from "@panelsig/core";
import { shownValue } from "../src/errors.ts";
import { oracleProvider } from "./oracle.ts";

const good = () => ({
  scheme: "acepanel",
  request: { method: "POST", url: "/e/api/x", body: "{}" },
  credentials: { secret: "k", keyId: 1 },
  timestamp: "1700000000",
  options: { entrance: "/e" },
}) as Record<string, any>;

const cases: [string, (c: Record<string, any>) => unknown, string, string][] = [
  ["not an object", () => "nope", "invalid_case", "case"],
  ["unknown scheme", (c) => ({ ...c, scheme: "aws-v4" }), "unknown_scheme", "scheme"],
  ["no request", (c) => ({ ...c, request: undefined }), "invalid_case", "request"],
  ["empty method", (c) => ({ ...c, request: { ...c.request, method: "" } }), "invalid_method", "request.method"],
  ["method with a space", (c) => ({ ...c, request: { ...c.request, method: "GET /" } }), "invalid_method", "request.method"],
  ["method with CRLF", (c) => ({ ...c, request: { ...c.request, method: "GET\r\n" } }), "invalid_method", "request.method"],
  ["url missing", (c) => ({ ...c, request: { ...c.request, url: undefined } }), "invalid_url", "request.url"],
  ["url not a path", (c) => ({ ...c, request: { ...c.request, url: "e/api/x" } }), "invalid_url", "request.url"],
  ["url with a space", (c) => ({ ...c, request: { ...c.request, url: "/e/api/a b" } }), "invalid_url", "request.url"],
  ["url with a newline", (c) => ({ ...c, request: { ...c.request, url: "/e/api/a\nb" } }), "invalid_url", "request.url"],
  ["headers not an array", (c) => ({ ...c, request: { ...c.request, headers: { a: "b" } } }), "invalid_header", "request.headers"],
  ["header not a pair", (c) => ({ ...c, request: { ...c.request, headers: [["a"]] } }), "invalid_header", "request.headers[0]"],
  ["header name with a space", (c) => ({ ...c, request: { ...c.request, headers: [["X A", "b"]] } }), "invalid_header", "request.headers[0][0]"],
  ["header value with CR/LF", (c) => ({ ...c, request: { ...c.request, headers: [["X-A", "b\r\nX-B: c"]] } }), "invalid_header", "request.headers[0][1]"],
  ["body as an object", (c) => ({ ...c, request: { ...c.request, body: { a: 1 } } }), "invalid_body", "request.body"],
  ["body as null", (c) => ({ ...c, request: { ...c.request, body: null } }), "invalid_body", "request.body"],
  ["body and bodyBase64", (c) => ({ ...c, request: { ...c.request, bodyBase64: "AA==" } }), "invalid_body", "request.body"],
  ["bad base64", (c) => ({ ...c, request: { method: "GET", url: "/e/api/x", bodyBase64: "A" } }), "invalid_body", "request.bodyBase64"],
  ["lone surrogate in body", (c) => ({ ...c, request: { ...c.request, body: "a\ud800b" } }), "invalid_body", "request.body"],
  ["no credentials", (c) => ({ ...c, credentials: undefined }), "invalid_case", "credentials"],
  ["empty secret", (c) => ({ ...c, credentials: { secret: "", keyId: 1 } }), "invalid_secret", "credentials.secret"],
  ["secret not a string", (c) => ({ ...c, credentials: { secret: 42, keyId: 1 } }), "invalid_secret", "credentials.secret"],
  ["missing key id", (c) => ({ ...c, credentials: { secret: "k" } }), "invalid_key_id", "credentials.keyId"],
  ["timestamp as an object", (c) => ({ ...c, timestamp: {} }), "invalid_timestamp", "timestamp"],
  ["timestamp with CRLF", (c) => ({ ...c, timestamp: "1700000000\r\nX: y" }), "invalid_timestamp", "timestamp"],
  ["timestamp a fraction", (c) => ({ ...c, timestamp: 1.5 }), "invalid_timestamp", "timestamp"],
  ["unknown option", (c) => ({ ...c, options: { entrence: "/e" } }), "invalid_option", "options.entrence"],
  ["option of another scheme", (c) => ({ ...c, options: { emptyBody: "" } }), "invalid_option", "options.emptyBody"],
  ["entrance not a string", (c) => ({ ...c, options: { entrance: 5 } }), "invalid_option", "options.entrance"],
];

describe("bad input", () => {
  for (const [what, make, code, field] of cases) {
    it(`${what} -> ${code} at ${field}`, async () => {
      const error = await signWith(oracleProvider, make(good()) as never).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(PanelsigError);
      expect(error).toMatchObject({ code, field });
      expect((error as Error).message.startsWith(`${field}: `)).toBe(true);
    });
  }
  it("the good case signs", async () => {
    expect((await signWith(oracleProvider, good() as never)).signature).toMatch(/^[0-9a-f]{64}$/);
  });
  it("an object body's message says why", async () => {
    const c = good();
    c.request.body = { a: 1 };
    await expect(signWith(oracleProvider, c as never)).rejects.toThrow(/serialise the body yourself/);
  });
});

describe("a value no JSON can show is still named, and the refusal stays a PanelsigError", () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  it("shownValue: JSON, numbers as written, bigints, symbols, functions, cycles", () => {
    expect([shownValue("a"), shownValue(null), shownValue([1]), shownValue(NaN), shownValue(-1.5), shownValue(1n), shownValue(Symbol("s")), shownValue(() => 1), shownValue(undefined), shownValue(cyclic)])
      .toEqual(['"a"', "null", "[1]", "NaN", "-1.5", "1n", "symbol", "function", "undefined", "object"]);
  });
  it("sign with a bigint scheme, op or key id, or a cyclic op: PanelsigError naming the field", async () => {
    const base = { scheme: "acepanel", request: { method: "GET", url: "/api/user/info" }, credentials: { secret: "s", keyId: 1 }, timestamp: 1700000000 };
    const tries: [Record<string, unknown>, string, string][] = [
      [{ ...base, scheme: 1n }, "scheme", "scheme: 1n is not one of"],
      [{ ...base, op: 1n }, "op", "op: is 1n, but this is sign"],
      [{ ...base, op: cyclic }, "op", "op: is object, but this is sign"],
      [{ ...base, credentials: { secret: "s", keyId: 1n } }, "credentials.keyId", "credentials.keyId: 1n is not a token id"],
      [{ ...base, credentials: { secret: "s", keyId: NaN } }, "credentials.keyId", "credentials.keyId: NaN is not a token id"],
    ];
    for (const [input, field, start] of tries) {
      const error = await signWith(oracleProvider, input as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PanelsigError);
      expect([(error as PanelsigError).field, (error as Error).message.startsWith(start)]).toEqual([field, true]);
    }
  });
});
