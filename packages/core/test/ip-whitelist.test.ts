// The AcePanel token whitelist with Go's net semantics (ParseIP, ParseCIDR, IPNet.Contains,
// SplitHostPort, strings.TrimSpace). Expected values are the facts in reference/acepanel-server.md
// ("IP whitelist", "More facts confirmed by replaying requests") and hand derivations from Go's
// net and net/netip sources.
import { describe, expect, it } from "vitest";
import { ipAllowed, parseIp, peerAddress, requestIp } from "@panelsig/core";

const v4 = (a: number, b: number, c: number, d: number) => new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d]);
const v6 = (...groups: number[]) => new Uint8Array(groups.flatMap((g) => [g >> 8, g & 0xff]));

describe("parseIp: net.ParseIP", () => {
  const parsed: [string, Uint8Array][] = [
    ["203.0.113.10", v4(203, 0, 113, 10)],
    ["0.0.0.0", v4(0, 0, 0, 0)],
    ["255.255.255.255", v4(255, 255, 255, 255)],
    ["::", v6(0, 0, 0, 0, 0, 0, 0, 0)],
    ["::1", v6(0, 0, 0, 0, 0, 0, 0, 1)],
    ["2001:db8::1", v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)],
    ["2001:DB8::1", v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)],
    ["1:2:3:4:5:6:7:8", v6(1, 2, 3, 4, 5, 6, 7, 8)],
    ["1:2:3:4:5:6:7::", v6(1, 2, 3, 4, 5, 6, 7, 0)],
    ["::ffff:203.0.113.10", v4(203, 0, 113, 10)],
    ["::203.0.113.10", v6(0, 0, 0, 0, 0, 0, 0xcb00, 0x710a)],
    ["1:2:3:4:5:6:1.2.3.4", v6(1, 2, 3, 4, 5, 6, 0x0102, 0x0304)],
  ];
  for (const [text, bytes] of parsed) it(`${text}`, () => expect(parseIp(text)).toStrictEqual(bytes));

  const refused = [
    "", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "256.1.1.1", "1..2.3", "1.2.3.4:80", "[::1]", "fe80::1%eth0",
    "::1%", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "1:2:3:4:5:6:7:8::", "::ffff:1.2.3", "1:2:3:4:5:1.2.3.4", ":1", "1:", "g::1", "localhost",
  ];
  for (const text of refused) it(`refuses ${JSON.stringify(text)}`, () => expect(parseIp(text)).toBe(undefined));
});

describe("ipAllowed: exact entries and CIDR blocks", () => {
  const table: [whitelist: string[], ip: string, allowed: boolean][] = [
    [[], "garbage", true],
    [["203.0.113.10"], "203.0.113.10", true],
    [["203.0.113.10"], "203.0.113.11", false],
    [["203.0.113.0/24"], "203.0.113.10", true],
    [["203.0.113.0/24"], "203.0.114.10", false],
    [["203.0.113.77/24"], "203.0.113.10", true], // the block is the address masked
    [["203.0.113.0/024"], "203.0.113.10", true], // Go's dtoi takes leading zeros
    [["203.0.113.0/33"], "203.0.113.10", false],
    [["203.0.113.0/"], "203.0.113.10", false],
    [["203.0.113.0/x"], "203.0.113.10", false],
    [["203.0.113/24"], "203.0.113.10", false],
    [["0.0.0.0/0"], "198.51.100.1", true],
    [["0.0.0.0/0"], "2001:db8::1", false],
    [["0.0.0.0/0"], "::ffff:198.51.100.1", true], // IPv4-mapped clients compare as IPv4
    [["::ffff:203.0.113.0/120"], "203.0.113.10", true],
    [["::ffff:203.0.113.0/120"], "203.0.114.10", false],
    [["::ffff:0.0.0.0/96"], "198.51.100.1", true],
    [["::ffff:203.0.113.0/90"], "203.0.113.10", false], // the masked network is no longer IPv4-mapped
    [["::/0"], "203.0.113.10", false],
    [["::/0"], "2001:db8::1", true],
    [["2001:db8::/32"], "2001:db8:ffff::1", true],
    [["2001:DB8::/32"], "2001:db8::1", true], // parsed, so case does not matter in a block
    [["2001:db8::/32"], "2001:db9::1", false],
    [["::1/128"], "::1", true],
    [["2001:DB8::1"], "2001:db8::1", false], // exact entries compare as text
    [["2001:db8::1"], "2001:db8::1", true],
    [["::/0", "fe80::1%eth0"], "fe80::1%eth0", false], // a zoned address never parses
    [["198.51.100.1:5"], "198.51.100.1:5", false], // not an ip, so never compared
    [["10.0.0.0/8", "203.0.113.10"], "203.0.113.10", true],
  ];
  for (const [whitelist, ip, allowed] of table) {
    it(`${JSON.stringify(whitelist)} ${allowed ? "lets" : "refuses"} ${ip}`, () => expect(ipAllowed(ip, whitelist)).toBe(allowed));
  }
});

describe("requestIp: which address the server checks", () => {
  const table: [what: string, peer: string, header: string | undefined, ip: string][] = [
    ["the peer's host", "203.0.113.10:54321", undefined, "203.0.113.10"],
    ["an IPv6 peer's host", "[2001:db8::1]:443", undefined, "2001:db8::1"],
    ["a bare peer ip as it is", "203.0.113.10", undefined, "203.0.113.10"],
    ["the header's first element", "198.51.100.1:5", "203.0.113.7:1234, 10.0.0.1:80", "203.0.113.7"],
    ["the first element trimmed", "198.51.100.1:5", "  203.0.113.7:1234 ,10.0.0.1:80", "203.0.113.7"],
    ["an IPv6 element", "198.51.100.1:5", "[2001:db8::2]:80", "2001:db8::2"],
    ["an empty header as absent", "198.51.100.1:5", "", "198.51.100.1"],
    ["a bare ip in the header falls back to the peer, port and all", "198.51.100.1:5", "203.0.113.7", "198.51.100.1:5"],
    ["a bare IPv6 in the header falls back too", "198.51.100.1:5", "2001:db8::2", "198.51.100.1:5"],
    ["a port-only element falls back", "198.51.100.1:5", "[2001:db8::2]", "198.51.100.1:5"],
    ["Go trims Unicode spaces (NBSP as UTF-8)", "198.51.100.1:5", "\xc2\xa0203.0.113.7:1\xc2\xa0", "203.0.113.7"],
    ["an empty port is still a port", "198.51.100.1:5", "203.0.113.7:", "203.0.113.7"],
    ["a host that is not an ip is kept (and then matches nothing)", "198.51.100.1:5", "proxy:80", "proxy"],
  ];
  for (const [what, peer, header, ip] of table) it(what, () => expect(requestIp(peer, header)).toBe(ip));
});

describe("peerAddress: the peer as Go prints it", () => {
  it("IPv4", () => expect(peerAddress("203.0.113.10", 54321)).toBe("203.0.113.10:54321"));
  it("IPv6 in brackets", () => expect(peerAddress("2001:db8::1", 443)).toBe("[2001:db8::1]:443"));
  it("an IPv4 client of a dual-stack socket as IPv4", () => expect(peerAddress("::ffff:127.0.0.1", 80)).toBe("127.0.0.1:80"));
});
