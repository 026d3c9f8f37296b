"""Go's net/url rules, as the AcePanel server (a Go program) applies them to every request.

The server signs the percent-decoded path (Go's URL.Path) and the query as
url.ParseQuery + Values.Encode() re-print it. Go strings are bytes, so everything
here works on bytes: sorting bytes in Python is Go's byte-wise sort.
"""

from __future__ import annotations

# Go >= 1.26 (GODEBUG urlmaxqueryparams): a query with more pairs parses to nothing.
MAX_QUERY_PARAMS = 10000

_HEX = b"0123456789abcdefABCDEF"
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def unescape(raw: bytes, query: bool) -> bytes | None:
    """Go's unescape: "%XX" becomes the byte XX; in a query component "+" is a space.

    None where Go returns an error: a "%" not followed by two hex digits.
    """
    out = bytearray()
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == 0x25:  # %
            pair = raw[i + 1 : i + 3]
            if len(pair) < 2 or pair[0] not in _HEX or pair[1] not in _HEX:
                return None
            out.append(int(pair, 16))
            i += 3
            continue
        out.append(0x20 if c == 0x2B and query else c)  # "+" -> " " in a query
        i += 1
    return bytes(out)


def query_escape(value: bytes) -> bytes:
    """Go's url.QueryEscape: only A-Z a-z 0-9 - _ . ~ stay; space is "+"; the rest %XX (upper-case)."""
    out = bytearray()
    for c in value:
        if c in _UNRESERVED:
            out.append(c)
        elif c == 0x20:
            out += b"+"
        else:
            out += b"%%%02X" % c
    return bytes(out)


def canonical_query(raw_query: bytes) -> bytes:
    """The query as the AcePanel server signs it (url.ParseQuery, then Values.Encode()).

    A pair containing ";" or a bad escape is dropped, and so is an empty pair; keys sort by
    their decoded bytes; the values of a repeated key keep the order in which they were sent.
    """
    if raw_query.count(b"&") + 1 > MAX_QUERY_PARAMS:
        return b""
    values: dict[bytes, list[bytes]] = {}
    for pair in raw_query.split(b"&"):
        if pair == b"" or b";" in pair:
            continue
        key, _, value = pair.partition(b"=")
        key, value = unescape(key, query=True), unescape(value, query=True)
        if key is None or value is None:
            continue
        values.setdefault(key, []).append(value)
    return b"&".join(
        query_escape(key) + b"=" + query_escape(value) for key in sorted(values) for value in values[key]
    )
