// Property 6: AcePanel's canonical query and path, as panelsig computes them, agree with an
// independent model written here from the server's rules (reference: AcePanel's Go server,
// url.ParseQuery + Values.Encode for the query, URL.Path after the entrance for the path), on
// random input over a nasty alphabet. The model works on byte arrays with plain loops and shares
// no code with @panelsig/core's go-url.ts; it is first checked against the published examples.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalQuery, PanelsigError } from "@panelsig/core";
import { sign } from "@panelsig/node";
import { apiPath, entrance, pathTail, rawQuery } from "./fuzz-arbitraries.ts";
import { FUZZ_TIMEOUT_MS, fuzzParameters } from "./fuzz-settings.ts";

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// ---- the model ----

function hexDigit(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  return -1;
}

/** Percent-decoding; in a query "+" is a space. null when a "%" lacks two hex digits. */
function decode(bytes: number[], plusIsSpace: boolean): number[] | null {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] === 0x25) {
      const high = hexDigit(bytes[i + 1]);
      const low = hexDigit(bytes[i + 2]);
      if (high < 0 || low < 0) return null;
      out.push(high * 16 + low);
      i += 3;
    } else {
      out.push(plusIsSpace && bytes[i] === 0x2b ? 0x20 : bytes[i]!);
      i += 1;
    }
  }
  return out;
}

/** Go's url.QueryEscape: A-Z a-z 0-9 - _ . ~ kept, space as "+", every other byte as upper-case %XX. */
function queryEscape(bytes: number[]): string {
  let out = "";
  for (const b of bytes) {
    const kept = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x5f || b === 0x2e || b === 0x7e;
    if (kept) out += String.fromCharCode(b);
    else if (b === 0x20) out += "+";
    else out += "%" + "0123456789ABCDEF"[b >> 4] + "0123456789ABCDEF"[b & 15];
  }
  return out;
}

function compareBytes(a: number[], b: number[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function splitOn(bytes: number[], separator: number): number[][] {
  const parts: number[][] = [[]];
  for (const b of bytes) {
    if (b === separator) parts.push([]);
    else parts[parts.length - 1]!.push(b);
  }
  return parts;
}

/** The rules: split on "&"; drop empty pairs, pairs with ";" and pairs with a bad escape; key is
 *  up to the first "="; sort by decoded key bytes, keeping the sent order within a key; escape. */
function modelQuery(raw: string): string {
  const pairs: { key: number[]; value: number[] }[] = [];
  for (const pair of splitOn([...new TextEncoder().encode(raw)], 0x26)) {
    if (pair.length === 0 || pair.includes(0x3b)) continue;
    const eq = pair.indexOf(0x3d);
    const key = decode(eq < 0 ? pair : pair.slice(0, eq), true);
    const value = decode(eq < 0 ? [] : pair.slice(eq + 1), true);
    if (key !== null && value !== null) pairs.push({ key, value });
  }
  pairs.sort((a, b) => compareBytes(a.key, b.key)); // Array.prototype.sort is stable
  return pairs.map(({ key, value }) => queryEscape(key) + "=" + queryEscape(value)).join("&");
}

/** The rules: the percent-decoded path (no "+" rule); under the normalised entrance; what remains
 *  must be /api or /api/…. null when the server would not check a signature on it, or when the
 *  decoded bytes are not UTF-8 (panelsig refuses to sign those). */
function modelPath(rawPath: string, configured: string): string | null {
  const bytes = decode([...new TextEncoder().encode(rawPath)], false);
  if (bytes === null) return null;
  let path: string;
  try {
    path = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
  let prefix = configured;
  while (prefix.endsWith("/")) prefix = prefix.slice(0, -1);
  if (!prefix.startsWith("/")) prefix = "/" + prefix;
  let rest: string;
  if (prefix === "/") rest = path;
  else if (path === prefix) rest = "";
  else if (path.startsWith(prefix + "/")) rest = path.slice(prefix.length);
  else return null;
  return rest === "/api" || rest.startsWith("/api/") ? rest : null;
}

// ---- the tests ----

describe("fuzz: acepanel canonical query and path", () => {
  it("the model reproduces the reference's examples", () => {
    const examples: [string, string][] = [
      ["b=2&a=1&a=0&c=x%20y", "a=1&a=0&b=2&c=x+y"],
      ["flag&e=", "e=&flag="],
      ["k=%7E%2a&t=~*!'()", "k=~%2A&t=~%2A%21%27%28%29"],
      ["a=%e4%b8%ad", "a=%E4%B8%AD"],
      ["a=1;b=2&c=3", "c=3"],
      ["%C3%A9=1&z=2", "z=2&%C3%A9=1"],
      ["=x&a=b=c&&", "=x&a=b%3Dc"],
      ["a=%zz&b=1", "b=1"],
    ];
    for (const [raw, canonical] of examples) expect(`${raw} -> ${modelQuery(raw)}`).toBe(`${raw} -> ${canonical}`);
    expect(modelPath("/entrance/api/a%20b/%2F/%E4%B8%AD", "/entrance")).toBe("/api/a b///中");
    expect(modelPath("/e/api/x/api/y", "/e")).toBe("/api/x/api/y");
    expect(modelPath("/api2/api/x", "/api2")).toBe("/api/x");
    expect(modelPath("/Entrance/api/x", "/entrance")).toBe(null);
    expect(modelPath("/entrance", "/entrance")).toBe(null);
    expect(modelPath("/entrance/api", "/entrance/")).toBe("/api");
    expect(modelPath("/entrance/api/./../x/", "entrance/")).toBe("/api/./../x/");
    expect(modelPath("/api/x", "/")).toBe("/api/x");
    expect(modelPath("/apix", "/")).toBe(null);
  });

  it("canonicalQuery agrees with the model, raw spaces included", async () => {
    await fc.assert(
      fc.property(rawQuery(true), (raw) => {
        expect(canonicalQuery(raw)).toBe(modelQuery(raw));
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);

  /** An entrance and a raw path: mostly its API, else near misses, another entrance's API, or none. */
  const entranceAndPath = entrance.chain((configured) =>
    fc.tuple(
      fc.constant(configured),
      fc.oneof(
        { weight: 4, arbitrary: apiPath(configured) },
        apiPath(configured, fc.constantFrom("", "/apix", "/ap", "/API", "/%61pi", "/api%2F")),
        entrance.chain((other) => apiPath(other)),
        pathTail.map((tail) => tail || "/"),
      ),
    ),
  );

  it("a signed request's canonical path and query agree with the model, or it is refused", async () => {
    await fc.assert(
      fc.asyncProperty(entranceAndPath, fc.option(rawQuery(), { nil: undefined }), async ([configured, path], query) => {
        const outcome = await sign({
          scheme: "acepanel",
          request: { method: "GET", url: path + (query === undefined ? "" : "?" + query) },
          credentials: { secret: "k", keyId: 1 },
          timestamp: "1700000000",
          options: { entrance: configured },
        }).then(
          (result) => result.canonicalRequest,
          (error: unknown) => (error instanceof PanelsigError ? `${error.code} at ${error.field}` : error),
        );
        const canonicalPath = modelPath(path, configured);
        const expected =
          canonicalPath === null ? "invalid_url at request.url" : `GET\n${canonicalPath}\n${query === undefined ? "" : modelQuery(query)}\n${EMPTY_SHA256}`;
        expect(outcome).toBe(expected);
      }),
      fuzzParameters(),
    );
  }, FUZZ_TIMEOUT_MS);
});
