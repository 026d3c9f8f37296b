"""The AcePanel token's IP whitelist, with the semantics of Go's net package.

- The client ip is the TCP peer, or (when the panel trusts an IP header) the first
  comma-separated element of that header, trimmed, which must be "ip:port"; when
  net.SplitHostPort fails (a bare ip in the header) the server falls back to the raw peer
  address, port included (a server bug: such an address matches nothing). A request without
  that header (or with an empty one) is judged by the peer, as if no header were trusted.
- An entry matches when it is the same text, or a CIDR block (net.ParseCIDR) that contains the
  ip (net.IPNet.Contains: IPv4 and IPv4-mapped addresses compare as 4 bytes, so "::/0" holds no
  IPv4 client while "::ffff:203.0.113.0/120" does). Python's ipaddress module differs from Go on
  these points, so the parsing is written out here.
"""

from __future__ import annotations

import re

from go_scan import trim_go_space


def request_ip(peer: str, ip_header_value: str | None) -> str:
    """The ip the server checks: the trusted header's first element when the request has that
    header (None or "": it has not), else the peer; the raw peer when that is not "host:port"."""
    candidate = ip_header_value.split(",")[0] if ip_header_value else peer
    trimmed = trim_go_space(candidate.encode()).decode("utf-8", "replace")
    host = split_host_port(trimmed)
    return peer if host is None else host


def ip_allowed(ip: str, whitelist: list[str]) -> bool:
    """Whether the whitelist lets `ip` through; an empty list lets everyone through."""
    if not whitelist:
        return True
    address = _parse_addr(ip)
    if address is None:
        return False
    for entry in whitelist:
        if "/" not in entry:
            if entry == ip:
                return True
            continue
        block = _parse_cidr(entry)
        if block is not None and _cidr_contains(block, address[0]):
            return True
    return False


def split_host_port(hostport: str) -> str | None:
    """Go's net.SplitHostPort: the host, or None where Go returns an error (the port is not checked)."""
    colon = hostport.rfind(":")
    if colon < 0:
        return None
    host_start = host_end = 0
    if hostport.startswith("["):
        close = hostport.find("]")
        if close < 0 or close + 1 != colon:
            return None
        host, host_start, host_end = hostport[1:close], 1, close + 1
    else:
        host = hostport[:colon]
        if ":" in host:
            return None
    if hostport.find("[", host_start) >= 0 or hostport.find("]", host_end) >= 0:
        return None
    return host


def _parse_cidr(text: str) -> tuple[bytes, bytes] | None:
    """Go's net.ParseCIDR: (network address, mask), or None."""
    address_text, _, bits_text = text.partition("/")
    address = _parse_addr(address_text)
    if address is None or not re.fullmatch(r"[0-9]+", bits_text):
        return None
    ip, is4 = address
    bit_length = 32 if is4 else 128
    bits = int(bits_text) if len(bits_text) < 5 else bit_length + 1
    if bits > bit_length:
        return None
    mask = bytes((0xFF00 >> max(0, min(8, bits - i * 8))) & 0xFF for i in range(bit_length // 8))
    base = ip[12:] if is4 else ip  # Go's IP.Mask: a 4-byte mask takes the IPv4 part
    return bytes(b & m for b, m in zip(base, mask)), mask


def _cidr_contains(block: tuple[bytes, bytes], address: bytes) -> bool:
    """Go's net.IPNet.Contains."""
    network_ip, mask = block
    network = _to4(network_ip) or network_ip
    if len(network) == 16 and len(mask) == 4:
        return False
    if len(network) == 4 and len(mask) == 16:
        mask = mask[12:]
    ip = _to4(address) or address
    if len(ip) != len(network):
        return False
    return all(n & m == a & m for n, a, m in zip(network, ip, mask))


def _to4(ip: bytes) -> bytes | None:
    """Go's IP.To4: the 4-byte form of an IPv4 or IPv4-mapped address."""
    if len(ip) == 4:
        return ip
    if ip[:10] == bytes(10) and ip[10:12] == b"\xff\xff":
        return ip[12:]
    return None


def _parse_addr(text: str) -> tuple[bytes, bool] | None:
    """Go's net.ParseIP (netip rules, zones refused): (16 bytes, is IPv4), or None."""
    form = re.search(r"[.:%]", text)
    if form and form.group() == ".":
        v4 = _parse_ipv4(text)
        return None if v4 is None else (bytes(10) + b"\xff\xff" + v4, True)
    v6 = _parse_ipv6(text) if form and form.group() == ":" else None
    return None if v6 is None else (v6, False)


def _parse_ipv4(text: str) -> bytes | None:
    """Four decimal fields 0-255, no leading zeros."""
    fields = text.split(".")
    if len(fields) != 4 or not all(re.fullmatch(r"0|[1-9][0-9]{0,2}", f) and int(f) <= 255 for f in fields):
        return None
    return bytes(int(f) for f in fields)


def _parse_ipv6(text: str) -> bytes | None:
    """netip's parseIPv6, refusing zones as net.ParseIP does."""
    if "%" in text:
        return None
    ip = bytearray(16)
    s = text
    ellipsis = -1
    if s.startswith("::"):
        ellipsis, s = 0, s[2:]
        if s == "":
            return bytes(ip)
    i = 0
    while i < 16:
        group = re.match(r"[0-9a-fA-F]*", s).group()
        if group == "" or len(group) > 4:
            return None
        if s[len(group) : len(group) + 1] == ".":
            if (ellipsis < 0 and i != 12) or i + 4 > 16:
                return None
            v4 = _parse_ipv4(s)
            if v4 is None:
                return None
            ip[i : i + 4] = v4
            s = ""
            i += 4
            break
        value = int(group, 16)
        ip[i], ip[i + 1] = value >> 8, value & 0xFF
        i += 2
        s = s[len(group) :]
        if s == "":
            break
        if s[0] != ":" or len(s) == 1:
            return None
        s = s[1:]
        if s[0] == ":":
            if ellipsis >= 0:
                return None
            ellipsis, s = i, s[1:]
            if s == "":
                break
    if s != "":
        return None
    if i < 16:
        if ellipsis < 0:
            return None
        shift = 16 - i
        ip[ellipsis + shift : 16] = ip[ellipsis:i]
        ip[ellipsis : ellipsis + shift] = bytes(shift)
    elif ellipsis >= 0:
        return None
    return bytes(ip)
