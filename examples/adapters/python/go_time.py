"""RFC 3339 date-times as Go's time.Parse(time.RFC3339, s) reads them (the Opterius Agent is Go).

Upper-case "T" and "Z", an optional fraction, a "+hh:mm"/"-hh:mm" offset, every field in range.
Only the window check parses the timestamp; the text itself is always signed verbatim.
"""

from __future__ import annotations

import re

_RFC3339 = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-]([0-9]{2}):([0-9]{2}))"
)


def parse_rfc3339(text: str) -> float | None:
    """Seconds since the Unix epoch (with the fraction), or None when `text` is not RFC 3339."""
    m = _RFC3339.fullmatch(text)
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    if not 1 <= month <= 12 or not 1 <= day <= _days_in_month(year, month):
        return None
    if hour > 23 or minute > 59 or second > 59:
        return None
    offset = 0
    if m.group(8) != "Z":
        offset_hours, offset_minutes = int(m.group(9)), int(m.group(10))
        if offset_hours > 23 or offset_minutes > 59:
            return None
        offset = (-1 if m.group(8)[0] == "-" else 1) * (offset_hours * 3600 + offset_minutes * 60)
    fraction = float("0" + m.group(7)) if m.group(7) else 0.0
    seconds = _days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
    return float(seconds) + fraction - offset


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar (year 0 included, as Go allows)."""
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468
