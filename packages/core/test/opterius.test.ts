// opterius-agent and opterius-panel rules, on hand-written strings to sign.
import { describe, expect, it } from "vitest";
import { signWith, type Case } from "@panelsig/core";
import { hmacHex, oracleProvider } from "./oracle.ts";

const secret = "s3cret";
const sign = (c: Partial<Case> & { request: Case["request"] }, scheme: Case["scheme"]) =>
  signWith(oracleProvider, { scheme, credentials: { secret }, ...c });

describe("opterius-agent", () => {
  const agent = (c: Partial<Case> & { request: Case["request"] }) => sign(c, "opterius-agent");
  const ts = "2026-04-08T14:32:00Z";
  it("no body signs the empty string", async () => {
    const result = await agent({ request: { method: "DELETE", url: "/account/alice" }, timestamp: ts });
    expect(result.stringToSign).toBe(`${ts}DELETE/account/alice`);
    expect(result.signature).toBe(hmacHex(secret, `${ts}DELETE/account/alice`));
  });
  it("the path is the decoded path, without the query", async () => {
    const result = await agent({ request: { method: "GET", url: "/files/a%20b?x=1" }, timestamp: ts });
    expect(result.stringToSign).toBe(`${ts}GET/files/a b`);
  });
  it("fractions and offsets are signed verbatim", async () => {
    for (const t of ["2026-04-08T14:32:00.123Z", "2026-04-08T16:32:00+02:00", "2026-04-08T09:32:00-05:00"]) {
      const result = await agent({ request: { method: "GET", url: "/x" }, timestamp: t });
      expect(result.stringToSign).toBe(`${t}GET/x`);
      expect(result.headers[1]).toEqual(["X-Timestamp", t]);
    }
  });
  it("a binary body is signed byte for byte and shown in base64", async () => {
    const body = new Uint8Array([0xff, 0x00, 0x41]);
    const result = await agent({ request: { method: "POST", url: "/terminal", body }, timestamp: ts });
    const signed = Buffer.concat([Buffer.from(`${ts}POST/terminal`), Buffer.from(body)]);
    expect(result.stringToSign).toBe(undefined);
    expect(result.stringToSignBase64).toBe(signed.toString("base64"));
    expect(result.signature).toBe(hmacHex(secret, signed));
  });
  it("default timestamps: Z by default, +00:00 on request, both now", async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const z = await agent({ request: { method: "GET", url: "/x" } });
    const after = Date.now();
    expect(z.headers[1]![1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // The clock read while signing lies between the two reads around it (whole seconds).
    const sent = Date.parse(z.headers[1]![1]);
    expect(sent >= before && sent <= after).toBe(true);
    const offset = await agent({ request: { method: "GET", url: "/x" }, options: { timestampForm: "+00:00" } });
    expect(offset.headers[1]![1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  });
  // reference/opterius.md: the real panel signs any timestamp text verbatim; RFC 3339 allows t/z,
  // a leap second and (by agreement) a space, which Go's time.Parse(time.RFC3339) refuses.
  for (const text of ["1700000000", "2026-04-08 14:32:00Z", "2026-04-08t14:32:00Z", "2026-04-08T14:32:00z", "2026-02-30T00:00:00Z",
    "2026-04-08T24:00:00Z", "2016-12-31T23:59:60Z", "2026-04-08T14:32:00+0000", "2026-04-08T14:32Z", "2026-04-08T14:32:00+24:00"]) {
    it(`signs ${text} verbatim, with a warning that the reference verifier refuses it`, async () => {
      const result = await agent({ request: { method: "GET", url: "/x" }, timestamp: text });
      expect(result.stringToSign).toBe(`${text}GET/x`);
      expect(result.signature).toBe(hmacHex(secret, `${text}GET/x`));
      expect(result.headers[1]).toEqual(["X-Timestamp", text]);
      expect(result.warnings?.length).toBe(1);
      expect(result.warnings![0]).toContain(JSON.stringify(text));
      expect(result.warnings![0]).toContain("timestamp_invalid");
    });
  }
  it("a text the reference verifier reads gives no warning", async () => {
    for (const text of [ts, "2026-04-08T14:32:00+00:00", "2026-04-08T14:32:00.5-05:30"]) {
      expect("warnings" in (await agent({ request: { method: "GET", url: "/x" }, timestamp: text }))).toBe(false);
    }
  });
  it("a number timestamp is printed in decimal and signed, with a warning (not RFC 3339)", async () => {
    const result = await agent({ request: { method: "GET", url: "/x" }, timestamp: 1700000000 });
    expect(result.stringToSign).toBe("1700000000GET/x");
    expect(result.warnings?.length).toBe(1);
  });
});

describe("opterius-panel", () => {
  const panel = (c: Partial<Case> & { request: Case["request"] }) => sign(c, "opterius-panel");
  it("method and path are not signed", async () => {
    const a = await panel({ request: { method: "GET", url: "/api/ping" }, timestamp: "1775658720" });
    const b = await panel({ request: { method: "DELETE", url: "/api/accounts/9" }, timestamp: "1775658720" });
    expect(a.signature).toBe(b.signature);
    expect(a.signature).toBe(hmacHex(secret, "1775658720{}"));
  });
  it("an empty string body is no body: it signs {}", async () => {
    const result = await panel({ request: { method: "POST", url: "/api/x", body: "" }, timestamp: "1775658720" });
    expect(result.stringToSign).toBe("1775658720{}");
    expect(result.headers.map(([n]) => n)).toEqual(["X-Timestamp", "X-Signature", "Accept"]);
  });
  it("emptyBody \"\" gives the doc's reading", async () => {
    const result = await panel({ request: { method: "POST", url: "/api/x" }, timestamp: "1775658720", options: { emptyBody: "" } });
    expect(result.stringToSign).toBe("1775658720");
    expect(result.signature).toBe(hmacHex(secret, "1775658720"));
  });
  it("a number timestamp is printed in decimal", async () => {
    const result = await panel({ request: { method: "GET", url: "/api/ping" }, timestamp: 1775658720 });
    expect(result.headers[0]).toEqual(["X-Timestamp", "1775658720"]);
  });
  for (const bad of ["2026-04-08T14:32:00Z", "-1", "1.5", "0x10", " 1"]) {
    it(`refuses timestamp ${JSON.stringify(bad)}`, async () => {
      await expect(panel({ request: { method: "GET", url: "/api/ping" }, timestamp: bad })).rejects.toMatchObject({ code: "invalid_timestamp" });
    });
  }
});
