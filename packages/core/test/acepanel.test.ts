// AcePanel canonicalisation rules (reference/acepanel-server.md), each on a hand-derived
// canonical request; signatures are computed from that text with node:crypto directly.
import { describe, expect, it } from "vitest";
import { signWith, type Case } from "@panelsig/core";
import { acepanelExpected, EMPTY_SHA256, oracleProvider, sha256hex } from "./oracle.ts";

const secret = "YourSecretToken";
const sign = (url: string, extra: Partial<Case> = {}, request: Partial<Case["request"]> = {}) =>
  signWith(oracleProvider, {
    scheme: "acepanel",
    request: { method: "GET", url, ...request },
    credentials: { secret, keyId: 16 },
    timestamp: "1700000000",
    ...extra,
  });

async function expectCanonical(result: Promise<unknown>, canonicalRequest: string, timestamp = "1700000000") {
  const expected = acepanelExpected(secret, timestamp, canonicalRequest);
  expect(await result).toMatchObject(expected);
}

describe("acepanel: the path after the entrance", () => {
  const withEntrance = (entrance: string) => ({ options: { entrance } });
  it("strips the entrance", () => expectCanonical(sign("/entrance/api/user/info", withEntrance("/entrance")), `GET\n/api/user/info\n\n${EMPTY_SHA256}`));
  it("an entrance with a trailing slash is the same entrance", () =>
    expectCanonical(sign("/entrance/api/user/info", withEntrance("/entrance/")), `GET\n/api/user/info\n\n${EMPTY_SHA256}`));
  it("an entrance without its leading slash is the same entrance", () =>
    expectCanonical(sign("/entrance/api/user/info", withEntrance("entrance")), `GET\n/api/user/info\n\n${EMPTY_SHA256}`));
  it("entrance / means none", () => expectCanonical(sign("/api/user/info", withEntrance("/")), `GET\n/api/user/info\n\n${EMPTY_SHA256}`));
  it("only the first occurrence is removed", () => expectCanonical(sign("/e/api/x/api/y", withEntrance("/e")), `GET\n/api/x/api/y\n\n${EMPTY_SHA256}`));
  it("an entrance that contains api is stripped whole", () => expectCanonical(sign("/api2/api/x", withEntrance("/api2")), `GET\n/api/x\n\n${EMPTY_SHA256}`));
  it("an entrance ending in /api is stripped whole", () => expectCanonical(sign("/x/api/api/y", withEntrance("/x/api")), `GET\n/api/y\n\n${EMPTY_SHA256}`));
  it("exactly /api after the entrance", () => expectCanonical(sign("/e/api", withEntrance("/e")), `GET\n/api\n\n${EMPTY_SHA256}`));
  it("a path outside the entrance is refused", async () => {
    await expect(sign("/other/api/x", withEntrance("/entrance"))).rejects.toMatchObject({ code: "invalid_url", field: "request.url" });
  });
  it("the entrance is case-sensitive", async () => {
    await expect(sign("/Entrance/api/x", withEntrance("/entrance"))).rejects.toMatchObject({ code: "invalid_url" });
  });
  it("a path that only starts with the entrance's text is not under it", async () => {
    await expect(sign("/entranceX/api/x", withEntrance("/entrance"))).rejects.toMatchObject({ code: "invalid_url" });
  });
  it("a non-API path under the entrance is refused", async () => {
    await expect(sign("/e/apix", withEntrance("/e"))).rejects.toMatchObject({ code: "invalid_url" });
  });
});

describe("acepanel: without an entrance the signer uses \"/\", as the server does", () => {
  it("a path that starts with /api is signed as it is", () => expectCanonical(sign("/api/x/api/y"), `GET\n/api/x/api/y\n\n${EMPTY_SHA256}`));
  it("a prefix before /api is refused, asking for options.entrance", async () => {
    for (const url of ["/secret/api/user/info", "/api2/api/x", "/x/api"]) {
      const error = await sign(url).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "invalid_url", field: "request.url" });
      expect((error as Error).message).toContain("options.entrance");
    }
  });
  it("no api segment is refused", async () => {
    await expect(sign("/apix/y")).rejects.toMatchObject({ code: "invalid_url", field: "request.url" });
  });
});

describe("acepanel: the decoded path, nothing normalised", () => {
  const entrance = { options: { entrance: "/e" } };
  it("%20 is a space", () => expectCanonical(sign("/e/api/a%20b", entrance), `GET\n/api/a b\n\n${EMPTY_SHA256}`));
  it("%2F is a slash", () => expectCanonical(sign("/e/api/a%2Fb", entrance), `GET\n/api/a/b\n\n${EMPTY_SHA256}`));
  it("UTF-8 escapes become the character", () => expectCanonical(sign("/e/api/%E4%B8%AD", entrance), `GET\n/api/中\n\n${EMPTY_SHA256}`));
  it("a raw non-ASCII path signs the same", () => expectCanonical(sign("/e/api/中", entrance), `GET\n/api/中\n\n${EMPTY_SHA256}`));
  it("+ stays + in a path", () => expectCanonical(sign("/e/api/a+b", entrance), `GET\n/api/a+b\n\n${EMPTY_SHA256}`));
  it("trailing slash, // and .. are kept", () => expectCanonical(sign("/e/api//x/../y/", entrance), `GET\n/api//x/../y/\n\n${EMPTY_SHA256}`));
  it("a bad escape in the path is refused (Go answers 400)", async () => {
    await expect(sign("/e/api/%zz", entrance)).rejects.toMatchObject({ code: "invalid_url" });
  });
});

describe("acepanel: method, query, body, timestamp, key id", () => {
  const entrance = { options: { entrance: "/e" } };
  it("the method is signed as given, not upper-cased", () => expectCanonical(sign("/e/api/x", entrance, { method: "get" }), `get\n/api/x\n\n${EMPTY_SHA256}`));
  it("the query is canonicalised", () => expectCanonical(sign("/e/api/x?b=2&a=1&a=0&c=x%20y", entrance), `GET\n/api/x\na=1&a=0&b=2&c=x+y\n${EMPTY_SHA256}`));
  it("an absolute URL's fragment is not sent", () => expectCanonical(sign("https://h:8443/e/api/x?a=1#frag", entrance), `GET\n/api/x\na=1\n${EMPTY_SHA256}`));
  it("a GET with a body has its body hashed", () =>
    expectCanonical(sign("/e/api/x", entrance, { body: "hello" }), `GET\n/api/x\n\n${sha256hex("hello")}`));
  it("bytes are hashed exactly", () =>
    expectCanonical(sign("/e/api/x", entrance, { bodyBase64: "AP8=" }), `GET\n/api/x\n\n${sha256hex(new Uint8Array([0, 255]))}`));
  it("the timestamp the server reads is signed, the header text is sent", async () => {
    const result = await sign("/e/api/x", { ...entrance, timestamp: "0x6553f100" });
    expect(result).toMatchObject(acepanelExpected(secret, "1700000000", `GET\n/api/x\n\n${EMPTY_SHA256}`));
    expect(result.headers[0]).toEqual(["X-Timestamp", "0x6553f100"]);
  });
  it("a leading zero makes the server read octal", () =>
    expectCanonical(sign("/e/api/x", { ...entrance, timestamp: "01700000000" }), `GET\n/api/x\n\n${EMPTY_SHA256}`, "251658240"));
  it("a timestamp number is printed in decimal", () => expectCanonical(sign("/e/api/x", { ...entrance, timestamp: 1700000000 }), `GET\n/api/x\n\n${EMPTY_SHA256}`));
  it("a timestamp the server reads as 0 is refused", async () => {
    await expect(sign("/e/api/x", { ...entrance, timestamp: "1.7e9" })).rejects.toMatchObject({ code: "invalid_timestamp", field: "timestamp" });
  });
  it("64-bit key ids as decimal strings, without leading zeros", async () => {
    const big = await sign("/e/api/x", { ...entrance, credentials: { secret, keyId: "18446744073709551615" } });
    expect(big.headers[1]![1]).toMatch(/^HMAC-SHA256 Credential=18446744073709551615, Signature=[0-9a-f]{64}$/);
    const padded = await sign("/e/api/x", { ...entrance, credentials: { secret, keyId: "016" } });
    expect(padded.headers[1]![1]).toMatch(/^HMAC-SHA256 Credential=16, /);
  });
  for (const keyId of [undefined, -1, 1.5, "abc", "+16", "0x10", "18446744073709551616", 2 ** 53, null]) {
    it(`key id ${JSON.stringify(keyId)} is refused`, async () => {
      await expect(sign("/e/api/x", { ...entrance, credentials: { secret, keyId: keyId as never } })).rejects.toMatchObject({
        code: "invalid_key_id",
        field: "credentials.keyId",
      });
    });
  }
  it("the default timestamp is now", async () => {
    const before = Math.floor(Date.now() / 1000);
    const result = await sign("/e/api/x", { ...entrance, timestamp: undefined });
    const sent = Number(result.headers[0]![1]);
    expect(sent >= before && sent <= Math.floor(Date.now() / 1000)).toBe(true);
  });
});
