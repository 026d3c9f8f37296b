// The AcePanel query rules, each checked on a hand-derived expected value. The first table is
// copied literally from the facts read off the AcePanel server (reference/acepanel-server.md).
import { describe, expect, it } from "vitest";
import { canonicalQuery } from "@panelsig/core";

describe("canonicalQuery: the server's own examples", () => {
  const table: [string, string][] = [
    ["b=2&a=1&a=0&c=x%20y", "a=1&a=0&b=2&c=x+y"],
    ["flag&e=", "e=&flag="],
    ["k=%7E%2a&t=~*!'()", "k=~%2A&t=~%2A%21%27%28%29"],
    ["a=%e4%b8%ad", "a=%E4%B8%AD"],
    ["a=1;b=2&c=3", "c=3"],
    ["%C3%A9=1&z=2", "z=2&%C3%A9=1"],
  ];
  for (const [sent, canonical] of table) {
    it(`${sent} -> ${canonical}`, () => expect(canonicalQuery(sent)).toBe(canonical));
  }
});

describe("canonicalQuery: each rule", () => {
  it("drops empty pairs", () => expect(canonicalQuery("&&a=1&&")).toBe("a=1"));
  it("empty query stays empty", () => expect(canonicalQuery("")).toBe(""));
  it("drops a pair with an invalid escape, keeps the rest", () => expect(canonicalQuery("a=%zz&b=%4&c=1")).toBe("c=1"));
  it("drops a pair whose key has an invalid escape", () => expect(canonicalQuery("%g1=2&x=y")).toBe("x=y"));
  it("keeps repeated values in the order sent (not sorted)", () => expect(canonicalQuery("k=z&k=a&k=m")).toBe("k=z&k=a&k=m"));
  it("splits only at the first '='", () => expect(canonicalQuery("a=b=c")).toBe("a=b%3Dc"));
  it("keeps an empty key", () => expect(canonicalQuery("=x")).toBe("=x"));
  it("reads '+' as a space and writes a space as '+'", () => expect(canonicalQuery("q=a+b%20c")).toBe("q=a+b+c"));
  it("escapes a literal '+' sent as %2B", () => expect(canonicalQuery("q=%2B")).toBe("q=%2B"));
  it("escapes reserved characters", () => expect(canonicalQuery("p=/a:b@c$d,e")).toBe("p=%2Fa%3Ab%40c%24d%2Ce"));
  it("encodes raw non-ASCII as its UTF-8 bytes", () => expect(canonicalQuery("名=値")).toBe("%E5%90%8D=%E5%80%A4"));
  it("sorts by decoded bytes, not by the escaped text", () => {
    // decoded: "B" (0x42) < "_" (0x5f) < "a" (0x61); escaped, "%41" would sort before "B".
    expect(canonicalQuery("a=1&_=2&%42=3")).toBe("B=3&_=2&a=1");
  });
  it("sorts by UTF-8 bytes, not UTF-16 code units", () => {
    // U+FF61 is EF BD A1 and U+1F600 is F0 9F 98 80: bytes put U+FF61 first, UTF-16 the other way.
    expect(canonicalQuery("%F0%9F%98%80=1&%EF%BD%A1=2")).toBe("%EF%BD%A1=2&%F0%9F%98%80=1");
  });
  it("keeps invalid UTF-8 from escapes as bytes", () => expect(canonicalQuery("a=%ff%FE")).toBe("a=%FF%FE"));
  it("a repeated key gathers its values even when other keys come between", () => {
    expect(canonicalQuery("b=1&a=x&b=2")).toBe("a=x&b=1&b=2");
  });
  it("keeps up to 10000 pairs and drops every pair past Go's limit", () => {
    const pairs = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v`).join("&");
    expect(canonicalQuery(pairs(10000)).split("&").length).toBe(10000);
    expect(canonicalQuery(pairs(10001))).toBe("");
    expect(canonicalQuery("&".repeat(10000) + "a=1")).toBe("");
    expect(canonicalQuery("&".repeat(9999) + "a=1")).toBe("a=1");
  });
});
