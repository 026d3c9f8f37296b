// `panelsig verify`: one received request (a case object) checked exactly as the real receiver
// checks it. Prints the verdict, the reason and what the receiver answers; on a failure, the
// first header that differs from what the signer produces for the same request and every
// intermediate the receiver computed. With --jsonl it is the batch form (see jsonl.ts).

import { headerValue, type Case, type SignOptions, type VerifyResult } from "@panelsig/core";
import type { ProviderPackage } from "@panelsig/conformance/providers";
import { parseFlags, UsageError } from "../args.ts";
import { readCaseFile } from "../case-file.ts";
import { EXIT, exitCodes, type Command } from "../command.ts";
import { diagnosisLines } from "../diagnosis-lines.ts";
import { showDifference } from "../diff.ts";
import { explainIntermediates } from "../explain.ts";
import { writeOut } from "../output.ts";
import { pickProvider, PROVIDER_FLAG } from "../provider-flag.ts";
import { runJsonl } from "./jsonl.ts";

const FLAGS = { request: { type: "string" }, json: { type: "boolean" }, jsonl: { type: "boolean" }, ...PROVIDER_FLAG } as const;

/** The headers that carry the signature; the others a signer adds (Content-Type, Accept) are not checked. */
const SIGNATURE_HEADERS = ["x-timestamp", "x-signature", "authorization"];

export const verifyCommand: Command = {
  name: "verify",
  usage: `Usage: panelsig verify --request FILE|- [--json] [--provider P]
       panelsig verify --jsonl [--provider P] < cases.jsonl

Checks one received request exactly as the real receiver does and prints the verdict: the
reason code, the HTTP status and message the receiver answers, on a signature mismatch the
client's mistake when a known one reproduces its signature exactly (with the line of the
canonical request or string to sign where the client's differs), the first signature header
that differs from what panelsig's signer produces for the same request, and every intermediate
the receiver computed (canonical request, string to sign, expected signature).

  --request FILE      a case object (docs: the case object): "scheme", "request" (method, url,
                      headers as [name, value] pairs, body or bodyBase64), "credentials" and
                      "context" (now, entrance, clientIp, windowSeconds, …); "-" = standard input
  --json              print the verify result: {"valid", "error"?, "status"?, "message"?,
                      "canonicalRequest"?, "stringToSign"?, "expectedSignature"?, "diagnosis"?,
                      "signatureChecked": false and "uncheckedReason" when nothing was checked}
  --jsonl             batch: a case object per line on standard input, a result per line out
  --provider P        node (default), webcrypto or pure

Example:
  cat > request.json <<'JSON'
  {"scheme": "acepanel",
   "request": {"method": "GET", "url": "/entrance/api/user/info",
     "headers": [["X-Timestamp", "1700000000"],
       ["Authorization", "HMAC-SHA256 Credential=16, Signature=b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7"]]},
   "credentials": {"secret": "YourSecretToken", "keyId": 16},
   "context": {"now": 1700000000, "entrance": "/entrance"}}
  JSON
  panelsig verify --request request.json

A request the receiver lets through without checking any signature (acepanel: a public path,
a path outside /api, /webhook/…, /download/…, /robots.txt) is valid, and the output says plainly
that no signature was checked.

${exitCodes("valid (--jsonl: every line valid)", "invalid: the receiver would reject it\n      (--jsonl: a request would be rejected, or a line was bad)")}`,

  async run(argv) {
    const { values } = parseFlags(argv, FLAGS);
    if (values.help) return writeOut(this.usage + "\n").then(() => EXIT.ok);
    const provider = pickProvider(values.provider);
    if (values.jsonl) {
      if (values.request !== undefined || values.json) throw new UsageError("--jsonl reads every case from standard input; it takes only --provider");
      return runJsonl("verify", provider);
    }
    if (values.request === undefined) throw new UsageError("missing --request FILE (a case object; \"-\" reads standard input)");
    const input = await readCaseFile("--request", values.request);
    if (input.op !== undefined && input.op !== "verify") {
      throw new UsageError(`--request: the case says "op": ${JSON.stringify(input.op)}; panelsig verify checks a received request ("op": "verify" or none)`);
    }
    const result = await provider.verify(input as unknown as Case);
    if (values.json) await writeOut(JSON.stringify(result, null, 2) + "\n");
    else await writeOut((await explainVerdict(provider, input as unknown as Case, result)).join("\n") + "\n");
    return result.valid ? EXIT.ok : EXIT.verdictFailed;
  },
};

/** Why the receiver let a request through unchecked, in words. */
const UNCHECKED_BECAUSE: Record<string, string> = {
  public_path: "the path is on the server's public list (login and similar), which it serves to anyone",
  non_api_path: "the path is not under /api, and the server checks tokens only there",
  webhook_or_download: "paths under /webhook/ and /download/ pass the entrance untouched",
  robots_txt: "/robots.txt passes the entrance untouched",
};

async function explainVerdict(provider: ProviderPackage, input: Case, result: VerifyResult): Promise<string[]> {
  if (result.valid && result.signatureChecked === false) {
    return [
      "valid, but NO SIGNATURE WAS CHECKED: the receiver lets this request through whatever it carries",
      `  because ${UNCHECKED_BECAUSE[result.uncheckedReason!] ?? result.uncheckedReason} (${result.uncheckedReason})`,
      "  to have a signature checked, send it to an API path under the receiver's entrance (context.entrance, \"/\" by default)",
    ];
  }
  if (result.valid) return ["valid", ...explainIntermediates(result).map((l) => "  " + l)];
  const answer = result.connectionClosed
    ? "  the receiver closes the connection without answering"
    : `  the receiver answers ${result.status}${result.location !== undefined ? ` (redirect, Location: ${result.location})` : result.message === undefined ? " (no message)" : `: ${JSON.stringify(result.message)}`}`;
  const out = [`invalid: ${result.error}`, answer];
  if (result.diagnosis) out.push(...diagnosisLines(result.diagnosis, result));
  const difference = await firstHeaderDifference(provider, input);
  if (difference) out.push("first difference from what the signer produces for this request:", ...difference);
  const shown = explainIntermediates(result);
  if (shown.length) out.push("what the receiver computed (sign exactly this):", ...shown.map((l) => "  " + l));
  return out;
}

/**
 * Signs the same request with the timestamp it carries and the receiver's entrance, then finds the
 * first signature header whose value differs from what was sent. Undefined when the request cannot
 * be signed as it stands (no usable timestamp, a path outside the entrance) or nothing differs.
 */
async function firstHeaderDifference(provider: ProviderPackage, input: Case): Promise<string[] | undefined> {
  const sent = input.request.headers ?? [];
  const timestamp = headerValue(sent, "x-timestamp");
  if (timestamp === "") return undefined;
  const options: SignOptions = {};
  if (input.scheme === "acepanel" && input.context?.entrance !== undefined) options.entrance = input.context.entrance;
  let signed;
  try {
    signed = await provider.sign({ scheme: input.scheme, request: input.request, credentials: input.credentials, timestamp, options });
  } catch {
    return undefined;
  }
  for (const [name, expected] of signed.headers) {
    if (!SIGNATURE_HEADERS.includes(name.toLowerCase())) continue;
    const actual = headerValue(sent, name);
    if (actual === "") return [`  ${name} header: missing (expected ${JSON.stringify(expected)})`];
    if (actual !== expected) return [`  ${name} header:`, ...showDifference(expected, actual)];
  }
  return undefined;
}

