// The request-target and the entrance middleware as a real node:http server receives them on
// 127.0.0.1, written byte for byte on a raw socket: a "#" arrives as part of the target and is
// verified as Go's server reads it (a=1#frag is the value 1#frag, canonically a=1%23frag), and the
// entrance itself without Authorization is redirected with Location: /login. Expected signatures
// come from node:crypto over hand-written canonical requests.
import { createHash, createHmac } from "node:crypto";
import { createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { verifyNodeRequest } from "@panelsig/node";

const secret = "YourSecretToken";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Sends `head` as written, answers from verifyNodeRequest; resolves with the raw response once the server closes it. */
async function exchange(head: string): Promise<string> {
  const server = createServer(async (req, res) => {
    const r = await verifyNodeRequest(req, { scheme: "acepanel", token: () => ({ secret }), entrance: "/entrance", now: () => 1700000000 });
    if (!r.valid) return void res.writeHead(r.rejection!.status, { ...r.rejection!.headers, Connection: "close" }).end(r.rejection!.body);
    const body = JSON.stringify(r);
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Connection: "close" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const socket = connect((server.address() as AddressInfo).port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.write(head); // not end(): a half-closed client reads as an aborted request on some runtimes; the server closes
    await new Promise((resolve) => socket.on("close", resolve));
    return Buffer.concat(chunks).toString("utf8");
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("verifyNodeRequest: the request-target as Go's server reads it", () => {
  it('a "#" in the query is part of it: signed over a=1%23frag, the request verifies', async () => {
    const canonicalRequest = `GET\n/api/files/list\na=1%23frag\n${EMPTY}`;
    const stringToSign = `HMAC-SHA256\n1700000000\n${sha256(canonicalRequest)}`;
    const signature = createHmac("sha256", secret).update(stringToSign).digest("hex");
    const response = await exchange(
      "GET /entrance/api/files/list?a=1#frag HTTP/1.1\r\nHost: x\r\nX-Timestamp: 1700000000\r\n" +
        `Authorization: HMAC-SHA256 Credential=16, Signature=${signature}\r\n\r\n`,
    );
    expect(response.startsWith("HTTP/1.1 200 ")).toBe(true);
    expect(JSON.parse(response.slice(response.indexOf("\r\n\r\n") + 4))).toStrictEqual({ valid: true, canonicalRequest, stringToSign, expectedSignature: signature });
  });

  it("the entrance itself without Authorization: 302 with Location: /login", async () => {
    const response = await exchange("GET /entrance/ HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(response.startsWith("HTTP/1.1 302 ")).toBe(true);
    expect(response).toContain("\r\nLocation: /login\r\n");
  });
});
