// The acepanel verifier at the edges of the server's checks (reference: the AcePanel server at
// commit f26cae5, internal/middleware/entrance.go and user_token.go; docs/verify-outcomes.md):
// the entrance as the server normalises its setting, what is below the entrance, timestamps of
// more than 15 digits in the 300 s window, the body, broken token records, and the hint shown
// for a signature mismatch.
// Signatures are node:crypto over hand-written canonical requests (oracle.ts).
import { describe, expect, it } from "vitest";
import { howToSign, PanelsigError, verifyHttpWith, type HttpMessage, type VerifyOptions } from "@panelsig/core";
import { acepanelExpected, EMPTY_SHA256, oracleProvider, sha256hex } from "./oracle.ts";

const secret = "YourSecretToken";
const INFO = `GET\n/api/user/info\n\n${EMPTY_SHA256}`;
const options = (more: Record<string, unknown> = {}) =>
  ({ scheme: "acepanel", token: (id: string) => (id === "16" ? { secret } : undefined), entrance: "/entrance", now: () => 1700000000, ...more }) as unknown as VerifyOptions;
const message = (target: string, timestamp = "1700000000"): HttpMessage => ({
  method: "GET",
  target,
  headers: [["X-Timestamp", timestamp], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${acepanelExpected(secret, timestamp, INFO).signature}`]],
  body: new Uint8Array(0),
});

describe("acepanel verify: the entrance", () => {
  it('the setting "/entrance//" loses one "/" (strings.TrimSuffix): the entrance is "/entrance/"', async () => {
    expect(await verifyHttpWith(oracleProvider, message("/entrance//api/user/info"), options({ entrance: "/entrance//" }))).toMatchObject({ valid: true, canonicalRequest: INFO });
    expect(await verifyHttpWith(oracleProvider, message("/entrance/api/user/info"), options({ entrance: "/entrance//" }))).toMatchObject({ error: "entrance_mismatch", status: 418 });
  });
  it("without Authorization, a path that only starts with the entrance's text is outside it (E5: entrance_mismatch, not missing_headers)", async () => {
    const m: HttpMessage = { method: "GET", target: "/entranceX/api/user/info", headers: [], body: new Uint8Array(0) };
    expect(await verifyHttpWith(oracleProvider, m, options())).toMatchObject({ valid: false, error: "entrance_mismatch", status: 418 });
    expect(await verifyHttpWith(oracleProvider, { ...m, target: "/entrance/x" }, options())).toMatchObject({ valid: false, error: "missing_headers", status: 418 });
  });
});

describe("acepanel verify: timestamps of more than 15 digits (read exactly, as int64)", () => {
  it("microseconds are far in the future: they pass", async () => {
    expect(await verifyHttpWith(oracleProvider, message("/entrance/api/user/info", "1700000000000000"), options())).toMatchObject({ valid: true });
  });
  it("a 16-digit negative timestamp is long expired", async () => {
    expect(await verifyHttpWith(oracleProvider, message("/entrance/api/user/info", "-1000000000000000"), options())).toMatchObject({ error: "timestamp_expired", status: 401 });
  });
  it("the window's edge with a 16-digit clock: now - 300 passes, now - 301 is expired", async () => {
    const at = (now: number) => options({ now: () => now });
    expect(await verifyHttpWith(oracleProvider, message("/entrance/api/user/info", "1000000000000000"), at(1000000000000300))).toMatchObject({ valid: true });
    expect(await verifyHttpWith(oracleProvider, message("/entrance/api/user/info", "1000000000000000"), at(1000000000000301))).toMatchObject({ error: "timestamp_expired" });
  });
});

describe("acepanel verify: the body", () => {
  const json = '{"name":"example.com"}';
  const canonical = `POST\n/api/website\n\n${sha256hex(json)}`;
  const post = (body: HttpMessage["body"]): HttpMessage => ({
    method: "POST",
    target: "/entrance/api/website",
    headers: [["X-Timestamp", "1700000000"], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${acepanelExpected(secret, "1700000000", canonical).signature}`]],
    body,
  });
  const streamed = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of ['{"name":', '"example.com"}']) controller.enqueue(new TextEncoder().encode(part));
        controller.close();
      },
    });
  it("a streamed body is hashed chunk by chunk; with keepBody the result carries its bytes", async () => {
    const kept = await verifyHttpWith(oracleProvider, post(streamed()), options({ keepBody: true }));
    expect(kept).toMatchObject({ valid: true, canonicalRequest: canonical });
    expect(kept.body).toEqual(new TextEncoder().encode(json));
    const plain = await verifyHttpWith(oracleProvider, post(streamed()), options());
    expect(plain).toMatchObject({ valid: true, canonicalRequest: canonical });
    expect("body" in plain).toBe(false);
  });
  it("a body in memory with keepBody: the result carries it", async () => {
    expect((await verifyHttpWith(oracleProvider, post(new TextEncoder().encode(json)), options({ keepBody: true }))).body).toEqual(new TextEncoder().encode(json));
  });
  it("a body over maxBodyBytes, in memory or streamed: 413 body_too_large", async () => {
    for (const body of [new TextEncoder().encode(json), streamed()]) {
      expect(await verifyHttpWith(oracleProvider, post(body), options({ maxBodyBytes: json.length - 1 }))).toMatchObject({ valid: false, error: "body_too_large", status: 413 });
    }
  });
});

describe("acepanel verify: a broken token record is the caller's error, naming the field", () => {
  const refused: [record: unknown, code: string, field: string, says: string][] = [
    ["YourSecretToken", "invalid_option", 'options.token("16")', "must return { secret, expiresAt?, ipWhitelist? } or undefined"],
    [{ secret, expiresAt: "1800000000" }, "invalid_option", 'options.token("16").expiresAt', "must be Unix seconds"],
    [{ secret, expiresAt: Number.NaN }, "invalid_option", 'options.token("16").expiresAt', "must be Unix seconds"],
    [{ secret, ipWhitelist: "203.0.113.0/24" }, "invalid_option", 'options.token("16").ipWhitelist', "must be an array of IPs and CIDR blocks (strings)"],
    [{ secret, ipWhitelist: ["203.0.113.0/24", 7] }, "invalid_option", 'options.token("16").ipWhitelist', "must be an array of IPs and CIDR blocks (strings)"],
    [{ secret: 7 }, "invalid_secret", 'options.token("16").secret', "secret"],
  ];
  for (const [record, code, field, says] of refused) {
    it(`${JSON.stringify(record)}: ${field}`, async () => {
      const error = await verifyHttpWith(oracleProvider, message("/entrance/api/user/info"), options({ token: () => record })).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(PanelsigError);
      expect(error).toMatchObject({ code, field, message: expect.stringContaining(says) });
    });
  }
  it("a whitelist without the client's address: clientIp is required, naming the token", async () => {
    const error = await verifyHttpWith(oracleProvider, message("/entrance/api/user/info"), options({ token: () => ({ secret, ipWhitelist: ["203.0.113.0/24"] }) })).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_option", field: "clientIp", message: expect.stringContaining("token 16 has an IP whitelist") });
  });
});

describe("acepanel verify: the Authorization header as Go's fmt.Sscanf reads it (%s ends at white space)", () => {
  const sig = acepanelExpected(secret, "1700000000", INFO).signature;
  const withHeader = (authorization: string): HttpMessage => ({ method: "GET", target: "/entrance/api/user/info", headers: [["X-Timestamp", "1700000000"], ["Authorization", authorization]], body: new Uint8Array(0) });
  const verify = (authorization: string) => verifyHttpWith(oracleProvider, withHeader(authorization), options());
  it("a letter after the signature is part of it (no white space ends it): a mismatch", async () => {
    expect(await verify(`HMAC-SHA256 Credential=16, Signature=${sig}é`)).toMatchObject({ error: "signature_mismatch" });
    expect(await verify(`HMAC-SHA256 Credential=16, Signature=${sig} é`)).toMatchObject({ valid: true });
  });
  it("a word before the algorithm, or a letter in the id: the format does not match (a malformed header)", async () => {
    for (const header of [`x HMAC-SHA256 Credential=16, Signature=${sig}`, `HMAC-SHA256 Credential=1a, Signature=${sig}`]) {
      expect(await verify(header)).toMatchObject({ valid: false, error: "malformed_authorization", status: 401, message: "invalid header: input does not match format" });
    }
  });
});

describe("acepanel: the hint for a signature mismatch", () => {
  it("names the result's fields to compare", () => {
    expect(howToSign("acepanel")).toContain("expected.canonicalRequest");
    expect(howToSign("acepanel")).toContain("expected.stringToSign");
  });
});
