// The Opterius verifiers show the string to sign of a streamed body when the caller kept the body
// (keepBody, as `panelsig serve` does): valid or not, the result says what the client should have
// signed. Without keepBody a streamed body is never held, so there is none. The strings to sign
// are written by hand from the schemes' rules; signatures come from node:crypto directly.
import { Buffer } from "node:buffer";
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyRequestWith, type VerifyRequestOptions } from "@panelsig/core";
import { PROVIDERS } from "@panelsig/conformance";

const NOW = 1700000000; // 2023-11-14T22:13:20Z
const now = () => NOW;
const hmac = (secret: string, message: string | Uint8Array) => createHmac("sha256", secret).update(message).digest("hex");
const WRONG = "0".repeat(64);

/** A body that arrives in chunks of `size` bytes, as a network stream does. */
function streamOf(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

const post = (url: string, headers: Record<string, string>, body: Uint8Array) =>
  new Request(url, { method: "POST", headers, body: streamOf(body, 5), duplex: "half" } as RequestInit);

const json = new TextEncoder().encode('{"domain":"example.com","plan":"basic"}');

const agent = {
  secret: "your-secret-key-here",
  // TIMESTAMP + METHOD + PATH + BODY, no separators; the path without its query.
  stringToSign: '2023-11-14T22:13:20ZPOST/accounts/create{"domain":"example.com","plan":"basic"}',
  request: (signature: string, body = json) =>
    post("http://agent.test/accounts/create?debug=1", { "X-Timestamp": "2023-11-14T22:13:20Z", "X-Signature": signature }, body),
  options: (keepBody: boolean): VerifyRequestOptions => ({ scheme: "opterius-agent", secret: "your-secret-key-here", now, keepBody }),
};

const panel = {
  secret: "eyJ-test",
  // TIMESTAMP + BODY; method and path are not signed.
  stringToSign: '1700000000{"domain":"example.com","plan":"basic"}',
  request: (signature: string) => post("http://panel.test/api/accounts", { "X-Timestamp": "1700000000", "X-Signature": signature }, json),
  options: (keepBody: boolean): VerifyRequestOptions => ({ scheme: "opterius-panel", secret: "eyJ-test", now, keepBody }),
};

for (const { name, provider } of PROVIDERS) {
  describe(`${name}: opterius-agent, a streamed body`, () => {
    const signature = hmac(agent.secret, agent.stringToSign);

    it("kept and valid: the string to sign, the signature and the body", async () => {
      expect(await verifyRequestWith(provider, agent.request(signature), agent.options(true))).toStrictEqual({
        valid: true,
        stringToSign: agent.stringToSign,
        expectedSignature: signature,
        body: json,
      });
    });

    it("kept and mismatched: what the client should have signed, and no body", async () => {
      const result = await verifyRequestWith(provider, agent.request(WRONG), agent.options(true));
      expect(result).toMatchObject({ valid: false, error: "signature_mismatch", stringToSign: agent.stringToSign, expectedSignature: signature });
      expect(result.body).toBe(undefined);
    });

    it("kept, not UTF-8: the signed bytes in base64", async () => {
      const binary = Uint8Array.of(0x7b, 0xff, 0x00, 0x80, 0x7d);
      const signed = Buffer.concat([Buffer.from("2023-11-14T22:13:20ZPOST/accounts/create"), binary]);
      const result = await verifyRequestWith(provider, agent.request(hmac(agent.secret, signed), binary), agent.options(true));
      expect(result.valid).toBe(true);
      expect(result.stringToSign).toBe(undefined);
      expect(result.stringToSignBase64).toBe(signed.toString("base64"));
    });

    it("not kept: no string to sign (the body was never held)", async () => {
      expect(await verifyRequestWith(provider, agent.request(signature), agent.options(false))).toStrictEqual({ valid: true, expectedSignature: signature });
    });
  });

  describe(`${name}: opterius-panel, a streamed body`, () => {
    const signature = hmac(panel.secret, panel.stringToSign);

    it("kept and valid: the string to sign, the signature and the body", async () => {
      expect(await verifyRequestWith(provider, panel.request(signature), panel.options(true))).toStrictEqual({
        valid: true,
        stringToSign: panel.stringToSign,
        expectedSignature: signature,
        body: json,
      });
    });

    it("kept and mismatched: what the client should have signed, and no body", async () => {
      const result = await verifyRequestWith(provider, panel.request(WRONG), panel.options(true));
      expect(result).toMatchObject({ valid: false, error: "signature_mismatch", status: 401, stringToSign: panel.stringToSign, expectedSignature: signature });
      expect(result.body).toBe(undefined);
    });

    it("not kept: no string to sign (the body was never held)", async () => {
      expect(await verifyRequestWith(provider, panel.request(signature), panel.options(false))).toStrictEqual({ valid: true, expectedSignature: signature });
    });
  });
}
