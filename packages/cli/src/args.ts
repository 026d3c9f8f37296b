// Command-line parsing shared by every command: node:util's parseArgs in strict mode, with its
// errors turned into a UsageError (exit 2, the message, then the command's usage).

import { parseArgs, type ParseArgsConfig } from "node:util";

/** A wrong command line: the message says which flag; the command's usage follows it. */
export class UsageError extends Error {
  override name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;
const HELP = { help: { type: "boolean", short: "h" } } as const;
type Config<T extends Options> = { args: string[]; options: T & typeof HELP; strict: true; allowPositionals: true };

/** The flags and positionals of a command line; every command also takes --help / -h. */
export type Flags<T extends Options> = ReturnType<typeof parseArgs<Config<T>>>;

export function parseFlags<const T extends Options>(argv: string[], options: T, maxPositionals = 0): Flags<T> {
  let parsed: Flags<T>;
  try {
    parsed = parseArgs<Config<T>>({ args: argv, options: { ...options, ...HELP }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, "") : String(error));
  }
  if (parsed.positionals.length > maxPositionals && !(parsed.values as { help?: boolean }).help) {
    throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[maxPositionals])}`);
  }
  return parsed;
}

/** One value out of a fixed list, or a UsageError naming the flag and the choices. */
export function oneOf<T extends string>(flag: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (choices.includes(value as T)) return value as T;
  throw new UsageError(`${flag} must be one of ${choices.join(", ")}, not ${JSON.stringify(value)}`);
}

/** A whole number of at least `min`, or a UsageError naming the flag. */
export function wholeNumber(flag: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^[0-9]+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${flag} must be a whole number${min > 0 ? ` of at least ${min}` : ""}, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}
