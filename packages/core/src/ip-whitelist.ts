// The AcePanel server's token IP whitelist, with Go's net package semantics:
//   - the client ip is the TCP peer, or (when the panel trusts an IP header) the first
//     comma-separated element of that header, trimmed, which must be "ip:port"; when
//     net.SplitHostPort fails the server falls back to the raw peer address, port included;
//   - net.ParseIP (netip rules: no leading zeros in IPv4, no zones) must accept the ip, then an
//     entry matches when it is the same text, or a CIDR block (net.ParseCIDR) that contains it
//     (net.IPNet.Contains: IPv4 and IPv4-mapped addresses compare as 4 bytes, so "::/0" holds no
//     IPv4 client but "::ffff:203.0.113.0/120" does).
// Addresses are Go's net.IP: 4 or 16 bytes.

import { trimGoSpace } from "./go-text.ts";

/**
 * The ip the server checks: the trusted header's first element, else the peer (binary strings).
 * Either is split as Go's net.SplitHostPort does: a value it cannot split is kept whole.
 *
 * @example
 * ```ts
 * import { requestIp } from "@panelsig/core";
 * requestIp("203.0.113.10:54321", undefined); // "203.0.113.10"
 * requestIp("203.0.113.10:54321", "198.51.100.7:443, 10.0.0.1"); // "198.51.100.7" (the trusted header's first element)
 * ```
 */
export function requestIp(peer: string, ipHeaderValue: string | undefined): string {
  const candidate = ipHeaderValue ? ipHeaderValue.split(",")[0]! : peer;
  const host = splitHostPort(trimGoSpace(candidate));
  return host ?? peer;
}

/**
 * Whether the whitelist (exact IPs and CIDR blocks) lets `ip` through; an empty list lets everyone through.
 *
 * @example
 * ```ts
 * import { ipAllowed } from "@panelsig/core";
 * ipAllowed("203.0.113.10", ["203.0.113.0/24"]); // true
 * ipAllowed("198.51.100.7", ["203.0.113.0/24"]); // false
 * ipAllowed("198.51.100.7", []);                 // true
 * ```
 */
export function ipAllowed(ip: string, whitelist: readonly string[]): boolean {
  if (whitelist.length === 0) return true;
  const address = parseIp(ip);
  if (!address) return false;
  return whitelist.some((entry) => {
    if (!entry.includes("/")) return entry === ip;
    const block = parseCidr(entry);
    return block !== undefined && cidrContains(block, address);
  });
}

/** Go's net.SplitHostPort: the host, or undefined where Go returns an error. The port is not checked. */
function splitHostPort(hostport: string): string | undefined {
  const colon = hostport.lastIndexOf(":");
  if (colon < 0) return undefined;
  let host: string;
  let hostStart = 0;
  let hostEnd = 0;
  if (hostport[0] === "[") {
    const close = hostport.indexOf("]");
    if (close < 0 || close + 1 !== colon) return undefined;
    host = hostport.slice(1, close);
    hostStart = 1;
    hostEnd = close + 1;
  } else {
    host = hostport.slice(0, colon);
    if (host.includes(":")) return undefined;
  }
  if (hostport.indexOf("[", hostStart) >= 0 || hostport.indexOf("]", hostEnd) >= 0) return undefined;
  return host;
}

/**
 * Go's net.ParseIP: 16 bytes (IPv4 as IPv4-mapped), or undefined (zones are refused).
 *
 * @example
 * ```ts
 * import { parseIp } from "@panelsig/core";
 * parseIp("203.0.113.10"); // Uint8Array [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 203, 0, 113, 10]
 * parseIp("not an ip");    // undefined
 * ```
 */
export function parseIp(text: string): Uint8Array | undefined {
  return parseAddr(text)?.bytes;
}

interface IpNet {
  ip: Uint8Array;
  mask: Uint8Array;
}

/** Go's net.ParseCIDR: the network (address masked), or undefined. */
function parseCidr(text: string): IpNet | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const address = parseAddr(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (!address || !/^[0-9]+$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const bitLength = address.is4 ? 32 : 128;
  if (bits > bitLength) return undefined;
  const mask = new Uint8Array(bitLength / 8);
  for (let i = 0; i < mask.length; i++) mask[i] = (0xff00 >> Math.max(0, Math.min(8, bits - i * 8))) & 0xff;
  // Go's IP.Mask: a 4-byte mask takes the IPv4 part of the (IPv4-mapped) address.
  const base = address.is4 ? address.bytes.subarray(12) : address.bytes;
  return { ip: base.map((b, i) => b & mask[i]!), mask };
}

/** Go's net.IPNet.Contains. */
function cidrContains(net: IpNet, address: Uint8Array): boolean {
  const network = to4(net.ip) ?? net.ip;
  // An IPv4-mapped network from an IPv6 block ("::ffff:203.0.113.0/120") keeps the mask's IPv4 part.
  const mask = network.length === 4 && net.mask.length === 16 ? net.mask.subarray(12) : net.mask;
  const ip = to4(address) ?? address;
  if (ip.length !== network.length) return false;
  for (let i = 0; i < ip.length; i++) {
    if ((network[i]! & mask[i]!) !== (ip[i]! & mask[i]!)) return false;
  }
  return true;
}

/** netip.ParseAddr without zones: the first of ".", ":" or "%" decides the form. */
function parseAddr(text: string): { bytes: Uint8Array; is4: boolean } | undefined {
  const form = /[.:%]/.exec(text)?.[0];
  if (form === ".") {
    const v4 = parseIpv4(text);
    return v4 && { bytes: mapped(v4), is4: true };
  }
  const v6 = form === ":" ? parseIpv6(text) : undefined;
  return v6 && { bytes: v6, is4: false };
}

/** Go's IP.To4: the 4-byte form of an IPv4 or IPv4-mapped address. */
function to4(ip: Uint8Array): Uint8Array | undefined {
  if (ip.length === 4) return ip;
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return undefined;
  return ip[10] === 0xff && ip[11] === 0xff ? ip.subarray(12) : undefined;
}

function mapped(v4: Uint8Array): Uint8Array {
  const ip = new Uint8Array(16);
  ip[10] = 0xff;
  ip[11] = 0xff;
  ip.set(v4, 12);
  return ip;
}

/** netip's parseIPv4Fields: four decimal fields 0-255, no leading zeros. */
function parseIpv4(text: string): Uint8Array | undefined {
  const fields = text.split(".");
  if (fields.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const field = fields[i]!;
    if (!/^(0|[1-9][0-9]{0,2})$/.test(field) || Number(field) > 255) return undefined;
    out[i] = Number(field);
  }
  return out;
}

/** netip's parseIPv6, refusing zones as net.ParseIP does. */
function parseIpv6(text: string): Uint8Array | undefined {
  if (text.includes("%")) return undefined;
  const ip = new Uint8Array(16);
  let s = text;
  let ellipsis = -1;
  if (s.startsWith("::")) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === "") return ip;
  }
  let i = 0;
  while (i < 16) {
    const group = /^[0-9a-fA-F]*/.exec(s)![0];
    if (group === "" || group.length > 4) return undefined;
    if (s[group.length] === ".") {
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return undefined;
      const v4 = parseIpv4(s);
      if (!v4) return undefined;
      ip.set(v4, i);
      s = "";
      i += 4;
      break;
    }
    const value = parseInt(group, 16);
    ip[i] = value >> 8;
    ip[i + 1] = value & 0xff;
    i += 2;
    s = s.slice(group.length);
    if (s === "") break;
    if (s[0] !== ":" || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ":") {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (s === "") break;
    }
  }
  if (s !== "") return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const shift = 16 - i;
    ip.copyWithin(ellipsis + shift, ellipsis, i);
    ip.fill(0, ellipsis, ellipsis + shift);
  } else if (ellipsis >= 0) {
    return undefined;
  }
  return ip;
}
