// request.ts's shortcuts against the paths they stand in for:
// - decodedPath returns an ASCII path without "%" as it is; decodePath (Go's unescaping and the
//   UTF-8 check) must give the same text, or the same error, for every path;
// - refuseUnknown checks own-property only for names it does not know: a name inherited from a
//   prototype is still no field, and an unknown own name is still refused.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PanelsigError } from "@panelsig/core";
import { decodedPath, decodePath, refuseUnknown } from "../src/request.ts";

const outcome = (f: () => string) => {
  try {
    return { text: f() };
  } catch (error) {
    return { code: (error as PanelsigError).code, message: (error as Error).message };
  }
};

describe("decodedPath: the shortcut for a path with nothing to decode", () => {
  it("gives decodePath's answer for any path", () => {
    const unit = fc.constantFrom("/", "a", "Z", "0", "%", "2", "f", "G", "+", "é", "😀", "\x7f", "~");
    fc.assert(fc.property(fc.string({ unit, maxLength: 24 }), (tail) => {
      const rawPath = "/" + tail;
      expect(outcome(() => decodedPath(rawPath))).toEqual(outcome(() => decodePath(rawPath)));
    }), { numRuns: 2000, seed: 15 });
  });

  it("hand-checked: plain, escaped, non-ASCII, a bad escape", () => {
    expect(decodedPath("/api/accounts/42/suspend")).toBe("/api/accounts/42/suspend");
    expect(decodedPath("/a+b")).toBe("/a+b"); // "+" is a plus in a path
    expect(decodedPath("/a%20b")).toBe("/a b");
    expect(decodedPath("/caf%C3%A9")).toBe("/café");
    expect(decodedPath("/café")).toBe("/café");
    expect(outcome(() => decodedPath("/50%"))).toMatchObject({ code: "invalid_url" });
    expect(outcome(() => decodedPath("/%FF"))).toMatchObject({ code: "invalid_url" });
  });
});

describe("refuseUnknown: own names only", () => {
  const known = ["scheme", "request"];
  it("a known own name passes; an inherited enumerable name is no field", () => {
    const inherited = Object.create({ contxt: 1 }) as Record<string, unknown>;
    inherited.scheme = "opterius-agent";
    expect(() => refuseUnknown(inherited, known, "", "a case")).not.toThrow();
  });
  it("an unknown own name is refused, named with its prefix", () => {
    expect(outcome(() => (refuseUnknown({ scheme: 1, contxt: 1 }, known, "request.", "request"), ""))).toEqual({
      code: "invalid_case",
      message: "request.contxt: unknown field; request takes: scheme, request",
    });
  });
});
