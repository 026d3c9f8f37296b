// The `panelsig` command: finds the subcommand, runs it, and turns its outcome into an exit code,
// the same for every command so that a CI pipeline can rely on it: 0 all good; 1 something was
// checked and failed (a vector, a rejected request, a bad line of a --jsonl stream, an adapter
// that broke the protocol); 2 the command line or an input file is wrong (the message names the
// flag or field, then the usage follows); 70 a bug in panelsig (the stack is printed).

import { PanelsigError } from "@panelsig/core";
import { UsageError } from "./args.ts";
import { EXIT, exitCodes, type Command } from "./command.ts";
import { CLI_VERSION, CORPUS_VERSION } from "./version.ts";

// Each command's module is loaded only when it runs: `sign` need not parse the vector corpus.
const COMMANDS: readonly { name: string; summary: string; load(): Promise<Command> }[] = [
  { name: "sign", summary: "sign one request (headers, --explain, --json, --curl) or a stream of cases (--jsonl)", load: async () => (await import("./commands/sign.ts")).signCommand },
  { name: "verify", summary: "check a received request (a case object) as the real receiver does, and say why", load: async () => (await import("./commands/verify.ts")).verifyCommand },
  { name: "vectors", summary: "run the vector corpus against panelsig's own providers", load: async () => (await import("./commands/vectors.ts")).vectorsCommand },
  { name: "check", summary: "run the vector corpus against YOUR implementation, through an adapter command", load: async () => (await import("./commands/check.ts")).checkCommand },
  { name: "adapter", summary: "panelsig's own adapter for `check`: case lines in, result lines out", load: async () => (await import("./commands/adapter.ts")).adapterCommand },
  { name: "serve", summary: "a local receiver to point a real client at: shows why each request passes or fails", load: async () => (await import("./commands/serve.ts")).serveCommand },
];

const USAGE = `Usage: panelsig <command> [options]     (panelsig <command> --help for each)
       panelsig --version                 (-v: the CLI's and the vector corpus's versions)

Request signing of hosting control panels (opterius-agent, opterius-panel, acepanel),
exactly as the real receivers check it.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(9)} ${c.summary}`).join("\n")}

${exitCodes("the command did what was asked and everything it checked passed", "a vector, a request (verify), a --jsonl line\n      or an adapter (check)")}`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(USAGE + "\n");
    return EXIT.usage;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(USAGE + "\n");
    return EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    if (rest.length) {
      process.stderr.write(`panelsig: --version takes no arguments, not ${JSON.stringify(rest[0])}\n`);
      return EXIT.usage;
    }
    process.stdout.write(await versions());
    return EXIT.ok;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) return unexpected(name);
  const command = await entry.load();
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      const synopsis = command.usage.split("\n\n")[0];
      process.stderr.write(`panelsig ${name}: ${error.message}\n\n${synopsis}\n(panelsig ${name} --help explains every option, with examples)\n`);
      return EXIT.usage;
    }
    if (error instanceof PanelsigError) {
      process.stderr.write(`panelsig ${name}: ${error.message}\n(panelsig ${name} --help shows the options)\n`);
      return EXIT.usage;
    }
    process.stderr.write(`panelsig ${name}: internal error, please report it:\n${error instanceof Error ? error.stack : String(error)}\n`);
    return EXIT.internal;
  }
}

function unexpected(argument: string): number {
  const what = argument.startsWith("-") ? "option" : "command";
  process.stderr.write(`panelsig: unknown ${what} ${JSON.stringify(argument)}\n\n${USAGE}\n`);
  return EXIT.usage;
}

/** `panelsig --version`: the CLI's version, then the corpus it checks against (its version, format and size). */
async function versions(): Promise<string> {
  const { SCHEME_VECTOR_FILES } = await import("@panelsig/vectors");
  const sizes = SCHEME_VECTOR_FILES.map((f) => `${f.scheme} ${f.vectors.length}`).join(", ");
  const formats = [...new Set(SCHEME_VECTOR_FILES.map((f) => f.schemaVersion))].join(", ");
  return `panelsig ${CLI_VERSION} (@panelsig/cli)\ncorpus ${CORPUS_VERSION} (@panelsig/vectors; format ${formats}; vectors: ${sizes})\n`;
}

// A reader that stops early (`panelsig sign --jsonl | head -1`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
