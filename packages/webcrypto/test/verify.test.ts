// @panelsig/webcrypto's verify and verifyRequest are bound to WebCrypto: the published signatures
// verify, a Web Request verifies, and secrets kept in its CryptoKey cache never stand in for one
// another; an empty key (which WebCrypto cannot import) still MACs. Expected values are the
// published ones or computed with node:crypto directly.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verify, verifyRequest, webcryptoProvider } from "@panelsig/webcrypto";

describe("@panelsig/webcrypto verify", () => {
  it("AcePanel's documented example", async () => {
    const result = await verify({
      scheme: "acepanel",
      request: {
        method: "GET",
        url: "/entrance/api/user/info",
        headers: [["X-Timestamp", "1700000000"], ["Authorization", "HMAC-SHA256 Credential=16, Signature=b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7"]],
      },
      credentials: { secret: "YourSecretToken", keyId: 16 },
      context: { now: 1700000000, entrance: "/entrance" },
    });
    expect(result).toMatchObject({ valid: true, expectedSignature: "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7" });
  });

  it("a Web Request, and a second secret is not confused with the first", async () => {
    const request = (signature: string) =>
      new Request("https://panel.example/api/ping", { headers: { "X-Timestamp": "1775658720", "X-Signature": signature } });
    const options = (secret: string) => ({ scheme: "opterius-panel" as const, secret, now: () => 1775658720 });
    const first = createHmac("sha256", "first").update("1775658720{}").digest("hex");
    expect(await verifyRequest(request(first), options("first"))).toMatchObject({ valid: true });
    expect(await verifyRequest(request(first), options("second"))).toMatchObject({ valid: false, error: "signature_mismatch", status: 401 });
    expect(await verifyRequest(request("f21d3dd043240efa42386b16fc79e049c338a06a7057788aff2fe466400b7146"), options("eyJ-test"))).toMatchObject({ valid: true });
  });
});

describe("@panelsig/webcrypto provider", () => {
  it("an empty HMAC key, which WebCrypto refuses to import, gives RFC 2104's tag", async () => {
    const tag = await webcryptoProvider.hmacSha256(new Uint8Array(0), new TextEncoder().encode("message"));
    expect(Buffer.from(tag).toString("hex")).toBe(createHmac("sha256", Buffer.alloc(0)).update("message").digest("hex"));
  });
});

describe("@panelsig/webcrypto long secrets", () => {
  it("a 300 KB secret signs (it is not cached, and building its cache key cannot overflow the stack)", async () => {
    const secret = "k".repeat(300_000);
    const expected = createHmac("sha256", secret).update("1775658720{}").digest("hex");
    expect(await webcryptoProvider.hmacSha256(new TextEncoder().encode(secret), new TextEncoder().encode("1775658720{}")))
      .toEqual(new Uint8Array(Buffer.from(expected, "hex")));
  });
});
