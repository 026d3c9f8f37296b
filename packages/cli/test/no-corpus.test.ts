// The commands that never read the vector corpus (about 900 KB of JSON) do not load it: sign,
// verify, adapter and serve run with loader hooks (load-log/) that record every module the
// process loads, and no module of @panelsig/vectors, nor @panelsig/conformance's main entry
// (which imports the corpus), may be among them. `panelsig --version`, which does read the corpus,
// shows that the recording sees it when it is loaded.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BIN, NODE, runProcess, startServer, type Ran } from "./run-cli.ts";

const REGISTER = fileURLToPath(new URL("./load-log/register.mjs", import.meta.url));
const ACE_DOC = ["acepanel", "--method", "GET", "--url", "/entrance/api/user/info", "--entrance", "/entrance", "--secret", "YourSecretToken", "--key-id", "16", "--timestamp", "1700000000"];
const ACE_DOC_SIGNATURE = "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7";
const ACE_REQUEST = {
  scheme: "acepanel",
  request: {
    method: "GET",
    url: "/entrance/api/user/info",
    headers: [["X-Timestamp", "1700000000"], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${ACE_DOC_SIGNATURE}`]],
  },
  credentials: { secret: "YourSecretToken", keyId: 16 },
  context: { now: 1700000000, entrance: "/entrance" },
};

/** A fresh, empty log file for one process. */
function logFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), "panelsig-loads-")), "loaded.txt");
  writeFileSync(path, "");
  return path;
}

/** Runs `panelsig args` with every load recorded: its outcome and the URLs it loaded. */
async function recorded(args: string[], input?: string): Promise<Ran & { loaded: string[] }> {
  const log = logFile();
  const ran = await runProcess(NODE, ["--import", REGISTER, BIN, ...args], { input, env: { PANELSIG_LOAD_LOG: log } });
  return { ...ran, loaded: readFileSync(log, "utf8").split("\n").filter(Boolean) };
}

/** The loaded modules that are the corpus or load it (through a workspace link or from node_modules). */
const corpusModules = (loaded: string[]) =>
  loaded.filter((url) => /\/(packages|@panelsig)\/vectors\//.test(url) || /\/(packages|@panelsig)\/conformance\/(dist|src)\/(index|corpus|run|external)\.[jt]s$/.test(url));
/** Whether the provider package `name` was loaded (the recording works, and the command used it). */
const loadedProvider = (loaded: string[], name: string) => loaded.some((url) => new RegExp(`/(packages|@panelsig)/${name}/dist/index\\.js$`).test(url));

describe("commands that need no vectors do not load the corpus", () => {
  it("the recording sees the corpus when a command loads it (panelsig --version)", async () => {
    const { code, loaded } = await recorded(["--version"]);
    expect(code).toBe(0);
    expect(corpusModules(loaded).some((url) => url.endsWith("/acepanel.json"))).toBe(true);
  });

  it("sign", async () => {
    const { code, stdout, loaded } = await recorded(["sign", ...ACE_DOC]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Signature=${ACE_DOC_SIGNATURE}`);
    expect(loadedProvider(loaded, "node")).toBe(true);
    expect(corpusModules(loaded)).toStrictEqual([]);
  });

  it("sign --jsonl, with --provider pure", async () => {
    const line = JSON.stringify({ scheme: "acepanel", request: { method: "GET", url: "/entrance/api/user/info" }, credentials: { secret: "YourSecretToken", keyId: 16 }, timestamp: "1700000000", options: { entrance: "/entrance" } });
    const { code, stdout, loaded } = await recorded(["sign", "--jsonl", "--provider", "pure"], line);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).signature).toBe(ACE_DOC_SIGNATURE);
    expect(loadedProvider(loaded, "pure")).toBe(true);
    expect(corpusModules(loaded)).toStrictEqual([]);
  });

  it("verify", async () => {
    const { code, stdout, loaded } = await recorded(["verify", "--request", "-"], JSON.stringify(ACE_REQUEST));
    expect(code).toBe(0);
    expect(stdout.startsWith("valid\n")).toBe(true);
    expect(corpusModules(loaded)).toStrictEqual([]);
  });

  it("adapter", async () => {
    const { code, stdout, loaded } = await recorded(["adapter"], JSON.stringify({ tcId: 1, op: "verify", ...ACE_REQUEST }));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ tcId: 1, valid: true });
    expect(corpusModules(loaded)).toStrictEqual([]);
  });

  it("serve", async () => {
    const log = logFile();
    const server = await startServer(NODE, ["--import", REGISTER, BIN, "serve", "--scheme", "opterius-agent", "--secret", "s3cret", "--port", "0"], undefined, { PANELSIG_LOAD_LOG: log });
    await server.stop();
    const loaded = readFileSync(log, "utf8").split("\n").filter(Boolean);
    expect(loadedProvider(loaded, "node")).toBe(true);
    expect(corpusModules(loaded)).toStrictEqual([]);
  });
});
