// What every subcommand module provides to the dispatcher in cli.ts, and the exit codes they
// share: a CI pipeline reads the same code the same way whichever command it ran.

export interface Command {
  name: string;
  /** The full --help text, with examples; it ends with exitCodes(…). */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

/** Exit codes: the same for every command. */
export const EXIT = { ok: 0, verdictFailed: 1, usage: 2, internal: 70 } as const;

/** The exit-code table ending a command's --help: the shared meaning of each code, with what 0 and 1 mean here. */
export function exitCodes(ok: string, failed: string): string {
  return `Exit codes (the same meaning for every panelsig command):
  0   all good: ${ok}
  1   something was checked and failed: ${failed}
  2   the command line or an input file is wrong (the message names the flag or field)
  70  a bug in panelsig (the stack is printed: please report it)`;
}
