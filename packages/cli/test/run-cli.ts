// Runs the built `panelsig` command as a separate process on Node, the way a user runs it (the
// test task depends on the build: see turbo.json), whichever runtime runs the tests themselves.
// Also: a server process to talk to, stopped by its pid.

import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Node itself under vitest; the `node` on the PATH when deno test or bun test runs these files. */
export const NODE = process.versions.deno || process.versions.bun ? "node" : process.execPath;
/** Whether an exit code read through node:child_process is trustworthy after a signal (see Server.stop). */
export const SEES_EXIT_CODE_AFTER_SIGNAL = !process.versions.deno;
export const BIN = fileURLToPath(new URL("../bin/panelsig.js", import.meta.url));
export const CLI_JS = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
/** How to start the CLI from a shell (for --exec): the absolute path, quoted. */
export const PANELSIG = `'${NODE}' '${BIN}'`;

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function panelsig(args: string[], options: { input?: string | Uint8Array; env?: Record<string, string>; cwd?: string } = {}): Promise<Ran> {
  return runProcess(NODE, [BIN, ...args], options);
}

export function runProcess(file: string, args: string[], options: { input?: string | Uint8Array; env?: Record<string, string>; cwd?: string } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: { ...process.env, ...options.env }, cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}

export interface Server {
  port: number;
  child: ChildProcess;
  /** Everything it printed on standard output so far. */
  output(): string;
  /**
   * Resolves once standard output contains `text`: a log line is written after the response it
   * describes, so a test that reads the log waits for the line instead of hoping it is there.
   */
  waitForOutput(text: string): Promise<string>;
  /**
   * Sends the signal and waits for the exit; resolves to the exit code and the final output.
   * Under deno test the code is null: Deno's node:child_process reports a child that handled the
   * signal and exited 0 as killed by that signal, so only Node and Bun can see the 0.
   */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; output: string }>;
}

/** Starts `panelsig serve` (or any command printing serve's start line) and waits for its port. */
export function startServer(file: string, args: string[], cwd?: string, env?: Record<string, string>): Promise<Server> {
  const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"], cwd, env: { ...process.env, ...env } });
  let output = "";
  let errors = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString("utf8")));
  child.stderr!.on("data", (c: Buffer) => (errors += c.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    // A fail-safe that stops an orphan, not a speed limit: well inside the test's own timeout.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server did not start within 50 s; output: ${output} ${errors}`));
    }, 50_000);
    const look = () => {
      const match = /on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", look);
      resolve({
        port: Number(match[1]),
        child,
        output: () => output,
        waitForOutput: (text) =>
          new Promise((found, lost) => {
            const look = () => {
              if (!output.includes(text)) return;
              child.stdout!.off("data", look);
              found(output);
            };
            child.stdout!.on("data", look);
            child.once("exit", () => lost(new Error(`the server exited before printing ${JSON.stringify(text)}; output: ${output}`)));
            look();
          }),
        async stop(signal = "SIGTERM") {
          child.kill(signal);
          const code = await exited;
          return { code, output };
        },
      });
    };
    child.stdout!.on("data", look);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it started: ${output} ${errors}`));
    });
  });
}
