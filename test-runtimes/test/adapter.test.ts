// The adapters' own test: every matcher the project's tests use passes on a match and throws on a
// mismatch, and beforeAll/afterAll run when vitest runs them, the same under vitest, bun test and
// deno test (where "vitest" is deno-vitest.ts). Without it, an adapter whose matchers never fail
// would turn every test under it green.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Runs an assertion that must fail, and fails if it does not. */
function mustFail(assertion: () => void): void {
  let failed = false;
  try {
    assertion();
  } catch {
    failed = true;
  }
  if (!failed) throw new Error("an assertion that should have failed passed");
}

/** The same for rejects/resolves (bun throws at once for a promise already settled, others reject). */
async function mustReject(assertion: () => Promise<void>): Promise<void> {
  try {
    await assertion();
  } catch {
    return;
  }
  throw new Error("an async assertion that should have failed passed");
}

class Thing {
  constructor(readonly a: number) {}
}

describe("test adapter matchers", () => {
  it("toBe is identity", () => {
    expect(1).toBe(1);
    expect(NaN).toBe(NaN);
    mustFail(() => expect({}).toBe({}));
    mustFail(() => expect("1").toBe(1));
    expect(1).not.toBe(2);
    mustFail(() => expect(1).not.toBe(1));
  });

  it("toEqual compares bytes, arrays and objects deeply, ignoring undefined properties", () => {
    expect(new Uint8Array([1, 2])).toEqual(new Uint8Array([1, 2]));
    mustFail(() => expect(new Uint8Array([1, 2])).toEqual(new Uint8Array([1, 3])));
    mustFail(() => expect(new Uint8Array([1, 2])).toEqual(new Uint8Array([1, 2, 0])));
    mustFail(() => expect(new Uint8Array([1, 2])).toEqual([1, 2]));
    expect([["X-Timestamp", "1"], ["a", "b"]]).toEqual([["X-Timestamp", "1"], ["a", "b"]]);
    mustFail(() => expect([["X-Timestamp", "1"]]).toEqual([["X-Timestamp", "2"]]));
    mustFail(() => expect([1, 2]).toEqual([1, 2, 3]));
    expect({ a: 1, b: undefined }).toEqual({ a: 1 });
    expect({ a: { b: [1, { c: "x" }] } }).toEqual({ a: { b: [1, { c: "x" }] } });
    mustFail(() => expect({ a: { b: [1, { c: "x" }] } }).toEqual({ a: { b: [1, { c: "y" }] } }));
    mustFail(() => expect({ a: 1 }).toEqual({ a: 1, b: 2 }));
    mustFail(() => expect(new Map([["a", 1]])).toEqual(new Map([["a", 2]])));
  });

  it("toStrictEqual also compares classes and undefined properties", () => {
    expect({ a: 1 }).toStrictEqual({ a: 1 });
    mustFail(() => expect({ a: 1, b: undefined }).toStrictEqual({ a: 1 }));
    mustFail(() => expect(new Thing(1)).toStrictEqual({ a: 1 }));
  });

  it("toMatchObject checks a subset, recursively", () => {
    expect({ valid: false, error: "signature_mismatch", status: 401 }).toMatchObject({ valid: false, error: "signature_mismatch" });
    mustFail(() => expect({ valid: false, error: "unknown_key" }).toMatchObject({ error: "signature_mismatch" }));
    mustFail(() => expect({ a: 1 }).toMatchObject({ a: 1, b: undefined }));
    expect({ a: { b: 1, c: 2 }, d: [{ e: 1, f: 2 }] }).toMatchObject({ a: { b: 1 }, d: [{ e: 1 }] });
    mustFail(() => expect({ d: [{ e: 1 }, { e: 2 }] }).toMatchObject({ d: [{ e: 1 }] }));
    const error = Object.assign(new Error("request.url: bad"), { code: "invalid_url", field: "request.url" });
    expect(error).toMatchObject({ code: "invalid_url", field: "request.url" });
    mustFail(() => expect(error).toMatchObject({ code: "invalid_body" }));
  });

  it("toThrow checks that a function throws, by message text, pattern or class", () => {
    const thrower = () => {
      throw new TypeError("digest() called twice");
    };
    expect(thrower).toThrow();
    expect(thrower).toThrow("called twice");
    expect(thrower).toThrow(/^digest\(\)/);
    expect(thrower).toThrow(TypeError);
    mustFail(() => expect(thrower).toThrow("never"));
    mustFail(() => expect(thrower).toThrow(/^called/));
    mustFail(() => expect(thrower).toThrow(RangeError));
    mustFail(() => expect(() => undefined).toThrow());
  });

  it("the other matchers", () => {
    expect(new Thing(1)).toBeInstanceOf(Thing);
    mustFail(() => expect({ a: 1 }).toBeInstanceOf(Thing));
    expect(1).toBeLessThan(2);
    mustFail(() => expect(2).toBeLessThan(2));
    expect(3).toBeGreaterThan(2);
    mustFail(() => expect(2).toBeGreaterThan(2));
    expect(2).toBeLessThanOrEqual(2);
    mustFail(() => expect(3).toBeLessThanOrEqual(2));
    expect(2).toBeGreaterThanOrEqual(2);
    mustFail(() => expect(1).toBeGreaterThanOrEqual(2));
    expect("X-Signature: ab\n").toContain("Signature: ab\n");
    mustFail(() => expect("X-Signature: ab").toContain("Signature: ac"));
    expect(["a", "b"]).toContain("b");
    mustFail(() => expect(["a", "b"]).toContain("c"));
    expect({ id: null, message: "line 2: not JSON (x)" }).toStrictEqual({ id: null, message: expect.stringContaining("line 2: not JSON") });
    mustFail(() => expect({ message: "line 3" }).toStrictEqual({ message: expect.stringContaining("line 2") }));
    expect("abc123").toMatch(/^[a-c]+\d+$/);
    expect("abc123").toMatch("c12");
    mustFail(() => expect("abc").toMatch(/\d/));
  });

  it("rejects and resolves wait for the promise and apply the matcher to its outcome", async () => {
    const refusal = Object.assign(new Error("timestamp: bad"), { code: "invalid_timestamp" });
    await expect(Promise.reject(refusal)).rejects.toMatchObject({ code: "invalid_timestamp" });
    await expect(Promise.reject(refusal)).rejects.toThrow(/timestamp/);
    await expect(Promise.resolve(5)).resolves.toBe(5);
    await mustReject(() => expect(Promise.resolve(refusal)).rejects.toMatchObject({ code: "invalid_timestamp" }));
    await mustReject(() => expect(Promise.reject(refusal)).rejects.toMatchObject({ code: "invalid_url" }));
    await mustReject(() => expect(Promise.reject(refusal)).resolves.toBe(5));
    await mustReject(() => expect(Promise.resolve(5)).resolves.toBe(6));
  });
});

const events: string[] = [];
beforeAll(() => void events.push("file: beforeAll"));

describe("test adapter hooks", () => {
  beforeAll(async () => {
    await Promise.resolve();
    events.push("block: beforeAll");
  });
  afterAll(() => void events.push("block: afterAll"));

  it("beforeAll hooks ran first, outer before inner, and awaited", () => {
    events.push("test 1");
    expect(events).toEqual(["file: beforeAll", "block: beforeAll", "test 1"]);
  });

  it("and only once", () => {
    events.push("test 2");
    expect(events).toEqual(["file: beforeAll", "block: beforeAll", "test 1", "test 2"]);
  });
});

describe("after a block", () => {
  it("its afterAll has run", () => {
    expect(events).toEqual(["file: beforeAll", "block: beforeAll", "test 1", "test 2", "block: afterAll"]);
  });
});
