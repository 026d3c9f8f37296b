// The JSON Lines forms as processes: `sign --jsonl`, `verify --jsonl` and `adapter` answer one
// line per case, in order, echoing id/tcId, with bad_case for what they cannot read; and the
// whole corpus streams through, every answer in order. Expected values are the published
// signatures of the real systems or HMACs computed here with node:crypto.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SCHEME_VECTOR_FILES, toCase } from "@panelsig/vectors";
import { BIN, NODE, panelsig } from "./run-cli.ts";

const ACE_DOC_SIGNATURE = "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7";
const aceDoc = {
  scheme: "acepanel",
  request: { method: "GET", url: "/entrance/api/user/info" },
  credentials: { secret: "YourSecretToken", keyId: 16 },
};
const aceSigned = (signature: string) => ({
  ...aceDoc,
  request: { ...aceDoc.request, headers: [["X-Timestamp", "1700000000"], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${signature}`]] },
  context: { now: 1700000000, entrance: "/entrance" },
});
const lines = (stdout: string) => stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);

describe("panelsig sign --jsonl", () => {
  it("answers every line in order, echoing id or tcId; a bad line gets bad_case and the stream goes on", async () => {
    const input = [
      JSON.stringify({ id: "doc", ...aceDoc, timestamp: "1700000000", options: { entrance: "/entrance" } }),
      "this is not json",
      "",
      JSON.stringify({ id: 3, scheme: "opterius-panel", request: { method: "GET", url: "/api/ping" } }),
      JSON.stringify({ tcId: 9, op: "verify", ...aceDoc }),
      JSON.stringify({ tcId: 10, scheme: "opterius-panel", request: { method: "POST", url: "/api/accounts/42/suspend" }, credentials: { secret: "eyJ-test" }, timestamp: "1775658720" }),
    ].join("\n");
    const { code, stdout } = await panelsig(["sign", "--jsonl"], { input });
    expect(code).toBe(1); // bad lines: answered, then exit 1 (see "exit codes" below)
    const out = lines(stdout);
    expect(out.length).toBe(5);
    expect(out[0]).toMatchObject({ id: "doc", signature: ACE_DOC_SIGNATURE });
    expect(out[1]).toStrictEqual({ id: null, error: "bad_case", message: expect.stringContaining("line 2: not JSON") });
    expect(out[2]).toStrictEqual({ id: 3, error: "bad_case", message: "credentials: must be an object with a secret" });
    expect(out[3]).toStrictEqual({ tcId: 9, error: "bad_case", message: 'op: this stream does sign, but the case says "verify"' });
    expect(out[4]).toMatchObject({ tcId: 10, signature: "f21d3dd043240efa42386b16fc79e049c338a06a7057788aff2fe466400b7146", stringToSign: "1775658720{}" });
  });
});

describe("panelsig verify --jsonl", () => {
  it("gives the receiver's verdict per line", async () => {
    const tampered = "0".repeat(64);
    const input = [JSON.stringify({ id: 1, ...aceSigned(ACE_DOC_SIGNATURE) }), JSON.stringify({ id: 2, ...aceSigned(tampered) })].join("\n") + "\n";
    const { code, stdout } = await panelsig(["verify", "--jsonl"], { input });
    expect(code).toBe(1); // one request would be rejected
    const [valid, invalid] = lines(stdout);
    expect(valid).toMatchObject({ id: 1, valid: true, expectedSignature: ACE_DOC_SIGNATURE });
    expect(valid!.error).toBe(undefined);
    expect(invalid).toMatchObject({ id: 2, valid: false, error: "signature_mismatch", status: 401, message: "invalid signature", expectedSignature: ACE_DOC_SIGNATURE });
  });
});

describe("panelsig adapter", () => {
  it("speaks the adapter protocol: op per line, tcId echoed, bad_case with tcId null for a line that is not JSON", async () => {
    const secret = "your-secret-key-here";
    const input = [
      JSON.stringify({ tcId: 1, op: "sign", scheme: "opterius-agent", request: { method: "GET", url: "/files/list?path=/home/alice" }, credentials: { secret }, timestamp: "2026-04-08T14:32:00+00:00" }),
      JSON.stringify({ tcId: 2, op: "verify", ...aceSigned(ACE_DOC_SIGNATURE) }),
      "{broken",
      JSON.stringify({ tcId: 4, scheme: "acepanel" }),
      JSON.stringify({ tcId: 5, op: "sign", scheme: "opterius-panel", request: { method: "POST", url: "/x", body: "{\"a\":1}" }, credentials: { secret: "k" }, timestamp: "1700000000" }),
    ].join("\n");
    const { code, stdout } = await panelsig(["adapter"], { input });
    expect(code).toBe(0);
    const out = lines(stdout);
    expect(out.map((o) => o.tcId)).toEqual([1, 2, null, 4, 5]);
    expect(out[0]).toMatchObject({ signature: "efe8dc63304ddce41bcb2eded37b9790cf4d6404999064eb56076d7006df2696", stringToSign: "2026-04-08T14:32:00+00:00GET/files/list" });
    expect(out[1]).toMatchObject({ valid: true });
    expect(out[2]).toMatchObject({ error: "bad_case" });
    expect(out[3]).toStrictEqual({ tcId: 4, error: "bad_case", message: 'op: must be "sign" or "verify", not undefined' });
    expect(out[4]).toMatchObject({ signature: createHmac("sha256", "k").update('1700000000{"a":1}').digest("hex") });
  });

  it("escapes U+2028 and U+2029, so that no line reader splits a result line", async () => {
    const body = "a\u2028b\u2029c";
    const input = JSON.stringify({ tcId: 1, op: "sign", scheme: "opterius-panel", request: { method: "POST", url: "/x", body }, credentials: { secret: "k" }, timestamp: "1700000000" });
    const { stdout } = await panelsig(["adapter"], { input });
    expect(/[\u2028\u2029]/.test(stdout)).toBe(false);
    expect(stdout).toContain('"stringToSign":"1700000000a\\u2028b\\u2029c"');
    expect(JSON.parse(stdout)).toMatchObject({ stringToSign: `1700000000${body}`, signature: createHmac("sha256", "k").update(`1700000000${body}`).digest("hex") });
  });

  it("streams the whole corpus: one answer per case, in order, each with its tcId", async () => {
    // Correctness only: how fast it streams is a benchmark's question, never a test's.
    const cases = SCHEME_VECTOR_FILES.flatMap((f) => f.vectors).map((v) => toCase(v));
    const child = spawn(NODE, [BIN, "adapter"], { stdio: ["pipe", "pipe", "inherit"] });
    const answers: number[] = [];
    createInterface({ input: child.stdout }).on("line", (line) => answers.push((JSON.parse(line) as { tcId: number }).tcId));
    const exited = new Promise<number | null>((done) => child.on("close", done));
    child.stdin.end(cases.map((c) => JSON.stringify(c)).join("\n") + "\n");
    expect(await exited).toBe(0);
    expect(cases.length).toBeGreaterThan(500);
    expect(answers).toEqual(cases.map((c) => c.tcId));
  });
});
