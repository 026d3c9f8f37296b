// Options are strict, like a case's context: a misspelt option, one of another scheme, or an
// options argument that is not an object is a PanelsigError naming it — never silently ignored
// (a misspelt `replaystore` used to switch the replay guard off). It is refused before anything
// of the request is read.
import { describe, expect, it } from "vitest";
import { MemoryReplayStore, PanelsigError, verifyHttpWith, verifyRequestWith, verifyWith, type VerifyOptions } from "@panelsig/core";
import { oracleProvider } from "./oracle.ts";

const token = () => ({ secret: "s" });
const store = new MemoryReplayStore();
const errorOf = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);
const request = () =>
  new Request("http://p/api/accounts", { method: "POST", headers: { "X-Signature": "00", "X-Timestamp": "1700000000" }, body: "{}" });

describe("verifyRequest / verifyNodeRequest options", () => {
  const table: [string, unknown, string, string][] = [
    ["a misspelt replayStore", { scheme: "opterius-panel", secret: "s", replaystore: store }, "options.replaystore", "is not an option; did you mean replayStore? opterius-panel takes: scheme, secret, windowSeconds, replayStore, now, maxBodyBytes, keepBody, diagnose"],
    ["maxBodySize for maxBodyBytes", { scheme: "opterius-agent", secret: "s", maxBodySize: 10 }, "options.maxBodySize", "is not an option; opterius-agent takes: scheme, secret, windowSeconds, now, maxBodyBytes, keepBody, diagnose"],
    ["windowSeconds for acepanel", { scheme: "acepanel", token, windowSeconds: 600 }, "options.windowSeconds", "is for opterius-agent and opterius-panel only, not acepanel"],
    ["a replay store for opterius-agent", { scheme: "opterius-agent", secret: "s", replayStore: store }, "options.replayStore", "is for opterius-panel only, not opterius-agent"],
    ["a replay store for acepanel", { scheme: "acepanel", token, replayStore: store }, "options.replayStore", "is for opterius-panel only, not acepanel"],
    ["an entrance for opterius-panel", { scheme: "opterius-panel", secret: "s", entrance: "/e" }, "options.entrance", "is for acepanel only, not opterius-panel"],
    ["a locale for opterius-agent", { scheme: "opterius-agent", secret: "s", locale: "en" }, "options.locale", "is for acepanel only, not opterius-agent"],
    ["a secret for acepanel (it takes a token lookup)", { scheme: "acepanel", token, secret: "s" }, "options.secret", "is for opterius-agent and opterius-panel only, not acepanel"],
    ["null", null, "options", "must be an object with at least the scheme and its secret (or token lookup)"],
    ["a string", "opterius-panel", "options", "must be an object with at least the scheme and its secret (or token lookup)"],
    ["an array", [], "options", "must be an object with at least the scheme and its secret (or token lookup)"],
  ];
  for (const [what, options, field, problem] of table) {
    it(`${what}: invalid_option at ${field}, the body unread`, async () => {
      const r = request();
      const error = await errorOf(verifyRequestWith(oracleProvider, r, options as VerifyOptions));
      expect(error).toBeInstanceOf(PanelsigError);
      expect(error).toMatchObject({ code: "invalid_option", field, message: `${field}: ${problem}` });
      expect(r.bodyUsed).toBe(false);
    });
  }
  it("clientIp is verifyRequest's (a Node request's peer is its socket's)", async () => {
    const message = { method: "GET", target: "/", headers: [], body: new Uint8Array(0) };
    const error = await errorOf(verifyHttpWith(oracleProvider, message, { scheme: "opterius-agent", secret: "s", clientIp: "1.2.3.4:5" } as VerifyOptions));
    expect(error).toMatchObject({ code: "invalid_option", field: "options.clientIp" });
    const notText = await errorOf(verifyRequestWith(oracleProvider, request(), { scheme: "opterius-panel", secret: "s", clientIp: 4 } as never));
    expect(notText).toMatchObject({ code: "invalid_option", field: "options.clientIp" });
  });
  it("an option set to undefined is as if absent, whatever its name", async () => {
    const options = { scheme: "opterius-panel", secret: "s", now: () => 1700000000, replaystore: undefined, entrance: undefined } as VerifyOptions;
    expect(await verifyRequestWith(oracleProvider, request(), options)).toMatchObject({ valid: false, error: "signature_mismatch", status: 401 });
  });
});

describe("verify(case, options)", () => {
  const aCase = { scheme: "opterius-panel", request: { method: "GET", url: "/x" }, credentials: { secret: "s" }, context: { now: 1700000000 } } as const;
  const table: [string, unknown, string, string][] = [
    ["null", null, "options", "must be an object such as { replayStore, maxBodyBytes }, or absent; not null"],
    ["a number", 5, "options", "must be an object such as { replayStore, maxBodyBytes }, or absent; not number"],
    ["a misspelt option", { replaystore: store }, "options.replaystore", "is not an option of verify(case, options), which takes: replayStore, maxBodyBytes (the receiver's other state goes in the case's context)"],
    ["receiver state that belongs in the context", { now: 5 }, "options.now", "is not an option of verify(case, options), which takes: replayStore, maxBodyBytes (the receiver's other state goes in the case's context)"],
  ];
  for (const [what, options, field, problem] of table) {
    it(`${what}: invalid_option at ${field}`, async () => {
      const error = await errorOf(verifyWith(oracleProvider, aCase as never, options as never));
      expect(error).toBeInstanceOf(PanelsigError);
      expect(error).toMatchObject({ code: "invalid_option", field, message: `${field}: ${problem}` });
    });
  }
  it("absent and {} are the same: no options", async () => {
    const expected = { valid: false, error: "missing_headers", status: 401, message: "missing signature headers" };
    expect(await verifyWith(oracleProvider, aCase as never)).toStrictEqual(expected);
    expect(await verifyWith(oracleProvider, aCase as never, {})).toStrictEqual(expected);
  });
});

describe("an option named like an Object.prototype member is unknown, not inherited", () => {
  it("toString, constructor and hasOwnProperty are refused as no option of any scheme", async () => {
    for (const name of ["toString", "constructor", "hasOwnProperty"]) {
      let error: unknown;
      try {
        await verifyRequestWith(oracleProvider, new Request("http://h/api/x", { method: "POST" }), { scheme: "opterius-panel", secret: "s", [name]: 1 } as never);
      } catch (e) {
        error = e;
      }
      expect([(error as PanelsigError).code, (error as PanelsigError).field]).toEqual(["invalid_option", `options.${name}`]);
      expect((error as PanelsigError).message).toBe(`options.${name}: is not an option; opterius-panel takes: scheme, secret, windowSeconds, replayStore, now, maxBodyBytes, keepBody, diagnose`);
    }
  });
});
