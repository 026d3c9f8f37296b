// What the benchmark runs on (runtime, engine, CPU), and how to start another script under the
// same runtime (every part of the run, and every streamed-body run, gets a fresh process).
// Everything here works under Node (through tsx), Deno and Bun.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";

export type RuntimeName = "node" | "deno" | "bun";

const SOURCE_CONDITION = "--conditions=@panelsig/source";
const ROOT = fileURLToPath(new URL("..", import.meta.url));

interface Globals {
  Deno?: { version: { deno: string; v8: string } };
  Bun?: { version: string };
}

function runtimeName(): RuntimeName {
  const g = globalThis as Globals;
  return g.Deno ? "deno" : g.Bun ? "bun" : "node";
}

export function runtime(): { name: RuntimeName; version: string; engine: string } {
  const g = globalThis as Globals;
  if (g.Deno) return { name: "deno", version: g.Deno.version.deno, engine: `V8 ${g.Deno.version.v8}` };
  if (g.Bun) return { name: "bun", version: g.Bun.version, engine: `JavaScriptCore (WebKit ${process.versions.webkit ?? "?"})` };
  return { name: "node", version: process.versions.node, engine: `V8 ${process.versions.v8}` };
}

export function machine() {
  const cpus = os.cpus();
  // The CPU's SHA extensions are why node:crypto's SHA-256 is several times faster than any JS.
  const flags = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.platform()} ${os.arch()}`,
    shaExtensions: flags === "" ? null : /\bsha_ni\b/.test(flags),
  };
}

/** The versions of the three runtimes the project installs (null when one is not there). */
export function installedRuntimes(): Record<RuntimeName, string | null> {
  const version = (command: string) => {
    const out = spawnSync(command, ["--version"], { encoding: "utf8" });
    return out.status === 0 ? /\d+\.\d+\.\d+/.exec(out.stdout)?.[0] ?? null : null;
  };
  return {
    node: version("node"),
    deno: version(`${ROOT}node_modules/.bin/deno`),
    bun: version(`${ROOT}node_modules/.bin/bun`),
  };
}

/**
 * The command that runs `script` under this same runtime: Deno and Bun with the packages' sources;
 * Node plain (workspace packages from their built dist/), or with this process's own loader (tsx)
 * when `typescript` is set.
 */
export function scriptCommand(script: string, args: string[], typescript = false): [string, string[]] {
  switch (runtimeName()) {
    case "deno":
      return [process.execPath, ["run", "-A", SOURCE_CONDITION, script, ...args]];
    case "bun":
      return [process.execPath, [SOURCE_CONDITION, script, ...args]];
    case "node":
      return [process.execPath, [...(typescript ? process.execArgv : []), script, ...args]];
  }
}
