// Deno's stand-in for the "vitest" import (mapped in the root deno.json), so the very same test
// files that vitest runs on Node also run under `deno test`: vitest itself does not run on Deno.
// describe/it become flat Deno.test cases named "outer > inner > test", with beforeAll/afterAll;
// expect implements exactly the plain matchers the project's tests use, and fails loudly on any other.

type Body = () => unknown;

/** A describe block (or the file itself): its hooks, and how many of its tests are still to run. */
interface Scope {
  name: string | undefined;
  parent: Scope | undefined;
  beforeAll: Body[];
  afterAll: Body[];
  started: boolean;
  remaining: number;
}

const newScope = (name: string | undefined, parent: Scope | undefined): Scope => ({ name, parent, beforeAll: [], afterAll: [], started: false, remaining: 0 });
// deno test evaluates each test file in its own isolate, so this module's state is per file.
let current = newScope(undefined, undefined);

function chain(scope: Scope): Scope[] {
  return scope.parent ? [...chain(scope.parent), scope] : [scope];
}

export function describe(name: string, body: () => void): void {
  current = newScope(name, current);
  try {
    body();
  } finally {
    current = current.parent!;
  }
}

/** beforeAll runs before the first test of its block, afterAll after the last, as in vitest. */
export function beforeAll(hook: Body): void {
  current.beforeAll.push(hook);
}

export function afterAll(hook: Body): void {
  current.afterAll.push(hook);
}

/** The optional third argument (vitest's per-test timeout) is accepted; Deno has no test timeout. */
export function it(name: string, body: Body, _timeout?: number): void {
  const scopes = chain(current);
  for (const scope of scopes) scope.remaining++;
  Deno.test({
    name: scopes.flatMap((s) => (s.name === undefined ? [] : [s.name])).concat(name).join(" > "),
    fn: async () => {
      try {
        for (const scope of scopes) {
          if (scope.started) continue;
          scope.started = true;
          for (const hook of scope.beforeAll) await hook();
        }
        await body();
      } finally {
        for (const scope of [...scopes].reverse()) {
          if (--scope.remaining === 0) for (const hook of scope.afterAll) await hook();
        }
      }
    },
    // vitest does not check for leaked async ops or resources; neither does this adapter.
    sanitizeOps: false,
    sanitizeResources: false,
  });
}

class AssertionError extends Error {
  override name = "AssertionError";
}

const show = (value: unknown) => Deno.inspect(value, { depth: 8, colors: false, strAbbreviateSize: 2000, iterableLimit: 200 });

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** An asymmetric matcher such as expect.stringContaining(...): equal to any value it accepts. */
class Asymmetric {
  constructor(readonly description: string, readonly accepts: (value: unknown) => boolean) {}
}

/**
 * vitest's equality: typed arrays by class and contents (as in vitest, a Buffer never equals a
 * plain Uint8Array); arrays and objects recursively; `strict` adds toStrictEqual's checks (same
 * class for objects too, undefined properties count).
 */
function equals(a: unknown, b: unknown, strict: boolean): boolean {
  if (Object.is(a, b)) return true;
  if (b instanceof Asymmetric) return b.accepts(a);
  if (!isPlainRecord(a) || !isPlainRecord(b)) return false;
  if ((strict || ArrayBuffer.isView(a)) && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Object.prototype.toString.call(a) !== Object.prototype.toString.call(b)) return false;
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    return x.length === y.length && x.every((byte, i) => byte === y[i]);
  }
  if ((a instanceof Map || a instanceof Set) && (b instanceof Map || b instanceof Set)) return equals([...a], [...b], strict);
  if (a instanceof Date || a instanceof RegExp) return String(a) === String(b);
  if (a instanceof Error && b instanceof Error && a.message !== b.message) return false;
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return false;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => strict || o[k] !== undefined);
  const ka = keys(a);
  const kb = keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equals(a[k], b[k], strict));
}

/** vitest's toMatchObject: every property of `expected` is in `actual` and matches, recursively. */
function matchesObject(actual: unknown, expected: unknown): boolean {
  if (expected instanceof Asymmetric) return expected.accepts(actual);
  if (!isPlainRecord(expected) || !isPlainRecord(actual) || ArrayBuffer.isView(expected)) return equals(actual, expected, false);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matchesObject(actual[i], e));
  }
  return Object.keys(expected).every((k) => k in actual && matchesObject(actual[k], expected[k]));
}

type Check = [pass: boolean, message: string];

function thrown(error: unknown, expected?: string | RegExp | (new (...args: never[]) => unknown)): Check {
  const message = error instanceof Error ? error.message : String(error);
  if (expected === undefined) return [true, `threw ${show(error)}`];
  if (typeof expected === "string") return [message.includes(expected), `error message ${show(message)} to include ${show(expected)}`];
  if (expected instanceof RegExp) return [expected.test(message), `error message ${show(message)} to match ${expected}`];
  return [error instanceof expected, `error ${show(error)} to be an instance of ${expected.name}`];
}

function matchers(actual: unknown, mode: "value" | "rejects" | "resolves") {
  return {
    toBe: (expected: unknown): Check => [Object.is(actual, expected), `${show(actual)} to be ${show(expected)}`],
    toEqual: (expected: unknown): Check => [equals(actual, expected, false), `${show(actual)} to equal ${show(expected)}`],
    toStrictEqual: (expected: unknown): Check => [equals(actual, expected, true), `${show(actual)} to strictly equal ${show(expected)}`],
    toMatchObject: (expected: unknown): Check => [matchesObject(actual, expected), `${show(actual)} to match object ${show(expected)}`],
    toBeInstanceOf: (expected: new (...args: never[]) => unknown): Check => [actual instanceof expected, `${show(actual)} to be an instance of ${expected.name}`],
    toBeLessThan: (expected: number | bigint): Check => [(actual as number) < expected, `${show(actual)} to be less than ${show(expected)}`],
    toBeLessThanOrEqual: (expected: number | bigint): Check => [(actual as number) <= expected, `${show(actual)} to be at most ${show(expected)}`],
    toBeGreaterThan: (expected: number | bigint): Check => [(actual as number) > expected, `${show(actual)} to be greater than ${show(expected)}`],
    toBeGreaterThanOrEqual: (expected: number | bigint): Check => [(actual as number) >= expected, `${show(actual)} to be at least ${show(expected)}`],
    toContain: (expected: unknown): Check => [
      typeof actual === "string" ? typeof expected === "string" && actual.includes(expected) : Array.isArray(actual) && actual.includes(expected),
      `${show(actual)} to contain ${show(expected)}`,
    ],
    toMatch: (expected: string | RegExp): Check => [
      typeof actual === "string" && (typeof expected === "string" ? actual.includes(expected) : expected.test(actual)),
      `${show(actual)} to match ${show(expected)}`,
    ],
    toThrow: (expected?: string | RegExp | (new (...args: never[]) => unknown)): Check => {
      if (mode === "rejects") return thrown(actual, expected);
      if (typeof actual !== "function") return [false, `${show(actual)} to be a function that throws`];
      try {
        actual();
      } catch (error) {
        return thrown(error, expected);
      }
      return [false, "function to throw"];
    },
  };
}

type Matchers = ReturnType<typeof matchers>;
type Assertions<R> = { [K in keyof Matchers]: (...args: Parameters<Matchers[K]>) => R };

function assertions<R>(actual: unknown, mode: "value" | "rejects" | "resolves", negate: boolean): Assertions<R> {
  const out: Record<string, (...args: unknown[]) => unknown> = {};
  for (const name of Object.keys(matchers(undefined, mode)) as (keyof Matchers)[]) {
    const run = (value: unknown, args: unknown[]) => {
      const [pass, message] = (matchers(value, mode)[name] as (...a: unknown[]) => Check)(...args);
      if (pass === negate) throw new AssertionError(`expected ${negate ? "not: " : ""}${message}`);
    };
    out[name] = (...args) => {
      if (mode === "value") return run(actual, args);
      return Promise.resolve(actual).then(
        (value) => {
          if (mode === "rejects") throw new AssertionError(`expected a rejection, but the promise resolved to ${show(value)}`);
          run(value, args);
        },
        (error) => {
          if (mode === "resolves") throw new AssertionError(`expected the promise to resolve, but it rejected with ${show(error)}`);
          run(error, args);
        },
      );
    };
  }
  return out as Assertions<R>;
}

function expectValue(actual: unknown) {
  return {
    ...assertions<void>(actual, "value", false),
    not: assertions<void>(actual, "value", true),
    rejects: { ...assertions<Promise<void>>(actual, "rejects", false), not: assertions<Promise<void>>(actual, "rejects", true) },
    resolves: { ...assertions<Promise<void>>(actual, "resolves", false), not: assertions<Promise<void>>(actual, "resolves", true) },
  };
}

export const expect = Object.assign(expectValue, {
  stringContaining: (text: string) => new Asymmetric(`StringContaining ${show(text)}`, (value) => typeof value === "string" && value.includes(text)),
});
