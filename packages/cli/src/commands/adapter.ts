// `panelsig adapter`: panelsig's own implementation of the JSON Lines adapter protocol, the
// reference a third-party adapter is compared with: `panelsig check --exec "panelsig adapter"`
// passes every vector. Each line's `op` says sign or verify; each answer carries its tcId.

import { parseFlags } from "../args.ts";
import { EXIT, exitCodes, type Command } from "../command.ts";
import { writeOut } from "../output.ts";
import { pickProvider, PROVIDER_FLAG } from "../provider-flag.ts";
import { runJsonl } from "./jsonl.ts";

export const adapterCommand: Command = {
  name: "adapter",
  usage: `Usage: panelsig adapter [--provider P]

Speaks the adapter protocol (docs/adapter-protocol.md) on standard input and output: reads one
case object per line, each with "tcId" and "op" ("sign" or "verify"), and answers each with
one result line carrying the same "tcId", in order. A case it cannot read is answered with
{"tcId": …, "error": "bad_case", "message": …}. It is the reference a third-party adapter is
checked against, and a working example of the protocol.

  --provider P    node (default), webcrypto or pure

Examples:
  panelsig check --exec "panelsig adapter"
  echo '{"tcId":1,"op":"sign","scheme":"opterius-panel","request":{"method":"GET","url":"/api/ping"},"credentials":{"secret":"t"},"timestamp":"1775658720"}' | panelsig adapter

${exitCodes("standard input ended", "never: a case it cannot read is\n      answered \"bad_case\", and the protocol wants exit 0 at the end")}`,

  async run(argv) {
    const { values } = parseFlags(argv, PROVIDER_FLAG);
    if (values.help) return writeOut(this.usage + "\n").then(() => EXIT.ok);
    return runJsonl("adapter", pickProvider(values.provider));
  },
};
