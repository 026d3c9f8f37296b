// `panelsig serve`: a local receiver on 127.0.0.1 to point a real client at. It answers every
// request exactly as the real receiver would (status and error body), echoes what it verified,
// logs one line per request, and keeps a report at /__panelsig/report. It runs on Node, Deno and
// Bun (the handler is Web-standard; serve-node.ts and serve-runtimes.ts are the edges) and stops
// cleanly on SIGINT or SIGTERM.

import { SCHEME_IDS, type Locale, type SchemeId } from "@panelsig/core";
import { oneOf, parseFlags, UsageError, wholeNumber } from "../args.ts";
import { EXIT, exitCodes, type Command } from "../command.ts";
import { createServeHandler, REPORT_PATH } from "../serve-handler.ts";
import { PAGE_PATH } from "../serve-page.ts";
import { listenNode, type Listening } from "../serve-node.ts";
import type { ReportEntry } from "../serve-report.ts";
import { listenBun, listenDeno, webRuntime } from "../serve-runtimes.ts";
import { writeOut } from "../output.ts";
import { pickProvider, PROVIDER_FLAG } from "../provider-flag.ts";

const FLAGS = {
  scheme: { type: "string" },
  secret: { type: "string" },
  "key-id": { type: "string" },
  entrance: { type: "string" },
  port: { type: "string" },
  "max-body": { type: "string" },
  window: { type: "string" },
  locale: { type: "string" },
  ...PROVIDER_FLAG,
} as const;

const MiB = 1024 * 1024;

export const serveCommand: Command = {
  name: "serve",
  usage: `Usage: panelsig serve --scheme S --secret S [--key-id N] [--entrance E] [--port P] [options]

Starts an HTTP server on 127.0.0.1 that checks every request exactly as the real receiver
does. A rejected request gets the receiver's own status and error body (acepanel {"msg": …},
opterius {"error": …}); an accepted one gets a JSON echo of what was verified (method, path,
query, the signature headers, body length and SHA-256, every intermediate). Each request is
logged on standard output, and GET ${REPORT_PATH} returns the recent ones with their verdicts,
intermediates and, on a failure, what the client should have signed. On a signature mismatch,
when one of the known client mistakes reproduces the signature exactly, the log line, the report
and the live page name it. Open http://127.0.0.1:PORT${PAGE_PATH} in a browser: every request as
it arrives, and for a rejection the mistake with what the client signed beside what the receiver
signs (it updates by itself; without JavaScript it is a list to reload).

  --scheme S        opterius-agent | opterius-panel | acepanel
  --secret S        the secret / API token / token secret (default: $PANELSIG_SECRET)
  --key-id N        acepanel: the token id the client must use
  --entrance E      acepanel: the entry prefix, e.g. /entrance (default "/" = none)
  --port P          port on 127.0.0.1 (default 8080; 0 = any free port, printed on start)
  --max-body B      largest body accepted, in bytes (default 1048576 = 1 MiB); larger is 413
  --window S        opterius schemes: allowed clock difference in seconds (default 300)
  --locale L        acepanel: language of the messages, en (default), zh_CN or zh_TW
  --provider P      node (default), webcrypto or pure

Example:
  panelsig serve --scheme acepanel --secret YourSecretToken --key-id 16 --entrance /entrance --port 8080
  # then, in another terminal, your real client, or:
  panelsig sign acepanel --method GET --url http://127.0.0.1:8080/entrance/api/user/info \\
    --entrance /entrance --secret YourSecretToken --key-id 16 --curl | sh
  curl -s http://127.0.0.1:8080${REPORT_PATH}

Runs on Node, and also as  deno run -A …/cli.js serve …  or  bun …/cli.js serve … . On Node a
GET or HEAD request with a body is answered 400 (the Web Request API cannot carry one), and
on every runtime the path is read after URL normalisation ("/a/../b" is "/b").
Stops on Ctrl-C (SIGINT) or SIGTERM.

${exitCodes("stopped by SIGINT or SIGTERM", "never: each request's verdict\n      is its answer and its log line")}`,

  async run(argv) {
    const { values } = parseFlags(argv, FLAGS);
    if (values.help) return writeOut(this.usage + "\n").then(() => EXIT.ok);
    if (values.scheme === undefined) throw new UsageError("missing --scheme: opterius-agent, opterius-panel or acepanel");
    const scheme = oneOf<SchemeId>("--scheme", values.scheme, SCHEME_IDS, "acepanel");
    const secret = values.secret ?? process.env.PANELSIG_SECRET;
    if (!secret) throw new UsageError("missing --secret (or set PANELSIG_SECRET)");
    if (scheme === "acepanel" && values["key-id"] === undefined) throw new UsageError("missing --key-id: acepanel tokens have an id (Credential=<id>)");
    if (scheme !== "acepanel") {
      for (const flag of ["key-id", "entrance", "locale"] as const) if (values[flag] !== undefined) throw new UsageError(`--${flag} is for acepanel only`);
    } else if (values.window !== undefined) throw new UsageError("--window is for the opterius schemes (acepanel's window is fixed at 300 s)");
    if (values["key-id"] !== undefined && (!/^[0-9]+$/.test(values["key-id"]) || BigInt(values["key-id"]) >= 1n << 64n)) {
      throw new UsageError(`--key-id must be a token id (a decimal number below 2^64), not ${JSON.stringify(values["key-id"])}`);
    }
    if (values.entrance !== undefined && /[\s?#%]/.test(values.entrance)) throw new UsageError("--entrance must be a path prefix such as /entrance");
    const port = wholeNumber("--port", values.port, 8080);
    if (port > 65535) throw new UsageError(`--port must be at most 65535, not ${port}`);
    const maxBodyBytes = wholeNumber("--max-body", values["max-body"], MiB);
    const settings = {
      scheme,
      secret,
      keyId: values["key-id"] === undefined ? undefined : BigInt(values["key-id"]).toString(),
      entrance: values.entrance,
      windowSeconds: values.window === undefined ? undefined : wholeNumber("--window", values.window, 300),
      locale: oneOf<Locale>("--locale", values.locale, ["en", "zh_CN", "zh_TW"], "en"),
      maxBodyBytes,
      provider: pickProvider(values.provider).provider,
      reportSize: 100,
      onRequest: (entry: ReportEntry) => void writeOut(logLine(entry) + "\n"),
    };
    const handler = createServeHandler(settings);
    const runtime = webRuntime();
    let server: Listening;
    try {
      server = runtime === "deno" ? await listenDeno(handler, port) : runtime === "bun" ? await listenBun(handler, port, maxBodyBytes) : await listenNode(handler, port);
    } catch (error) {
      throw new UsageError(`--port: cannot listen on 127.0.0.1:${port} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const described = [settings.entrance && `entrance ${settings.entrance}`, settings.keyId && `key id ${settings.keyId}`].filter(Boolean).join(", ");
    await writeOut(`panelsig serve: ${scheme} on http://127.0.0.1:${server.port}${described ? ` (${described})` : ""} — live page at ${PAGE_PATH}, report at ${REPORT_PATH}\n`);
    const signal = await new Promise<string>((resolve) => {
      process.once("SIGINT", () => resolve("SIGINT"));
      process.once("SIGTERM", () => resolve("SIGTERM"));
    });
    await server.close();
    await writeOut(`panelsig serve: stopped (${signal})\n`);
    return EXIT.ok;
  },
};

function logLine(e: ReportEntry): string {
  const verdict = e.valid ? "valid" : `${e.error}${e.message === undefined ? "" : ` (${JSON.stringify(e.message)})`}`;
  const line = `${e.at.slice(11, 19)} ${e.method} ${e.target} → ${e.status} ${verdict}`;
  return e.diagnosis ? `${line}\n  the client's mistake: ${e.diagnosis.mistake} — ${e.diagnosis.summary}` : line;
}
