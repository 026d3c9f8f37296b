// verifyRequest on real Web Request objects: streamed bodies of several MiB give the same answer as
// the buffered case object; the body is handed back only when asked and valid; the rejection is
// the response the real receiver sends; mistakes in the options throw, nothing a client sends does.
// Signatures are computed with node:crypto directly from hand-written strings.
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PanelsigError, verifyRequestWith, verifyWith, type VerifyRequestOptions } from "@panelsig/core";
import { PROVIDERS } from "@panelsig/conformance";
import { oracleProvider } from "./oracle.ts";

const MiB = 1024 * 1024;
const NOW = 1700000000;
const now = () => NOW;

/** Deterministic bytes of any length (a failure is reproducible). */
function bigBody(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** A body that arrives in chunks, as a network stream does. */
function streamOf(bytes: Uint8Array, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

const post = (url: string, headers: Record<string, string>, body: Uint8Array | ReadableStream<Uint8Array> | string) =>
  new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);

const panelSecret = "eyJ-test";
const agentSecret = "your-secret-key-here";
const aceSecret = "YourSecretToken";
const hmac = (secret: string, ...parts: (string | Uint8Array)[]) => {
  const mac = createHmac("sha256", secret);
  for (const part of parts) mac.update(part);
  return mac.digest("hex");
};
const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** An AcePanel POST of `body`, signed from its hand-written canonical request. */
function acepanelHeaders(body: Uint8Array, path = "/api/files/upload", query = "") {
  const canonicalRequest = `POST\n${path}\n${query}\n${sha256(body)}`;
  const signature = hmac(aceSecret, `HMAC-SHA256\n${NOW}\n${sha256(canonicalRequest)}`);
  return { "X-Timestamp": String(NOW), Authorization: `HMAC-SHA256 Credential=16, Signature=${signature}` };
}
const aceOptions = (extra: Partial<VerifyRequestOptions> = {}): VerifyRequestOptions =>
  ({ scheme: "acepanel", token: (id: string) => (id === "16" ? { secret: aceSecret } : undefined), entrance: "/e", now, ...extra }) as VerifyRequestOptions;

const answerOf = (r: { valid: boolean; error?: string; status?: number; message?: string; expectedSignature?: string }) =>
  ({ valid: r.valid, error: r.error, status: r.status, message: r.message, expectedSignature: r.expectedSignature });

describe("streamed bodies of several MiB answer as buffered ones", () => {
  const body = bigBody(6 * MiB + 123);
  const tampered = body.slice();
  tampered[3 * MiB] = tampered[3 * MiB]! ^ 1;

  for (const { name, provider } of PROVIDERS) {
    describe(name, () => {
      it("opterius-panel: valid, and the same answer as the case object", async () => {
        const headers = { "X-Timestamp": String(NOW), "X-Signature": hmac(panelSecret, String(NOW), body) };
        const options = { scheme: "opterius-panel", secret: panelSecret, now, maxBodyBytes: 8 * MiB } as const;
        const streamed = await verifyRequestWith(provider, post("http://panel.test/api/accounts", headers, streamOf(body)), options);
        const buffered = await verifyWith(provider, {
          scheme: "opterius-panel",
          request: { method: "POST", url: "/api/accounts", headers: Object.entries(headers), body },
          credentials: { secret: panelSecret },
          context: { now: NOW },
        });
        expect(streamed).toStrictEqual({ valid: true, expectedSignature: headers["X-Signature"] });
        expect(answerOf(streamed)).toStrictEqual(answerOf(buffered));
      });
      it("opterius-panel: one flipped bit in the middle is a mismatch, as buffered", async () => {
        const headers = { "X-Timestamp": String(NOW), "X-Signature": hmac(panelSecret, String(NOW), body) };
        const options = { scheme: "opterius-panel", secret: panelSecret, now, maxBodyBytes: 8 * MiB } as const;
        const streamed = await verifyRequestWith(provider, post("http://panel.test/api/accounts", headers, streamOf(tampered)), options);
        expect(answerOf(streamed)).toStrictEqual({
          valid: false,
          error: "signature_mismatch",
          status: 401,
          message: "invalid signature",
          expectedSignature: hmac(panelSecret, String(NOW), tampered),
        });
      });
      it("opterius-agent: valid streamed", async () => {
        const timestamp = "2023-11-14T22:13:20Z"; // NOW
        const headers = { "X-Timestamp": timestamp, "X-Signature": hmac(agentSecret, `${timestamp}POST/files/upload`, body) };
        const options = { scheme: "opterius-agent", secret: agentSecret, now, maxBodyBytes: 8 * MiB } as const;
        expect(await verifyRequestWith(provider, post("http://agent.test/files/upload", headers, streamOf(body, 1000)), options)).toStrictEqual({
          valid: true,
          expectedSignature: headers["X-Signature"],
        });
      });
      it("acepanel: valid streamed, with the canonical request", async () => {
        const request = post("http://panel.test/e/api/files/upload?b=2&a=1", acepanelHeaders(body, "/api/files/upload", "a=1&b=2"), streamOf(body));
        const result = await verifyRequestWith(provider, request, aceOptions({ maxBodyBytes: 8 * MiB }));
        expect(result).toMatchObject({ valid: true, canonicalRequest: `POST\n/api/files/upload\na=1&b=2\n${sha256(body)}` });
      });
      it("keepBody hands the exact bytes back once valid", async () => {
        const request = post("http://panel.test/e/api/files/upload", acepanelHeaders(body), streamOf(body, 100_000));
        const result = await verifyRequestWith(provider, request, aceOptions({ maxBodyBytes: 8 * MiB, keepBody: true }));
        expect(result.valid).toBe(true);
        expect(result.body!.length).toBe(body.length);
        expect(sha256(result.body!)).toBe(sha256(body));
      });
    });
  }
});

describe("verifyRequest: the body", () => {
  const body = new TextEncoder().encode('{"domain":"example.com"}');
  const headers = () => ({ "X-Timestamp": String(NOW), "X-Signature": hmac(panelSecret, String(NOW), body) });
  const options = { scheme: "opterius-panel", secret: panelSecret, now } as const;
  it("is not handed back unless asked (nor copied into a string to sign: a streamed body is never held)", async () => {
    expect(await verifyRequestWith(oracleProvider, post("http://p/api/accounts", headers(), body), options)).toStrictEqual({
      valid: true,
      expectedSignature: headers()["X-Signature"],
    });
  });
  it("kept, it is handed back (and, being held, shown in the string to sign)", async () => {
    expect(await verifyRequestWith(oracleProvider, post("http://p/api/accounts", headers(), body), { ...options, keepBody: true })).toStrictEqual({
      valid: true,
      stringToSign: `${NOW}{"domain":"example.com"}`,
      expectedSignature: headers()["X-Signature"],
      body,
    });
  });
  it("is not handed back when the signature fails", async () => {
    const result = await verifyRequestWith(oracleProvider, post("http://p/api/accounts", { ...headers(), "X-Signature": "00" }, body), { ...options, keepBody: true });
    expect(result.valid).toBe(false);
    expect(result.body).toBe(undefined);
  });
  it("a request without a body verifies as empty ({} form)", async () => {
    const request = new Request("http://p/api/ping", { headers: { "X-Timestamp": String(NOW), "X-Signature": hmac(panelSecret, `${NOW}{}`) } });
    expect(await verifyRequestWith(oracleProvider, request, options)).toMatchObject({ valid: true, stringToSign: `${NOW}{}` });
  });
  it("the default limit is 10 MiB", async () => {
    const result = await verifyRequestWith(oracleProvider, post("http://p/api/accounts", headers(), streamOf(new Uint8Array(10 * MiB + 1))), options);
    expect(result).toMatchObject({ valid: false, error: "body_too_large", status: 413, message: "request body too large" });
  });
  it("a body over maxBodyBytes is refused without reading it all", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(1024))) });
    const result = await verifyRequestWith(oracleProvider, post("http://p/api/accounts", headers(), endless), { ...options, maxBodyBytes: 4096 });
    expect(result.error).toBe("body_too_large");
    expect(pulled).toBeLessThan(10);
  });
  it("is not read at all on a path the server does not check", async () => {
    const request = post("http://p/e/api/user/login", { Authorization: "Bearer x", "Content-Type": "application/json" }, '{"username":"a"}');
    expect(await verifyRequestWith(oracleProvider, request, aceOptions({ keepBody: true }))).toStrictEqual({ valid: true, signatureChecked: false, uncheckedReason: "public_path" });
    expect(await request.json()).toStrictEqual({ username: "a" });
  });
  it("is not read when the headers already fail", async () => {
    const request = post("http://p/api/accounts", { "X-Timestamp": "soon", "X-Signature": "00" }, "{}");
    expect((await verifyRequestWith(oracleProvider, request, options)).error).toBe("timestamp_invalid");
    expect(request.bodyUsed).toBe(false);
  });
});

describe("verifyRequest: the client address", () => {
  const body = new TextEncoder().encode("x");
  const whitelisted = (clientIp?: string) =>
    aceOptions({ token: () => ({ secret: aceSecret, ipWhitelist: ["203.0.113.0/24"] }), clientIp } as Partial<VerifyRequestOptions>);
  it("comes from the options", async () => {
    expect(await verifyRequestWith(oracleProvider, post("http://p/e/api/files/upload", acepanelHeaders(body), body), whitelisted("203.0.113.9:4000"))).toMatchObject({ valid: true });
    expect(await verifyRequestWith(oracleProvider, post("http://p/e/api/files/upload", acepanelHeaders(body), body), whitelisted("[2001:db8::1]:4000"))).toMatchObject({
      error: "ip_not_allowed",
      message: "invalid request ip: 2001:db8::1",
    });
  });
  it("is required once a token has a whitelist: a programmer error", async () => {
    const error = await verifyRequestWith(oracleProvider, post("http://p/e/api/files/upload", acepanelHeaders(body), body), whitelisted()).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PanelsigError);
    expect(error).toMatchObject({ code: "invalid_option", field: "clientIp" });
  });
});

describe("the rejection: the response the real receiver sends", () => {
  it("acepanel: {\"msg\"} as JSON, UTF-8", async () => {
    const request = new Request("http://p/e/api/user/info", { headers: { Authorization: "HMAC-SHA256 Credential=16, Signature=00", "X-Timestamp": String(NOW) } });
    const result = await verifyRequestWith(oracleProvider, request, aceOptions());
    expect(result.rejection).toStrictEqual({ status: 401, headers: { "Content-Type": "application/json; charset=utf-8" }, body: '{"msg":"invalid signature"}' });
    const response = new Response(result.rejection!.body, result.rejection);
    expect(response.status).toBe(401);
    expect(await response.json()).toStrictEqual({ msg: "invalid signature" });
  });
  it("acepanel in zh_CN", async () => {
    const request = new Request("http://p/e/api/user/info", { headers: { Authorization: "HMAC-SHA256 Credential=1, Signature=00" } });
    expect((await verifyRequestWith(oracleProvider, request, aceOptions({ locale: "zh_CN" }))).rejection!.body).toBe('{"msg":"无效的签名"}');
  });
  it("acepanel: the entrance page is an empty 418", async () => {
    const result = await verifyRequestWith(oracleProvider, new Request("http://p/api/user/info"), aceOptions());
    expect(result).toStrictEqual({ valid: false, error: "entrance_mismatch", status: 418, rejection: { status: 418, headers: {}, body: "" } });
  });
  it("opterius: {\"error\"} as JSON", async () => {
    const result = await verifyRequestWith(oracleProvider, new Request("http://a/x"), { scheme: "opterius-agent", secret: "s" });
    expect(result.rejection).toStrictEqual({ status: 401, headers: { "Content-Type": "application/json" }, body: '{"error":"missing signature headers"}' });
  });
  it("body too large closes the connection (the rest of the body is never read)", async () => {
    const request = post("http://p/api/accounts", { "X-Timestamp": String(NOW), "X-Signature": "00" }, "0123456789");
    const result = await verifyRequestWith(oracleProvider, request, { scheme: "opterius-panel", secret: "s", now, maxBodyBytes: 5 });
    expect(result.rejection).toStrictEqual({
      status: 413,
      headers: { "Content-Type": "application/json", Connection: "close" },
      body: '{"error":"request body too large"}',
    });
  });
  it("a valid result carries none", async () => {
    const result = await verifyRequestWith(oracleProvider, post("http://p/e/api/user/login", { Authorization: "x" }, "x"), aceOptions());
    expect(result.rejection).toBe(undefined);
  });
});

describe("programmer errors throw a PanelsigError naming the option", () => {
  const request = () => new Request("http://p/e/api/user/info", { headers: { Authorization: "HMAC-SHA256 Credential=16, Signature=00" } });
  const table: [string, unknown, string, string][] = [
    ["no options", undefined, "invalid_option", "options"],
    ["an unknown scheme", { scheme: "aws-v4", secret: "s" }, "unknown_scheme", "scheme"],
    ["acepanel without a token lookup", { scheme: "acepanel" }, "invalid_option", "options.token"],
    ["opterius without a secret", { scheme: "opterius-agent" }, "invalid_secret", "options.secret"],
    ["an empty secret", { scheme: "opterius-panel", secret: "" }, "invalid_secret", "options.secret"],
    ["a negative window", { scheme: "opterius-panel", secret: "s", windowSeconds: -1 }, "invalid_option", "options.windowSeconds"],
    ["a clock that is not a function", { scheme: "opterius-panel", secret: "s", now: 5 }, "invalid_option", "options.now"],
    ["a clock giving NaN", { scheme: "opterius-panel", secret: "s", now: () => NaN }, "invalid_option", "options.now"],
    ["an unknown locale", { scheme: "acepanel", token: () => undefined, locale: "fr" }, "invalid_option", "options.locale"],
    ["a replay store without claim()", { scheme: "opterius-panel", secret: "s", replayStore: {} }, "invalid_option", "options.replayStore"],
    ["a token record without a secret", { scheme: "acepanel", entrance: "/e", token: () => ({}) }, "invalid_secret", 'options.token("16").secret'],
    ["a token record with a bad whitelist", { scheme: "acepanel", entrance: "/e", token: () => ({ secret: "s", ipWhitelist: "1.2.3.4" }) }, "invalid_option", 'options.token("16").ipWhitelist'],
  ];
  for (const [what, options, code, field] of table) {
    it(`${what}: ${code} at ${field}`, async () => {
      const error = await verifyRequestWith(oracleProvider, request(), options as VerifyRequestOptions).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(PanelsigError);
      expect(error).toMatchObject({ code, field });
    });
  }
  it("a case with a malformed context", async () => {
    const base = { scheme: "opterius-panel", request: { method: "GET", url: "/x" }, credentials: { secret: "s" } } as const;
    for (const [context, field] of [[{ now: "soon" }, "context.now"], [{ ipWhitelist: "1.2.3.4" }, "context.ipWhitelist"], [{ nowx: 1 }, "context.nowx"], [[], "context"]] as const) {
      const error = await verifyWith(oracleProvider, { ...base, context } as never).then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ code: "invalid_case", field });
    }
  });
});
