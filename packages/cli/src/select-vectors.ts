// --scheme and --flags, shared by `vectors` and `check`: which vectors of the corpus to run. The
// HMAC-SHA256 file runs only where the primitive can be called (`vectors`): the adapter protocol
// of `check` has no HMAC operation, and asking check for those vectors alone says so.

import { SCHEME_IDS } from "@panelsig/core";
import { hmacSha256Vectors, SCHEME_VECTOR_FILES, type HmacVector, type SchemeVector } from "@panelsig/vectors";
import { oneOf, UsageError } from "./args.ts";

export const SELECT_FLAGS = { scheme: { type: "string" }, flags: { type: "string" } } as const;

const HMAC = "hmac-sha256";
const NOT_IN_CHECK =
  "these are vectors of hmac-sha256.json, which check does not run (the adapter protocol has no HMAC operation): " +
  "run them in your own unit tests (key, msg, tag in hex), or `panelsig vectors --scheme hmac-sha256` for panelsig's providers";

export interface Selection {
  vectors: SchemeVector[];
  /** Empty unless the caller can run the primitive (hmacRunnable). */
  hmac: HmacVector[];
}

/**
 * The vectors of the chosen file (default all) that carry at least one of the chosen flags
 * (default any). Without `hmacRunnable`, a selection that only hmac-sha256.json could satisfy is a
 * usage error that says where those vectors run.
 */
export function selectVectors(scheme: string | undefined, flags: string | undefined, hmacRunnable = false): Selection {
  if (!hmacRunnable && scheme === HMAC) throw new UsageError(`--scheme hmac-sha256: ${NOT_IN_CHECK}`);
  const chosen = scheme === undefined ? undefined : oneOf("--scheme", scheme, hmacRunnable ? [...SCHEME_IDS, HMAC] : SCHEME_IDS, "acepanel");
  const files = chosen === undefined ? SCHEME_VECTOR_FILES : SCHEME_VECTOR_FILES.filter((f) => f.scheme === chosen);
  const withHmac = chosen === undefined || chosen === HMAC;
  let vectors = files.flatMap((f) => f.vectors);
  let hmac = withHmac ? hmacSha256Vectors.vectors : [];
  if (flags !== undefined) {
    const wanted = flags.split(",").map((f) => f.trim()).filter(Boolean);
    const known = new Set([...files.flatMap((f) => Object.keys(f.notes)), ...(withHmac ? Object.keys(hmacSha256Vectors.notes) : [])]);
    const unknown = wanted.filter((f) => !known.has(f));
    if (wanted.length === 0 || unknown.length) {
      throw new UsageError(`--flags: ${unknown.length ? `unknown flag ${JSON.stringify(unknown[0])}` : "no flag given"}; the flags${scheme ? ` of ${scheme}` : ""} are ${[...known].join(", ")}`);
    }
    vectors = vectors.filter((v) => v.flags.some((f) => wanted.includes(f)));
    hmac = hmac.filter((v) => v.flags.some((f) => wanted.includes(f)));
  }
  if (!hmacRunnable && vectors.length === 0 && hmac.length > 0) {
    throw new UsageError(`--flags ${flags}: ${NOT_IN_CHECK}`);
  }
  return { vectors, hmac: hmacRunnable ? hmac : [] };
}
