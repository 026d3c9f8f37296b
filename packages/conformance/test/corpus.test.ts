// The whole golden vector corpus on every provider: each sign vector must pass on all three,
// each verify vector on every package that has a verifier (and is reported as not yet
// checkable where there is none), each HMAC vector on every provider's primitive.
import { describe, expect, it } from "vitest";
import { PROVIDERS, runHmacVector, runVector } from "@panelsig/conformance";
import { hmacSha256Vectors, isSignVector, SCHEME_VECTOR_FILES } from "@panelsig/vectors";

describe("the corpus", () => {
  it("has at least 400 vectors", () => {
    const total = SCHEME_VECTOR_FILES.reduce((n, f) => n + f.vectors.length, 0) + hmacSha256Vectors.vectors.length;
    expect(total).toBeGreaterThan(399);
  });

  it("has sign and verify vectors for every scheme", () => {
    for (const file of SCHEME_VECTOR_FILES) {
      expect(file.vectors.filter(isSignVector).length).toBeGreaterThan(0);
      expect(file.vectors.filter((v) => !isSignVector(v)).length).toBeGreaterThan(0);
    }
  });
});

for (const pkg of PROVIDERS) {
  describe(`${pkg.name}`, () => {
    for (const file of SCHEME_VECTOR_FILES) {
      for (const vector of file.vectors.filter(isSignVector)) {
        it(`${file.scheme} sign ${vector.tcId} ${vector.name}`, async () => {
          expect(await runVector(pkg, vector)).toEqual({ tcId: vector.tcId, status: "passed" });
        });
      }
      const verifyVectors = file.vectors.filter((v) => !isSignVector(v));
      if (typeof (pkg as { verify?: unknown }).verify === "function") {
        for (const vector of verifyVectors) {
          it(`${file.scheme} verify ${vector.tcId} ${vector.name}`, async () => {
            expect(await runVector(pkg, vector)).toMatchObject({ tcId: vector.tcId, status: "passed" });
          });
        }
      } else {
        it(`${file.scheme}: ${verifyVectors.length} verify vectors are not yet checkable (${pkg.name} has no verify)`, async () => {
          for (const vector of verifyVectors) {
            expect(await runVector(pkg, vector)).toMatchObject({ tcId: vector.tcId, status: "not-checkable" });
          }
        });
      }
    }
    for (const vector of hmacSha256Vectors.vectors) {
      it(`hmac-sha256 ${vector.tcId} ${vector.name}`, async () => {
        expect(await runHmacVector(pkg.provider, vector)).toEqual({ tcId: vector.tcId, status: "passed" });
      });
    }
  });
}
