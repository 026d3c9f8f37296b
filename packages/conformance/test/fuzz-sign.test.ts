// Property 2: the three providers sign random requests of every scheme identically — headers and
// every intermediate — and refuse the same bad ones with the same PanelsigError code and field.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SCHEME_IDS } from "@panelsig/core";
import { PROVIDERS } from "@panelsig/conformance";
import { signCase } from "./fuzz-arbitraries.ts";
import { signOutcome, signsAgree } from "./fuzz-agreement.ts";
import { FUZZ_TIMEOUT_MS, fuzzParameters } from "./fuzz-settings.ts";

describe("fuzz: sign", () => {
  for (const scheme of SCHEME_IDS) {
    it(`${scheme}: node, webcrypto and pure give identical sign results`, async () => {
      expect(PROVIDERS.length).toBe(3);
      await fc.assert(signsAgree(PROVIDERS, signCase(scheme)), fuzzParameters());
    }, FUZZ_TIMEOUT_MS);

    it(`${scheme}: most generated cases are signable, so agreement is not only on refusals`, async () => {
      const cases = fc.sample(signCase(scheme), { numRuns: 200, seed: 42 });
      let signed = 0;
      for (const input of cases) if ("signature" in (await signOutcome(PROVIDERS[0]!, input))) signed++;
      expect(signed).toBeGreaterThan(100);
    });
  }
});
