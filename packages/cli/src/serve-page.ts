// The live page of `panelsig serve` at /__panelsig/: every recent request as it arrives, its
// verdict, and for a rejection the client's mistake with what the client signed beside what the
// receiver signs, line by line. Plain HTML and CSS, rendered on the server so that it reads as a
// static list without JavaScript; a small script polls the report (GET /__panelsig/report) and
// re-renders the list without a reload. The one renderer, renderRequests, runs in both places:
// the page's script carries its source (it uses nothing outside itself), so there is no build step
// and no second copy of the markup.

import type { ReportEntry } from "./serve-report.ts";

export const PAGE_PATH = "/__panelsig/";

/** What the page's header says about the receiver. */
export interface PageSettings {
  scheme: string;
  keyId?: string;
  entrance?: string;
}

/** How often the page asks for the report, in milliseconds. */
const POLL_MS = 1000;

export function pageResponse(method: string, settings: PageSettings, requests: ReportEntry[], reportPath: string): Response {
  if (method !== "GET" && method !== "HEAD") return Response.json({ error: `${PAGE_PATH} answers GET only` }, { status: 405, headers: { Allow: "GET" } });
  return new Response(page(settings, requests, reportPath), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'" },
  });
}

function page(settings: PageSettings, requests: ReportEntry[], reportPath: string): string {
  const about = [`scheme ${settings.scheme}`, settings.entrance && `entrance ${settings.entrance}`, settings.keyId && `key id ${settings.keyId}`].filter(Boolean).join(" · ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>panelsig serve — ${settings.scheme}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>panelsig serve</h1>
<p>${about.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)} · newest first · <span id="live">static list: reload for new requests</span> · <a href="${reportPath}">report (JSON)</a></p>
</header>
<main id="requests">${renderRequests(requests)}</main>
<script>
const renderRequests = ${renderRequests.toString()};
const main = document.getElementById("requests");
const live = document.getElementById("live");
let shown = "";
async function poll() {
  try {
    const response = await fetch(${JSON.stringify(reportPath)}, { cache: "no-store" });
    const report = await response.json();
    const html = renderRequests(report.requests);
    if (html !== shown) main.innerHTML = shown = html;
    live.textContent = "live: updates as requests arrive";
  } catch (error) {
    live.textContent = "not updating: the server does not answer (" + error.message + ")";
  }
  setTimeout(poll, ${POLL_MS});
}
shown = main.innerHTML;
poll();
</script>
</body>
</html>
`;
}

/**
 * The list of requests as HTML. Self-contained (no imports, no outer names): its source is sent to
 * the browser and run there too, so it must stay plain JavaScript once the types are stripped.
 */
export function renderRequests(requests: readonly ReportEntry[]): string {
  const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => entities[c]!);
  // A line break stays visible at the end of its line, as the CLI shows it.
  const lines = (text: string) => text.split("\n").map((line, i, all) => escape(line) + (i < all.length - 1 ? "⏎" : ""));
  const block = (title: string, text: string | undefined) => (text === undefined ? "" : `<h3>${title}</h3><pre>${lines(text).join("\n")}</pre>`);

  /** What the client signed beside what the receiver signs, line by line, the differing lines marked. */
  const sideBySide = (title: string, receiver: string, client: string) => {
    const r = lines(receiver);
    const c = lines(client);
    const rows: string[] = [];
    for (let i = 0; i < Math.max(r.length, c.length); i++) {
      const differs = r[i] !== c[i];
      rows.push(
        `<tr${differs ? ' class="differs"' : ""}><th scope="row">${i + 1}</th><td><pre>${r[i] ?? ""}</pre></td><td><pre>${c[i] ?? ""}</pre></td></tr>`,
      );
    }
    return `<h3>${title}</h3><table class="diff"><thead><tr><th scope="col">line</th><th scope="col">the receiver signs</th><th scope="col">your client signed</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
  };

  const entry = (e: ReportEntry) => {
    const verdict = e.valid ? `${e.status} valid` : `${e.status} ${e.error}`;
    const parts = [
      `<article class="${e.valid ? "valid" : "invalid"}">`,
      `<h2><span class="verdict">${escape(verdict)}</span> <code>${escape(e.method)} ${escape(e.target)}</code> <time datetime="${escape(e.at)}">${escape(e.at.slice(11, 19))}</time></h2>`,
    ];
    if (!e.valid) {
      if (e.message !== undefined) parts.push(`<p>The receiver answers: <q>${escape(e.message)}</q></p>`);
      const d = e.diagnosis;
      const expected = e.expected ?? {};
      if (d) {
        parts.push(`<p class="mistake">Your client's mistake: <strong>${escape(d.mistake)}</strong> — ${escape(d.summary)}</p>`);
        if (d.canonicalRequest !== undefined && expected.canonicalRequest !== undefined) parts.push(sideBySide("canonical request", expected.canonicalRequest, d.canonicalRequest));
        if (d.stringToSign !== undefined && expected.stringToSign !== undefined) parts.push(sideBySide("string to sign", expected.stringToSign, d.stringToSign));
        parts.push(`<p>Signature sent: <code>${escape(d.signature)}</code>; expected: <code>${escape(expected.signature ?? "")}</code></p>`);
      } else {
        if (e.hint) parts.push(`<p class="hint">${escape(e.hint)}</p>`);
        parts.push(block("canonical request the receiver signs", expected.canonicalRequest), block("string to sign the receiver signs", expected.stringToSign));
        if (expected.signature) parts.push(`<p>Expected signature: <code>${escape(expected.signature)}</code></p>`);
      }
    }
    parts.push("</article>");
    return parts.join("");
  };

  return requests.length === 0 ? '<p class="empty">No request yet: point your client at this server.</p>' : requests.map(entry).join("\n");
}

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem; color: #1b1f24; background: #fff; }
header h1 { margin: 0; font-size: 1.4rem; }
header p { margin: .25rem 0 1rem; color: #57606a; }
article { border: 1px solid #d0d7de; border-left-width: 6px; border-radius: 6px; padding: .5rem .9rem; margin: 0 0 .8rem; }
article.valid { border-left-color: #1a7f37; }
article.invalid { border-left-color: #cf222e; }
h2 { font-size: 1rem; margin: .2rem 0; }
h3 { font-size: .9rem; margin: .6rem 0 .2rem; color: #57606a; }
.verdict { font-weight: 700; }
.valid .verdict { color: #1a7f37; }
.invalid .verdict { color: #cf222e; }
time { color: #57606a; font-weight: normal; float: right; }
.mistake { background: #fff8c5; padding: .4rem .6rem; border-radius: 4px; }
pre { margin: 0; white-space: pre-wrap; word-break: break-all; font: 13px/1.4 ui-monospace, monospace; }
table.diff { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.diff th[scope=col] { text-align: left; font-size: .8rem; color: #57606a; }
table.diff th[scope=col]:first-child { width: 2.5rem; }
table.diff th[scope=row] { color: #57606a; font-weight: normal; vertical-align: top; text-align: right; padding-right: .5rem; }
table.diff td { border-top: 1px solid #eaeef2; padding: 2px 6px; vertical-align: top; }
table.diff tr.differs td { background: #ffebe9; }
table.diff tr.differs td + td { background: #fff1c2; }
code { font: 13px ui-monospace, monospace; word-break: break-all; }
`;
