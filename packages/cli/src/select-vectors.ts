// --scheme and --flags, shared by `vectors` and `check`: which vectors of the corpus to run.

import { SCHEME_IDS } from "@panelsig/core";
import { SCHEME_VECTOR_FILES, type SchemeVector } from "@panelsig/vectors";
import { oneOf, UsageError } from "./args.ts";

export const SELECT_FLAGS = { scheme: { type: "string" }, flags: { type: "string" } } as const;

/** The vectors of the chosen scheme (default all) that carry at least one of the chosen flags (default any). */
export function selectVectors(scheme: string | undefined, flags: string | undefined): SchemeVector[] {
  const files = scheme === undefined ? SCHEME_VECTOR_FILES : SCHEME_VECTOR_FILES.filter((f) => f.scheme === oneOf("--scheme", scheme, SCHEME_IDS, "acepanel"));
  let vectors = files.flatMap((f) => f.vectors);
  if (flags !== undefined) {
    const wanted = flags.split(",").map((f) => f.trim()).filter(Boolean);
    const known = new Set(files.flatMap((f) => Object.keys(f.notes)));
    const unknown = wanted.filter((f) => !known.has(f));
    if (wanted.length === 0 || unknown.length) {
      throw new UsageError(`--flags: ${unknown.length ? `unknown flag ${JSON.stringify(unknown[0])}` : "no flag given"}; the flags${scheme ? ` of ${scheme}` : ""} are ${[...known].join(", ")}`);
    }
    vectors = vectors.filter((v) => v.flags.some((f) => wanted.includes(f)));
  }
  return vectors;
}
