// The AcePanel verifier against the server's behaviour: every row of docs/verify-outcomes.md and
// every fact of reference/acepanel-server.md about checking. Valid requests are built from
// hand-written canonical requests signed with node:crypto directly (oracle.ts), then mutated;
// the anchor is the doc's own published signature. Each runs on all three providers.
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Case, HeaderPair, VerifyContext } from "@panelsig/core";
import { PROVIDERS } from "@panelsig/conformance";
import { acepanelExpected, EMPTY_SHA256, sha256hex } from "./oracle.ts";

const secret = "YourSecretToken";
const NOW = 1700000000;
const DOC_SIGNATURE = "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7"; // the doc's fixed example
const INFO = `GET\n/api/user/info\n\n${EMPTY_SHA256}`;

const auth = (signature: string, id: number | string = 16): HeaderPair => ["Authorization", `HMAC-SHA256 Credential=${id}, Signature=${signature}`];
const ts = (text = "1700000000"): HeaderPair => ["X-Timestamp", text];
/** The intermediates a result carries, from a hand-written canonical request. */
const shown = (canonicalRequest: string, timestamp = "1700000000") => {
  const e = acepanelExpected(secret, timestamp, canonicalRequest);
  return { canonicalRequest, stringToSign: e.stringToSign, expectedSignature: e.signature };
};
const sig = (canonicalRequest: string, timestamp = "1700000000") => acepanelExpected(secret, timestamp, canonicalRequest).signature;

interface Request {
  url?: string;
  method?: string;
  headers?: HeaderPair[];
  body?: string;
  keyId?: number | string;
  context?: VerifyContext;
}
const aceCase = (r: Request = {}): Case => ({
  scheme: "acepanel",
  request: { method: r.method ?? "GET", url: r.url ?? "/entrance/api/user/info", headers: r.headers ?? [ts(), auth(DOC_SIGNATURE)], ...(r.body !== undefined && { body: r.body }) },
  credentials: { secret, keyId: r.keyId ?? 16 },
  context: { now: NOW, entrance: "/entrance", ...r.context },
});

const INVALID_SIGNATURE = { valid: false, status: 401, message: "invalid signature" };

for (const { name, verify } of PROVIDERS) {
  describe(`${name}: acepanel, the doc's example`, () => {
    it("passes with every intermediate", async () => {
      expect(await verify(aceCase())).toStrictEqual({ valid: true, ...shown(INFO) });
      expect(sig(INFO)).toBe(DOC_SIGNATURE);
    });
  });

  describe(`${name}: acepanel 0: the entrance and paths the server does not check`, () => {
    const ENTRANCE_PAGE = { valid: false, error: "entrance_mismatch", status: 418 };
    it("0a: a path outside the entrance is the entrance page, signature or not", async () => {
      expect(await verify(aceCase({ url: "/other/api/user/info" }))).toStrictEqual(ENTRANCE_PAGE);
      expect(await verify(aceCase({ url: "/other/api/user/info", headers: [] }))).toStrictEqual(ENTRANCE_PAGE);
    });
    it("0a: the entrance is case-sensitive", async () => expect(await verify(aceCase({ url: "/Entrance/api/user/info" }))).toStrictEqual(ENTRANCE_PAGE));
    it("0a: a longer first segment is not the entrance", async () => expect(await verify(aceCase({ url: "/entranceX/api/user/info" }))).toStrictEqual(ENTRANCE_PAGE));
    it("0a: the entrance is compared on the decoded path", async () => {
      expect(await verify(aceCase({ url: "/%65ntrance/api/user/info" }))).toStrictEqual({ valid: true, ...shown(INFO) });
    });
    it("an entrance setting with a trailing slash or without its leading slash is the same entrance", async () => {
      for (const entrance of ["/entrance/", "entrance"]) {
        expect(await verify(aceCase({ context: { entrance } }))).toStrictEqual({ valid: true, ...shown(INFO) });
      }
    });
    // What passes without a check says so (reference: must_login's public list and non-API paths).
    const unchecked = (uncheckedReason: string) => ({ valid: true, signatureChecked: false, uncheckedReason });
    const publicPaths = ["/api/home/panel", "/api/user/key", "/api/user/captcha", "/api/user/login", "/api/user/logout", "/api/user/is_login", "/api/user/is_2fa", "/api/user/passkey/enabled", "/api/user/passkey/login"];
    for (const path of publicPaths) {
      it(`0b: public path ${path} skips the check, even with a garbage Authorization`, async () => {
        expect(await verify(aceCase({ url: `/entrance${path}`, headers: [["Authorization", "garbage"]] }))).toStrictEqual(unchecked("public_path"));
      });
    }
    it("0b: a public path is matched exactly (a trailing slash is checked)", async () => {
      expect(await verify(aceCase({ url: "/entrance/api/user/login/", headers: [["Authorization", "garbage"]] }))).toMatchObject({ error: "malformed_authorization" });
    });
    // Entrance middleware step 5: with Authorization, only an API path under the entrance goes on.
    for (const path of ["/index.html", "/apix", "", "/", "/webhook/abc", "/entrance/api/user/info", "//api/user/info"]) {
      it(`0b: a path under the entrance without an API remainder (${JSON.stringify(path)}) is the entrance page when it carries Authorization`, async () => {
        expect(await verify(aceCase({ url: `/entrance${path}`, headers: [["Authorization", "garbage"]] }))).toStrictEqual(ENTRANCE_PAGE);
      });
    }
    it("0b: /webhook/… and /download/… (never under the entrance) pass without a check, with or without Authorization", async () => {
      for (const url of ["/webhook/abc", "/download/x"]) {
        expect(await verify(aceCase({ url, headers: [] }))).toStrictEqual(unchecked("webhook_or_download"));
        expect(await verify(aceCase({ url, headers: [["Authorization", "garbage"]] }))).toStrictEqual(unchecked("webhook_or_download"));
        expect(await verify(aceCase({ url, headers: [["Authorization", "garbage"]], context: { entrance: "/" } }))).toStrictEqual(unchecked("webhook_or_download"));
      }
      expect(await verify(aceCase({ url: "/webhook", headers: [] }))).toStrictEqual(ENTRANCE_PAGE);
    });
    it("0b: /robots.txt passes without a check; /robots.txt/ does not", async () => {
      expect(await verify(aceCase({ url: "/robots.txt", headers: [] }))).toStrictEqual(unchecked("robots_txt"));
      expect(await verify(aceCase({ url: "/robots.txt", headers: [["Authorization", "garbage"]] }))).toStrictEqual(unchecked("robots_txt"));
      expect(await verify(aceCase({ url: "/robots.txt/", headers: [] }))).toStrictEqual(ENTRANCE_PAGE);
    });
    it("0b: entrance /api: /api/user/info without the prefix is the entrance page", async () => {
      expect(await verify(aceCase({ url: "/api/user/info", context: { entrance: "/api" } }))).toStrictEqual(ENTRANCE_PAGE);
      expect(await verify(aceCase({ url: "/api/api/user/info", context: { entrance: "/api" } }))).toStrictEqual({ valid: true, ...shown(INFO) });
    });
    it("0b: entrance /: a non-API path carrying Authorization is the entrance page", async () => {
      for (const url of ["/entrance/api/user/info", "/apix/user", "/", "/index.html"]) {
        expect(await verify(aceCase({ url, context: { entrance: "/" } }))).toStrictEqual(ENTRANCE_PAGE);
      }
    });
    it("0c: no Authorization under an entrance is the entrance page (418, no message)", async () => {
      expect(await verify(aceCase({ headers: [ts()] }))).toStrictEqual({ valid: false, error: "missing_headers", status: 418 });
    });
    it("0c: an empty Authorization is no Authorization", async () => {
      expect(await verify(aceCase({ headers: [ts(), ["Authorization", ""]] }))).toStrictEqual({ valid: false, error: "missing_headers", status: 418 });
    });
    it("0c: without Authorization even a public path under the entrance is the entrance page", async () => {
      expect(await verify(aceCase({ url: "/entrance/api/user/login", headers: [] }))).toStrictEqual({ valid: false, error: "missing_headers", status: 418 });
    });
    it("0c: without Authorization the entrance itself is redirected to /login (302)", async () => {
      const redirect = { valid: false, error: "missing_headers", status: 302, location: "/login" };
      expect(await verify(aceCase({ url: "/entrance", headers: [] }))).toStrictEqual(redirect);
      expect(await verify(aceCase({ url: "/entrance/", headers: [] }))).toStrictEqual(redirect);
      expect(await verify(aceCase({ url: "/entrance/?x=1", headers: [] }))).toStrictEqual(redirect);
    });
    it("0c: the entrance's refusal in its other forms: nginx's 404, or the connection closed", async () => {
      expect(await verify(aceCase({ url: "/other/api/user/info", context: { entranceError: "nginx" } }))).toStrictEqual({ valid: false, error: "entrance_mismatch", status: 404 });
      expect(await verify(aceCase({ headers: [ts()], context: { entranceError: "close" } }))).toStrictEqual({ valid: false, error: "missing_headers", connectionClosed: true });
      // only the entrance's refusals change: a token failure is still 401
      expect(await verify(aceCase({ headers: [ts(), auth("0".repeat(64))], context: { entranceError: "close" } }))).toMatchObject({ status: 401, message: "invalid signature" });
    });
    it("0d: no Authorization with entrance / is 401 session expired", async () => {
      expect(await verify(aceCase({ url: "/api/user/info", headers: [ts()], context: { entrance: "/" } }))).toStrictEqual({
        valid: false,
        error: "missing_headers",
        status: 401,
        message: "session expired, please login again",
      });
    });
    it("0d: with entrance / a public or non-API path needs no Authorization", async () => {
      expect(await verify(aceCase({ url: "/api/user/login", headers: [], context: { entrance: "/" } }))).toStrictEqual(unchecked("public_path"));
      expect(await verify(aceCase({ url: "/", headers: [], context: { entrance: "/" } }))).toStrictEqual(unchecked("non_api_path"));
      expect(await verify(aceCase({ url: "/entrance/api/user/info", headers: [], context: { entrance: "/" } }))).toStrictEqual(unchecked("non_api_path"));
    });
    it("the entrance defaults to / (none)", async () => {
      const c = aceCase({ url: "/api/user/info" });
      delete c.context!.entrance;
      expect(await verify(c)).toStrictEqual({ valid: true, ...shown(INFO) });
    });
  });

  describe(`${name}: acepanel 1: the WebSocket rule`, () => {
    const WS = { valid: false, error: "websocket_not_allowed", status: 403, message: "ws not allowed" };
    it("/api/ws… with Authorization is 403", async () => expect(await verify(aceCase({ url: "/entrance/api/ws/terminal" }))).toStrictEqual(WS));
    it("a plain prefix test: /api/wsx too", async () => expect(await verify(aceCase({ url: "/entrance/api/wsx" }))).toStrictEqual(WS));
    it("on the decoded path: /api/w%73 counts", async () => expect(await verify(aceCase({ url: "/entrance/api/w%73/x" }))).toStrictEqual(WS));
    it("before the header is parsed", async () => expect(await verify(aceCase({ url: "/entrance/api/ws", headers: [["Authorization", "garbage"]] }))).toStrictEqual(WS));
    it("without Authorization it is the entrance page", async () => {
      expect(await verify(aceCase({ url: "/entrance/api/ws", headers: [] }))).toMatchObject({ error: "missing_headers", status: 418 });
    });
  });

  describe(`${name}: acepanel 2: a header Go's scanner refuses`, () => {
    const table: [string, string][] = [
      [`HMAC-SHA256 Credential=16,Signature=${DOC_SIGNATURE}`, "expected space in input to match format"],
      [`HMAC-SHA256 Credential=16 , Signature=${DOC_SIGNATURE}`, "input does not match format"],
      [`HMAC-SHA256 Credential=+16, Signature=${DOC_SIGNATURE}`, "expected integer"],
      [`HMAC-SHA256 Credential=0x10, Signature=${DOC_SIGNATURE}`, "input does not match format"],
      [`HMAC-SHA256 Credential=99999999999999999999, Signature=${DOC_SIGNATURE}`, 'strconv.ParseUint: parsing "99999999999999999999": value out of range'],
      ["HMAC-SHA256 Credential=16, Signature=", "EOF"],
      ["HMAC-SHA256 Credential=16", "unexpected EOF"],
      [`HMAC-SHA256 Signature=${DOC_SIGNATURE}, Credential=16`, "input does not match format"],
    ];
    for (const [header, error] of table) {
      it(`${JSON.stringify(header.replace(DOC_SIGNATURE, "<sig>"))}: invalid header: ${error}`, async () => {
        expect(await verify(aceCase({ headers: [ts(), ["Authorization", header]] }))).toStrictEqual({
          valid: false,
          error: "malformed_authorization",
          status: 401,
          message: `invalid header: ${error}`,
        });
      });
    }
  });

  describe(`${name}: acepanel: the leniency of the header`, () => {
    for (const header of [
      `HMAC-SHA256   Credential=16,\tSignature=${DOC_SIGNATURE}`,
      `HMAC-SHA256 Credential= 16, Signature=${DOC_SIGNATURE}`,
      `HMAC-SHA256 Credential=016, Signature=${DOC_SIGNATURE}`,
      `HMAC-SHA256\u00a0Credential=16,\u00a0Signature=${DOC_SIGNATURE}`,
      `HMAC-SHA256 Credential=16, Signature=${DOC_SIGNATURE} trailing words`,
    ]) {
      it(`accepts ${JSON.stringify(header.replace(DOC_SIGNATURE, "<sig>"))}`, async () => {
        expect(await verify(aceCase({ headers: [ts(), ["Authorization", header]] }))).toStrictEqual({ valid: true, ...shown(INFO) });
      });
    }
  });

  describe(`${name}: acepanel 3-5: algorithm, key id, expiry`, () => {
    it("3: the algorithm is case-sensitive", async () => {
      const header = `hmac-sha256 Credential=16, Signature=${DOC_SIGNATURE}`;
      expect(await verify(aceCase({ headers: [ts(), ["Authorization", header]] }))).toStrictEqual({ ...INVALID_SIGNATURE, error: "unsupported_algorithm" });
    });
    it("3: another algorithm", async () => {
      const header = `HMAC-SHA1 Credential=16, Signature=${DOC_SIGNATURE}`;
      expect(await verify(aceCase({ headers: [ts(), ["Authorization", header]] }))).toStrictEqual({ ...INVALID_SIGNATURE, error: "unsupported_algorithm" });
    });
    it("4: an unknown id says only invalid signature", async () => {
      expect(await verify(aceCase({ headers: [ts(), auth(DOC_SIGNATURE, 17)] }))).toStrictEqual({ ...INVALID_SIGNATURE, error: "unknown_key" });
    });
    it("4: ids are 64-bit: 4294967312 is not 16", async () => {
      expect(await verify(aceCase({ keyId: 4294967312 }))).toStrictEqual({ ...INVALID_SIGNATURE, error: "unknown_key" });
      const big = aceCase({ keyId: 4294967312, headers: [ts(), auth(DOC_SIGNATURE, 4294967312)] });
      expect(await verify(big)).toStrictEqual({ valid: true, ...shown(INFO) });
    });
    it("4: ids beyond 2^53 as decimal strings", async () => {
      const id = "18446744073709551615";
      expect(await verify(aceCase({ keyId: id, headers: [ts(), auth(DOC_SIGNATURE, id)] }))).toStrictEqual({ valid: true, ...shown(INFO) });
      expect(await verify(aceCase({ keyId: id, headers: [ts(), auth(DOC_SIGNATURE, "18446744073709551614")] }))).toMatchObject({ error: "unknown_key" });
    });
    it("5: an expired token, before the signature is checked", async () => {
      const expired = { valid: false, error: "token_expired", status: 401, message: "token expired" };
      expect(await verify(aceCase({ context: { tokenExpiresAt: NOW - 1 } }))).toStrictEqual(expired);
      expect(await verify(aceCase({ headers: [ts(), auth("0".repeat(64))], context: { tokenExpiresAt: NOW - 1 } }))).toStrictEqual(expired);
    });
    it("5: a token expiring right now is still valid", async () => {
      expect(await verify(aceCase({ context: { tokenExpiresAt: NOW } }))).toStrictEqual({ valid: true, ...shown(INFO) });
    });
  });

  describe(`${name}: acepanel 6: the signature`, () => {
    it("a wrong signature, with what was expected", async () => {
      expect(await verify(aceCase({ headers: [ts(), auth("0".repeat(64))] }))).toStrictEqual({ ...INVALID_SIGNATURE, error: "signature_mismatch", ...shown(INFO) });
    });
    it("upper-case hex fails (the hex text is compared)", async () => {
      expect(await verify(aceCase({ headers: [ts(), auth(DOC_SIGNATURE.toUpperCase())] }))).toMatchObject({ error: "signature_mismatch" });
    });
    it("a trailing comma becomes part of the signature", async () => {
      expect(await verify(aceCase({ headers: [ts(), auth(DOC_SIGNATURE + ",")] }))).toMatchObject({ error: "signature_mismatch" });
    });
    it("a truncated signature fails", async () => {
      expect(await verify(aceCase({ headers: [ts(), auth(DOC_SIGNATURE.slice(0, 63))] }))).toMatchObject({ error: "signature_mismatch" });
    });
    it("a bad signature with a stale timestamp is invalid signature", async () => {
      const stale = String(NOW - 1000);
      expect(await verify(aceCase({ headers: [ts(stale), auth("0".repeat(64))] }))).toStrictEqual({
        ...INVALID_SIGNATURE,
        error: "signature_mismatch",
        ...shown(INFO, stale),
      });
    });
  });

  describe(`${name}: acepanel 7: the timestamp`, () => {
    const EXPIRED = { valid: false, status: 401, message: "signature expired" };
    const at = (text: string, signedAs: string) => aceCase({ headers: [ts(text), auth(sig(INFO, signedAs))] });
    it("7a: a missing X-Timestamp reads as 0 (and is signed as 0)", async () => {
      expect(await verify(aceCase({ headers: [auth(sig(INFO, "0"))] }))).toStrictEqual({ ...EXPIRED, error: "timestamp_invalid", ...shown(INFO, "0") });
    });
    for (const text of ["1.7e9", "1e9", "abc", "99999999999999999999", "1700000000.5x", "0x6553f100.5", "1_700_000_000.9", ".5"]) {
      it(`7a: ${JSON.stringify(text)} reads as 0`, async () => {
        expect(await verify(at(text, "0"))).toStrictEqual({ ...EXPIRED, error: "timestamp_invalid", ...shown(INFO, "0") });
      });
    }
    it("7b: exactly now - 300 passes", async () => {
      const t = String(NOW - 300);
      expect(await verify(at(t, t))).toStrictEqual({ valid: true, ...shown(INFO, t) });
    });
    it("7b: now - 301 is signature expired", async () => {
      const t = String(NOW - 301);
      expect(await verify(at(t, t))).toStrictEqual({ ...EXPIRED, error: "timestamp_expired", ...shown(INFO, t) });
    });
    it("any future timestamp passes: milliseconds are far in the future", async () => {
      expect(await verify(at("1700000000000", "1700000000000"))).toMatchObject({ valid: true });
    });
    it("a fractional now: the server compares whole seconds", async () => {
      const t = String(NOW - 300);
      expect(await verify({ ...at(t, t), context: { now: NOW + 0.9, entrance: "/entrance" } })).toMatchObject({ valid: true });
    });
    const rereads: [string, string][] = [["1700000000.9", "1700000000"], ["+1700000000", "1700000000"], ["0x6553f100", "1700000000"], ["1_700_000_000", "1700000000"]];
    for (const [text, value] of rereads) {
      it(`${text} is read as ${value} and the number is what is signed`, async () => {
        expect(await verify(at(text, value))).toStrictEqual({ valid: true, ...shown(INFO, value) });
        expect(await verify(at(text, text))).toMatchObject({ error: "signature_mismatch" });
      });
    }
    it("a leading zero is octal: 01700000000 is 251658240, long expired", async () => {
      expect(await verify(at("01700000000", "251658240"))).toMatchObject({ error: "timestamp_expired" });
    });
  });

  describe(`${name}: acepanel 8: the IP whitelist`, () => {
    const inside = { ipWhitelist: ["203.0.113.0/24"], clientIp: "203.0.113.10:54321" };
    const refused = (ip: string) => ({ valid: false, error: "ip_not_allowed", status: 401, message: `invalid request ip: ${ip}`, ...shown(INFO) });
    it("a client inside a CIDR block passes", async () => expect(await verify(aceCase({ context: inside }))).toStrictEqual({ valid: true, ...shown(INFO) }));
    it("a client outside is refused, the ip in the message", async () => {
      expect(await verify(aceCase({ context: { ...inside, clientIp: "198.51.100.1:5" } }))).toStrictEqual(refused("198.51.100.1"));
    });
    it("a bad ip with a bad signature is invalid signature", async () => {
      const c = aceCase({ headers: [ts(), auth("0".repeat(64))], context: { ...inside, clientIp: "198.51.100.1:5" } });
      expect(await verify(c)).toMatchObject({ error: "signature_mismatch" });
    });
    it("an empty whitelist lets anyone in", async () => {
      expect(await verify(aceCase({ context: { ipWhitelist: [], clientIp: "198.51.100.1:5" } }))).toMatchObject({ valid: true });
    });
    it("exact entries compare as text: 2001:DB8::1 is not 2001:db8::1", async () => {
      expect(await verify(aceCase({ context: { ipWhitelist: ["2001:DB8::1"], clientIp: "[2001:db8::1]:443" } }))).toStrictEqual(refused("2001:db8::1"));
      expect(await verify(aceCase({ context: { ipWhitelist: ["2001:db8::1"], clientIp: "[2001:db8::1]:443" } }))).toMatchObject({ valid: true });
    });
    it("an IPv4 client matches an IPv4-mapped block, not ::/0", async () => {
      expect(await verify(aceCase({ context: { ipWhitelist: ["::ffff:203.0.113.0/120"], clientIp: "203.0.113.10:1" } }))).toMatchObject({ valid: true });
      expect(await verify(aceCase({ context: { ipWhitelist: ["::/0"], clientIp: "203.0.113.10:1" } }))).toStrictEqual(refused("203.0.113.10"));
    });
    it("a zoned address never matches", async () => {
      expect(await verify(aceCase({ context: { ipWhitelist: ["::/0"], clientIp: "[fe80::1%eth0]:80" } }))).toStrictEqual(refused("fe80::1%eth0"));
    });
    it("a bare peer ip is checked as it is", async () => {
      expect(await verify(aceCase({ context: { ...inside, clientIp: "203.0.113.10" } }))).toMatchObject({ valid: true });
    });
    it("with an IP header, its first element is the client", async () => {
      const c = aceCase({ headers: [ts(), auth(DOC_SIGNATURE), ["X-Forwarded-For", "203.0.113.7:1234, 10.0.0.1:80"]], context: { ...inside, clientIp: "10.0.0.1:5", ipHeader: "X-Forwarded-For" } });
      expect(await verify(c)).toMatchObject({ valid: true });
    });
    it("the IP header's name is matched in any case", async () => {
      const c = aceCase({ headers: [ts(), auth(DOC_SIGNATURE), ["x-real-ip", "203.0.113.7:1"]], context: { ...inside, clientIp: "10.0.0.1:5", ipHeader: "X-Real-IP" } });
      expect(await verify(c)).toMatchObject({ valid: true });
    });
    it("a bare ip in the IP header: the server falls back to the peer with its port, which never matches", async () => {
      const c = aceCase({ headers: [ts(), auth(DOC_SIGNATURE), ["X-Forwarded-For", "203.0.113.7"]], context: { ...inside, clientIp: "203.0.113.10:54321", ipHeader: "X-Forwarded-For" } });
      expect(await verify(c)).toStrictEqual(refused("203.0.113.10:54321"));
    });
    it("the IP header is ignored unless the panel trusts one", async () => {
      const c = aceCase({ headers: [ts(), auth(DOC_SIGNATURE), ["X-Forwarded-For", "203.0.113.7:1"]], context: { ...inside, clientIp: "198.51.100.1:5" } });
      expect(await verify(c)).toStrictEqual(refused("198.51.100.1"));
    });
    it("an absent IP header: the peer", async () => {
      expect(await verify(aceCase({ context: { ...inside, ipHeader: "X-Forwarded-For" } }))).toMatchObject({ valid: true });
    });
  });

  describe(`${name}: acepanel: every message in every locale the server ships`, () => {
    // The texts of reference/acepanel-server.md "Messages in every locale", written out literally.
    const MESSAGES: [what: string, request: Request, en: string, zhCN: string, zhTW: string][] = [
      ["invalid header", { headers: [ts(), ["Authorization", "x"]] }, "invalid header: unexpected EOF", "无效的请求头： unexpected EOF", "無效的請求標頭：unexpected EOF"],
      ["invalid signature", { headers: [ts(), auth("0".repeat(64))] }, "invalid signature", "无效的签名", "無效的簽名"],
      ["unknown key", { headers: [ts(), auth(DOC_SIGNATURE, 1)] }, "invalid signature", "无效的签名", "無效的簽名"],
      ["token expired", { context: { tokenExpiresAt: 1 } }, "token expired", "令牌已过期", "令牌已過期"],
      ["signature expired", { headers: [auth(sig(INFO, "0"))] }, "signature expired", "签名已过期", "簽名已過期"],
      ["invalid request ip", { context: { ipWhitelist: ["10.0.0.0/8"], clientIp: "1.2.3.4:5" } }, "invalid request ip: 1.2.3.4", "无效的请求 IP：1.2.3.4", "無效的請求 IP：1.2.3.4"],
      ["ws not allowed", { url: "/entrance/api/ws" }, "ws not allowed", "不允许 ws", "不允許 ws"],
      ["session expired", { url: "/api/user/info", headers: [ts()], context: { entrance: "/" } }, "session expired, please login again", "会话已过期，请重新登录", "工作階段已過期，請重新登入"],
    ];
    for (const [what, request, ...texts] of MESSAGES) {
      (["en", "zh_CN", "zh_TW"] as const).forEach((locale, i) => {
        it(`${what} in ${locale}`, async () => {
          expect(await verify(aceCase({ ...request, context: { ...request.context, locale } }))).toMatchObject({ valid: false, message: texts[i] });
        });
      });
    }
    it("a locale the server does not ship is refused", async () => {
      await expect(verify(aceCase({ context: { locale: "zh_HK" as never } }))).rejects.toMatchObject({ code: "invalid_case", field: "context.locale" });
    });
  });

  describe(`${name}: acepanel: what is signed, on the receiving side`, () => {
    const valid = async (r: Request, canonicalRequest: string) => {
      const c = aceCase({ ...r, headers: [ts(), auth(sig(canonicalRequest))] });
      expect(await verify(c)).toStrictEqual({ valid: true, ...shown(canonicalRequest) });
    };
    it("the method as sent", () => valid({ method: "get" }, `get\n/api/user/info\n\n${EMPTY_SHA256}`));
    it("the query re-encoded the Go way", () => valid({ url: "/entrance/api/x?b=2&a=1&a=0&c=x%20y" }, `GET\n/api/x\na=1&a=0&b=2&c=x+y\n${EMPTY_SHA256}`));
    it("the decoded path, nothing normalised", () => valid({ url: "/entrance/api/a%20b//c/../d/" }, `GET\n/api/a b//c/../d/\n\n${EMPTY_SHA256}`));
    it("only the first entrance is removed", () => valid({ url: "/entrance/api/x/entrance/api/y" }, `GET\n/api/x/entrance/api/y\n\n${EMPTY_SHA256}`));
    it("an entrance containing /api is removed whole", () => valid({ url: "/x/api/api/y", context: { entrance: "/x/api" } }, `GET\n/api/y\n\n${EMPTY_SHA256}`));
    it("a GET body is hashed", () => valid({ body: '{"a":1}' }, `GET\n/api/user/info\n\n${sha256hex('{"a":1}')}`));
    it("an absolute URL", () => valid({ url: "https://panel.example.com:8888/entrance/api/user/info" }, INFO));
    it("a query pair with a bad escape is dropped, so changing it keeps the signature", async () => {
      const canonicalRequest = `GET\n/api/x\na=1\n${EMPTY_SHA256}`;
      for (const url of ["/entrance/api/x?a=1&b=%zz", "/entrance/api/x?a=1&b=%zy"]) await valid({ url }, canonicalRequest);
    });
    it("a path whose bytes are not UTF-8 is verified on its bytes; there is no canonicalRequest text", async () => {
      const canonical = Buffer.concat([Buffer.from("GET\n/api/"), Buffer.from([0xff]), Buffer.from(`\n\n${EMPTY_SHA256}`)]);
      const stringToSign = `HMAC-SHA256\n1700000000\n${createHash("sha256").update(canonical).digest("hex")}`;
      const signature = createHmac("sha256", secret).update(stringToSign).digest("hex");
      const c = aceCase({ url: "/entrance/api/%FF", headers: [ts(), auth(signature)] });
      expect(await verify(c)).toStrictEqual({ valid: true, stringToSign, expectedSignature: signature });
    });
    it("a path Go cannot decode is Go's 400, before anything else", async () => {
      expect(await verify(aceCase({ url: "/entrance/api/%zz" }))).toStrictEqual({ valid: false, error: "signature_mismatch", status: 400, message: "400 Bad Request" });
      expect(await verify(aceCase({ url: "/other/%" }))).toMatchObject({ status: 400 });
    });
    it("header names in any case; the first of repeated headers counts", async () => {
      const c = aceCase({ headers: [["x-timestamp", "1700000000"], ["X-Timestamp", "1"], ["authorization", auth(DOC_SIGNATURE)[1]], ["Authorization", "garbage"]] });
      expect(await verify(c)).toStrictEqual({ valid: true, ...shown(INFO) });
    });
    it("spaces around a header value are not part of it (HTTP trims them)", async () => {
      expect(await verify(aceCase({ headers: [ts(" 1700000000 "), ["Authorization", ` ${auth(DOC_SIGNATURE)[1]}\t`]] }))).toMatchObject({ valid: true });
    });
  });
}
