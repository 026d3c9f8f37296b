// `panelsig serve`: a local receiver on 127.0.0.1 to point a real client at. It reads each request
// from the socket as the real receiver's Go server reads it (serve-http.ts), answers exactly as
// the real receiver would (status and error body), echoes what it verified, logs one timed line
// per request, and keeps a report at /__panelsig/report. The receiver's state (clock, token
// expiry, whitelist, locale…) comes from flags and becomes the context of each request's case
// object. It runs the same on Node, Deno and Bun, and stops on SIGINT or SIGTERM, or with exit
// code 1 when its standard output goes away.

import { PanelsigError, SCHEME_IDS, type SchemeId, type VerifyContext } from "@panelsig/core";
import { oneOf, parseFlags, UsageError, wholeNumber } from "../args.ts";
import { EXIT, exitCodes, type Command } from "../command.ts";
import { PAGE_PATH } from "../serve-page.ts";
import { writeOut } from "../output.ts";
import { pickProvider, PROVIDER_FLAG } from "../provider-flag.ts";
import { createServeHandler, REPORT_PATH, type ServeSettings } from "../serve-handler.ts";
import type { HttpFailure } from "../serve-http.ts";
import { listen, type Listening } from "../serve-listen.ts";
import { createOutput, type Output } from "../serve-output.ts";
import type { ReportEntry } from "../serve-report.ts";

const FLAGS = {
  scheme: { type: "string" },
  secret: { type: "string" },
  "key-id": { type: "string" },
  entrance: { type: "string" },
  port: { type: "string" },
  "max-body": { type: "string" },
  now: { type: "string" },
  window: { type: "string" },
  "token-expires-at": { type: "string" },
  "ip-whitelist": { type: "string" },
  "ip-header": { type: "string" },
  locale: { type: "string" },
  "entrance-error": { type: "string" },
  "allow-host": { type: "string", multiple: true },
  "show-signatures": { type: "boolean" },
  ...PROVIDER_FLAG,
} as const;

const ACEPANEL_ONLY = ["key-id", "entrance", "token-expires-at", "ip-whitelist", "ip-header", "locale", "entrance-error"] as const;
const OPTERIUS_ONLY = ["window"] as const;
/** The flag that sets each context field, to name it when core refuses the value. */
const FLAG_OF: Record<string, string> = {
  now: "--now", entrance: "--entrance", ipHeader: "--ip-header", ipWhitelist: "--ip-whitelist", tokenExpiresAt: "--token-expires-at",
  windowSeconds: "--window", locale: "--locale", maxBodyBytes: "--max-body", entranceError: "--entrance-error",
};

const MiB = 1024 * 1024;
const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

export const serveCommand: Command = {
  name: "serve",
  usage: `Usage: panelsig serve --scheme S --secret S [--key-id N] [--entrance E] [--port P] [options]

Starts an HTTP/1.1 server on 127.0.0.1 that checks every request exactly as the real receiver
does. It reads each request from its raw bytes as the receiver's Go server reads it: the method
as sent (any case), the request-target as sent (no URL normalisation, raw bytes kept; the
absolute form and OPTIONS * accepted), every header in order (the first of a repeated one
counts), and the body of any method, GET and HEAD included. A rejected request gets the
receiver's own status and error body (acepanel {"msg": …}, opterius {"error": …}); an accepted
one a JSON echo of what was verified. Each request is logged on standard output with its time,
and GET ${REPORT_PATH} returns the recent ones with their verdicts, intermediates and, on a
failure, the canonical request and string to sign the client should have signed.
On a signature mismatch, when one of the known client mistakes reproduces the signature
exactly, the log line, the report and the live page name it. Open
http://127.0.0.1:PORT${PAGE_PATH} in a browser: every request as it arrives, and for a rejection
the mistake with what the client signed beside what the receiver signs (it updates by itself;
without JavaScript it is a list to reload).

  --scheme S            opterius-agent | opterius-panel | acepanel
  --secret S            the secret / API token / token secret (default: $PANELSIG_SECRET)
  --port P              port on 127.0.0.1 (default 8080; 0 = any free port, printed on start)
  --max-body B          largest body accepted, in bytes (default 1048576 = 1 MiB); larger is 413
  --now T               the receiver's clock, fixed at Unix seconds T (default: the system clock)
  --allow-host H        also answer requests whose Host is H ("name" or "name:port"; repeatable).
                        Others than 127.0.0.1, localhost and [::1] with serve's port get 403,
                        so that no web page can reach a server holding your secret
  --show-signatures     also show the expected signature (derived from the secret) in answers,
                        the report and the log; without it, only what the client sent is shown
  --provider P          node (default), webcrypto or pure
 acepanel, the token and the panel:
  --key-id N            the token id the client must use (required)
  --entrance E          the entry prefix, e.g. /entrance (default "/" = none)
  --token-expires-at T  the token expires at Unix seconds T (default: never)
  --ip-whitelist L      the token's IP whitelist: IPs and CIDR blocks, comma-separated
  --ip-header H         the header the panel trusts for the client address (e.g. X-Forwarded-For)
  --locale L            language of the messages: en (default), zh_CN or zh_TW
  --entrance-error M    the panel's entrance error page: 418 (default), nginx (a 404 page) or
                        close (the connection is closed without an answer)
 opterius schemes:
  --window S            allowed clock difference in seconds (default 300)

Example:
  panelsig serve --scheme acepanel --secret YourSecretToken --key-id 16 --entrance /entrance --port 8080
  # then, in another terminal, your real client, or:
  panelsig sign acepanel --method GET --url http://127.0.0.1:8080/entrance/api/user/info \\
    --entrance /entrance --secret YourSecretToken --key-id 16 --curl | sh
  curl -s http://127.0.0.1:8080${REPORT_PATH}

  # replay a token's recorded request at the time it was made:
  panelsig serve --scheme acepanel --key-id 16 --entrance /entrance --now 1700000000 \\
    --token-expires-at 1800000000 --ip-whitelist 127.0.0.1,10.0.0.0/8 --locale zh_CN

Runs on Node, and also as  deno run -A …/cli.js serve …  or  bun …/cli.js serve … , with the
same answers. Malformed HTTP gets the answer Go's server gives (400, 431, 501, 505).
Stops on Ctrl-C (SIGINT) or SIGTERM.

${exitCodes("stopped by SIGINT or SIGTERM", "its standard output closed (the log's reader went away),\n      so it stopped; a request's verdict is its answer and its log line, never the exit code")}`,

  async run(argv) {
    const { values } = parseFlags(argv, FLAGS);
    if (values.help) return writeOut(this.usage + "\n").then(() => EXIT.ok);
    let stop!: (reason: string) => void;
    const stopped = new Promise<string>((resolve) => (stop = resolve));
    const output = createOutput(process.stdout, (why) => {
      // cli.ts exits at once on EPIPE with process.exitCode: set it, and say why first.
      process.exitCode = EXIT.verdictFailed;
      process.stderr.write(`panelsig serve: standard output closed (${why}); stopping\n`);
      stop("output");
    });
    const { settings, server } = await startServe(values, output);
    const described = [settings.context.entrance && `entrance ${settings.context.entrance}`, settings.keyId && `key id ${settings.keyId}`].filter(Boolean).join(", ");
    await writeOut(`panelsig serve: ${settings.scheme} on http://127.0.0.1:${server.port}${described ? ` (${described})` : ""} — live page at ${PAGE_PATH}, report at ${REPORT_PATH}\n`);
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
    const reason = await stopped;
    await server.close();
    if (reason === "output") return EXIT.verdictFailed;
    await writeOut(`panelsig serve: stopped (${reason})\n`);
    return EXIT.ok;
  },
};

type Values = ReturnType<typeof parseFlags<typeof FLAGS>>["values"];

/** Starts serve from its command line (also used by the tests, in the test runtime itself). */
export async function startServeFromArgs(argv: string[], output: Output): Promise<{ settings: ServeSettings; server: Listening }> {
  return startServe(parseFlags(argv, FLAGS).values, output);
}

async function startServe(values: Values, output: Output): Promise<{ settings: ServeSettings; server: Listening }> {
  if (values.scheme === undefined) throw new UsageError("missing --scheme: opterius-agent, opterius-panel or acepanel");
  const scheme = oneOf<SchemeId>("--scheme", values.scheme, SCHEME_IDS, "acepanel");
  const secret = values.secret ?? process.env.PANELSIG_SECRET;
  if (!secret) throw new UsageError("missing --secret (or set PANELSIG_SECRET)");
  if (scheme === "acepanel" && values["key-id"] === undefined) throw new UsageError("missing --key-id: acepanel tokens have an id (Credential=<id>)");
  for (const flag of scheme === "acepanel" ? OPTERIUS_ONLY : ACEPANEL_ONLY) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} is for ${scheme === "acepanel" ? "the opterius schemes (acepanel's window is fixed at 300 s)" : "acepanel only"}`);
  }
  const keyId = values["key-id"];
  if (keyId !== undefined && (!/^[0-9]+$/.test(keyId) || BigInt(keyId) >= 1n << 64n)) {
    throw new UsageError(`--key-id must be a token id (a decimal number below 2^64), not ${JSON.stringify(keyId)}`);
  }
  if (values.entrance !== undefined && /[\s?#%]/.test(values.entrance)) throw new UsageError("--entrance must be a path prefix such as /entrance");
  const port = wholeNumber("--port", values.port, 8080);
  if (port > 65535) throw new UsageError(`--port must be at most 65535, not ${port}`);
  const maxBodyBytes = wholeNumber("--max-body", values["max-body"], MiB);
  const number = (flag: keyof Values) => (values[flag] === undefined ? undefined : wholeNumber(`--${flag}`, values[flag] as string, 0));
  const whitelist = values["ip-whitelist"]?.split(",").map((entry) => entry.trim());
  if (whitelist?.some((entry) => entry === "")) throw new UsageError("--ip-whitelist must be IPs and CIDR blocks separated by commas, without empty entries");
  const context = dropUndefined({
    now: number("now"),
    entrance: values.entrance,
    ipHeader: values["ip-header"],
    ipWhitelist: whitelist,
    tokenExpiresAt: number("token-expires-at"),
    windowSeconds: number("window"),
    locale: values.locale === undefined ? undefined : oneOf("--locale", values.locale, ["en", "zh_CN", "zh_TW"], "en"),
    // 418 is the panel's default: said only when it is another mode.
    entranceError: oneOf("--entrance-error", values["entrance-error"], ["418", "nginx", "close"], "418") === "418" ? undefined : values["entrance-error"],
    maxBodyBytes,
  }) as Omit<VerifyContext, "clientIp">;
  const allowedHosts = new Set((values["allow-host"] ?? []).map((h) => h.toLowerCase()));
  const settings: ServeSettings = {
    scheme,
    secret,
    keyId: keyId === undefined ? undefined : BigInt(keyId).toString(),
    context,
    provider: pickProvider(values.provider).provider,
    allowedHosts,
    showSignatures: values["show-signatures"] === true,
    reportSize: 100,
    onRequest: (entry) => output.line(logLine(entry)),
  };
  let server: Listening;
  const handler = receiverState(() => createServeHandler(settings));
  try {
    server = await listen(handler, {
      port,
      maxBodyBytes,
      output,
      onRefused: (failure, peer) => output.line(`${new Date().toISOString()} ${failure.request ?? peer} → ${refusal(failure)}`),
    });
  } catch (error) {
    throw new UsageError(`--port: cannot listen on 127.0.0.1:${port} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  for (const name of LOOPBACK_NAMES) allowedHosts.add(`${name}:${server.port}`);
  return { settings, server };
}

/** Core reads the receiver's state once, at the start: a value it refuses is named by its flag. */
function receiverState<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (!(error instanceof PanelsigError)) throw error;
    const field = /^context\.(\w+)/.exec(error.field)?.[1];
    if (field === undefined) throw error;
    throw new UsageError(`${FLAG_OF[field] ?? field}: ${error.message.slice(error.field.length + 2)}${field === "entranceError" || field === "locale" ? " (this panelsig's core does not know that value)" : ""}`);
  }
}

function refusal(failure: HttpFailure): string {
  if (failure.silent) return `dropped: the client closed the connection before the ${failure.request ? "body" : "request"} ended`;
  return `${failure.failure} (Go's server refuses this request before any check)`;
}

function logLine(e: ReportEntry): string {
  const verdict = e.valid ? "valid" : `${e.error}${e.message === undefined ? "" : ` (${JSON.stringify(e.message)})`}`;
  const line = `${e.at} ${e.method} ${e.target} → ${e.status === 0 ? "connection closed" : e.status} ${verdict}`;
  return e.diagnosis ? `${line}\n  the client's mistake: ${e.diagnosis.mistake} — ${e.diagnosis.summary}` : line;
}

function dropUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
