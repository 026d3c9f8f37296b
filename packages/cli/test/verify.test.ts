// `panelsig verify` as a process: the verdict and exit code, the reason, what the receiver
// answers, the first signature header that differs and the receiver's intermediates; --json;
// bad input. Expected values: the AcePanel doc's published signature, and hashes computed here
// with node:crypto from the hand-written canonical request.
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { panelsig } from "./run-cli.ts";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const SIGNATURE = "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7";
const CANONICAL = "GET\n/api/user/info\n\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const STRING_TO_SIGN = `HMAC-SHA256\n1700000000\n${sha256(CANONICAL)}`;

function request(signature: string, now = 1700000000) {
  return {
    scheme: "acepanel",
    request: {
      method: "GET",
      url: "/entrance/api/user/info",
      headers: [["X-Timestamp", "1700000000"], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${signature}`]],
    },
    credentials: { secret: "YourSecretToken", keyId: 16 },
    context: { now, entrance: "/entrance" },
  };
}

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "panelsig-verify-")), "request.json");
  writeFileSync(path, content);
  return path;
}

describe("panelsig verify names the client's mistake", () => {
  it("a query signed unsorted: the mistake, then the differing canonical request line, receiver's beside client's", async () => {
    // By hand: the client signs the query "b=2&a=1" as sent; the receiver sorts it to "a=1&b=2".
    const url = "/entrance/api/files/list?b=2&a=1";
    const client = `GET\n/api/files/list\nb=2&a=1\n${sha256("")}`;
    const signature = createHmac("sha256", "YourSecretToken").update(`HMAC-SHA256\n1700000000\n${sha256(client)}`).digest("hex");
    const c = request(signature);
    c.request.url = url;
    const { code, stdout } = await panelsig(["verify", "--request", file(JSON.stringify(c))]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      [
        "the client's mistake: query-unsorted",
        "  your client signed the query in the order sent; the receiver sorts it by key",
        "  canonical request, the receiver's beside the client's:",
        "    line 3 of 4 differs (line 2 is /api/files/list⏎):",
        "    receiver signs: a=1&b=2⏎",
        "    client signed:  b=2&a=1⏎",
        "first difference from what the signer produces for this request:",
      ].join("\n"),
    );
    const json = await panelsig(["verify", "--json", "--request", file(JSON.stringify(c))]);
    const { diagnosis } = JSON.parse(json.stdout);
    expect(diagnosis).toMatchObject({ mistake: "query-unsorted", signature, canonicalRequest: client });
  });

  it("a signature no known mistake explains: no diagnosis", async () => {
    const { code, stdout } = await panelsig(["verify", "--request", file(JSON.stringify(request("0".repeat(64))))]);
    expect(code).toBe(1);
    expect(stdout).not.toContain("mistake");
  });
});

describe("panelsig verify", () => {
  it("a valid request: exit 0, 'valid' and what was verified", async () => {
    const { code, stdout } = await panelsig(["verify", "--request", file(JSON.stringify(request(SIGNATURE)))]);
    expect(code).toBe(0);
    expect(stdout.startsWith("valid\n")).toBe(true);
    expect(stdout).toContain(`expected signature: ${SIGNATURE}`);
  });

  it("a sign case piped into verify: refused, saying its field is a sign field (exit 2)", async () => {
    const signCase = { scheme: "acepanel", request: { method: "GET", url: "/entrance/api/user/info" }, credentials: { secret: "YourSecretToken", keyId: 16 }, timestamp: "1700000000", options: { entrance: "/entrance" } };
    const { code, stdout, stderr } = await panelsig(["verify", "--request", "-"], { input: JSON.stringify(signCase) });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("is a sign field (verify takes context): give the case to sign");
  });

  it("a request let through without any check: exit 0, and the output says plainly that no signature was checked", async () => {
    const publicPath = { ...request("0".repeat(64)), request: { method: "POST", url: "/entrance/api/user/login", headers: [["Authorization", "garbage"]] } };
    const { code, stdout } = await panelsig(["verify", "--request", file(JSON.stringify(publicPath))]);
    expect(code).toBe(0);
    expect(stdout).toContain("NO SIGNATURE WAS CHECKED");
    expect(stdout).toContain("(public_path)");
    const json = await panelsig(["verify", "--json", "--request", file(JSON.stringify(publicPath))]);
    expect(JSON.parse(json.stdout)).toStrictEqual({ valid: true, signatureChecked: false, uncheckedReason: "public_path" });
  });

  it("the entrance itself without Authorization: exit 1, the 302 to /login", async () => {
    const entrance = { ...request(SIGNATURE), request: { method: "GET", url: "/entrance", headers: [] } };
    const { code, stdout } = await panelsig(["verify", "--request", file(JSON.stringify(entrance))]);
    expect(code).toBe(1);
    expect(stdout).toContain("invalid: missing_headers\n  the receiver answers 302 (redirect, Location: /login)\n");
  });

  it("a tampered signature: exit 1, the reason, the receiver's answer, the differing header and the intermediates", async () => {
    const tampered = SIGNATURE.slice(0, 60) + "0000";
    const { code, stdout } = await panelsig(["verify", "--request", file(JSON.stringify(request(tampered)))]);
    expect(code).toBe(1);
    expect(stdout).toContain('invalid: signature_mismatch\n  the receiver answers 401: "invalid signature"\n');
    expect(stdout).toContain(
      [
        "first difference from what the signer produces for this request:",
        "  Authorization header:",
        `    expected: HMAC-SHA256 Credential=16, Signature=${SIGNATURE}`,
        `    actual:   HMAC-SHA256 Credential=16, Signature=${tampered}`,
        `              ${" ".repeat(37 + 60)}^ first difference at character ${37 + 61}`,
      ].join("\n"),
    );
    expect(stdout).toContain(`canonical request:\n    GET⏎\n    /api/user/info⏎\n    ⏎\n    e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n`);
  });

  it("--json prints the verify result, reading the case from standard input", async () => {
    const { code, stdout } = await panelsig(["verify", "--request", "-", "--json"], { input: JSON.stringify(request("00")) });
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toStrictEqual({
      valid: false,
      error: "signature_mismatch",
      status: 401,
      message: "invalid signature",
      canonicalRequest: CANONICAL,
      stringToSign: STRING_TO_SIGN,
      expectedSignature: SIGNATURE,
    });
  });

  it("a stale request: the receiver's 'signature expired'", async () => {
    const { code, stdout } = await panelsig(["verify", "--request", "-", "--json"], { input: JSON.stringify(request(SIGNATURE, 1700000301)) });
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ valid: false, error: "timestamp_expired", status: 401, message: "signature expired" });
  });

  const bad: [string, string[], string, string?][] = [
    ["no --request", ["verify"], "missing --request FILE"],
    ["a file that does not exist", ["verify", "--request", "/nonexistent/request.json"], '--request: cannot read "/nonexistent/request.json" (ENOENT)'],
    ["a file that is not JSON", ["verify", "--request", "-"], "--request: standard input is not JSON", "{not json"],
    ["JSON that is not a case object", ["verify", "--request", "-"], "--request: expected a case object", "[1, 2]"],
    ["a case for signing", ["verify", "--request", "-"], '--request: the case says "op": "sign"', JSON.stringify({ ...request(SIGNATURE), op: "sign" })],
  ];
  for (const [what, args, message, input] of bad) {
    it(`${what}: exit 2 with the problem and the usage`, async () => {
      const { code, stderr } = await panelsig(args, input === undefined ? {} : { input });
      expect(stderr).toContain(`panelsig verify: ${message}`);
      expect(code).toBe(2);
      expect(stderr).toContain("Usage: panelsig verify --request FILE|-");
    });
  }

  it("a malformed case: exit 2 naming the field", async () => {
    const input = JSON.stringify({ ...request(SIGNATURE), context: { now: 1700000000, bogus: 1 } });
    const { code, stderr } = await panelsig(["verify", "--request", "-"], { input });
    expect(code).toBe(2);
    expect(stderr).toContain("panelsig verify: context.bogus: unknown field");
  });
});
