// The live page of `panelsig serve` (/__panelsig/) in a real browser, Debian's chromium: a request
// arriving after the page was opened appears without a reload, a rejection shows the client's
// mistake with what it signed beside what the receiver signs, newest first; with JavaScript off
// the page is the same list, as rendered by the server. Run by `npm run test:browser` (not part of
// `npm test`: it needs `apt-get install chromium`). Signatures are computed here with node:crypto.
import { createHash, createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, NODE, startServer, type Server } from "../../packages/cli/test/run-cli.ts";
import { launchChromium, type Browser } from "../chromium.ts";

const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");
const SECRET = "YourSecretToken";

/** AcePanel headers for a request whose canonical path and query are written out by hand. */
function aceHeaders(path: string, query: string) {
  const timestamp = Math.floor(Date.now() / 1000);
  const canonicalRequest = `GET\n${path}\n${query}\n${sha256("")}`;
  const signature = createHmac("sha256", SECRET).update(`HMAC-SHA256\n${timestamp}\n${sha256(canonicalRequest)}`).digest("hex");
  return { "X-Timestamp": String(timestamp), Authorization: `HMAC-SHA256 Credential=16, Signature=${signature}` };
}

describe("the live page in chromium", () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer(NODE, [BIN, "serve", "--scheme", "acepanel", "--secret", SECRET, "--key-id", "16", "--entrance", "/entrance", "--port", "0"]);
    base = `http://127.0.0.1:${server.port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows each request as it arrives, and for a rejection the mistake and the two canonical requests side by side", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/__panelsig/`);
    // The script's first poll has answered.
    await page.waitForFunction(() => document.getElementById("live")!.textContent === "live: updates as requests arrive");
    expect(await page.locator("article").count()).toBe(0);

    // The client signs the query as sent, "b=2&a=1"; the receiver signs it sorted, "a=1&b=2".
    const rejected = await fetch(`${base}/entrance/api/files/list?b=2&a=1`, { headers: aceHeaders("/api/files/list", "b=2&a=1") });
    expect(rejected.status).toBe(401);
    const article = page.locator("article.invalid");
    await article.waitFor();
    expect(await article.locator("h2 .verdict").textContent()).toBe("401 signature_mismatch");
    expect(await article.locator("h2 code").textContent()).toBe("GET /entrance/api/files/list?b=2&a=1");
    expect(await article.locator(".mistake").textContent()).toBe("Your client's mistake: query-unsorted — your client signed the query in the order sent; the receiver sorts it by key");
    expect(await article.locator("h3").allTextContents()).toEqual(["canonical request", "string to sign"]);
    const [canonical, stringToSign] = [article.locator("table.diff").nth(0), article.locator("table.diff").nth(1)];
    expect(await canonical.locator("tbody tr").count()).toBe(4);
    expect(await canonical.locator("tr.differs th").allTextContents()).toEqual(["3"]);
    expect(await canonical.locator("tr.differs td").allTextContents()).toEqual(["a=1&b=2⏎", "b=2&a=1⏎"]);
    // The string to sign differs only in its last line, the canonical request's hash.
    const hashes = ["a=1&b=2", "b=2&a=1"].map((query) => sha256(`GET\n/api/files/list\n${query}\n${sha256("")}`));
    expect(await stringToSign.locator("tr.differs th").allTextContents()).toEqual(["3"]);
    expect(await stringToSign.locator("tr.differs td").allTextContents()).toEqual(hashes);

    const accepted = await fetch(`${base}/entrance/api/files/list?a=1&b=2`, { headers: aceHeaders("/api/files/list", "a=1&b=2") });
    expect(accepted.status).toBe(200);
    await page.locator("article.valid").waitFor();
    // Newest first.
    expect(await page.locator("article h2 code").allTextContents()).toEqual(["GET /entrance/api/files/list?a=1&b=2", "GET /entrance/api/files/list?b=2&a=1"]);
    expect(await page.locator("article.valid .verdict").textContent()).toBe("200 valid");
  });

  it("without JavaScript: the same list, rendered by the server", async () => {
    const noScript = await launchChromium({ javaScriptEnabled: false });
    try {
      const page = await noScript.context.newPage();
      await page.goto(`${base}/__panelsig/`);
      expect(await page.locator("#live").textContent()).toBe("static list: reload for new requests");
      expect(await page.locator("article").count()).toBe(2);
      expect(await page.locator("article.invalid .mistake strong").textContent()).toBe("query-unsorted");
      expect(await page.locator("article.invalid table.diff").first().locator("tr.differs td").allTextContents()).toEqual(["a=1&b=2⏎", "b=2&a=1⏎"]);
    } finally {
      await noScript.close();
    }
  });
});
