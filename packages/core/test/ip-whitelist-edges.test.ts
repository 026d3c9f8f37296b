// The edges of the whitelist's Go parsers, each derived by hand from Go's sources: net.SplitHostPort
// (the port after the last ":", a bracketed host ending right before it, no other "[" or "]"),
// netip's parseIPv4Fields and parseIPv6 (groups, "::" standing for at least one zero group, an
// embedded IPv4 only in the last 32 bits), net.ParseCIDR (dtoi: decimal bits, leading zeros fine).
import { describe, expect, it } from "vitest";
import { ipAllowed, parseIp, requestIp } from "@panelsig/core";

const PEER = "198.51.100.1:5";
const v6 = (...groups: number[]) => new Uint8Array(groups.flatMap((g) => [g >> 8, g & 0xff]));

describe("requestIp: net.SplitHostPort on the header's first element", () => {
  const table: [header: string, ip: string][] = [
    ["203.0.113.7:80", "203.0.113.7"],
    [":80", ""], // an empty host is a host
    ["[::1]:80", "::1"],
    ["[]:80", ""],
    ["a[b:1", PEER], // unexpected "["
    ["a]b:1", PEER], // unexpected "]"
    ["[a[b]:1", PEER],
    ["[ab]:1]", PEER],
    ["[ab]]:1", PEER], // "]" not right before the last ":"
    ["[ab]x:1", PEER],
    ["[ab]:1:2", PEER], // the last ":" is not the one after "]"
    ["[ab", PEER],
    ["[ab]", PEER], // no port
    ["[ab:1", PEER], // no "]"
    ["a:b:1", PEER], // too many colons
    ["ab", PEER], // no port
    ["x]:1", PEER],
    ["]x:1", PEER],
  ];
  for (const [header, ip] of table) it(`${JSON.stringify(header)} -> ${JSON.stringify(ip)}`, () => expect(requestIp(PEER, header)).toBe(ip));
});

describe("parseIp: netip's field rules", () => {
  const parsed: [string, Uint8Array][] = [
    ["::1:2:3:4:5:6:7", v6(0, 1, 2, 3, 4, 5, 6, 7)],
    ["1::8", v6(1, 0, 0, 0, 0, 0, 0, 8)],
    ["1:2::7:8", v6(1, 2, 0, 0, 0, 0, 7, 8)],
    ["1::1.2.3.4", v6(1, 0, 0, 0, 0, 0, 0x0102, 0x0304)],
    ["ffff:FFFF:0:00:000:0000:a:B", v6(0xffff, 0xffff, 0, 0, 0, 0, 0xa, 0xb)],
    ["::ffff:0.0.0.0", new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0])],
    ["9.99.199.255", new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 9, 99, 199, 255])],
  ];
  for (const [text, bytes] of parsed) it(text, () => expect(parseIp(text)).toStrictEqual(bytes));
  const refused = [
    "1:2:3:4::5:6:7:8", "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6:7:8:", ":::", "1:::2", "::1::", "1:2:3:4:5:6:7", "1.2.3.4::",
    "::1.2.3", "::1.2.3.4.5", "::1.2.3.256", "1.2.3.-1", "1.2.3.4 ", " 1.2.3.4", "1.2.3.+4", "1.2.3.1000", "1.2.3.",
    "1%2.3.4", "%1", "1:2:3:4:5:6:7:8%x", "abcde::", "::g", "1:2", "1",
    "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:1.2.3.4", "1::2:3:4:5:6:7:1.2.3.4",
  ];
  for (const text of refused) it(`refuses ${JSON.stringify(text)}`, () => expect(parseIp(text)).toBe(undefined));
});

describe("ipAllowed: CIDR bits and masks at every byte edge", () => {
  const table: [block: string, ip: string, allowed: boolean][] = [
    ["203.0.113.0/0000000000000024", "203.0.113.9", true],
    ["203.0.113.0/32", "203.0.113.0", true],
    ["203.0.113.0/32", "203.0.113.1", false],
    ["203.0.113.0/31", "203.0.113.1", true],
    ["203.0.113.0/31", "203.0.113.2", false],
    ["203.0.113.128/25", "203.0.113.127", false],
    ["203.0.113.128/25", "203.0.113.255", true],
    ["203.0.112.0/23", "203.0.113.255", true],
    ["203.0.112.0/23", "203.0.114.0", false],
    ["203.0.0.0/16", "203.0.255.255", true],
    ["203.0.0.0/16", "203.1.0.0", false],
    ["203.0.0.0/9", "203.127.0.0", true],
    ["203.0.0.0/9", "203.128.0.0", false],
    ["128.0.0.0/1", "255.0.0.0", true],
    ["128.0.0.0/1", "127.255.255.255", false],
    ["203.0.113.0/-1", "203.0.113.0", false],
    ["203.0.113.0/+24", "203.0.113.0", false],
    ["203.0.113.0/24/", "203.0.113.0", false],
    ["2001:db8::/127", "2001:db8::1", true],
    ["2001:db8::/127", "2001:db8::2", false],
    ["2001:db8::/128", "2001:db8::", true],
    ["2001:db8::/129", "2001:db8::", false],
    ["2001:db8:8000::/33", "2001:db8:7fff::", false],
    ["2001:db8:8000::/33", "2001:db8:ffff::", true],
    ["::ffff:203.0.113.0/128", "203.0.113.0", true],
    ["::ffff:203.0.113.0/127", "203.0.113.1", true],
    ["::ffff:203.0.113.0/96", "8.8.8.8", true],
    ["::ffff:203.0.113.0/95", "8.8.8.8", false],
    ["::/96", "::8.8.8.8", true],
    ["::/96", "8.8.8.8", false],
    // Only ::ffff:a.b.c.d is an IPv4 client (IP.To4: ten zero bytes, then ff ff).
    ["1.2.3.0/24", "::ffff:1.2.3.4", true],
    ["1.2.3.0/24", "1::ffff:1.2.3.4", false],
    ["1.2.3.0/24", "::ff:1.2.3.4", false],
    ["1.2.3.0/24", "::ff00:1.2.3.4", false],
    ["1.2.3.0/24", "::1.2.3.4", false],
  ];
  for (const [block, ip, allowed] of table) it(`${block} ${allowed ? "holds" : "does not hold"} ${ip}`, () => expect(ipAllowed(ip, [block])).toBe(allowed));
});
