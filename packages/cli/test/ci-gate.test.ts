// The CLI as a CI gate, run as a process the way a pipeline runs it: the same exit-code table in
// every --help; --jsonl answers every line and exits 1 at the end if one was bad; `check` says an
// adapter that could not start or broke the protocol first, in one line with the end of its
// standard error; sign's flags are checked against the scheme and errors name flags, never the
// library's fields; --version. Expected signatures are HMACs computed here with node:crypto or
// the AcePanel documentation's published example.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { opteriusPanelVectors } from "@panelsig/vectors";
import { panelsig, PANELSIG } from "./run-cli.ts";

const adapter = (name: string, ...args: string[]) => `node '${fileURLToPath(new URL(`./adapters/${name}.mjs`, import.meta.url))}' ${args.join(" ")}`;
const readJson = (path: string) => JSON.parse(readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8")) as Record<string, any>;
const hmac = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest("hex");

/** The AcePanel documentation's example: GET /entrance/api/user/info, token 16, at 1700000000. */
const ACE_DOC_SIGNATURE = "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7";
const aceReceived = (signature: string) => ({
  scheme: "acepanel",
  request: { method: "GET", url: "/entrance/api/user/info", headers: [["X-Timestamp", "1700000000"], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${signature}`]] },
  credentials: { secret: "YourSecretToken", keyId: 16 },
  context: { now: 1700000000, entrance: "/entrance" },
});
const panelCase = (id: number, body: string) => ({ id, scheme: "opterius-panel", request: { method: "POST", url: "/api/x", body }, credentials: { secret: "k" }, timestamp: "1700000000" });
const lines = (stdout: string) => stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);

describe("exit codes: one table, written in every --help", () => {
  const TABLE = [
    "\nExit codes (the same meaning for every panelsig command):\n  0   all good: ",
    "\n  1   something was checked and failed: ",
    "\n  2   the command line or an input file is wrong (the message names the flag or field)\n",
    "\n  70  a bug in panelsig (the stack is printed: please report it)",
  ];
  for (const command of [[], ["sign"], ["verify"], ["vectors"], ["check"], ["adapter"], ["serve"]]) {
    it(`panelsig ${[...command, "--help"].join(" ")}`, async () => {
      const { code, stdout } = await panelsig([...command, "--help"]);
      expect(code).toBe(0);
      for (const line of TABLE) expect(stdout).toContain(line);
    });
  }

  it("an unknown command or option exits 2", async () => {
    expect((await panelsig(["frobnicate"])).code).toBe(2);
    const option = await panelsig(["--frobnicate"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('panelsig: unknown option "--frobnicate"');
  });
});

describe("--jsonl answers every line, then exits 1 if any line was bad", () => {
  it("sign --jsonl: every line answered in order; exit 1 and a tally on standard error", async () => {
    const input = [JSON.stringify(panelCase(1, "a")), "not json", JSON.stringify(panelCase(3, "c"))].join("\n");
    const { code, stdout, stderr } = await panelsig(["sign", "--jsonl"], { input });
    const out = lines(stdout);
    expect(out.map((o) => o.id)).toEqual([1, null, 3]);
    expect(out[0]!.signature).toBe(hmac("k", "1700000000a"));
    expect(out[1]!.error).toBe("bad_case");
    expect(out[2]!.signature).toBe(hmac("k", "1700000000c"));
    expect(code).toBe(1);
    expect(stderr).toBe("panelsig sign --jsonl: 1 of 3 lines was bad (bad_case: line 2)\n");
  });

  it("sign --jsonl with nothing but noise: 40 bad lines, 40 answers, exit 1", async () => {
    const input = Array.from({ length: 40 }, (_, i) => `\u0001noise ${i} {`).join("\n");
    const { code, stdout, stderr } = await panelsig(["sign", "--jsonl"], { input });
    expect(lines(stdout).filter((o) => o.error === "bad_case").length).toBe(40);
    expect(code).toBe(1);
    expect(stderr).toBe("panelsig sign --jsonl: 40 of 40 lines were bad (bad_case: lines 1, 2, 3, 4, 5, …)\n");
  });

  it("sign --jsonl with every line good exits 0 and says nothing on standard error", async () => {
    const { code, stderr } = await panelsig(["sign", "--jsonl"], { input: JSON.stringify(panelCase(1, "a")) + "\n" });
    expect([code, stderr]).toEqual([0, ""]);
  });

  it("verify --jsonl: exit 0 when every request is valid, 1 when one would be rejected", async () => {
    const valid = JSON.stringify({ id: 1, ...aceReceived(ACE_DOC_SIGNATURE) });
    const good = await panelsig(["verify", "--jsonl"], { input: `${valid}\n${valid}\n` });
    expect([good.code, good.stderr]).toEqual([0, ""]);
    const tampered = JSON.stringify({ id: 2, ...aceReceived("0".repeat(64)) });
    const bad = await panelsig(["verify", "--jsonl"], { input: `${valid}\n${tampered}\n{\n` });
    expect(lines(bad.stdout).map((o) => [o.id, o.valid ?? o.error])).toEqual([[1, true], [2, false], [null, "bad_case"]]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("panelsig verify --jsonl: 1 of 3 lines was bad (bad_case: line 3); 1 of 3 lines would be rejected (line 2)\n");
  });

  it("the adapter still exits 0 after a bad line: the protocol wants exit 0, and bad_case is its answer", async () => {
    const { code, stdout } = await panelsig(["adapter"], { input: "{broken\n" });
    expect(code).toBe(0);
    expect(lines(stdout)[0]).toMatchObject({ tcId: null, error: "bad_case" });
  });
});

describe("check: an adapter that cannot start or breaks the protocol is said first, in one line", () => {
  const firstTcId = opteriusPanelVectors.vectors[0]!.tcId;

  it("a command that does not exist: 'could not start', with the shell's complaint, first; the summary repeats it", async () => {
    const { code, stdout, stderr } = await panelsig(["check", "--exec", "no-such-adapter-command-xyz", "--scheme", "opterius-panel"]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    const [first, second] = stdout.split("\n");
    expect(first).toMatch(
      new RegExp(`^✗ the adapter could not start: the adapter exited \\(exit code 127\\) while tcId ${firstTcId} was waiting for its answer; its standard error ends: .*no-such-adapter-command-xyz.*not found$`),
    );
    expect(second).toBe("");
    const summary = stdout.slice(stdout.indexOf("\nper scheme:"));
    expect(summary).toContain(`adapter problem (crashed): the adapter exited (exit code 127) while tcId ${firstTcId} was waiting for its answer`);
    expect(summary).toMatch(/\n {2}\| .*no-such-adapter-command-xyz.*not found\n/);
  });

  it("a crash: 'crashed', the exit code and the last line of its standard error", async () => {
    const tcId = opteriusPanelVectors.vectors[2]!.tcId;
    const { code, stdout } = await panelsig(["check", "--exec", adapter("misbehaving", "crash-after", "2"), "--scheme", "opterius-panel"]);
    expect(code).toBe(1);
    expect(stdout.split("\n")[0]).toBe(`✗ the adapter crashed: the adapter exited (exit code 3) while tcId ${tcId} was waiting for its answer; its standard error ends: Error: boom`);
  });

  it("garbage on standard output: 'spoke out of turn'", async () => {
    const { code, stdout } = await panelsig(["check", "--exec", adapter("misbehaving", "garbage"), "--scheme", "opterius-panel"]);
    expect(code).toBe(1);
    expect(stdout.split("\n")[0]).toMatch(/^✗ the adapter spoke out of turn: the adapter printed a line that is not JSON .*"Hello from the adapter!"/);
  });

  it("with a machine format the line goes to standard error (the report goes to a file), and into the JSON report", async () => {
    const { code, stdout, stderr } = await panelsig(["check", "--exec", "no-such-adapter-command-xyz", "--scheme", "opterius-panel", "--format", "json"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^panelsig check: the adapter could not start: .*not found\n$/);
    const suite = JSON.parse(stdout).suites[0];
    expect(`panelsig check: ${suite.headline}\n`).toBe(stderr);
    expect(suite.problem.kind).toBe("crashed");
  });

  it("a passing adapter: nothing on standard error, no problem line", async () => {
    const { code, stdout, stderr } = await panelsig(["check", "--exec", `${PANELSIG} adapter`, "--scheme", "opterius-panel"]);
    expect([code, stderr]).toEqual([0, ""]);
    expect(stdout.startsWith(`== ${PANELSIG} adapter\n`)).toBe(true);
  });
});

describe("sign: every flag is checked against the scheme, and errors name flags", () => {
  const base = (scheme: string, ...rest: string[]) => ["sign", scheme, "--method", "GET", "--secret", "s", ...rest];
  const refused: [string, string[], string][] = [
    ["--entrance for opterius-agent", base("opterius-agent", "--url", "/e", "--entrance", "/e"), "--entrance does not apply to opterius-agent: it is the panel's entry prefix, for acepanel only"],
    ["--key-id for opterius-agent", base("opterius-agent", "--url", "/e", "--key-id", "3"), "--key-id does not apply to opterius-agent: it is the token id, for acepanel only"],
    ["--key-id for opterius-panel", base("opterius-panel", "--url", "/e", "--key-id", "3"), "--key-id does not apply to opterius-panel: it is the token id, for acepanel only"],
    ["--timestamp-form for acepanel", base("acepanel", "--url", "/api/x", "--key-id", "1", "--timestamp-form", "Z"), "--timestamp-form does not apply to acepanel: it is the form of the timestamp panelsig makes, for opterius-agent only"],
    ["--empty-body for opterius-agent", base("opterius-agent", "--url", "/e", "--empty-body", "{}"), "--empty-body does not apply to opterius-agent: it is what a request without a body signs, for opterius-panel only"],
    ["--timestamp-form beside --timestamp", base("opterius-agent", "--url", "/e", "--timestamp-form", "Z", "--timestamp", "2026-04-08T14:32:00Z"), "--timestamp-form does not apply with --timestamp: it shapes the timestamp panelsig makes, and --timestamp is sent as given"],
    ["--empty-body beside a body", base("opterius-panel", "--url", "/e", "--empty-body", "", "--body", "x"), "--empty-body does not apply: it says what a request without a body signs, and this one has a body"],
    ["acepanel without --key-id", base("acepanel", "--url", "/api/x"), "missing --key-id: acepanel tokens have an id (the N of Credential=N)"],
    ["a --timestamp-form that is not a form", base("opterius-agent", "--url", "/e", "--timestamp-form", "UTC"), '--timestamp-form: must be "Z" or "+00:00"'],
    ["an --empty-body that is not a choice", base("opterius-panel", "--url", "/e", "--empty-body", "null"), '--empty-body: must be "{}" (the real client) or "" (the doc\'s reading)'],
    ["a path outside the API, naming --entrance", base("acepanel", "--url", "/x", "--key-id", "1"), '--url: path "/x" is not /api or /api/… under the entrance "/": the server checks signatures only there'],
    ["a prefix before /api without --entrance", base("acepanel", "--url", "/e/api/x", "--key-id", "1"), '--url: path "/e/api/x" is not /api or /api/… under the entrance "/": the server checks signatures only there; set --entrance (e.g. "/entrance")'],
    ["a URL without host or path", base("opterius-panel", "--url", "http://"), '--url "http://" has no host; give a path such as /api/ping or a URL such as https://panel.example.com/api/ping'],
    ["a URL without a path", base("opterius-panel", "--url", "https://panel.example.com"), '--url "https://panel.example.com" has no path, and the path is what gets signed; for the root write "https://panel.example.com/"'],
    ["a URL with a query but no path", base("opterius-panel", "--url", "https://panel.example.com?a=1"), '--url "https://panel.example.com?a=1" has no path, and the path is what gets signed; for the root write "https://panel.example.com/?a=1"'],
  ];
  for (const [what, args, message] of refused) {
    it(`refuses ${what}, naming the flag`, async () => {
      const { code, stdout, stderr } = await panelsig(args, { env: { PANELSIG_SECRET: "" } });
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr.split("\n")[0]).toBe(`panelsig sign: ${message}`);
      expect(stderr).not.toMatch(/options\.|credentials\.|request\.|timestampForm|emptyBody|keyId/);
    });
  }

  it("accepts an absolute URL with a path, and signs that path", async () => {
    const { code, stdout } = await panelsig(["sign", "opterius-agent", "--method", "GET", "--url", "https://agent.example.com/files/list?path=/home", "--secret", "k", "--timestamp", "2026-04-08T14:32:00Z", "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.stringToSign).toBe("2026-04-08T14:32:00ZGET/files/list");
    expect(result.signature).toBe(hmac("k", "2026-04-08T14:32:00ZGET/files/list"));
  });
});

describe("panelsig --version", () => {
  const cli = readJson("../package.json");
  const vectorsPackage = readJson("../../vectors/package.json");
  const files = ["opterius-agent", "opterius-panel", "acepanel"].map((s) => readJson(`../../../vectors/${s}.json`));

  it("prints the CLI's version, then the corpus's version, format and size; -v is the same", async () => {
    const long = await panelsig(["--version"]);
    expect(long.code).toBe(0);
    const sizes = files.map((f) => `${f.scheme} ${f.vectors.length}`).join(", ");
    expect(long.stdout).toBe(`panelsig ${cli.version} (@panelsig/cli)\ncorpus ${vectorsPackage.version} (@panelsig/vectors; format ${files[0]!.schemaVersion}; vectors: ${sizes})\n`);
    expect(await panelsig(["-v"])).toEqual(long);
  });

  it("the corpus version printed is the one installed: the CLI depends on exactly that @panelsig/vectors", () => {
    expect(cli.dependencies["@panelsig/vectors"]).toBe(vectorsPackage.version);
    const source = readFileSync(fileURLToPath(new URL("../src/version.ts", import.meta.url)), "utf8");
    expect(source).toContain(`export const CLI_VERSION = "${cli.version}";`);
    expect(source).toContain(`export const CORPUS_VERSION = "${vectorsPackage.version}";`);
  });

  it("takes nothing after it", async () => {
    const { code, stderr } = await panelsig(["--version", "sign"]);
    expect(code).toBe(2);
    expect(stderr).toBe('panelsig: --version takes no arguments, not "sign"\n');
  });
});
