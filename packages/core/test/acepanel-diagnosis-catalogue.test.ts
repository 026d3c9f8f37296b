// The acepanel diagnosis catalogue (docs/verify-outcomes.md, "The diagnosis of a signature
// mismatch") on the requests where a mistake is easy to misname: each client below made one known
// mistake and gets exactly that name (or, where the catalogue has no such mistake, none). The
// canonical requests are written by hand from the scheme's rules (Go's url.Values.Encode for the
// query, the decoded path after the entrance); signatures are node:crypto over them (oracle.ts).
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyHttpWith, type CryptoProvider, type HttpMessage, type VerifyOptions } from "@panelsig/core";
import { acepanelExpected, EMPTY_SHA256, oracleProvider, sha256hex } from "./oracle.ts";

const secret = "YourSecretToken";
const NOW = 1700000000;
const options = (more: Record<string, unknown> = {}) =>
  ({ scheme: "acepanel", token: (id: string) => (id === "16" ? { secret } : undefined), entrance: "/entrance", now: () => NOW, ...more }) as unknown as VerifyOptions;

interface Sent {
  method?: string;
  timestamp?: string;
  body?: HttpMessage["body"];
}
const message = (target: string, signature: string, sent: Sent = {}): HttpMessage => ({
  method: sent.method ?? "GET",
  target,
  headers: [["X-Timestamp", sent.timestamp ?? String(NOW)], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${signature}`]],
  body: sent.body ?? new Uint8Array(0),
});
const signed = (canonicalRequest: string, timestamp = String(NOW)) => acepanelExpected(secret, timestamp, canonicalRequest).signature;
const verify = (target: string, signature: string, sent: Sent = {}, more: Record<string, unknown> = {}) => verifyHttpWith(oracleProvider, message(target, signature, sent), options(more));

/** The diagnosis of a client that signed `canonicalRequest` (at NOW) and sent `target`. */
async function diagnosisOf(target: string, canonicalRequest: string, sent: Sent = {}, more: Record<string, unknown> = {}) {
  const r = await verify(target, signed(canonicalRequest), sent, more);
  expect(r.error).toBe("signature_mismatch");
  return r.diagnosis;
}

describe("acepanel diagnosis: the method and the path", () => {
  it('method-case: "get" signed, "GET" sent', async () => {
    expect(await diagnosisOf("/entrance/api/user/info", `get\n/api/user/info\n\n${EMPTY_SHA256}`)).toMatchObject({ mistake: "method-case", canonicalRequest: `get\n/api/user/info\n\n${EMPTY_SHA256}` });
  });
  it("path-whatwg: the WHATWG URL class resolves dot segments, the receiver keeps them", async () => {
    // The receiver signs /api/x/../y; new URL("http://h/api/x/../y").pathname is /api/y.
    expect(await diagnosisOf("/entrance/api/x/../y", `GET\n/api/y\n\n${EMPTY_SHA256}`)).toMatchObject({ mistake: "path-whatwg", canonicalRequest: `GET\n/api/y\n\n${EMPTY_SHA256}` });
  });
  it("an escaped entrance (the raw path is not under it, the decoded one is): the whole decoded path is entrance-not-stripped", async () => {
    const canonicalRequest = `GET\n/entrance/api/user/info\n\n${EMPTY_SHA256}`;
    expect(await diagnosisOf("/%65ntrance/api/user/info", canonicalRequest)).toMatchObject({ mistake: "entrance-not-stripped", canonicalRequest });
  });
  it('an entrance that starts with "/api": the whole path signed is entrance-not-stripped, not path-cut-at-first-api', async () => {
    const canonicalRequest = `GET\n/api2/api/x\n\n${EMPTY_SHA256}`;
    expect(await diagnosisOf("/api2/api/x", canonicalRequest, {}, { entrance: "/api2" })).toMatchObject({ mistake: "entrance-not-stripped", canonicalRequest });
  });
});

describe("acepanel diagnosis: the query's pairs as sent (query-unsorted), as Go's url.ParseQuery keeps them", () => {
  // [query sent, the query the client signed: Go's encoding of the pairs Go keeps, in the order sent]
  const cases: [sent: string, signed: string][] = [
    ["b=2&&a=1", "b=2&a=1"], // an empty pair is skipped
    ["c=3&a=1;b=2&b=1", "c=3&b=1"], // a pair with ";" is dropped
    ["b&a=1", "b=&a=1"], // a key without "=" has the empty value
    ["b=2&=x", "b=2&=x"], // an empty key
    ["b+c=x+y&a=1", "b+c=x+y&a=1"], // "+" is a space in keys and values, written back as "+"
    ["c=1&%zz=1&b=%zz&a=2", "c=1&a=2"], // a pair whose key or value has a bad escape is dropped
  ];
  for (const [sent, query] of cases) {
    it(`sent ${JSON.stringify(sent)}, signed ${JSON.stringify(query)}`, async () => {
      const canonicalRequest = `GET\n/api/user/info\n${query}\n${EMPTY_SHA256}`;
      expect(await diagnosisOf(`/entrance/api/user/info?${sent}`, canonicalRequest)).toMatchObject({ mistake: "query-unsorted", canonicalRequest });
    });
  }
  it("query-key-without-equals among other pairs", async () => {
    // Go writes "a=1&k="; the client wrote the key alone.
    const canonicalRequest = `GET\n/api/user/info\na=1&k\n${EMPTY_SHA256}`;
    expect(await diagnosisOf("/entrance/api/user/info?a=1&k", canonicalRequest)).toMatchObject({ mistake: "query-key-without-equals", canonicalRequest });
  });
  it('query-decoded keeps "+" (the percent escapes only are decoded)', async () => {
    // Go reads a = "x y&" and writes a=x+y%26; decoding the text sent gives a=x+y&.
    const canonicalRequest = `GET\n/api/user/info\na=x+y&\n${EMPTY_SHA256}`;
    expect(await diagnosisOf("/entrance/api/user/info?a=x+y%26", canonicalRequest)).toMatchObject({ mistake: "query-decoded", canonicalRequest });
  });
  // Go's url.ParseQuery refuses a query of more than 10000 pairs whole (GODEBUG urlmaxqueryparams).
  const pairs = (n: number) => ["b=1", ...Array.from({ length: n - 1 }, () => "a=1")].join("&");
  it("10000 pairs, the most Go reads: the query signed in the order sent is query-unsorted", async () => {
    const canonicalRequest = `GET\n/api/user/info\n${pairs(10000)}\n${EMPTY_SHA256}`;
    expect(await diagnosisOf(`/entrance/api/user/info?${pairs(10000)}`, canonicalRequest)).toMatchObject({ mistake: "query-unsorted" });
  });
  it("10001 pairs: Go drops the whole query, and no query mistake is tried", async () => {
    expect(await diagnosisOf(`/entrance/api/user/info?${pairs(10001)}`, `GET\n/api/user/info\n${pairs(10001)}\n${EMPTY_SHA256}`)).toBe(undefined);
  });
});

describe("acepanel diagnosis: the body", () => {
  it("body-not-sent: [] signed, no body sent", async () => {
    const canonicalRequest = `GET\n/api/user/info\n\n${sha256hex("[]")}`;
    expect(await diagnosisOf("/entrance/api/user/info", canonicalRequest)).toMatchObject({ mistake: "body-not-sent", canonicalRequest });
  });
  it("a body was sent: {} signed is no body-not-sent (nor any other known mistake)", async () => {
    const body = new TextEncoder().encode("abc");
    expect(await diagnosisOf("/entrance/api/website", `POST\n/api/website\n\n${sha256hex("{}")}`, { method: "POST", body })).toBe(undefined);
  });

  // A client that sent {"a": 1} and signed JSON.stringify's {"a":1}.
  const sentJson = '{"a": 1}';
  const reserialised = `POST\n/api/website\n\n${sha256hex('{"a":1}')}`;
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(sentJson));
        controller.close();
      },
    });
  it("a streamed body: re-serialised forms are tried only when the verifier kept its bytes (keepBody)", async () => {
    expect(await diagnosisOf("/entrance/api/website", reserialised, { method: "POST", body: stream() })).toBe(undefined);
    expect(await diagnosisOf("/entrance/api/website", reserialised, { method: "POST", body: stream() }, { keepBody: true })).toMatchObject({ mistake: "body-reserialised-js", canonicalRequest: reserialised });
  });
  it("re-serialised forms are tried on bodies up to 64 KiB (65536 bytes), not above", async () => {
    // {"a": "x…x"} (9 bytes around the x's) sent, {"a":"x…x"} signed.
    const body = (length: number) => `{"a": "${"x".repeat(length - 9)}"}`;
    for (const [length, mistake] of [[65536, "body-reserialised-js"], [65537, undefined]] as const) {
      const sent = body(length);
      expect(sent.length).toBe(length);
      const diagnosis = await diagnosisOf("/entrance/api/website", `POST\n/api/website\n\n${sha256hex(JSON.stringify(JSON.parse(sent)))}`, { method: "POST", body: new TextEncoder().encode(sent) });
      expect(diagnosis?.mistake).toBe(mistake);
    }
  });
});

describe("acepanel diagnosis: the timestamp", () => {
  const INFO = `GET\n/api/user/info\n\n${EMPTY_SHA256}`;
  const skewed: [seconds: number, summary: string][] = [
    [2, "your client signed a timestamp 2 seconds later than the X-Timestamp it sent; sign the very text you send"],
    [-1, "your client signed a timestamp 1 second earlier than the X-Timestamp it sent; sign the very text you send"],
  ];
  for (const [seconds, summary] of skewed) {
    it(`timestamp-skew: signed at X-Timestamp ${seconds > 0 ? "+" : ""}${seconds} s`, async () => {
      const timestamp = String(NOW + seconds);
      const r = await verify("/entrance/api/user/info", signed(INFO, timestamp));
      expect(r.diagnosis).toStrictEqual({ mistake: "timestamp-skew", summary, signature: signed(INFO, timestamp), canonicalRequest: INFO, stringToSign: `HMAC-SHA256\n${timestamp}\n${sha256hex(INFO)}` });
    });
  }
  it("no skew is tried around a timestamp the server reads as 0 (no clock reading was sent)", async () => {
    const r = await verify("/entrance/api/user/info", signed(INFO, "1"), { timestamp: "soon" });
    expect(r.error).toBe("signature_mismatch");
    expect(r.diagnosis).toBe(undefined);
  });
});

describe("acepanel diagnosis: a path whose bytes are not UTF-8 has no canonicalRequest text", () => {
  // The receiver signs GET \n /api/<0xff> \n \n <empty hash>: shown as its string to sign only.
  const canonical = Buffer.concat([Buffer.from("GET\n/api/"), Buffer.from([0xff]), Buffer.from(`\n\n${EMPTY_SHA256}`)]);
  const stringToSign = (timestamp: number) => `HMAC-SHA256\n${timestamp}\n${createHash("sha256").update(canonical).digest("hex")}`;
  const hmac = (text: string) => createHmac("sha256", secret).update(text).digest("hex");
  it("signature-uppercase-hex", async () => {
    const sent = hmac(stringToSign(NOW)).toUpperCase();
    const r = await verify("/entrance/api/%FF", sent);
    const { summary, ...rest } = r.diagnosis!;
    expect(summary).toMatch(/^your client /);
    expect(rest).toStrictEqual({ mistake: "signature-uppercase-hex", signature: sent, stringToSign: stringToSign(NOW) });
  });
  it("timestamp-skew", async () => {
    const sent = hmac(stringToSign(NOW + 1));
    const r = await verify("/entrance/api/%FF", sent);
    const { summary, ...rest } = r.diagnosis!;
    expect(summary).toMatch(/^your client /);
    expect(rest).toStrictEqual({ mistake: "timestamp-skew", signature: sent, stringToSign: stringToSign(NOW + 1) });
  });
});

describe("acepanel diagnosis: the work", () => {
  it("no two HMACs of a rejection sign the same bytes with the same key, the receiver's own included", async () => {
    const macs: string[] = [];
    const recording: CryptoProvider = {
      ...oracleProvider,
      hmacSha256(key, data) {
        macs.push(`${Buffer.from(key).toString("hex")} ${Buffer.from(data).toString("hex")}`);
        return oracleProvider.hmacSha256(key, data);
      },
    };
    // Entrance "/", an upper-case method, a query and a JSON body: several mistakes sign what the receiver signs.
    const m: HttpMessage = { ...message("/api/website?b=2&a=1", "0".repeat(64), { method: "POST", body: new TextEncoder().encode('{"a":1}') }) };
    const r = await verifyHttpWith(recording, m, options({ entrance: "/" }));
    expect(r.error).toBe("signature_mismatch");
    expect(r.diagnosis).toBe(undefined);
    expect(macs.length).toBeGreaterThan(10); // the diagnosis ran: the HMAC of the receiver, then of each distinct candidate
    expect(new Set(macs).size).toBe(macs.length);
    const own = `HMAC-SHA256\n${NOW}\n${sha256hex(`POST\n/api/website\na=1&b=2\n${sha256hex('{"a":1}')}`)}`;
    expect(macs.filter((mac) => mac === `${Buffer.from(secret).toString("hex")} ${Buffer.from(own).toString("hex")}`).length).toBe(1);
  });
});
