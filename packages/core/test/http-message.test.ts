// The request as a receiver reads it: header look-up and trimming (its shortcut hands back the
// value itself when there is nothing to trim: the same text as the slice), the request-target
// split as Go's url.ParseRequestURI does (the path ends at the first "?"; an absolute URL's
// scheme and authority are not part of it), and the peer printed as Go's net.JoinHostPort.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { headerValue, peerAddress } from "@panelsig/core";
import { splitTarget, trimSpacesAndTabs } from "../src/http-message.ts";

describe("trimSpacesAndTabs: the untouched value or the trimmed slice, always the trimmed text", () => {
  it("for any text, equal to trimming with a regex (fine on short values)", () => {
    const text = fc.string({ unit: fc.constantFrom(" ", "\t", "a", "\r", "\n", "\u00a0"), maxLength: 12 });
    fc.assert(fc.property(text, (t) => trimSpacesAndTabs(t) === t.replace(/^[ \t]+/, "").replace(/[ \t]+$/, "")), { numRuns: 2000, seed: 15 });
  });
  it("hand-picked", () => {
    expect(trimSpacesAndTabs("a")).toBe("a");
    expect(trimSpacesAndTabs(" a")).toBe("a");
    expect(trimSpacesAndTabs("a\t")).toBe("a");
    expect(trimSpacesAndTabs(" \t ")).toBe("");
    expect(trimSpacesAndTabs("\ra\n")).toBe("\ra\n");
  });
});

describe("headerValue: Go's Header.Get", () => {
  it("the first of any letter case, trimmed; empty when absent", () => {
    const headers: [string, string][] = [["x-a", "1"], ["X-B", " two "], ["x-b", "3"], ["X-EMPTY", ""]];
    expect(headerValue(headers, "X-A")).toBe("1");
    expect(headerValue(headers, "x-b")).toBe("two");
    expect(headerValue(headers, "X-Empty")).toBe("");
    expect(headerValue(headers, "X-C")).toBe("");
  });
});

describe("splitTarget: path and query as url.ParseRequestURI splits them", () => {
  const table: [string, string, string | undefined][] = [
    ["/", "/", undefined],
    ["/a/b", "/a/b", undefined],
    ["/a?", "/a", ""],
    ["/a?b=1", "/a", "b=1"],
    ["/a?b?c", "/a", "b?c"],
    ["/a#f?b", "/a#f", "b"],
    ["http://h.example/p?q=1", "/p", "q=1"],
    ["https://h.example:8443/p/q", "/p/q", undefined],
    ["http://h.example", "", undefined],
    ["http://h.example?q", "", "q"],
    ["http://u@h.example/p", "/p", undefined],
    ["svn+ssh.x-y://h/p", "/p", undefined],
    ["HTTP://H/p?Q", "/p", "Q"],
  ];
  for (const [target, rawPath, rawQuery] of table) {
    it(`${target}`, () => expect(splitTarget(target)).toEqual({ rawPath, rawQuery }));
  }
  it("a path that holds a URL is a path", () => {
    expect(splitTarget("/http://h/p")).toEqual({ rawPath: "/http://h/p", rawQuery: undefined });
    expect(splitTarget("/r?u=http://h/p?q")).toEqual({ rawPath: "/r", rawQuery: "u=http://h/p?q" });
  });
});

describe("peerAddress: net.JoinHostPort, an IPv4-mapped client as IPv4", () => {
  const table: [string, number | string, string][] = [
    ["203.0.113.10", 54321, "203.0.113.10:54321"],
    ["::1", 8080, "[::1]:8080"],
    ["::ffff:127.0.0.1", "80", "127.0.0.1:80"],
    ["::FFFF:10.0.0.1", 1, "10.0.0.1:1"],
    ["::ffff:10.20.30.40", 443, "10.20.30.40:443"],
    ["::ffff:192.168.100.200", 2, "192.168.100.200:2"],
    ["::ffff:1.2.3", 1, "[::ffff:1.2.3]:1"],
    ["::ffff:7f00:1", 1, "[::ffff:7f00:1]:1"],
    ["1::ffff:1.2.3.4", 1, "[1::ffff:1.2.3.4]:1"],
    ["::ffff:1.2.3.4x", 1, "[::ffff:1.2.3.4x]:1"],
  ];
  for (const [ip, port, printed] of table) it(`${ip} ${port}`, () => expect(peerAddress(ip, port)).toBe(printed));
});
