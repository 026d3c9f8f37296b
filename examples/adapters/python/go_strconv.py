"""How the AcePanel server reads X-Timestamp (spf13/cast v1.10.0 ToInt64: trimDecimal, then Go's
strconv.ParseInt).

When the whole text is [+-]digits.digits its decimal part is cut off; then
strconv.ParseInt(s, 0, 64) reads it:
base 0 means "+", "-", "0x", "0o", "0b", a leading "0" for octal and "_" separators all parse.
Anything it cannot read is 0. The server signs the number re-printed in decimal, never the
header text, which is why this has to be exact.
"""

from __future__ import annotations

import re

_INT64_MAX = (1 << 63) - 1
_UINT64_MAX = (1 << 64) - 1


def acepanel_timestamp_value(text: str) -> int:
    """The number the server takes from an X-Timestamp text (0 when it cannot read it)."""
    value = parse_go_int(_trim_decimal(text))
    return 0 if value is None else value


def _trim_decimal(text: str) -> str:
    """cast's trimDecimal: a text with a "." that is all [+-]digits.digits keeps its integer part.

    Anything else with a "." is left as it is (so "0x6553f100.5" and "1_700_000_000.9" read as 0).
    """
    if "." not in text:
        return text
    m = re.fullmatch(r"([-+]?[0-9]*)(\.[0-9]*)?", text)
    if not m:
        return text
    integer = m.group(1)
    return integer + "0" if integer in ("", "+", "-") else integer


def parse_go_int(s: str) -> int | None:
    """Go's strconv.ParseInt(s, 0, 64); None where Go returns an error."""
    if s == "":
        return None
    negative = s[0] == "-"
    digits = s[1:] if s[0] in "+-" else s
    magnitude = _parse_go_uint(digits)
    if magnitude is None or magnitude > _INT64_MAX + (1 if negative else 0):
        return None
    return -magnitude if negative else magnitude


def _parse_go_uint(s: str) -> int | None:
    if s == "":
        return None
    base, body = 10, s
    if s[0] == "0":
        prefix = s[1].lower() if len(s) >= 3 else ""
        base = {"b": 2, "o": 8, "x": 16}.get(prefix, 8)
        body = s[2:] if prefix in ("b", "o", "x") else s[1:]
    value = 0
    underscores = False
    for c in body:
        if c == "_":
            underscores = True
            continue
        if "0" <= c <= "9":
            d = ord(c) - 48
        elif c.isascii() and c.isalpha():
            d = ord(c.lower()) - 87
        else:
            return None
        if d >= base:
            return None
        value = value * base + d
        if value > _UINT64_MAX:
            return None
    if underscores and not _underscores_allowed(s):
        return None
    return value


def _underscores_allowed(s: str) -> bool:
    """Go's underscoreOK: "_" only between digits, or between a base prefix and a digit."""
    saw = "^"
    i = 0
    hex_digits = False
    if len(s) >= 2 and s[0] == "0" and s[1].lower() in "box":
        i, saw, hex_digits = 2, "0", s[1].lower() == "x"
    for c in s[i:]:
        if "0" <= c <= "9" or (hex_digits and c.lower() in "abcdef" and c.isascii()):
            saw = "0"
        elif c == "_":
            if saw != "0":
                return False
            saw = "_"
        else:
            if saw == "_":
                return False
            saw = "!"
    return saw != "_"
