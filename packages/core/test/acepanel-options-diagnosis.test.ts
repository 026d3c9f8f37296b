// acepanel through verifyHttpWith: what each option accepts and the error naming it, the defaults
// (locale en, entrance "/", entranceError 418), the {"msg"} error body, and the query mistakes of
// the diagnosis catalogue (docs/verify-outcomes.md), each on a request where only that mistake
// reproduces the signature. Canonical queries are derived by hand from Go's url.Values.Encode
// (sorted keys, QueryEscape: space as "+", upper-case hex, only A-Za-z0-9-_.~ unescaped);
// signatures are node:crypto over the hand-written canonical request (oracle.ts).
import { describe, expect, it } from "vitest";
import { errorRejection, PanelsigError, verifyHttpWith, type HeaderPair, type HttpMessage, type VerifyOptions } from "@panelsig/core";
import { acepanelExpected, EMPTY_SHA256, oracleProvider } from "./oracle.ts";

const secret = "YourSecretToken";
const NOW = 1700000000;
const token = (keyId: string) => (keyId === "16" ? { secret } : undefined);
const options = (more: Record<string, unknown> = {}) => ({ scheme: "acepanel", token, now: () => NOW, ...more }) as unknown as VerifyOptions;
const auth = (signature: string): HeaderPair => ["Authorization", `HMAC-SHA256 Credential=16, Signature=${signature}`];
const message = (target: string, signature: string): HttpMessage => ({ method: "GET", target, headers: [["X-Timestamp", String(NOW)], auth(signature)], body: new Uint8Array(0) });
const signatureFor = (query: string, path = "/api/user/info") => acepanelExpected(secret, String(NOW), `GET\n${path}\n${query}\n${EMPTY_SHA256}`).signature;

describe("acepanel options: what each accepts, and the error naming it", () => {
  const refused = async (more: Record<string, unknown>, field: string, accepts: string) => {
    const error = await verifyHttpWith(oracleProvider, message("/api/user/info", "00"), options(more)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PanelsigError);
    expect(error).toMatchObject({ code: "invalid_option", field });
    expect((error as Error).message).toContain(accepts);
  };
  it("token must be a function", () => refused({ token: { "16": { secret } } }, "options.token", "a function from a key id"));
  it("token is required", () => refused({ token: undefined }, "options.token", "is required: a function from a key id"));
  it("entrance must be a string", () => refused({ entrance: 5 }, "options.entrance", 'a path prefix such as "/entrance"'));
  it("ipHeader must be a string", () => refused({ ipHeader: ["X-Forwarded-For"] }, "options.ipHeader", 'a header name such as "X-Forwarded-For"'));
  for (const locale of ["fr", "zh-CN", ""]) it(`locale ${JSON.stringify(locale)} is refused`, () => refused({ locale }, "options.locale", '"en", "zh_CN" or "zh_TW"'));
  for (const entranceError of ["404", 418, ""]) it(`entranceError ${JSON.stringify(entranceError)} is refused`, () => refused({ entranceError }, "options.entranceError", '"418", "nginx" or "close"'));
  it("every documented value is taken", async () => {
    for (const locale of ["en", "zh_CN", "zh_TW"]) expect(await verifyHttpWith(oracleProvider, message("/api/user/info", signatureFor("")), options({ locale }))).toMatchObject({ valid: true });
    for (const entranceError of ["418", "nginx", "close"]) expect(await verifyHttpWith(oracleProvider, message("/e/api/user/info", signatureFor("")), options({ entrance: "/e", entranceError }))).toMatchObject({ valid: true });
    expect(await verifyHttpWith(oracleProvider, message("/api/user/info", signatureFor("")), options({ ipHeader: "X-Forwarded-For" }))).toMatchObject({ valid: true });
  });
});

describe("acepanel defaults and the error body", () => {
  it('locale "en", entrance "/", the {"msg"} body in application/json; charset=utf-8', async () => {
    const r = await verifyHttpWith(oracleProvider, message("/api/user/info", "0".repeat(64)), options());
    expect(r).toMatchObject({ error: "signature_mismatch", status: 401, message: "invalid signature" });
    expect(r.rejection).toStrictEqual({ status: 401, headers: { "Content-Type": "application/json; charset=utf-8" }, body: '{"msg":"invalid signature"}' });
    expect(errorRejection("acepanel", 503, "x")).toStrictEqual({ status: 503, headers: { "Content-Type": "application/json; charset=utf-8" }, body: '{"msg":"x"}' });
  });
  it("entranceError defaults to 418 (a path outside the entrance)", async () => {
    expect(await verifyHttpWith(oracleProvider, message("/other/api/user/info", signatureFor("")), options({ entrance: "/e" }))).toMatchObject({ error: "entrance_mismatch", status: 418 });
  });
  it("the token's messages in each locale (verify-outcomes.md rows 3, 7b)", async () => {
    const algorithm: HttpMessage = { method: "GET", target: "/api/user/info", headers: [["X-Timestamp", String(NOW)], ["Authorization", `HMAC-SHA1 Credential=16, Signature=${signatureFor("")}`]], body: new Uint8Array(0) };
    const stale: HttpMessage = { ...message("/api/user/info", acepanelExpected(secret, String(NOW - 301), `GET\n/api/user/info\n\n${EMPTY_SHA256}`).signature), headers: [["X-Timestamp", String(NOW - 301)], auth(acepanelExpected(secret, String(NOW - 301), `GET\n/api/user/info\n\n${EMPTY_SHA256}`).signature)] };
    const expected: [string, string, string][] = [["en", "invalid signature", "signature expired"], ["zh_CN", "无效的签名", "签名已过期"], ["zh_TW", "無效的簽名", "簽名已過期"]];
    for (const [locale, invalid, expired] of expected) {
      expect(await verifyHttpWith(oracleProvider, algorithm, options({ locale }))).toMatchObject({ error: "unsupported_algorithm", status: 401, message: invalid });
      expect(await verifyHttpWith(oracleProvider, stale, options({ locale }))).toMatchObject({ error: "timestamp_expired", status: 401, message: expired });
    }
  });
});

describe("acepanel diagnosis: the query mistakes, each alone", () => {
  // [mistake, query sent, the query the client signed]; the receiver signs Go's encoding.
  const cases: [mistake: string, sent: string, signed: string][] = [
    ["query-unsorted", "b=2&a=1", "b=2&a=1"],
    ["query-space-percent-20", "a=x%20y", "a=x%20y"],
    ["query-lowercase-hex", "a=%2f", "a=%2f"],
    ["query-escapes", "a=*", "a=*"],
    ["query-escapes", "a=~", "a=%7E"],
    ["query-key-without-equals", "k", "k"],
    ["query-as-sent", "a=%41", "a=%41"],
    ["query-decoded", "a=%26", "a=&"],
    ["query-whatwg", "a=\xc3\xa9&b=`", "a=%C3%A9&b=`"],
    ["query-omitted", "a=1", ""],
  ];
  for (const [mistake, sent, signed] of cases) {
    it(`${mistake}: sent ${JSON.stringify(sent)}, signed ${JSON.stringify(signed)}`, async () => {
      const signature = signatureFor(signed);
      const r = await verifyHttpWith(oracleProvider, message(`/api/user/info?${sent}`, signature), options());
      expect(r.error).toBe("signature_mismatch");
      expect(r.diagnosis).toMatchObject({ mistake, signature, canonicalRequest: `GET\n/api/user/info\n${signed}\n${EMPTY_SHA256}` });
      expect(r.diagnosis!.summary).toMatch(/^your client /);
    });
  }
  it("the receiver's own canonical query, hand-derived, passes (the cases above are mistakes only)", async () => {
    const canonical: [sent: string, go: string][] = [["b=2&a=1", "a=1&b=2"], ["a=x%20y", "a=x+y"], ["a=%2f", "a=%2F"], ["a=*", "a=%2A"], ["a=~", "a=~"], ["k", "k="], ["a=%41", "a=A"], ["a=%26", "a=%26"], ["a=\xc3\xa9&b=`", "a=%C3%A9&b=%60"]];
    for (const [sent, go] of canonical) expect(await verifyHttpWith(oracleProvider, message(`/api/user/info?${sent}`, signatureFor(go)), options())).toMatchObject({ valid: true });
  });
  it("a wrong secret: no diagnosis", async () => {
    const other = acepanelExpected("another", String(NOW), `GET\n/api/user/info\nb=2&a=1\n${EMPTY_SHA256}`).signature;
    expect((await verifyHttpWith(oracleProvider, message("/api/user/info?b=2&a=1", other), options())).diagnosis).toBe(undefined);
  });
});
