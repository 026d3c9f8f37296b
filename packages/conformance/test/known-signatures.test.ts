// Every signature stated in the facts read off the real systems, reproduced by all three
// providers with every intermediate. Expected signatures are the literal published values;
// expected intermediates are derived by hand from the scheme rules, and hashes inside them are
// computed with node:crypto directly, never through panelsig.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PROVIDERS } from "@panelsig/conformance";

const sha256hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

for (const { name, sign } of PROVIDERS) {
  describe(`${name}: opterius-agent`, () => {
    const body = '{"username":"alice","domain":"alice.example.com"}';
    const secret = "your-secret-key-here";

    it("the doc's example (Z timestamp)", async () => {
      const result = await sign({
        scheme: "opterius-agent",
        request: { method: "POST", url: "/account/create", body },
        credentials: { secret },
        timestamp: "2026-04-08T14:32:00Z",
      });
      expect(result.stringToSign).toBe(`2026-04-08T14:32:00ZPOST/account/create${body}`);
      expect(result.signature).toBe("5c1941c5dcf3f47bc4e81c1098655cdfe2ab792274b1164c3a66dba7e2e1d4c6");
      expect(result.headers).toEqual([
        ["X-Signature", "5c1941c5dcf3f47bc4e81c1098655cdfe2ab792274b1164c3a66dba7e2e1d4c6"],
        ["X-Timestamp", "2026-04-08T14:32:00Z"],
        ["Content-Type", "application/json"],
      ]);
    });

    it("the real panel's +00:00 timestamp is signed verbatim", async () => {
      const result = await sign({
        scheme: "opterius-agent",
        request: { method: "POST", url: "/account/create", body },
        credentials: { secret },
        timestamp: "2026-04-08T14:32:00+00:00",
      });
      expect(result.signature).toBe("f7d063c7d9ce256ff0c6d3b137e31e871a9285c2b270ab9eeb10c585bab984ff");
    });

    it("the query is not signed", async () => {
      const result = await sign({
        scheme: "opterius-agent",
        request: { method: "GET", url: "/files/list?path=/home/alice" },
        credentials: { secret },
        timestamp: "2026-04-08T14:32:00+00:00",
      });
      expect(result.stringToSign).toBe("2026-04-08T14:32:00+00:00GET/files/list");
      expect(result.signature).toBe("efe8dc63304ddce41bcb2eded37b9790cf4d6404999064eb56076d7006df2696");
    });
  });

  describe(`${name}: opterius-panel`, () => {
    const secret = "eyJ-test";
    const known: [string, string][] = [
      [
        '{"domain":"b\\u00fccher.example","username":"buecher","package":"starter","email":"owner@b\\u00fccher.example","url":"https:\\/\\/b\\u00fccher.example\\/a\\/b"}',
        "865d81daae5d4588b1049cc33c23ad4b0ad214759bd43c5ade1c88594ed4490d",
      ],
      [
        '{"domain":"b\\u00fccher.example","username":"buecher","package":"Starter\\/Plus","email":"owner@example.com"}',
        "552524dfe8f9c7c3b09919eca4557080914305448a6040b043f6e34c8b80a86b",
      ],
    ];
    for (const [body, signature] of known) {
      it(`PHP json_encode body ${signature.slice(0, 8)}`, async () => {
        const result = await sign({
          scheme: "opterius-panel",
          request: { method: "POST", url: "/api/accounts", body },
          credentials: { secret },
          timestamp: "1775658720",
        });
        expect(result.stringToSign).toBe(`1775658720${body}`);
        expect(result.signature).toBe(signature);
        expect(result.headers).toEqual([
          ["X-Timestamp", "1775658720"],
          ["X-Signature", signature],
          ["Accept", "application/json"],
          ["Content-Type", "application/json"],
        ]);
      });
    }

    it("no body signs {} like the real client, and sends no Content-Type", async () => {
      const result = await sign({
        scheme: "opterius-panel",
        request: { method: "POST", url: "/api/accounts/7/suspend" },
        credentials: { secret },
        timestamp: "1775658720",
      });
      expect(result.stringToSign).toBe("1775658720{}");
      expect(result.signature).toBe("f21d3dd043240efa42386b16fc79e049c338a06a7057788aff2fe466400b7146");
      expect(result.headers).toEqual([
        ["X-Timestamp", "1775658720"],
        ["X-Signature", "f21d3dd043240efa42386b16fc79e049c338a06a7057788aff2fe466400b7146"],
        ["Accept", "application/json"],
      ]);
    });
  });

  describe(`${name}: acepanel`, () => {
    it("the doc's fixed example", async () => {
      const result = await sign({
        scheme: "acepanel",
        request: { method: "GET", url: "http://example.com/entrance/api/user/info" },
        credentials: { secret: "YourSecretToken", keyId: 16 },
        timestamp: "1700000000",
        options: { entrance: "/entrance" },
      });
      const canonicalRequest = `GET\n/api/user/info\n\n${EMPTY_SHA256}`;
      expect(result.canonicalRequest).toBe(canonicalRequest);
      expect(result.stringToSign).toBe(`HMAC-SHA256\n1700000000\n${sha256hex(canonicalRequest)}`);
      expect(result.signature).toBe("b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7");
      expect(result.headers).toEqual([
        ["X-Timestamp", "1700000000"],
        ["Authorization", "HMAC-SHA256 Credential=16, Signature=b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7"],
      ]);
    });
  });
}
