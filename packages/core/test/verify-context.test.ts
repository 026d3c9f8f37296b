// The two context fields that state receiver state beyond one request: maxBodyBytes (the body
// limit, every scheme) and acceptedSignatures (opterius-panel's replay memory). Expected answers
// come from docs/verify-outcomes.md, with strings to sign written by hand and MACed with
// node:crypto directly. All three providers.
import { describe, expect, it } from "vitest";
import { MemoryReplayStore, PanelsigError, verifyRequestWith, verifyWith, type Case, type HeaderPair, type VerifyContext } from "@panelsig/core";
import { PROVIDERS } from "@panelsig/conformance";
import { acepanelExpected, hmacHex, oracleProvider, sha256hex } from "./oracle.ts";

const TOO_LARGE = { valid: false, error: "body_too_large", status: 413, message: "request body too large" };
const REPLAYED = { valid: false, error: "replayed", status: 401, message: "request already used" };
const MISMATCH = { valid: false, error: "signature_mismatch", status: 401, message: "invalid signature" };
const OUT_OF_RANGE = { valid: false, status: 401, message: "timestamp out of range" };

describe("context.maxBodyBytes: opterius-agent", () => {
  const secret = "your-secret-key-here";
  const ts = "2026-04-08T14:32:00Z";
  const T = Date.UTC(2026, 3, 8, 14, 32, 0) / 1000;
  const body = '{"username":"alice","domain":"alice.example.com"}'; // 49 bytes
  const toSign = `${ts}POST/account/create${body}`;
  const agentCase = (context: VerifyContext, request: Partial<Case["request"]> = {}, signWith = secret): Case => ({
    scheme: "opterius-agent",
    request: { method: "POST", url: "/account/create", body, headers: [["X-Signature", hmacHex(signWith, toSign)], ["X-Timestamp", ts]], ...request },
    credentials: { secret },
    context: { now: T, ...context },
  });

  for (const { name, verify } of PROVIDERS) {
    describe(name, () => {
      it("a body of exactly the limit passes", async () => {
        expect(await verify(agentCase({ maxBodyBytes: 49 }))).toStrictEqual({ valid: true, stringToSign: toSign, expectedSignature: hmacHex(secret, toSign) });
      });
      it("one byte over the limit is body_too_large, 413, with nothing computed", async () => {
        expect(await verify(agentCase({ maxBodyBytes: 48 }))).toStrictEqual(TOO_LARGE);
      });
      it("the limit 0 takes no body at all", async () => {
        const noBody = `${ts}GET/account/list`;
        const headers: HeaderPair[] = [["X-Signature", hmacHex(secret, noBody)], ["X-Timestamp", ts]];
        expect(await verify(agentCase({ maxBodyBytes: 0 }, { method: "GET", url: "/account/list", body: undefined, headers }))).toMatchObject({ valid: true });
        expect(await verify(agentCase({ maxBodyBytes: 0 }))).toStrictEqual(TOO_LARGE);
      });
      it("the timestamp checks come first: an oversized, stale request is out of range (401)", async () => {
        expect(await verify(agentCase({ maxBodyBytes: 48, now: T + 301 }))).toStrictEqual({ ...OUT_OF_RANGE, error: "timestamp_expired" });
      });
      it("the body is limited before the signature is checked: an oversized, badly signed request is 413", async () => {
        expect(await verify(agentCase({ maxBodyBytes: 48 }, {}, "another-secret"))).toStrictEqual(TOO_LARGE);
      });
    });
  }
});

describe("context.maxBodyBytes: opterius-panel", () => {
  const secret = "eyJ-test";
  const T = 1775658720;
  const panelCase = (context: VerifyContext, request: Partial<Case["request"]>, toSign: string): Case => ({
    scheme: "opterius-panel",
    request: { method: "POST", url: "/api/accounts/7/suspend", headers: [["X-Timestamp", String(T)], ["X-Signature", hmacHex(secret, toSign)]], ...request },
    credentials: { secret },
    context: { now: T, ...context },
  });

  for (const { name, verify } of PROVIDERS) {
    describe(name, () => {
      it('no body under the limit 0 passes: the limit counts the bytes received, not the "{}" signed in their place', async () => {
        expect(await verify(panelCase({ maxBodyBytes: 0 }, {}, `${T}{}`))).toStrictEqual({ valid: true, stringToSign: `${T}{}`, expectedSignature: hmacHex(secret, `${T}{}`) });
      });
      it('a body of "{}" sent is two bytes: over the limit 1', async () => {
        expect(await verify(panelCase({ maxBodyBytes: 1 }, { body: "{}" }, `${T}{}`))).toStrictEqual(TOO_LARGE);
        expect(await verify(panelCase({ maxBodyBytes: 2 }, { body: "{}" }, `${T}{}`))).toMatchObject({ valid: true });
      });
      it("the limit counts UTF-8 bytes, not characters", async () => {
        const body = '{"a":"\u00fc"}'; // 9 characters, 10 bytes
        expect(await verify(panelCase({ maxBodyBytes: 9 }, { body }, `${T}${body}`))).toStrictEqual(TOO_LARGE);
        expect(await verify(panelCase({ maxBodyBytes: 10 }, { body }, `${T}${body}`))).toMatchObject({ valid: true });
      });
      it("bytes given exactly count as they are", async () => {
        const body = new Uint8Array([0xff, 0x00, 0xfe]);
        const signed = Buffer.concat([Buffer.from(String(T)), body]);
        const headers: HeaderPair[] = [["X-Timestamp", String(T)], ["X-Signature", hmacHex(secret, signed)]];
        expect(await verify(panelCase({ maxBodyBytes: 2 }, { body, headers }, ""))).toStrictEqual(TOO_LARGE);
        expect(await verify(panelCase({ maxBodyBytes: 3 }, { body, headers }, ""))).toMatchObject({ valid: true });
      });
    });
  }
});

describe("context.maxBodyBytes: acepanel", () => {
  const secret = "YourSecretToken";
  const T = 1700000000;
  const body = '{"name":"example.com"}'; // 22 bytes
  const expected = acepanelExpected(secret, String(T), `POST\n/api/website\n\n${sha256hex(body)}`);
  const aceCase = (context: VerifyContext, request: Partial<Case["request"]> = {}, signature = expected.signature): Case => ({
    scheme: "acepanel",
    request: {
      method: "POST",
      url: "/entrance/api/website",
      body,
      headers: [["X-Timestamp", String(T)], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${signature}`]],
      ...request,
    },
    credentials: { secret, keyId: 16 },
    context: { now: T, entrance: "/entrance", ...context },
  });
  const shown = { canonicalRequest: expected.canonicalRequest, stringToSign: expected.stringToSign, expectedSignature: expected.signature };

  for (const { name, verify } of PROVIDERS) {
    describe(name, () => {
      it("a body of exactly the limit passes; one byte over is 413", async () => {
        expect(await verify(aceCase({ maxBodyBytes: 22 }))).toStrictEqual({ valid: true, ...shown });
        expect(await verify(aceCase({ maxBodyBytes: 21 }))).toStrictEqual(TOO_LARGE);
      });
      it("token expiry comes first (step 5): an oversized request with an expired token is 401", async () => {
        expect(await verify(aceCase({ maxBodyBytes: 0, tokenExpiresAt: T - 1 }))).toStrictEqual({ valid: false, error: "token_expired", status: 401, message: "token expired" });
      });
      it("the signature comes after the body: a badly signed oversized request is 413", async () => {
        expect(await verify(aceCase({ maxBodyBytes: 0 }, {}, "0".repeat(64)))).toStrictEqual(TOO_LARGE);
      });
      it("the timestamp comes after the signature: a stale oversized request is 413, where the Opterius schemes answer 401", async () => {
        const stale = acepanelExpected(secret, String(T - 301), expected.canonicalRequest);
        const headers: HeaderPair[] = [["X-Timestamp", String(T - 301)], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${stale.signature}`]];
        expect(await verify(aceCase({ maxBodyBytes: 0 }, { headers }))).toStrictEqual(TOO_LARGE);
        expect(await verify(aceCase({}, { headers }))).toStrictEqual({
          valid: false,
          error: "timestamp_expired",
          status: 401,
          message: "signature expired",
          canonicalRequest: stale.canonicalRequest,
          stringToSign: stale.stringToSign,
          expectedSignature: stale.signature,
        });
      });
      it("a public path is never checked, so its body is never read", async () => {
        expect(await verify(aceCase({ maxBodyBytes: 0 }, { url: "/entrance/api/user/login", headers: [["Authorization", "garbage"]] }))).toStrictEqual({
          valid: true,
          signatureChecked: false,
          uncheckedReason: "public_path",
        });
      });
    });
  }
});

describe("context.acceptedSignatures: opterius-panel's replay memory", () => {
  const secret = "eyJ-test";
  const T = 1775658720;
  const body = '{"domain":"example.com"}';
  const signature = hmacHex(secret, `${T}${body}`);
  const panelCase = (context: VerifyContext, request: Partial<Case["request"]> = {}, sent = signature): Case => ({
    scheme: "opterius-panel",
    request: { method: "POST", url: "/api/accounts", body, headers: [["X-Timestamp", String(T)], ["X-Signature", sent]], ...request },
    credentials: { secret },
    context: { now: T, ...context },
  });
  const shown = { stringToSign: `${T}${body}`, expectedSignature: signature };

  for (const { name, verify } of PROVIDERS) {
    describe(name, () => {
      it("a valid request whose signature is listed is replayed (401), with what was computed", async () => {
        expect(await verify(panelCase({ acceptedSignatures: [signature] }))).toStrictEqual({ ...REPLAYED, ...shown });
      });
      it("another signature listed: valid", async () => {
        const other = hmacHex(secret, `${T - 60}${body}`);
        expect(await verify(panelCase({ acceptedSignatures: [other] }))).toStrictEqual({ valid: true, ...shown });
        expect(await verify(panelCase({ acceptedSignatures: [] }))).toStrictEqual({ valid: true, ...shown });
      });
      it('no body: the "{}" form listed is replayed, and so is the doc\'s "" form', async () => {
        const braces = hmacHex(secret, `${T}{}`);
        const empty = hmacHex(secret, `${T}`);
        expect(await verify(panelCase({ acceptedSignatures: [braces] }, { body: undefined }, braces))).toStrictEqual({ ...REPLAYED, stringToSign: `${T}{}`, expectedSignature: braces });
        expect(await verify(panelCase({ acceptedSignatures: [empty] }, { body: undefined }, empty))).toStrictEqual({ ...REPLAYED, stringToSign: `${T}`, expectedSignature: empty });
        expect(await verify(panelCase({ acceptedSignatures: [empty] }, { body: undefined }, braces))).toMatchObject({ valid: true });
      });
      it("a replay to another method and path is still refused: neither is signed", async () => {
        expect(await verify(panelCase({ acceptedSignatures: [signature] }, { method: "DELETE", url: "/api/accounts/7" }))).toStrictEqual({ ...REPLAYED, ...shown });
      });
      it("the guard counts only requests that pass every other check", async () => {
        expect(await verify(panelCase({ acceptedSignatures: [signature], now: T + 301 }))).toStrictEqual({ ...OUT_OF_RANGE, error: "timestamp_expired" });
        const tampered = '{"domain":"example.org"}';
        expect(await verify(panelCase({ acceptedSignatures: [signature] }, { body: tampered }))).toStrictEqual({
          ...MISMATCH,
          stringToSign: `${T}${tampered}`,
          expectedSignature: hmacHex(secret, `${T}${tampered}`),
        });
        expect(await verify(panelCase({ acceptedSignatures: [signature], maxBodyBytes: 1 }))).toStrictEqual(TOO_LARGE);
      });
      it("each verification starts from the case's list: accepting a request does not change the case", async () => {
        const input = panelCase({ acceptedSignatures: [hmacHex(secret, `${T - 60}${body}`)] });
        expect(await verify(input)).toMatchObject({ valid: true });
        expect(await verify(input)).toMatchObject({ valid: true });
        expect(input.context!.acceptedSignatures).toEqual([hmacHex(secret, `${T - 60}${body}`)]);
      });
    });
  }
});

describe("reading the two fields: a mistake in the context is a typed error naming the field", () => {
  const panel: Case = { scheme: "opterius-panel", request: { method: "POST", url: "/api/ping" }, credentials: { secret: "s" }, context: { now: 0 } };
  const withContext = (c: Case, context: Record<string, unknown>): Case => ({ ...c, context: { now: 0, ...context } as VerifyContext });
  const bad: [what: string, field: string, value: unknown][] = [
    ["a negative limit", "maxBodyBytes", -1],
    ["a fractional limit", "maxBodyBytes", 1.5],
    ["a limit as text", "maxBodyBytes", "1024"],
    ["an infinite limit", "maxBodyBytes", Infinity],
    ["signatures as one string", "acceptedSignatures", "ab".repeat(32)],
    ["an upper-case signature", "acceptedSignatures", ["AB".repeat(32)]],
    ["a short signature", "acceptedSignatures", ["ab".repeat(16)]],
    ["a number in the list", "acceptedSignatures", [1]],
  ];
  for (const [what, field, value] of bad) {
    it(`${what}: context.${field}`, async () => {
      const promise = verifyWith(oracleProvider, withContext(panel, { [field]: value }));
      await expect(promise).rejects.toBeInstanceOf(PanelsigError);
      await expect(promise).rejects.toMatchObject({ code: "invalid_case", field: `context.${field}` });
    });
  }
  for (const scheme of ["opterius-agent", "acepanel"] as const) {
    it(`acceptedSignatures on ${scheme}, which has no replay guard`, async () => {
      const c: Case = { scheme, request: { method: "GET", url: "/entrance/api/user/info" }, credentials: { secret: "s", keyId: 16 } };
      await expect(verifyWith(oracleProvider, withContext(c, { acceptedSignatures: ["ab".repeat(32)] }))).rejects.toMatchObject({
        code: "invalid_case",
        field: "context.acceptedSignatures",
      });
    });
  }
  it("the same state in the context and beside the case is refused, not silently merged", async () => {
    await expect(verifyWith(oracleProvider, withContext(panel, { maxBodyBytes: 10 }), { maxBodyBytes: 20 })).rejects.toMatchObject({
      code: "invalid_option",
      field: "options.maxBodyBytes",
    });
    await expect(verifyWith(oracleProvider, withContext(panel, { acceptedSignatures: [] }), { replayStore: new MemoryReplayStore() })).rejects.toMatchObject({
      code: "invalid_option",
      field: "options.replayStore",
    });
  });
  it("an unknown field names both new fields among those the context takes", async () => {
    await expect(verifyWith(oracleProvider, withContext(panel, { maxBody: 1 }))).rejects.toThrow(/context\.maxBody: unknown field; the context takes: .*maxBodyBytes, acceptedSignatures/);
  });
});

describe("a replay store is for opterius-panel only", () => {
  it("verify(case, { replayStore }) refuses it for acepanel", async () => {
    const c = {
      scheme: "acepanel" as const,
      request: { method: "GET", url: "/api/user/info", headers: [["X-Timestamp", "1700000000"], ["Authorization", "HMAC-SHA256 Credential=16, Signature=00"]] as [string, string][] },
      credentials: { secret: "YourSecretToken", keyId: 16 },
      context: { now: 1700000000 },
    };
    await expect(verifyWith(oracleProvider, c, { replayStore: new MemoryReplayStore() })).rejects.toMatchObject({ code: "invalid_option", field: "options.replayStore" });
  });
  it("verifyRequestWith refuses it for acepanel", async () => {
    const request = new Request("https://panel.example/api/user/info");
    await expect(
      verifyRequestWith(oracleProvider, request, { scheme: "acepanel", token: () => undefined, replayStore: new MemoryReplayStore() } as never),
    ).rejects.toMatchObject({ code: "invalid_option", field: "options.replayStore" });
  });
});
