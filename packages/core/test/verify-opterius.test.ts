// The reference verifiers for opterius-agent and opterius-panel: every row of
// docs/verify-outcomes.md, anchored on the signatures published in reference/opterius.md and on
// strings to sign written by hand and MACed with node:crypto directly. All three providers.
import { describe, expect, it } from "vitest";
import { MemoryReplayStore, PanelsigError, verifyWith, type Case, type HeaderPair, type VerifyContext } from "@panelsig/core";
import { PROVIDERS } from "@panelsig/conformance";
import { hmacHex, oracleProvider } from "./oracle.ts";

const RANGE = { valid: false, status: 401, message: "timestamp out of range" };
const MISSING = { valid: false, error: "missing_headers", status: 401, message: "missing signature headers" };
const INVALID_TS = { valid: false, error: "timestamp_invalid", status: 401, message: "invalid timestamp" };
const MISMATCH = { valid: false, error: "signature_mismatch", status: 401, message: "invalid signature" };

describe("opterius-agent", () => {
  const secret = "your-secret-key-here";
  const T = Date.UTC(2026, 3, 8, 14, 32, 0) / 1000; // 2026-04-08T14:32:00Z
  const body = '{"username":"alice","domain":"alice.example.com"}';
  const agentCase = (headers: HeaderPair[], request: Partial<Case["request"]> = {}, context: VerifyContext = {}): Case => ({
    scheme: "opterius-agent",
    request: { method: "POST", url: "/account/create", body, headers, ...request },
    credentials: { secret },
    context: { now: T, ...context },
  });
  const signedAt = (timestamp: string, toSign: string) => [["X-Signature", hmacHex(secret, toSign)], ["X-Timestamp", timestamp]] as HeaderPair[];

  for (const { name, verify } of PROVIDERS) {
    describe(name, () => {
      it("the doc's example (Z) passes", async () => {
        const headers: HeaderPair[] = [["X-Signature", "5c1941c5dcf3f47bc4e81c1098655cdfe2ab792274b1164c3a66dba7e2e1d4c6"], ["X-Timestamp", "2026-04-08T14:32:00Z"]];
        expect(await verify(agentCase(headers))).toStrictEqual({
          valid: true,
          stringToSign: `2026-04-08T14:32:00ZPOST/account/create${body}`,
          expectedSignature: "5c1941c5dcf3f47bc4e81c1098655cdfe2ab792274b1164c3a66dba7e2e1d4c6",
        });
      });
      it("the real panel's +00:00 form passes, signed verbatim", async () => {
        const headers: HeaderPair[] = [["X-Signature", "f7d063c7d9ce256ff0c6d3b137e31e871a9285c2b270ab9eeb10c585bab984ff"], ["X-Timestamp", "2026-04-08T14:32:00+00:00"]];
        expect(await verify(agentCase(headers))).toMatchObject({ valid: true });
      });
      it("the path without the query", async () => {
        const headers: HeaderPair[] = [["X-Signature", "efe8dc63304ddce41bcb2eded37b9790cf4d6404999064eb56076d7006df2696"], ["X-Timestamp", "2026-04-08T14:32:00+00:00"], ["Content-Type", "application/json"]];
        expect(await verify(agentCase(headers, { method: "GET", url: "/files/list?path=/home/alice", body: undefined }))).toStrictEqual({
          valid: true,
          stringToSign: "2026-04-08T14:32:00+00:00GET/files/list",
          expectedSignature: "efe8dc63304ddce41bcb2eded37b9790cf4d6404999064eb56076d7006df2696",
        });
      });
      it("the decoded path, as the Go agent compares it", async () => {
        const toSign = "2026-04-08T14:32:00ZGET/files/a b";
        expect(await verify(agentCase(signedAt("2026-04-08T14:32:00Z", toSign), { method: "GET", url: "/files/a%20b", body: undefined }))).toMatchObject({ valid: true, stringToSign: toSign });
      });
      it("a binary body: the string to sign is shown in base64", async () => {
        const bytes = new Uint8Array([0xff, 0x00, 0x41]);
        const signed = Buffer.concat([Buffer.from("2026-04-08T14:32:00ZPOST/terminal"), bytes]);
        const headers: HeaderPair[] = [["X-Signature", hmacHex(secret, signed)], ["X-Timestamp", "2026-04-08T14:32:00Z"]];
        expect(await verify(agentCase(headers, { url: "/terminal", body: bytes }))).toStrictEqual({
          valid: true,
          stringToSignBase64: signed.toString("base64"),
          expectedSignature: hmacHex(secret, signed),
        });
      });
      it("1: a missing or empty header", async () => {
        expect(await verify(agentCase([["X-Timestamp", "2026-04-08T14:32:00Z"]]))).toStrictEqual(MISSING);
        expect(await verify(agentCase([["X-Signature", "ab"]]))).toStrictEqual(MISSING);
        expect(await verify(agentCase([["X-Signature", ""], ["X-Timestamp", "2026-04-08T14:32:00Z"]]))).toStrictEqual(MISSING);
      });
      for (const bad of ["1775658720", "2026-04-08 14:32:00Z", "2026-04-08t14:32:00Z", "2026-02-30T00:00:00Z", "2026-04-08T14:32:00+0000", "2026-04-08T14:32Z"]) {
        it(`2: ${JSON.stringify(bad)} is not RFC 3339`, async () => {
          expect(await verify(agentCase(signedAt(bad, `${bad}POST/account/create${body}`)))).toStrictEqual(INVALID_TS);
        });
      }
      const window: [what: string, timestamp: string, now: number, outcome: string | undefined][] = [
        ["exactly now - 300 passes", "2026-04-08T14:32:00Z", T + 300, undefined],
        ["now - 301 is expired", "2026-04-08T14:32:00Z", T + 301, "timestamp_expired"],
        ["exactly now + 300 passes", "2026-04-08T14:32:00Z", T - 300, undefined],
        ["now + 301 is in the future", "2026-04-08T14:32:00Z", T - 301, "timestamp_in_future"],
        ["a fraction counts: .5 s inside", "2026-04-08T14:32:00.5Z", T + 300.5, undefined],
        ["a fraction counts: .5 s outside", "2026-04-08T14:32:00.5Z", T + 300.6, "timestamp_expired"],
        ["an offset is applied: +02:00", "2026-04-08T16:32:00+02:00", T + 300, undefined],
        ["an offset is applied: -05:00", "2026-04-08T09:32:00-05:00", T + 301, "timestamp_expired"],
      ];
      for (const [what, timestamp, now, outcome] of window) {
        it(`3: ${what}`, async () => {
          const result = await verify(agentCase(signedAt(timestamp, `${timestamp}POST/account/create${body}`), {}, { now }));
          if (outcome) expect(result).toStrictEqual({ ...RANGE, error: outcome });
          else expect(result.valid).toBe(true);
        });
      }
      it("3: a configured window", async () => {
        const headers = signedAt("2026-04-08T14:32:00Z", `2026-04-08T14:32:00ZPOST/account/create${body}`);
        expect(await verify(agentCase(headers, {}, { now: T + 60, windowSeconds: 60 }))).toMatchObject({ valid: true });
        expect(await verify(agentCase(headers, {}, { now: T + 61, windowSeconds: 60 }))).toMatchObject({ error: "timestamp_expired" });
      });
      it("3 before 4: a bad signature with a stale timestamp is out of range", async () => {
        expect(await verify(agentCase([["X-Signature", "00"], ["X-Timestamp", "2026-04-08T14:32:00Z"]], {}, { now: T + 1000 }))).toStrictEqual({ ...RANGE, error: "timestamp_expired" });
      });
      it("4: a wrong signature, with what was expected", async () => {
        const toSign = `2026-04-08T14:32:00ZPOST/account/create${body}`;
        expect(await verify(agentCase([["X-Signature", "0".repeat(64)], ["X-Timestamp", "2026-04-08T14:32:00Z"]]))).toStrictEqual({
          ...MISMATCH,
          stringToSign: toSign,
          expectedSignature: hmacHex(secret, toSign),
        });
      });
      it("4: the +00:00 signature does not pass as Z (the text is signed, not the instant)", async () => {
        const headers: HeaderPair[] = [["X-Signature", "f7d063c7d9ce256ff0c6d3b137e31e871a9285c2b270ab9eeb10c585bab984ff"], ["X-Timestamp", "2026-04-08T14:32:00Z"]];
        expect(await verify(agentCase(headers))).toMatchObject({ error: "signature_mismatch" });
      });
      it("4: upper-case hex fails", async () => {
        const headers: HeaderPair[] = [["X-Signature", "5C1941C5DCF3F47BC4E81C1098655CDFE2AB792274B1164C3A66DBA7E2E1D4C6"], ["X-Timestamp", "2026-04-08T14:32:00Z"]];
        expect(await verify(agentCase(headers))).toMatchObject({ error: "signature_mismatch" });
      });
      it("4: the method is signed: a POST signature does not pass as PUT", async () => {
        const headers: HeaderPair[] = [["X-Signature", "5c1941c5dcf3f47bc4e81c1098655cdfe2ab792274b1164c3a66dba7e2e1d4c6"], ["X-Timestamp", "2026-04-08T14:32:00Z"]];
        expect(await verify(agentCase(headers, { method: "PUT" }))).toMatchObject({ error: "signature_mismatch" });
      });
      it("a path Go cannot decode is Go's 400", async () => {
        expect(await verify(agentCase([], { url: "/files/%zz" }))).toStrictEqual({ valid: false, error: "signature_mismatch", status: 400, message: "400 Bad Request" });
      });
    });
  }
});

describe("opterius-panel", () => {
  const secret = "eyJ-test";
  const T = 1775658720;
  const panelCase = (headers: HeaderPair[], request: Partial<Case["request"]> = {}, context: VerifyContext = {}): Case => ({
    scheme: "opterius-panel",
    request: { method: "POST", url: "/api/accounts", headers, ...request },
    credentials: { secret },
    context: { now: T, ...context },
  });
  const signed = (toSign: string, timestamp = String(T)): HeaderPair[] => [["X-Timestamp", timestamp], ["X-Signature", hmacHex(secret, toSign)]];
  const known: [body: string, signature: string][] = [
    ['{"domain":"b\\u00fccher.example","username":"buecher","package":"starter","email":"owner@b\\u00fccher.example","url":"https:\\/\\/b\\u00fccher.example\\/a\\/b"}', "865d81daae5d4588b1049cc33c23ad4b0ad214759bd43c5ade1c88594ed4490d"],
    ['{"domain":"b\\u00fccher.example","username":"buecher","package":"Starter\\/Plus","email":"owner@example.com"}', "552524dfe8f9c7c3b09919eca4557080914305448a6040b043f6e34c8b80a86b"],
  ];

  for (const { name, verify } of PROVIDERS) {
    describe(name, () => {
      for (const [body, signature] of known) {
        it(`the real client's json_encode body ${signature.slice(0, 8)} passes`, async () => {
          expect(await verify(panelCase([["X-Timestamp", String(T)], ["X-Signature", signature]], { body }))).toStrictEqual({
            valid: true,
            stringToSign: `${T}${body}`,
            expectedSignature: signature,
          });
        });
      }
      it("no body signed as {} (the real client) passes", async () => {
        const headers: HeaderPair[] = [["X-Timestamp", String(T)], ["X-Signature", "f21d3dd043240efa42386b16fc79e049c338a06a7057788aff2fe466400b7146"], ["Accept", "application/json"]];
        expect(await verify(panelCase(headers, { method: "GET", url: "/api/ping" }))).toStrictEqual({
          valid: true,
          stringToSign: `${T}{}`,
          expectedSignature: "f21d3dd043240efa42386b16fc79e049c338a06a7057788aff2fe466400b7146",
        });
      });
      it('no body signed as "" (the doc) passes, with that form\'s intermediates', async () => {
        expect(await verify(panelCase(signed(String(T))))).toStrictEqual({ valid: true, stringToSign: String(T), expectedSignature: hmacHex(secret, String(T)) });
      });
      it("no body and a wrong signature: the {} form's intermediates", async () => {
        expect(await verify(panelCase([["X-Timestamp", String(T)], ["X-Signature", "0".repeat(64)]]))).toStrictEqual({
          ...MISMATCH,
          stringToSign: `${T}{}`,
          expectedSignature: hmacHex(secret, `${T}{}`),
        });
      });
      it("a body sent as {} is that body", async () => {
        expect(await verify(panelCase(signed(`${T}{}`), { body: "{}" }))).toMatchObject({ valid: true });
      });
      it("a body is not treated as empty: {} does not stand in for it", async () => {
        expect(await verify(panelCase(signed(`${T}{}`), { body: "[]" }))).toMatchObject({ error: "signature_mismatch", stringToSign: `${T}[]` });
      });
      it("method and path are not signed", async () => {
        const headers = signed(`${T}{}`);
        for (const [method, url] of [["GET", "/api/ping"], ["DELETE", "/api/accounts/9"], ["POST", "/api/accounts/9/suspend"]]) {
          expect(await verify(panelCase(headers, { method, url }))).toMatchObject({ valid: true });
        }
      });
      it("the path is not even decoded (a PHP receiver, not Go)", async () => {
        expect(await verify(panelCase(signed(`${T}{}`), { url: "/api/%zz" }))).toMatchObject({ valid: true });
      });
      it("1: a missing or empty header", async () => {
        expect(await verify(panelCase([["X-Timestamp", String(T)]]))).toStrictEqual(MISSING);
        expect(await verify(panelCase([["X-Signature", "ab"]]))).toStrictEqual(MISSING);
        expect(await verify(panelCase([["X-Timestamp", ""], ["X-Signature", "ab"]]))).toStrictEqual(MISSING);
      });
      for (const bad of ["2026-04-08T14:32:00Z", "-1", "1.5", "0x10", "+1775658720", "1775658720 1"]) {
        it(`2: ${JSON.stringify(bad)} is not decimal digits`, async () => {
          expect(await verify(panelCase(signed(`${bad}{}`, bad)))).toStrictEqual(INVALID_TS);
        });
      }
      it("leading zeros are digits, and signed as sent", async () => {
        expect(await verify(panelCase(signed(`0${T}{}`, `0${T}`)))).toMatchObject({ valid: true, stringToSign: `0${T}{}` });
      });
      const window: [what: string, timestamp: number, now: number, outcome: string | undefined][] = [
        ["exactly now - 300 passes", T, T + 300, undefined],
        ["now - 301 is expired", T, T + 301, "timestamp_expired"],
        ["exactly now + 300 passes", T, T - 300, undefined],
        ["now + 301 is in the future", T, T - 301, "timestamp_in_future"],
      ];
      for (const [what, timestamp, now, outcome] of window) {
        it(`3: ${what}`, async () => {
          const result = await verify(panelCase(signed(`${timestamp}{}`, String(timestamp)), {}, { now }));
          if (outcome) expect(result).toStrictEqual({ ...RANGE, error: outcome });
          else expect(result.valid).toBe(true);
        });
      }
      it("3: a configured window", async () => {
        expect(await verify(panelCase(signed(`${T}{}`), {}, { now: T + 30, windowSeconds: 30 }))).toMatchObject({ valid: true });
        expect(await verify(panelCase(signed(`${T}{}`), {}, { now: T + 31, windowSeconds: 30 }))).toMatchObject({ error: "timestamp_expired" });
      });
      it("4: upper-case hex fails", async () => {
        expect(await verify(panelCase([["X-Timestamp", String(T)], ["X-Signature", hmacHex(secret, `${T}{}`).toUpperCase()]]))).toMatchObject({ error: "signature_mismatch" });
      });
    });
  }

  describe("5: the replay guard", () => {
    const REPLAYED = { valid: false, error: "replayed", status: 401, message: "request already used" };
    it("accepts a signature once; a replay, even to another endpoint, is refused", async () => {
      const replayStore = new MemoryReplayStore();
      const headers = signed(`${T}{}`);
      expect(await verifyWith(oracleProvider, panelCase(headers, { url: "/api/accounts/9/suspend" }), { replayStore })).toMatchObject({ valid: true });
      expect(await verifyWith(oracleProvider, panelCase(headers, { method: "DELETE", url: "/api/accounts/9" }), { replayStore })).toStrictEqual({
        ...REPLAYED,
        stringToSign: `${T}{}`,
        expectedSignature: hmacHex(secret, `${T}{}`),
      });
    });
    it("another signature passes", async () => {
      const replayStore = new MemoryReplayStore();
      expect(await verifyWith(oracleProvider, panelCase(signed(`${T}{}`)), { replayStore })).toMatchObject({ valid: true });
      expect(await verifyWith(oracleProvider, panelCase(signed(`${T + 1}{}`, String(T + 1))), { replayStore })).toMatchObject({ valid: true });
    });
    it("a failed signature claims nothing", async () => {
      const replayStore = new MemoryReplayStore();
      await verifyWith(oracleProvider, panelCase([["X-Timestamp", String(T)], ["X-Signature", "0".repeat(64)]]), { replayStore });
      expect(replayStore.size).toBe(0);
    });
    it("the signature is remembered until its timestamp leaves the window", async () => {
      const claims: [string, number, number][] = [];
      const replayStore = { claim: (signature: string, expiresAt: number, now: number) => (claims.push([signature, expiresAt, now]), true) };
      await verifyWith(oracleProvider, panelCase(signed(`${T}{}`), {}, { now: T + 10, windowSeconds: 60 }), { replayStore });
      expect(claims).toStrictEqual([[hmacHex(secret, `${T}{}`), T + 60, T + 10]]);
    });
    it("an async store (e.g. Redis) is awaited", async () => {
      const replayStore = { claim: async () => false };
      expect(await verifyWith(oracleProvider, panelCase(signed(`${T}{}`)), { replayStore })).toMatchObject({ error: "replayed" });
    });
    it("a replay store on another scheme is a programmer error", async () => {
      const c: Case = { scheme: "opterius-agent", request: { method: "GET", url: "/x" }, credentials: { secret } };
      await expect(verifyWith(oracleProvider, c, { replayStore: new MemoryReplayStore() })).rejects.toBeInstanceOf(PanelsigError);
    });
  });
});
