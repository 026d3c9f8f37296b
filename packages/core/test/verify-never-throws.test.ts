// Whatever a client sends, a verifier answers with a reason code and never throws: random
// request-targets, methods, header values (any bytes but CR, LF and NUL, as HTTP allows) and
// bodies, against each scheme, including under an entrance, an IP header and a whitelist.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifyHttpWith, type HeaderPair, type VerifyOptions } from "@panelsig/core";
import { oracleProvider } from "./oracle.ts";

const REASONS = [
  "missing_headers", "malformed_authorization", "unsupported_algorithm", "unknown_key", "token_expired", "signature_mismatch",
  "timestamp_invalid", "timestamp_expired", "timestamp_in_future", "ip_not_allowed", "websocket_not_allowed", "entrance_mismatch",
  "body_too_large", "replayed",
];

/** A header value as bytes (one char per byte), biased towards the characters the parsers care about. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."HMAC-SHA256 Credential=16, Signature=0123456789abcdef:.[]%+-_\t\xa0\xc2\xff") }),
  fc.string({ unit: fc.integer({ min: 1, max: 255 }).filter((c) => c !== 10 && c !== 13).map((c) => String.fromCharCode(c)) }),
);
const target = fc.string({ unit: fc.constantFrom(..."/apientrcws%2F0zZ?&=;.+ ~#\xff") }).map((t) => (t.startsWith("/") ? t : "/" + t));
const name = fc.constantFrom("Authorization", "X-Timestamp", "X-Signature", "X-Forwarded-For", "authorization", "x-timestamp");
const headers = fc.array(fc.tuple(name, headerValue), { maxLength: 6 }) as fc.Arbitrary<HeaderPair[]>;
const method = fc.constantFrom("GET", "POST", "get", "DELETE", "PROPFIND");
const body = fc.uint8Array({ maxLength: 64 });

const OPTIONS: VerifyOptions[] = [
  { scheme: "acepanel", token: () => ({ secret: "s", ipWhitelist: ["203.0.113.0/24", "2001:db8::1"] }), entrance: "/entrance", ipHeader: "X-Forwarded-For", now: () => 1700000000 },
  { scheme: "acepanel", token: (id) => (id === "16" ? { secret: "s", expiresAt: 1800000000 } : undefined), now: () => 1700000000, locale: "zh_CN" },
  { scheme: "opterius-agent", secret: "s", now: () => 1700000000 },
  { scheme: "opterius-panel", secret: "s", now: () => 1700000000, maxBodyBytes: 32, replayStore: { claim: () => true } },
];

describe("a verifier never throws on what a client sent", () => {
  for (const options of OPTIONS) {
    it(`${options.scheme}${"entrance" in options ? " under an entrance" : ""}`, async () => {
      await fc.assert(
        fc.asyncProperty(method, target, headers, body, fc.string(), async (m, t, h, b, peer) => {
          const result = await verifyHttpWith(oracleProvider, { method: m, target: t, headers: h, body: b, clientIp: peer }, options);
          expect(typeof result.valid).toBe("boolean");
          if (!result.valid) expect(REASONS.includes(result.error!)).toBe(true);
        }),
        { numRuns: 400 },
      );
    });
  }
});
