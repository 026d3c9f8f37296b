// `panelsig vectors` as a process: the corpus through panelsig's own providers, with the counts
// read off the corpus files here, in each report format.
import { describe, expect, it } from "vitest";
import { hmacSha256Vectors, opteriusAgentVectors, opteriusPanelVectors } from "@panelsig/vectors";
import { panelsig } from "./run-cli.ts";

describe("panelsig vectors", () => {
  it("runs every vector of a scheme on one provider and passes (json)", async () => {
    const { code, stdout } = await panelsig(["vectors", "--scheme", "opterius-panel", "--provider", "pure", "--format", "json"]);
    const report = JSON.parse(stdout) as { failed: boolean; suites: { name: string; totals: Record<string, number> }[] };
    expect(report.suites.map((s) => s.name)).toEqual(["provider pure"]);
    expect(report.suites[0]!.totals).toStrictEqual({ total: opteriusPanelVectors.vectors.length, passed: opteriusPanelVectors.vectors.length, failed: 0, unsupported: 0, error: 0, notRun: 0 });
    expect(report.failed).toBe(false);
    expect(code).toBe(0);
  });

  it("runs all three providers by default (tap)", async () => {
    const { code, stdout } = await panelsig(["vectors", "--scheme", "opterius-agent", "--format", "tap"]);
    expect(code).toBe(0);
    expect(stdout.startsWith(`TAP version 14\n1..${3 * opteriusAgentVectors.vectors.length}\n`)).toBe(true);
    for (const provider of ["node", "webcrypto", "pure"]) expect(stdout).toContain(`- provider ${provider}: opterius-agent `);
    expect(stdout).not.toContain("not ok");
  });

  it("runs hmac-sha256.json on the providers' primitive, and its flags select from it", async () => {
    const all = await panelsig(["vectors", "--scheme", "hmac-sha256", "--provider", "pure", "--format", "json"]);
    const report = JSON.parse(all.stdout) as { failed: boolean; suites: { totals: Record<string, number> }[] };
    const n = hmacSha256Vectors.vectors.length;
    expect(report.suites[0]!.totals).toStrictEqual({ total: n, passed: n, failed: 0, unsupported: 0, error: 0, notRun: 0 });
    expect(all.code).toBe(0);
    const keyLength = await panelsig(["vectors", "--flags", "KeyLength", "--provider", "node", "--format", "tap"]);
    const expected = hmacSha256Vectors.vectors.filter((v) => v.flags.includes("KeyLength")).length;
    expect(keyLength.code).toBe(0);
    expect(keyLength.stdout.startsWith(`TAP version 14\n1..${expected}\n`)).toBe(true);
  });

  it("check says where hmac-sha256.json runs instead of finding nothing (exit 2)", async () => {
    for (const args of [["--flags", "KeyLength"], ["--scheme", "hmac-sha256"]]) {
      const { code, stderr } = await panelsig(["check", "--exec", "true", ...args]);
      expect(code).toBe(2);
      expect(stderr).toContain("the adapter protocol has no HMAC operation");
      expect(stderr).toContain("panelsig vectors --scheme hmac-sha256");
    }
  });

  it("an unknown provider or flag: exit 2", async () => {
    const provider = await panelsig(["vectors", "--provider", "openssl"]);
    expect(provider.code).toBe(2);
    expect(provider.stderr).toContain('panelsig vectors: --provider must be one of node, webcrypto, pure, not "openssl"');
    const flag = await panelsig(["vectors", "--flags", "Nope"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('panelsig vectors: --flags: unknown flag "Nope"');
  });
});
