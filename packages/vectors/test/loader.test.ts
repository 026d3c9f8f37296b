// The loader over the committed corpus: every file is reachable by scheme, counts agree, and a
// vector turns into the contract's case object with a large body expanded exactly.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PanelsigError } from "@panelsig/core";
import { acepanelVectors, hmacSha256Vectors, isSignVector, loadVectors, repeatBody, SCHEME_VECTOR_FILES, toCase } from "@panelsig/vectors";

describe("loadVectors", () => {
  for (const scheme of ["opterius-agent", "opterius-panel", "acepanel"] as const) {
    it(`finds the ${scheme} file, whose numberOfVectors is its length`, () => {
      const file = loadVectors(scheme);
      expect(file.scheme).toBe(scheme);
      expect(file.numberOfVectors).toBe(file.vectors.length);
    });
  }

  it("refuses an unknown scheme with a typed error naming the field", () => {
    expect(() => loadVectors("aws-sigv4" as never)).toThrow(PanelsigError);
    expect(() => loadVectors("aws-sigv4" as never)).toThrow(/^scheme: "aws-sigv4" has no vectors/);
  });

  it("lists the three scheme files in the contract's order", () => {
    expect(SCHEME_VECTOR_FILES.map((f) => f.scheme)).toEqual(["opterius-agent", "opterius-panel", "acepanel"]);
  });

  it("loads the HMAC file with RFC 4231 case 1 first", () => {
    const first = hmacSha256Vectors.vectors[0]!;
    expect(hmacSha256Vectors.numberOfVectors).toBe(hmacSha256Vectors.vectors.length);
    expect(first.key).toBe("0b".repeat(20));
    expect(first.tag).toBe("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  });
});

describe("repeatBody", () => {
  it("repeats the text count times", () => {
    expect(repeatBody({ text: "ab", count: 3 })).toBe("ababab");
  });
});

describe("toCase", () => {
  it("expands bodyRepeat into the exact 1 MiB body", () => {
    const vector = acepanelVectors.vectors.find((v) => v.case.request.bodyRepeat !== undefined)!;
    const request = toCase(vector).request;
    const independent = createHash("sha256");
    for (let i = 0; i < 65536; i++) independent.update("0123456789abcdef");
    expect(vector.case.request.bodyRepeat).toEqual({ text: "0123456789abcdef", count: 65536 });
    expect("bodyRepeat" in request).toBe(false);
    expect(createHash("sha256").update(request.body as string).digest("hex")).toBe(independent.digest("hex"));
  });

  it("keeps the op and the request, and attaches the tcId", () => {
    const vector = acepanelVectors.vectors.find((v) => v.tcId === 3001)!;
    expect(isSignVector(vector)).toBe(true);
    expect(toCase(vector)).toEqual({ ...vector.case, tcId: 3001 });
  });
});
