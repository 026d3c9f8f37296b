// Case objects are read strictly: a misspelt or misplaced field is a typed error naming it, never
// ignored; a sign case given to verify (or the reverse) says which operation it looks like.
// Also the request-target's "#" as Go's server reads it, and the entrance's responses as a server sends them.
import { describe, expect, it } from "vitest";
import { signWith, verifyHttpWith, verifyWith, type Case } from "@panelsig/core";
import { acepanelExpected, EMPTY_SHA256, oracleProvider } from "./oracle.ts";

const secret = "YourSecretToken";
const request = { method: "GET", url: "/entrance/api/user/info" };
const signCase = { scheme: "acepanel", request, credentials: { secret, keyId: 16 }, timestamp: "1700000000", options: { entrance: "/entrance" } } as Case;
const verifyCase = {
  scheme: "acepanel",
  request: { ...request, headers: [["X-Timestamp", "1700000000"], ["Authorization", "HMAC-SHA256 Credential=16, Signature=b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7"]] },
  credentials: { secret, keyId: 16 },
  context: { now: 1700000000, entrance: "/entrance" },
} as Case;
const sign = (c: unknown) => signWith(oracleProvider, c as Case);
const verify = (c: unknown) => verifyWith(oracleProvider, c as Case);

describe("unknown fields are refused, by name", () => {
  const cases: [where: string, mutate: (c: Record<string, any>) => void, field: string][] = [
    ["top level", (c) => (c.contxt = {}), "contxt"],
    ["request", (c) => (c.request = { ...c.request, headerz: [] }), "request.headerz"],
    ["credentials", (c) => (c.credentials = { ...c.credentials, secert: "x" }), "credentials.secert"],
  ];
  for (const [where, mutate, field] of cases) {
    it(`${where}, on sign and on verify`, async () => {
      for (const [base, run] of [[signCase, sign], [verifyCase, verify]] as const) {
        const c = structuredClone(base) as Record<string, any>;
        mutate(c);
        const error = await run(c).catch((e: unknown) => e);
        expect(error).toMatchObject({ name: "PanelsigError", code: "invalid_case", field });
        expect((error as Error).message).toContain("unknown field");
      }
    });
  }
  it("the known fields, op, id and tcId included, are accepted", async () => {
    expect((await sign({ ...signCase, op: "sign", id: "a", tcId: 1 })).signature).toBe("b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7");
    expect((await verify({ ...verifyCase, op: "verify", id: 7, tcId: 2 })).valid).toBe(true);
  });
});

describe("a case for the other operation says which one it looks like", () => {
  it("options or timestamp given to verify: a sign field", async () => {
    for (const field of ["options", "timestamp"] as const) {
      const error = await verify({ ...verifyCase, [field]: signCase[field] }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "invalid_case", field });
      expect((error as Error).message).toBe(`${field}: is a sign field (verify takes context): give the case to sign, or drop ${field}`);
    }
  });
  it("context given to sign: a verify field", async () => {
    const error = await sign({ ...signCase, context: { now: 1 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_case", field: "context" });
    expect((error as Error).message).toBe("context: is a verify field (sign takes timestamp and options): give the case to verify, or drop context");
  });
  it("an op that is not this operation is refused", async () => {
    await expect(verify({ ...verifyCase, op: "sign" })).rejects.toMatchObject({ code: "invalid_case", field: "op" });
    await expect(sign({ ...signCase, op: "verify" })).rejects.toMatchObject({ code: "invalid_case", field: "op" });
  });
});

describe('"#" in a request-target, as Go\'s url.ParseRequestURI reads it (reference: the request-target)', () => {
  const withUrl = (url: string) => sign({ ...signCase, request: { method: "GET", url } });
  it("after ?, it is part of the query: a=1#frag signs as a=1%23frag", async () => {
    const result = await withUrl("/entrance/api/files/list?a=1#frag");
    const expected = acepanelExpected(secret, "1700000000", `GET\n/api/files/list\na=1%23frag\n${EMPTY_SHA256}`);
    expect(result.canonicalRequest).toBe(expected.canonicalRequest);
    expect(result.signature).toBe(expected.signature);
  });
  it("before any ?, it stays in the path", async () => {
    const result = await withUrl("/entrance/api/files/a#b?x=1");
    expect(result.canonicalRequest).toBe(`GET\n/api/files/a#b\nx=1\n${EMPTY_SHA256}`);
  });
  it("an absolute URL's fragment is dropped: an HTTP client never sends it", async () => {
    const result = await withUrl("https://panel.example.com/entrance/api/files/list?a=1#frag");
    expect(result.canonicalRequest).toBe(`GET\n/api/files/list\na=1\n${EMPTY_SHA256}`);
  });
  it("the verifier reads it the same way: signed over a=1%23frag, it verifies", async () => {
    const expected = acepanelExpected(secret, "1700000000", `GET\n/api/files/list\na=1%23frag\n${EMPTY_SHA256}`);
    const headers = [["X-Timestamp", "1700000000"], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${expected.signature}`]];
    const result = await verify({ ...verifyCase, request: { method: "GET", url: "/entrance/api/files/list?a=1#frag", headers } });
    expect(result).toStrictEqual({ valid: true, canonicalRequest: expected.canonicalRequest, stringToSign: expected.stringToSign, expectedSignature: expected.signature });
  });
});

describe("the entrance's answers as a server sends them (rejection)", () => {
  const options = { scheme: "acepanel" as const, token: () => ({ secret }), entrance: "/entrance", now: () => 1700000000 };
  const message = (target: string, headers: [string, string][] = []) => ({ method: "GET", target, headers, body: new Uint8Array(0) });
  it("the entrance itself without Authorization: 302 with Location: /login", async () => {
    const result = await verifyHttpWith(oracleProvider, message("/entrance/"), options);
    expect(result.rejection).toStrictEqual({ status: 302, headers: { Location: "/login" }, body: "" });
  });
  it('entranceError "close": no response, the connection closed', async () => {
    const result = await verifyHttpWith(oracleProvider, message("/nowhere"), { ...options, entranceError: "close" });
    expect(result.rejection).toStrictEqual({ status: 0, headers: {}, body: "", close: true });
  });
  it('entranceError "nginx": 404', async () => {
    const result = await verifyHttpWith(oracleProvider, message("/nowhere"), { ...options, entranceError: "nginx" });
    expect(result).toMatchObject({ valid: false, error: "entrance_mismatch", status: 404, rejection: { status: 404 } });
  });
  it("locale zh_TW is taken by the server-side options", async () => {
    const result = await verifyHttpWith(oracleProvider, message("/entrance/api/user/info", [["Authorization", "x"]]), { ...options, locale: "zh_TW" });
    expect(result.rejection).toStrictEqual({
      status: 401,
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ msg: "無效的請求標頭：unexpected EOF" }),
    });
  });
  it("a wrong entranceError is a programmer error, named", async () => {
    await expect(verifyHttpWith(oracleProvider, message("/x"), { ...options, entranceError: "404" as never })).rejects.toMatchObject({ field: "options.entranceError" });
  });
});
