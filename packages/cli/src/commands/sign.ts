// `panelsig sign`: one request from flags, signed; prints the headers to add, every
// intermediate (--explain), the sign result (--json) or a curl command (--curl). With --jsonl it
// is the batch form instead (see jsonl.ts).

import { readFileSync } from "node:fs";
import type { Case, SignOptions, SignResult } from "@panelsig/core";
import { parseFlags, UsageError } from "../args.ts";
import { EXIT, exitCodes, type Command } from "../command.ts";
import { curlCommand, type CurlBody } from "../curl.ts";
import { explainIntermediates, visibleBlock, visibleLine } from "../explain.ts";
import { readStdin, writeOut } from "../output.ts";
import { pickProvider, PROVIDER_FLAG } from "../provider-flag.ts";
import { asFlagError, checkSchemeFlags, checkUrl, pickScheme } from "../sign-flags.ts";
import { runJsonl } from "./jsonl.ts";

const FLAGS = {
  method: { type: "string" },
  url: { type: "string" },
  body: { type: "string" },
  "body-file": { type: "string" },
  secret: { type: "string" },
  "key-id": { type: "string" },
  timestamp: { type: "string" },
  entrance: { type: "string" },
  "timestamp-form": { type: "string" },
  "empty-body": { type: "string" },
  explain: { type: "boolean" },
  json: { type: "boolean" },
  curl: { type: "boolean" },
  jsonl: { type: "boolean" },
  ...PROVIDER_FLAG,
} as const;

export const signCommand: Command = {
  name: "sign",
  usage: `Usage: panelsig sign <scheme> --method M --url U --secret S [options]
       panelsig sign --jsonl [--provider P] < cases.jsonl

Signs one request and prints the headers to add to it.

  <scheme>              opterius-agent | opterius-panel | acepanel
  --method M            the HTTP method, exactly as sent (case is kept)
  --url U               the request-target (/path?query) or an absolute URL
  --body TEXT           the body as UTF-8 text, exactly as sent
  --body-file F         the body's exact bytes, read from file F ("-" = standard input)
  --secret S            the secret (opterius-agent), API token (opterius-panel) or token
                        secret (acepanel); default: the PANELSIG_SECRET environment variable
  --key-id N            acepanel: the token id
  --timestamp T         the X-Timestamp text to send, verbatim (default: now)
  --entrance E          acepanel: the panel's entry prefix, e.g. /entrance ("/" = none)
  --timestamp-form F    opterius-agent: the form of the default timestamp, Z or +00:00
  --empty-body B        opterius-panel: what "no body" signs as: {} (real client) or "" (doc)
  --provider P          node (default), webcrypto or pure: same results, different crypto

Output (default: the headers to add, one "Name: value" per line):
  --explain             every intermediate, invisible characters made visible (⏎ ends a
                        line; ⟨TAB U+0009⟩, ⟨NBSP U+00A0⟩, ⟨ü U+00FC⟩ … name the rest)
  --json                the sign result: {"headers", "canonicalRequest"?, "stringToSign", "signature"}
  --curl                a curl command sending the signed request (needs an absolute --url)
  --jsonl               batch: a case object per line on standard input, a result per line out
                        (the case's "id" or "tcId" echoed; a bad line answers "error": "bad_case")

Examples:
  panelsig sign acepanel --method GET --url /entrance/api/user/info --entrance /entrance \\
    --secret YourSecretToken --key-id 16 --timestamp 1700000000 --explain
  panelsig sign opterius-agent --method POST --url /account/create \\
    --body '{"username":"alice"}' --secret "$AGENT_SECRET" --timestamp-form +00:00 --json
  panelsig sign opterius-panel --method POST --url https://panel.example.com/api/accounts/42/suspend \\
    --secret "$API_TOKEN" --curl | sh
  printf '%s\\n' '{"id":1,"scheme":"opterius-panel","request":{"method":"GET","url":"/api/ping"},"credentials":{"secret":"t"},"timestamp":"1775658720"}' \\
    | panelsig sign --jsonl

${exitCodes("signed (--jsonl: every line signed)", "--jsonl only: a line was bad\n      (each bad line is answered \"bad_case\")")}`,

  async run(argv) {
    const { values, positionals } = parseFlags(argv, FLAGS, 1);
    if (values.help) return writeOut(this.usage + "\n").then(() => EXIT.ok);
    const provider = pickProvider(values.provider);
    if (values.jsonl) {
      const extra = Object.keys(values).filter((k) => k !== "jsonl" && k !== "provider");
      if (positionals.length > 0 || extra.length > 0) {
        throw new UsageError(`--jsonl reads every case from standard input; it takes only --provider (not ${positionals.length ? "<scheme>" : "--" + extra[0]})`);
      }
      return runJsonl("sign", provider);
    }
    const outputs = (["explain", "json", "curl"] as const).filter((k) => values[k]);
    if (outputs.length > 1) throw new UsageError(`choose one output: --${outputs.join(" or --")}`);
    const scheme = pickScheme(positionals[0]);
    if (values.method === undefined) throw new UsageError("missing --method (e.g. --method GET)");
    if (values.url === undefined) throw new UsageError("missing --url (e.g. --url /api/ping)");
    checkUrl(values.url);
    if (values.body !== undefined && values["body-file"] !== undefined) throw new UsageError("give --body or --body-file, not both");
    const secret = values.secret ?? process.env.PANELSIG_SECRET;
    if (!secret) throw new UsageError("missing --secret (or set PANELSIG_SECRET)");
    if (values.curl && !/^https?:\/\//i.test(values.url)) {
      throw new UsageError("--curl needs an absolute --url (http://host/path) so that curl knows where to send it");
    }
    if (values.curl && values["body-file"] === "-") throw new UsageError("--curl needs the body in --body or in a --body-file path, not standard input");

    const body = values["body-file"] === undefined ? values.body : await readBodyFile(values["body-file"]);
    checkSchemeFlags(scheme, values, body !== undefined && body.length > 0);
    const options: SignOptions = {};
    if (values.entrance !== undefined) options.entrance = values.entrance;
    if (values["timestamp-form"] !== undefined) options.timestampForm = values["timestamp-form"] as SignOptions["timestampForm"];
    if (values["empty-body"] !== undefined) options.emptyBody = values["empty-body"] as SignOptions["emptyBody"];
    const input: Case = {
      scheme,
      request: { method: values.method, url: values.url, ...(body === undefined ? {} : { body }) },
      credentials: { secret, ...(values["key-id"] === undefined ? {} : { keyId: values["key-id"] }) },
      ...(values.timestamp === undefined ? {} : { timestamp: values.timestamp }),
      ...(Object.keys(options).length ? { options } : {}),
    };

    let result: SignResult;
    try {
      result = await provider.sign(input);
    } catch (error) {
      throw asFlagError(error) ?? error;
    }

    // Signed as asked, but the reference receiver would refuse it: said on standard error, never hidden.
    for (const warning of result.warnings ?? []) process.stderr.write(`panelsig sign: warning: ${warning}\n`);
    if (values.json) await writeOut(JSON.stringify(result, null, 2) + "\n");
    else if (values.curl) await writeOut(curlCommand(values.method, values.url, result.headers, curlBody(values.body, values["body-file"])) + "\n");
    else if (values.explain) await writeOut(explainSign(input, body, result) + "\n");
    else await writeOut(result.headers.map(([name, value]) => `${name}: ${value}`).join("\n") + "\n");
    return EXIT.ok;
  },
};

async function readBodyFile(path: string): Promise<Uint8Array> {
  try {
    return path === "-" ? await readStdin() : readFileSync(path);
  } catch (error) {
    throw new UsageError(`--body-file: cannot read ${JSON.stringify(path)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function curlBody(text: string | undefined, file: string | undefined): CurlBody {
  if (file !== undefined) return { file };
  return text ? { text } : undefined;
}

function explainSign(input: Case, body: string | Uint8Array | undefined, result: SignResult): string {
  const bodyBytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const lines = [`scheme: ${input.scheme}`, `request: ${visibleLine(input.request.method)} ${visibleLine(input.request.url)}`];
  if (!bodyBytes || bodyBytes.length === 0) lines.push("body: (none)");
  else {
    const text = bodyBytes.length <= 4096 ? utf8OrUndefined(bodyBytes) : undefined;
    lines.push(`body (${bodyBytes.length} bytes):`, ...(text === undefined ? ["  (binary or long: see the string to sign)"] : visibleBlock(text)));
  }
  lines.push(...explainIntermediates(result), "headers to send:");
  for (const [name, value] of result.headers) lines.push(`  ${name}: ${visibleLine(value)}`);
  return lines.join("\n");
}

function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
