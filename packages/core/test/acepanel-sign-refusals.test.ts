// What the acepanel signer refuses and what its errors say (each names the field and tells the
// caller what to give instead), the key ids it takes, the headers it writes, and the entrance as
// the server reads its setting (internal/middleware/entrance.go: strings.TrimSuffix(entrance, "/")
// cuts one trailing "/", then a leading "/" is added). Canonical requests are written by hand;
// signatures are node:crypto over them (oracle.ts).
import { describe, expect, it } from "vitest";
import { PanelsigError, signWith, type Case } from "@panelsig/core";
import { acepanelExpected, EMPTY_SHA256, oracleProvider } from "./oracle.ts";

const secret = "YourSecretToken";
const sign = (url: string, extra: Partial<Case> = {}) =>
  signWith(oracleProvider, { scheme: "acepanel", request: { method: "GET", url }, credentials: { secret, keyId: 16 }, timestamp: "1700000000", ...extra });
const refusal = (result: Promise<unknown>) => result.then(() => undefined, (e: unknown) => e as PanelsigError);

describe("acepanel sign: paths the server checks no signature on", () => {
  it("without options.entrance, a prefix before /api: the error asks for options.entrance", async () => {
    for (const url of ["/secret/api/user/info", "/api2/api/x", "/x/api"]) {
      const error = await refusal(sign(url));
      expect(error).toMatchObject({ code: "invalid_url", field: "request.url" });
      expect(error!.message).toContain(`path ${JSON.stringify(url)} is not /api or /api/… under the entrance "/": the server checks signatures only there; set options.entrance (e.g. "/entrance")`);
    }
  });
  it("without options.entrance, no /api segment at all: not /api under the entrance \"/\", no entrance advice", async () => {
    const error = await refusal(sign("/apix/y"));
    expect(error).toMatchObject({ code: "invalid_url", field: "request.url" });
    expect(error!.message).toContain('path "/apix/y" is not /api or /api/… under the entrance "/": the server checks signatures only there');
    expect(error!.message).not.toContain("options.entrance");
  });
  it("with options.entrance, a path outside it: the entrance named as the server reads it, no prefix advice", async () => {
    const error = await refusal(sign("/other/api/x", { options: { entrance: "entrance/" } }));
    expect(error).toMatchObject({ code: "invalid_url", field: "request.url" });
    expect(error!.message).toContain('path "/other/api/x" is not /api or /api/… under the entrance "/entrance"');
    expect(error!.message).not.toContain("options.entrance");
  });
});

describe("acepanel sign: options.entrance", () => {
  for (const entrance of [5, "/e ntrance", "/e?x", "/e#x", "/e%41"]) {
    it(`${JSON.stringify(entrance)} is refused: a path prefix without spaces, "?", "#" or "%"`, async () => {
      const error = await refusal(sign("/e/api/x", { options: { entrance: entrance as never } }));
      expect(error).toMatchObject({ code: "invalid_option", field: "options.entrance" });
      expect(error!.message).toContain('a path prefix such as "/entrance" ("/" for none), without spaces, "?", "#" or "%"');
    });
  }
});

describe("acepanel sign: the entrance loses one trailing slash, as on the server", () => {
  it('"/e//" is the entrance "/e/": /e//api/x signs /api/x', async () => {
    expect(await sign("/e//api/x", { options: { entrance: "/e//" } })).toMatchObject(acepanelExpected(secret, "1700000000", `GET\n/api/x\n\n${EMPTY_SHA256}`));
  });
  it('"/e//" is not the entrance "/e": /e/api/x is outside it', async () => {
    await expect(sign("/e/api/x", { options: { entrance: "/e//" } })).rejects.toMatchObject({ code: "invalid_url", field: "request.url" });
  });
});

describe("acepanel sign: key ids", () => {
  it("0 is a key id (the server's %d reads it)", async () => {
    const r = await sign("/api/x", { credentials: { secret, keyId: 0 } });
    expect(r.headers[1]).toEqual(["Authorization", `HMAC-SHA256 Credential=0, Signature=${acepanelExpected(secret, "1700000000", `GET\n/api/x\n\n${EMPTY_SHA256}`).signature}`]);
  });
  const refused: [keyId: unknown, message: string][] = [
    [undefined, "is required by acepanel: the token id shown when the token was created"],
    [-1, "-1 is not a token id: a whole number below 2^53, or a decimal string up to 2^64-1"],
    [null, "null is not a token id: a whole number below 2^53, or a decimal string up to 2^64-1"],
    [["16"], '["16"] is not a token id: a whole number below 2^53, or a decimal string up to 2^64-1'],
    ["abc", '"abc" is not a token id: a whole number below 2^53, or a decimal string up to 2^64-1'],
  ];
  for (const [keyId, message] of refused) {
    it(`${JSON.stringify(keyId) ?? "undefined"}: ${message}`, async () => {
      const error = await refusal(sign("/api/x", { credentials: { secret, keyId: keyId as never } }));
      expect(error).toBeInstanceOf(PanelsigError);
      expect(error).toMatchObject({ code: "invalid_key_id", field: "credentials.keyId" });
      expect(error!.message).toContain(message);
    });
  }
});

describe("acepanel sign: the headers and the timestamp", () => {
  it("X-Timestamp then Authorization, the names as the server reads them", async () => {
    const r = await sign("/api/x");
    expect(r.headers.map(([name]) => name)).toEqual(["X-Timestamp", "Authorization"]);
  });
  it("a timestamp the server reads as 0: the error quotes the text", async () => {
    const error = await refusal(sign("/api/x", { timestamp: "soon" }));
    expect(error).toMatchObject({ code: "invalid_timestamp", field: "timestamp" });
    expect(error!.message).toContain('the server reads "soon" as 0 and rejects it; give Unix seconds');
  });
});
