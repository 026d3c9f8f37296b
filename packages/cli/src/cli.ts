// The `panelsig` command: finds the subcommand, runs it, and turns its outcome into an exit code:
// 0 ok; 1 a verdict failed (verify said invalid, vectors or check found failures); 2 the command
// line or the input is wrong (the message names the flag or field, then the usage follows);
// 70 a bug in panelsig (the stack is printed; please report it).

import { PanelsigError } from "@panelsig/core";
import { UsageError } from "./args.ts";
import { EXIT, type Command } from "./command.ts";

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

Request signing of hosting control panels (opterius-agent, opterius-panel, acepanel),
exactly as the real receivers check it.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(9)} ${c.summary}`).join("\n")}

Exit codes: 0 ok; 1 a verdict failed; 2 bad arguments or input; 70 a bug in panelsig.`;

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
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    process.stderr.write(`panelsig: unknown command ${JSON.stringify(name)}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
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

// A reader that stops early (`panelsig sign --jsonl | head -1`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
