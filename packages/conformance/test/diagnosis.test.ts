// The diagnosis of a signature mismatch, on every provider: each Diagnosis vector gets exactly the
// diagnosis the independent generator states; every diagnosis the corpus provokes reproduces the
// signature sent (recomputed here with node:crypto, never through panelsig), so none is a guess;
// requests signed with no known mistake get none; and the work after a rejection is bounded.
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyHttpWith, type CryptoProvider, type HttpMessage, type VerifyResult } from "@panelsig/core";
import { nodeProvider } from "@panelsig/node";
import { PROVIDERS } from "@panelsig/conformance";
import { isSignVector, SCHEME_VECTOR_FILES, toCase, type VerifyVector } from "@panelsig/vectors";

const verifyVectors = SCHEME_VECTOR_FILES.flatMap((file) => file.vectors.filter((v): v is VerifyVector => !isSignVector(v)));
const diagnosed = verifyVectors.filter((v) => v.expected.diagnosis);
const mismatches = verifyVectors.filter((v) => v.expected.error === "signature_mismatch");

for (const { name, verify } of PROVIDERS) {
  describe(`${name}: the Diagnosis vectors`, () => {
    for (const vector of diagnosed) {
      it(`${vector.case.scheme} ${vector.tcId} ${vector.name}`, async () => {
        const { diagnosis } = await verify(toCase(vector));
        expect(diagnosis).not.toBe(undefined);
        const { summary, ...rest } = diagnosis!;
        expect(rest).toEqual(vector.expected.diagnosis);
        expect(summary).toMatch(/^your .{20,}/);
      });
    }
  });
}

describe("every diagnosis the corpus provokes reproduces the signature sent", () => {
  const seen = new Set<string>();
  for (const vector of mismatches) {
    it(`${vector.case.scheme} ${vector.tcId} ${vector.name}`, async () => {
      const result = await PROVIDERS[0]!.verify(toCase(vector));
      if (!result.diagnosis) return;
      seen.add(result.diagnosis.mistake);
      expect(result.diagnosis.signature).toBe(sentSignature(vector));
      expect(independentSignature(vector.case.credentials.secret, result)).toBe(result.diagnosis.signature.toLowerCase());
    });
  }
  it("and the corpus provokes every mistake id of the Diagnosis vectors", () => {
    expect([...seen].sort()).toEqual([...new Set(diagnosed.map((v) => v.expected.diagnosis!.mistake))].sort());
  });
});

describe("no known mistake, no diagnosis", () => {
  // Another secret, a changed signature: nothing a client's known mistake explains.
  for (const tcId of [3508, 3511, 1132, 1135, 2132, 2135]) {
    it(`tcId ${tcId}`, async () => {
      const vector = mismatches.find((v) => v.tcId === tcId)!;
      expect(vector.name).toMatch(/tampered-signature|wrong-secret|wrong-token/);
      const result = await PROVIDERS[0]!.verify(toCase(vector));
      expect(result.error).toBe("signature_mismatch");
      expect(result.diagnosis).toBe(undefined);
    });
  }
});

describe("the work after a rejection", () => {
  const message = (signature: string): HttpMessage => ({
    method: "POST",
    target: "/entrance/api/website?b=2&a=%20x&flag",
    headers: [["X-Timestamp", "1700000000"], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${signature}`]],
    body: new TextEncoder().encode('{"name":"example.com","path":"/www"}'),
  });
  const options = { scheme: "acepanel" as const, token: () => ({ secret: "9f2c4e7a1b3d5f60718293a4b5c6d7e8" }), entrance: "/entrance", now: () => 1700000000 };

  it("is at most 64 HMACs more, and none when the caller turns the diagnosis off", async () => {
    const { calls, counting } = countingProvider();
    const wrong = "0".repeat(64);
    const diagnosing = await verifyHttpWith(counting, message(wrong), options);
    expect(diagnosing.error).toBe("signature_mismatch");
    expect(diagnosing.diagnosis).toBe(undefined);
    const withDiagnosis = calls.hmac;
    calls.hmac = 0;
    const plain = await verifyHttpWith(counting, message(wrong), { ...options, diagnose: false });
    expect(plain.error).toBe("signature_mismatch");
    expect(calls.hmac).toBe(1);
    expect(withDiagnosis - 1).toBeGreaterThan(20); // every kind of candidate was tried
    expect(withDiagnosis - 1).toBeLessThanOrEqual(64);
  });

  it("a request the verifier accepts costs no diagnosis", async () => {
    const { calls, counting } = countingProvider();
    const right = await verifyHttpWith(counting, message("0".repeat(64)), options);
    calls.hmac = 0;
    const accepted = await verifyHttpWith(counting, message(right.expectedSignature!), options);
    expect(accepted.valid).toBe(true);
    expect(calls.hmac).toBe(1);
  });
});

/** The node provider, counting its HMACs. */
function countingProvider() {
  const calls = { hmac: 0 };
  const counting: CryptoProvider = {
    name: "counting",
    sha256: (data) => nodeProvider.sha256(data),
    createSha256: () => nodeProvider.createSha256(),
    hmacSha256: (key, data) => (calls.hmac++, nodeProvider.hmacSha256(key, data)),
  };
  return { calls, counting };
}

function sentSignature(vector: VerifyVector): string {
  const headers = vector.case.request.headers ?? [];
  const value = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1].trim() ?? "";
  return vector.case.scheme === "acepanel" ? /Signature=(\S*)/.exec(value("authorization"))![1]! : value("x-signature");
}

/** HMAC-SHA256 of what the diagnosis says the client signed, with the key the mistake names. */
function independentSignature(secret: string, result: VerifyResult): string {
  const d = result.diagnosis!;
  if (d.canonicalRequest !== undefined) {
    expect(d.stringToSign!.split("\n")[2]).toBe(createHash("sha256").update(d.canonicalRequest, "utf8").digest("hex"));
  }
  const key = d.mistake === "secret-hex-decoded" ? Buffer.from(secret, "hex") : d.mistake === "secret-trailing-newline" ? `${secret}\n` : secret;
  const signed = d.stringToSign !== undefined ? Buffer.from(d.stringToSign, "utf8") : Buffer.from(d.stringToSignBase64!, "base64");
  return createHmac("sha256", key).update(signed).digest("hex");
}

describe("the diagnosis never throws because of what the client sent", () => {
  const options = { scheme: "opterius-agent" as const, secret: "s", now: () => 1775658720 };
  const headers: [string, string][] = [["X-Timestamp", "2026-04-08T14:32:00Z"], ["X-Signature", "0".repeat(64)]];
  it("a JSON body nested 30000 deep (the re-serialisers recurse)", async () => {
    const body = new TextEncoder().encode("[".repeat(30000) + "]".repeat(30000));
    const result = await verifyHttpWith(nodeProvider, { method: "POST", target: "/x", headers, body }, options);
    expect(result.error).toBe("signature_mismatch");
    expect(result.diagnosis).toBe(undefined);
  });
  it("a request-target that is not a path (OPTIONS *)", async () => {
    const result = await verifyHttpWith(nodeProvider, { method: "OPTIONS", target: "*", headers, body: new Uint8Array(0) }, options);
    expect(result.error).toBe("signature_mismatch");
    expect(result.diagnosis).toBe(undefined);
  });
});
