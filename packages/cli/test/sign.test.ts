// `panelsig sign` as a process: the headers, --json, --explain, --curl and every way a command
// line can be wrong. Expected signatures are the published ones from the real systems' facts, or
// HMACs computed here with node:crypto from hand-written strings.
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { panelsig } from "./run-cli.ts";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const hmac = (secret: string, text: string) => createHmac("sha256", secret).update(text, "utf8").digest("hex");
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// The AcePanel documentation's fixed example and its stated signature.
const ACE_DOC = ["acepanel", "--method", "GET", "--url", "/entrance/api/user/info", "--entrance", "/entrance", "--secret", "YourSecretToken", "--key-id", "16", "--timestamp", "1700000000"];
const ACE_DOC_SIGNATURE = "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7";
const AGENT_BODY = '{"username":"alice","domain":"alice.example.com"}';

describe("panelsig sign", () => {
  it("prints the headers to send: the AcePanel doc example", async () => {
    const { code, stdout, stderr } = await panelsig(["sign", ...ACE_DOC]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(`X-Timestamp: 1700000000\nAuthorization: HMAC-SHA256 Credential=16, Signature=${ACE_DOC_SIGNATURE}\n`);
  });

  it("--json prints the sign result with every intermediate", async () => {
    const { code, stdout } = await panelsig(["sign", ...ACE_DOC, "--json"]);
    expect(code).toBe(0);
    const canonicalRequest = `GET\n/api/user/info\n\n${EMPTY_SHA256}`;
    expect(JSON.parse(stdout)).toStrictEqual({
      headers: [
        ["X-Timestamp", "1700000000"],
        ["Authorization", `HMAC-SHA256 Credential=16, Signature=${ACE_DOC_SIGNATURE}`],
      ],
      canonicalRequest,
      stringToSign: `HMAC-SHA256\n1700000000\n${sha256(canonicalRequest)}`,
      signature: ACE_DOC_SIGNATURE,
    });
  });

  it("gives the same headers with every --provider", async () => {
    for (const provider of ["node", "webcrypto", "pure"]) {
      const { code, stdout } = await panelsig(["sign", ...ACE_DOC, "--provider", provider]);
      expect(code).toBe(0);
      expect(stdout).toContain(`Signature=${ACE_DOC_SIGNATURE}`);
    }
  });

  it("an opterius-agent timestamp Go's RFC 3339 parser refuses is signed verbatim, with a warning on standard error", async () => {
    const text = "2026-04-08t14:32:00z"; // RFC 3339 section 5.6 allows the lower case
    const args = ["sign", "opterius-agent", "--method", "GET", "--url", "/files/list", "--secret", "s", "--timestamp", text];
    const { code, stdout, stderr } = await panelsig(args);
    expect(code).toBe(0);
    expect(stdout).toBe(`X-Signature: ${hmac("s", `${text}GET/files/list`)}\nX-Timestamp: ${text}\nContent-Type: application/json\n`);
    expect(stderr).toContain("warning:");
    expect(stderr).toContain(JSON.stringify(text));
    const json = await panelsig([...args, "--json"]);
    expect(JSON.parse(json.stdout).warnings.length).toBe(1);
  });

  it("reads the exact body bytes from --body-file: the opterius-agent doc example", async () => {
    const dir = mkdtempSync(join(tmpdir(), "panelsig-sign-"));
    writeFileSync(join(dir, "body.json"), AGENT_BODY);
    const args = ["sign", "opterius-agent", "--method", "POST", "--url", "/account/create", "--body-file", join(dir, "body.json")];
    const { code, stdout } = await panelsig([...args, "--secret", "your-secret-key-here", "--timestamp", "2026-04-08T14:32:00Z"]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      "X-Signature: 5c1941c5dcf3f47bc4e81c1098655cdfe2ab792274b1164c3a66dba7e2e1d4c6\nX-Timestamp: 2026-04-08T14:32:00Z\nContent-Type: application/json\n",
    );
  });

  it("takes the secret from PANELSIG_SECRET: the opterius-panel real client's empty body signs {}", async () => {
    const args = ["sign", "opterius-panel", "--method", "POST", "--url", "/api/accounts/42/suspend", "--timestamp", "1775658720"];
    const real = await panelsig(args, { env: { PANELSIG_SECRET: "eyJ-test" } });
    expect(real.code).toBe(0);
    expect(real.stdout).toContain("X-Signature: f21d3dd043240efa42386b16fc79e049c338a06a7057788aff2fe466400b7146\n");
    const doc = await panelsig([...args, "--empty-body", ""], { env: { PANELSIG_SECRET: "eyJ-test" } });
    expect(doc.stdout).toContain(`X-Signature: ${hmac("eyJ-test", "1775658720")}\n`);
  });

  it("--explain shows every intermediate with invisible characters made visible", async () => {
    const body = "a\u00a0b\tc\u200b\n";
    const args = ["sign", "opterius-agent", "--method", "POST", "--url", "/files/write?path=/x", "--body", body, "--secret", "s", "--timestamp", "2026-04-08T14:32:00+00:00", "--explain"];
    const { code, stdout } = await panelsig(args);
    expect(code).toBe(0);
    const signature = hmac("s", `2026-04-08T14:32:00+00:00POST/files/write${body}`);
    expect(stdout).toContain("string to sign:\n  2026-04-08T14:32:00+00:00POST/files/writea⟨NBSP U+00A0⟩b⟨TAB U+0009⟩c⟨ZERO WIDTH SPACE U+200B⟩⏎\n  \nsignature:");
    expect(stdout).toContain(`signature: ${signature}\n`);
    expect(stdout).toContain(`headers to send:\n  X-Signature: ${signature}\n  X-Timestamp: 2026-04-08T14:32:00+00:00\n`);
  });

  it("--explain shows the AcePanel canonical request line by line", async () => {
    const url = "/entrance/api/files/list?b=2&a=%20x&c=%C3%A9";
    const { stdout } = await panelsig(["sign", ...ACE_DOC.map((a) => (a === "/entrance/api/user/info" ? url : a)), "--explain"]);
    expect(stdout).toContain(`canonical request:\n  GET⏎\n  /api/files/list⏎\n  a=+x&b=2&c=%C3%A9⏎\n  ${EMPTY_SHA256}\n`);
  });

  it("--curl prints a curl command that sends exactly the signed request", async () => {
    const { code, stdout } = await panelsig(["sign", ...ACE_DOC.map((a) => (a === "/entrance/api/user/info" ? "https://panel.example.com/entrance/api/user/info" : a)), "--curl"]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "curl --globoff --path-as-is \\",
        "  --request GET \\",
        "  --header 'X-Timestamp: 1700000000' \\",
        `  --header 'Authorization: HMAC-SHA256 Credential=16, Signature=${ACE_DOC_SIGNATURE}' \\`,
        "  https://panel.example.com/entrance/api/user/info\n",
      ].join("\n"),
    );
  });
});

describe("panelsig sign: bad arguments answer with the problem, the usage and exit 2", () => {
  const cases: [what: string, args: string[], message: string, env?: Record<string, string>][] = [
    ["no scheme", ["sign", "--method", "GET", "--url", "/x", "--secret", "s"], "missing <scheme>"],
    ["an unknown scheme", ["sign", "nope", "--method", "GET", "--url", "/x", "--secret", "s"], '<scheme>: "nope" is not one of opterius-agent, opterius-panel, acepanel'],
    ["an unknown flag", ["sign", ...ACE_DOC, "--bogus"], "Unknown option '--bogus'"],
    ["a flag without its value", ["sign", "acepanel", "--url"], "Option '--url <value>' argument missing"],
    ["no --url", ["sign", "acepanel", "--method", "GET", "--secret", "s"], "missing --url"],
    ["no secret anywhere", ["sign", "opterius-panel", "--method", "GET", "--url", "/x"], "missing --secret (or set PANELSIG_SECRET)", { PANELSIG_SECRET: "" }],
    ["a key id that is not a number", ["sign", ...ACE_DOC.map((a) => (a === "16" ? "abc" : a))], '--key-id: "abc" is not a token id'],
    ["a timestamp the server reads as 0", ["sign", ...ACE_DOC.map((a) => (a === "1700000000" ? "1e9" : a))], "--timestamp: the server reads \"1e9\" as 0"],
    ["a path outside the entrance", ["sign", ...ACE_DOC.map((a) => (a === "/entrance/api/user/info" ? "/other/api/x" : a))], "--url: path \"/other/api/x\" is not /api or /api/… under the entrance"],
    ["two outputs", ["sign", ...ACE_DOC, "--json", "--curl"], "choose one output: --json or --curl"],
    ["--curl with a relative url", ["sign", ...ACE_DOC, "--curl"], "--curl needs an absolute --url"],
    ["both --body and --body-file", ["sign", "opterius-panel", "--method", "POST", "--url", "/x", "--secret", "s", "--body", "{}", "--body-file", "b"], "give --body or --body-file, not both"],
    ["a --body-file that does not exist", ["sign", "opterius-panel", "--method", "POST", "--url", "/x", "--secret", "s", "--body-file", "/nonexistent/body"], '--body-file: cannot read "/nonexistent/body" (ENOENT)'],
    ["--jsonl with request flags", ["sign", "--jsonl", "--url", "/x"], "--jsonl reads every case from standard input"],
  ];
  for (const [what, args, message, env] of cases) {
    it(what, async () => {
      const { code, stdout, stderr } = await panelsig(args, env ? { env } : {});
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain(`panelsig sign: ${message}`);
      expect(stderr).toContain("Usage: panelsig sign <scheme> --method M --url U --secret S [options]");
    });
  }
});

describe("panelsig: the command itself", () => {
  it("without a command prints the usage on standard error and exits 2", async () => {
    const { code, stderr } = await panelsig([]);
    expect(code).toBe(2);
    expect(stderr).toContain("Usage: panelsig <command> [options]");
  });

  it("an unknown command exits 2 naming it", async () => {
    const { code, stderr } = await panelsig(["frobnicate"]);
    expect(code).toBe(2);
    expect(stderr).toContain('panelsig: unknown command "frobnicate"');
  });

  it("--help lists every command, and each command's --help teaches with an example", async () => {
    const top = await panelsig(["--help"]);
    expect(top.code).toBe(0);
    const commands = ["sign", "verify", "vectors", "check", "adapter", "serve"];
    for (const name of commands) expect(top.stdout).toContain(`\n  ${name.padEnd(9)} `);
    for (const name of commands) {
      const { code, stdout } = await panelsig([name, "--help"]);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: panelsig ${name}`);
      expect(stdout).toMatch(/\nExamples?:\n/);
      expect(stdout).toContain("\nExit codes (the same meaning for every panelsig command):\n  0   all good: ");
    }
  });
});
