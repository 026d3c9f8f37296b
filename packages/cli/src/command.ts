// What every subcommand module provides to the dispatcher in cli.ts.

export interface Command {
  name: string;
  /** The full --help text, with examples. */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

/** Exit codes: the same for every command. */
export const EXIT = { ok: 0, verdictFailed: 1, usage: 2, internal: 70 } as const;
