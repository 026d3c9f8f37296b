// `panelsig vectors`: the corpus run through panelsig's own providers (conformance's runVector),
// every vector of every chosen scheme on every chosen provider, reported like `check`.

import { PROVIDERS, runHmacVector, runVector, type CheckedVector } from "@panelsig/conformance";
import type { HmacVector } from "@panelsig/vectors";
import { parseFlags } from "../args.ts";
import { EXIT, exitCodes, type Command } from "../command.ts";
import { writeOut } from "../output.ts";
import { pickProvider, PROVIDER_FLAG } from "../provider-flag.ts";
import { toRows, suiteFails, type Row, type Suite } from "../report.ts";
import { FORMAT_FLAG, pickFormat, writeReport } from "../report-format.ts";
import { SELECT_FLAGS, selectVectors } from "../select-vectors.ts";

export const vectorsCommand: Command = {
  name: "vectors",
  usage: `Usage: panelsig vectors [--scheme S] [--flags A,B] [--provider P] [--format F]

Runs every vector of the corpus (sign, verify, and the HMAC-SHA256 primitive's) through
panelsig's own providers and reports each failure with the first step that differs, then a
summary per scheme and per flag.

  --scheme S      only opterius-agent, opterius-panel, acepanel or hmac-sha256 (default: all)
  --flags A,B     only vectors carrying at least one of these flags (e.g. QueryCanonicalization,
                  or KeyLength for hmac-sha256.json)
  --provider P    only node, webcrypto or pure (default: all three)
  --format F      human (default), json, junit or tap

Examples:
  panelsig vectors
  panelsig vectors --scheme acepanel --provider pure --format tap

${exitCodes("every vector passed", "a vector failed")}`,

  async run(argv) {
    const { values } = parseFlags(argv, { ...SELECT_FLAGS, ...PROVIDER_FLAG, ...FORMAT_FLAG });
    if (values.help) return writeOut(this.usage + "\n").then(() => EXIT.ok);
    const format = pickFormat(values.format);
    const providers = values.provider === undefined ? PROVIDERS : [pickProvider(values.provider)];
    const { vectors, hmac } = selectVectors(values.scheme, values.flags, true);
    const suites: Suite[] = [];
    for (const pkg of providers) {
      const checked: CheckedVector[] = [];
      for (const vector of vectors) {
        const outcome = await runVector(pkg, vector);
        const status = outcome.status === "passed" ? "passed" : outcome.status === "failed" ? "failed" : "unsupported";
        checked.push({ vector, status, ...(outcome.diff ? { diff: outcome.diff } : {}), ...(outcome.note ? { note: outcome.note } : {}) });
      }
      const hmacRows: Row[] = [];
      for (const vector of hmac) hmacRows.push(hmacRow(vector, await runHmacVector(pkg.provider, vector)));
      suites.push({ name: `provider ${pkg.name}`, rows: [...toRows(checked, true), ...hmacRows] });
    }
    await writeReport(format, suites);
    return suites.some(suiteFails) ? EXIT.verdictFailed : EXIT.ok;
  },
};

/** A row of hmac-sha256.json: the tag of HMAC-SHA256(key, msg) against the vector's. */
function hmacRow(vector: HmacVector, outcome: Awaited<ReturnType<typeof runHmacVector>>): Row {
  const failed = outcome.status === "failed";
  return {
    scheme: "hmac-sha256",
    tcId: vector.tcId,
    name: vector.name,
    description: vector.description,
    flags: vector.flags,
    op: "hmac",
    result: vector.result,
    status: failed ? "failed" : "passed",
    ...(outcome.diff ? { diff: outcome.diff } : {}),
    failing: failed,
  };
}
