// The Node edge of `panelsig check`: starts the third-party adapter once through the shell, in
// the current directory, and hands its pipes to the protocol runner (@panelsig/conformance
// external.ts) as an AdapterProcess. The adapter gets its own process group, so that stopping it
// also stops whatever it started (a shell wrapper, an interpreter).

import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { AdapterProcess } from "@panelsig/conformance";

const STDERR_LINES_KEPT = 20;

/** The shell's exit codes for a command it could not run: 126 not executable, 127 not found. */
const SHELL_COULD_NOT_RUN = [126, 127];

export interface StartedAdapter extends AdapterProcess {
  /** Whether it never started: the shell could not run the command, or the shell itself failed to start. */
  couldNotStart(): boolean;
}

export function startAdapter(command: string): StartedAdapter {
  const child = spawn(command, { shell: true, stdio: ["pipe", "pipe", "pipe"], detached: true });
  const stderr: string[] = [];
  // Its exit is reported once its standard error is read too: the last line is usually the cause.
  let stderrClosed = false;
  let onStderrClosed = () => {};
  createInterface({ input: child.stderr, crlfDelay: Infinity })
    .on("line", (line) => {
      stderr.push(line);
      if (stderr.length > STDERR_LINES_KEPT) stderr.shift();
    })
    .on("close", () => ((stderrClosed = true), onStderrClosed()));
  // Writing to an adapter that has exited fails with EPIPE; the exit itself is what gets reported.
  child.stdin.on("error", () => {});
  let exited = false;
  let exitCode: number | null = null;
  let printedAnything = false;
  let spawnFailed = false;
  child.on("exit", (code) => ((exited = true), (exitCode = code)));
  // One wait for "drain" shared by every writer held up by a full pipe.
  let drained: Promise<unknown> | undefined;
  return {
    async write(line) {
      if (exited || child.stdin.destroyed) return;
      if (child.stdin.write(line + "\n")) return;
      // A write error (EPIPE: the adapter is gone) also ends the wait; the exit is what gets reported.
      drained ??= Promise.race([once(child.stdin, "drain"), once(child, "exit")])
        .catch(() => undefined)
        .finally(() => (drained = undefined));
      await drained;
    },
    endInput: () => void child.stdin.end(),
    kill() {
      if (exited || child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    },
    listen(events) {
      let stdoutClosed = false;
      let exit: [number | null, string | null] | undefined;
      // The exit is reported only after every line the adapter printed has been delivered.
      const finish = () => stdoutClosed && stderrClosed && exit && events.exit(...exit);
      onStderrClosed = finish;
      const reader = createInterface({ input: child.stdout, crlfDelay: Infinity });
      reader.on("line", (line) => ((printedAnything = true), events.line(line)));
      reader.on("close", () => ((stdoutClosed = true), finish()));
      child.on("exit", (code, signal) => ((exit = [code, signal]), finish()));
      child.on("error", (error) => {
        stderr.push(`panelsig: could not start the adapter: ${error.message}`);
        spawnFailed = true;
        exit = [null, null];
        stdoutClosed = stderrClosed = true;
        finish();
      });
    },
    stderrTail: () => [...stderr],
    couldNotStart: () => spawnFailed || (!printedAnything && exitCode !== null && SHELL_COULD_NOT_RUN.includes(exitCode)),
  };
}
