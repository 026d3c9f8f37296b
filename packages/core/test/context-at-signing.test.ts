// contextAtSigning: the receiver that accepts what a signer made, per scheme (values derived by hand:
// 0x6553f100 = 1700000000; 2026-04-08T14:32:00Z = 1775658720). A timestamp the receiver cannot read
// leaves the clock unset rather than giving a context the verifier would refuse.
import { describe, expect, it } from "vitest";
import { contextAtSigning } from "@panelsig/core";
import { sign, verify } from "@panelsig/node";

describe("contextAtSigning", () => {
  it("acepanel: the server's reading of X-Timestamp, and the entrance (\"/\" when the signer had none)", () => {
    expect(contextAtSigning("acepanel", "0x6553f100", { entrance: "/entrance" })).toEqual({ now: 1700000000, entrance: "/entrance" });
    expect(contextAtSigning("acepanel", "1700000000", {})).toEqual({ now: 1700000000, entrance: "/" });
  });
  it("opterius-agent: RFC 3339 in either form; unreadable leaves the clock unset", () => {
    expect(contextAtSigning("opterius-agent", "2026-04-08T14:32:00+00:00", {})).toEqual({ now: 1775658720 });
    expect(contextAtSigning("opterius-agent", "2026-04-08T14:32:00Z", {})).toEqual({ now: 1775658720 });
    expect(contextAtSigning("opterius-agent", "2026-04-08 14:32:00", {})).toEqual({ now: undefined });
  });
  it("opterius-panel: Unix seconds; anything else leaves the clock unset", () => {
    expect(contextAtSigning("opterius-panel", "1775658720", {})).toEqual({ now: 1775658720 });
    for (const text of ["12a", "", "1".repeat(400)]) expect(contextAtSigning("opterius-panel", text, {})).toEqual({ now: undefined });
  });
  it("a signed case verifies in the context it gives, for every scheme", async () => {
    const cases = [
      { scheme: "acepanel", request: { method: "GET", url: "/entrance/api/user/info" }, credentials: { secret: "YourSecretToken", keyId: 16 }, timestamp: "0x6553f100", options: { entrance: "/entrance" } },
      { scheme: "opterius-agent", request: { method: "GET", url: "/files/list" }, credentials: { secret: "s" }, timestamp: "2026-04-08T14:32:00+00:00" },
      { scheme: "opterius-panel", request: { method: "POST", url: "/api/ping" }, credentials: { secret: "s" }, timestamp: "1775658720" },
    ] as const;
    for (const c of cases) {
      const { headers } = await sign(c);
      const context = contextAtSigning(c.scheme, c.timestamp, "options" in c ? c.options : {});
      const result = await verify({ scheme: c.scheme, request: { ...c.request, headers }, credentials: c.credentials, context });
      expect([c.scheme, result.valid]).toEqual([c.scheme, true]);
    }
  });
});
