// A diagnosis for a person: the mistake in words, then the one line of the canonical request (or
// the string to sign) where what the client signed differs from what the receiver signs, both
// shown with invisible characters spelled out. Used by `panelsig verify` and `panelsig serve`.

import type { Diagnosis } from "@panelsig/core";
import { showDifference } from "./diff.ts";

/** What the receiver computed: the intermediates of a verify result or a serve report entry. */
export interface Signed {
  canonicalRequest?: string;
  stringToSign?: string;
}

export function diagnosisLines(d: Diagnosis, receiver: Signed, indent = "  "): string[] {
  const out = [`the client's mistake: ${d.mistake}`, `${indent}${d.summary}`];
  const differing = ([["canonical request", receiver.canonicalRequest, d.canonicalRequest], ["string to sign", receiver.stringToSign, d.stringToSign]] as const).find(
    ([, expected, actual]) => expected !== undefined && actual !== undefined && expected !== actual,
  );
  if (differing) {
    const [what, expected, actual] = differing;
    const lines = showDifference(expected!, actual!, indent + "  ").map((l) => l.replace(/^(\s*)expected: /, "$1receiver signs: ").replace(/^(\s*)actual:   /, "$1client signed:  "));
    out.push(`${indent}${what}, the receiver's beside the client's:`, ...lines.map((l) => l.replace(/\^ first difference/, "      ^ first difference")));
  }
  return out;
}
