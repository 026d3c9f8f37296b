// One line of the JSON Lines adapter protocol, for both of its sides: the runner (external.ts)
// and an adapter (the CLI's `panelsig adapter`, `sign --jsonl`, `verify --jsonl`). A module of its
// own, with its own entry point, so that an adapter need not load the vector corpus.

/**
 * One line of the JSON Lines adapter protocol, without loading the vector corpus.
 *
 * @module @panelsig/conformance/json-line
 */

/**
 * One JSON line as the protocol writes it. U+2028 and U+2029 are escaped: JSON.stringify leaves
 * them raw, and some line readers (Python's str.splitlines, Deno's readline) break lines there.
 *
 * @example
 * ```ts
 * import { jsonLine } from "@panelsig/conformance/json-line";
 * process.stdout.write(jsonLine({ tcId: 1, valid: true, message: "a\u2028b" }) + "\n");
 * // {"tcId":1,"valid":true,"message":"a\u2028b"}   (escaped, so the line stays one line)
 * ```
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => (c === "\u2028" ? "\\u2028" : "\\u2029"));
}
