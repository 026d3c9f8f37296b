// Properties 1 and 7: the three providers agree byte for byte on SHA-256 (one-shot and streamed)
// and HMAC-SHA256 over random inputs sized to hit the block and padding edges, with keys past the
// 64-byte block; and the pure provider agrees with @noble/hashes, an independent implementation
// used here only as an oracle.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { toHex } from "@panelsig/core";
import { PROVIDERS } from "@panelsig/conformance";
import { HmacSha256Key, pureProvider } from "@panelsig/pure";
import { chunkSizes, hmacKey, message } from "./fuzz-arbitraries.ts";
import { digestsAgree, streamedSha256 } from "./fuzz-agreement.ts";
import { FUZZ_TIMEOUT_MS, fuzzParameters } from "./fuzz-settings.ts";

describe("fuzz: crypto primitives", () => {
  it("node, webcrypto and pure agree on SHA-256 and HMAC-SHA256", async () => {
    expect(PROVIDERS.map((p) => p.name)).toEqual(["node", "webcrypto", "pure"]);
    await fc.assert(digestsAgree(PROVIDERS.map((p) => p.provider)), fuzzParameters());
  }, FUZZ_TIMEOUT_MS);

  it("pure agrees with @noble/hashes on SHA-256, streamed SHA-256 and HMAC-SHA256", async () => {
    await fc.assert(
      fc.asyncProperty(message, hmacKey, chunkSizes, async (data, key, sizes) => {
        const oracle = [toHex(sha256(data)), toHex(hmac(sha256, key, data))];
        expect([toHex(await pureProvider.sha256(data)), toHex(await pureProvider.hmacSha256(key, data))]).toEqual(oracle);
        expect(toHex(await streamedSha256(pureProvider, data, sizes))).toBe(oracle[0]);
        expect(toHex(new HmacSha256Key(key).mac(data))).toBe(oracle[1]);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});
