// The harness and the fuzzers catch a provider that is wrong. Two deliberately broken providers
// wrap node:crypto: one drops the last byte of every message it hashes or MACs (so the last body
// byte goes unsigned), one uses only the first 64 bytes of a longer HMAC key instead of hashing
// it (a classic HMAC bug, invisible with short keys). The corpus harness must report failures
// for them, and the differential properties must fail (fc.check reports failed: true).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { signWith, verifyWith, type CryptoProvider } from "@panelsig/core";
import { PROVIDERS, runCorpus, type CorpusReport, type ProviderPackage } from "@panelsig/conformance";
import { nodeProvider } from "@panelsig/node";
import { SCHEME_VECTOR_FILES, isSignVector } from "@panelsig/vectors";
import { anySignCase } from "./fuzz-arbitraries.ts";
import { digestsAgree, signsAgree } from "./fuzz-agreement.ts";
import { fuzzParameters } from "./fuzz-settings.ts";

const withoutLastByte = (data: Uint8Array) => data.subarray(0, Math.max(0, data.length - 1));

const dropsLastByte: CryptoProvider = {
  name: "drops-last-byte",
  sha256: (data) => nodeProvider.sha256(withoutLastByte(data)),
  createSha256() {
    const chunks: number[] = [];
    return { update: (chunk) => void chunks.push(...chunk), digest: () => nodeProvider.sha256(withoutLastByte(Uint8Array.from(chunks))) };
  },
  hmacSha256: (key, data) => nodeProvider.hmacSha256(key, withoutLastByte(data)),
};

const truncatesLongKeys: CryptoProvider = {
  ...nodeProvider,
  name: "truncates-long-keys",
  hmacSha256: (key, data) => nodeProvider.hmacSha256(key.subarray(0, 64), data),
};

const asPackage = (provider: CryptoProvider): ProviderPackage => ({
  name: provider.name,
  provider,
  sign: (input) => signWith(provider, input),
  verify: (input) => verifyWith(provider, input),
});

const signVectorIds = SCHEME_VECTOR_FILES.flatMap((file) => file.vectors.filter(isSignVector).map((v) => v.tcId));

/** The corpus on the byte-dropping provider, run once for the tests that read it. */
let dropsLastByteReport: Promise<CorpusReport> | undefined;
const dropsLastByteCorpus = () => (dropsLastByteReport ??= runCorpus([asPackage(dropsLastByte)]));

describe("a provider that drops the last byte", () => {
  it("fails every sign vector in the corpus harness, where node:crypto fails none", async () => {
    const broken = await dropsLastByteCorpus();
    const real = await runCorpus([PROVIDERS[0]!]);
    const failedIds = (report: CorpusReport) => new Set(report.rows.flatMap((row) => row.failures.map((f) => f.tcId)));
    const [brokenFailed, realFailed] = [failedIds(broken), failedIds(real)];
    expect(signVectorIds.length).toBeGreaterThan(50);
    expect(signVectorIds.filter((id) => !brokenFailed.has(id))).toEqual([]);
    expect(signVectorIds.filter((id) => realFailed.has(id))).toEqual([]);
  });

  it("is reported in every vector file, the HMAC primitive vectors included", async () => {
    const { rows, unavailable } = await dropsLastByteCorpus();
    expect(unavailable).toEqual([]);
    expect(rows.map((row) => `${row.file}: ${row.failed > 0 ? "failures" : "none"}`)).toEqual(
      ["opterius-agent", "opterius-panel", "acepanel", "hmac-sha256"].map((file) => `${file}: failures`),
    );
  });

  it("names the first step that differs: acepanel's canonical request (its body hash), else the signature", async () => {
    const { rows } = await dropsLastByteCorpus();
    for (const file of SCHEME_VECTOR_FILES) {
      const failures = rows.find((row) => row.file === file.scheme)!.failures;
      for (const vector of file.vectors.filter(isSignVector)) {
        const { body, bodyBase64, bodyRepeat } = vector.case.request;
        // An empty body hashes right even without its last byte: then the canonical request's own hash is wrong.
        const step = file.scheme !== "acepanel" ? "signature" : body || bodyBase64 || bodyRepeat ? "canonicalRequest" : "stringToSign";
        expect(`${vector.tcId}: ${failures.find((f) => f.tcId === vector.tcId)?.step}`).toBe(`${vector.tcId}: ${step}`);
      }
    }
  });

  it("fails the digest agreement property, with a seed and path to replay", async () => {
    const details = await fc.check(digestsAgree([nodeProvider, dropsLastByte]), fuzzParameters());
    expect(details.failed).toBe(true);
    expect(typeof details.seed).toBe("number");
    expect(details.counterexamplePath).toMatch(/^\d+(:\d+)*$/);
  });

  it("fails the sign agreement property", async () => {
    const details = await fc.check(signsAgree([PROVIDERS[0]!, asPackage(dropsLastByte)], anySignCase), fuzzParameters());
    expect(details.failed).toBe(true);
  });
});

describe("a provider that truncates HMAC keys longer than the block", () => {
  it("passes short keys but fails the digest agreement property (keys past 64 bytes are drawn)", async () => {
    const shortKey = new Uint8Array(64).fill(7);
    const message = new Uint8Array([1, 2, 3]);
    expect(await truncatesLongKeys.hmacSha256(shortKey, message)).toEqual(await nodeProvider.hmacSha256(shortKey, message));
    const details = await fc.check(digestsAgree([nodeProvider, truncatesLongKeys]), fuzzParameters());
    expect(details.failed).toBe(true);
  });

  it("is caught by the corpus's long-key HMAC vectors", async () => {
    const { rows } = await runCorpus([asPackage(truncatesLongKeys)]);
    expect(rows.find((row) => row.file === "hmac-sha256")!.failed).toBeGreaterThan(0);
  });
});
