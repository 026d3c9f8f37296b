// `npm run screenshot:serve-page`: the picture of serve's live page in the README
// (docs/serve-page.png). Starts `panelsig serve`, sends it a valid request and two requests signed
// with known client mistakes, and photographs /__panelsig/ in Debian's chromium.

import { createHash, createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";
import { BIN, NODE, startServer } from "../packages/cli/test/run-cli.ts";
import { launchChromium } from "./chromium.ts";

const OUT = fileURLToPath(new URL("../docs/serve-page.png", import.meta.url));
const SECRET = "YourSecretToken";
const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");

function headers(method: string, path: string, query: string, body: string) {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", SECRET).update(`HMAC-SHA256\n${timestamp}\n${sha256(`${method}\n${path}\n${query}\n${sha256(body)}`)}`).digest("hex");
  return { "X-Timestamp": String(timestamp), Authorization: `HMAC-SHA256 Credential=16, Signature=${signature}` };
}

const server = await startServer(NODE, [BIN, "serve", "--scheme", "acepanel", "--secret", SECRET, "--key-id", "16", "--entrance", "/entrance", "--port", "0"]);
const base = `http://127.0.0.1:${server.port}`;
const browser = await launchChromium({ viewport: { width: 1100, height: 900 } });
try {
  await fetch(`${base}/entrance/api/user/info`, { headers: headers("GET", "/api/user/info", "", "") });
  // The PHP example: the path as sent, percent-encoded.
  await fetch(`${base}/entrance/api/files/a%20b`, { headers: headers("GET", "/api/files/a%20b", "", "") });
  // The Node example: the query as new URL().search writes it, unsorted.
  await fetch(`${base}/entrance/api/files/list?path=/www&page=2`, { headers: headers("GET", "/api/files/list", "path=/www&page=2", "") });
  const page = await browser.context.newPage();
  await page.goto(`${base}/__panelsig/`);
  await page.waitForFunction(() => document.getElementById("live")!.textContent === "live: updates as requests arrive");
  await page.screenshot({ path: OUT, fullPage: true });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
