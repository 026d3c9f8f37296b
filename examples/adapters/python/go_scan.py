"""Go's reading of header text: UTF-8 rune by rune, Go's white space, and fmt.Sscanf.

The AcePanel server reads its Authorization header with
    fmt.Sscanf(header, "%s Credential=%d, Signature=%s", &algorithm, &id, &signature)
and answers "invalid header: <Go's error text>". What it accepts and every error it gives come
from Go's scanner, so this is a port of it for formats made of literals, spaces, %s and %d (into
a uint64): a space in the format matches one or more white-space runes or the end of the input;
%s and %d skip leading white space; %s reads up to the next white space; %d reads ASCII digits;
text after the last verb is ignored. Input that ends where a literal is due is "unexpected EOF";
input that ends where a verb is due is "EOF". Header values are bytes, as Go holds them.
"""

from __future__ import annotations

RUNE_ERROR = 0xFFFD
_EOF = -1
_NEWLINE = 10
_UINT64_MAX = (1 << 64) - 1


def decode_rune(data: bytes, i: int) -> tuple[int, int]:
    """Go's utf8.DecodeRune at i: (rune, width); a bad or cut sequence is (U+FFFD, 1)."""
    b0 = data[i]
    if b0 < 0x80:
        return b0, 1

    def cont(k: int, lo: int = 0x80, hi: int = 0xBF) -> int:
        return data[i + k] & 0x3F if i + k < len(data) and lo <= data[i + k] <= hi else -1

    if 0xC2 <= b0 <= 0xDF:
        b1 = cont(1)
        return (RUNE_ERROR, 1) if b1 < 0 else (((b0 & 0x1F) << 6) | b1, 2)
    if 0xE0 <= b0 <= 0xEF:
        b1 = cont(1, 0xA0 if b0 == 0xE0 else 0x80, 0x9F if b0 == 0xED else 0xBF)
        b2 = -1 if b1 < 0 else cont(2)
        return (RUNE_ERROR, 1) if b2 < 0 else (((b0 & 0x0F) << 12) | (b1 << 6) | b2, 3)
    if 0xF0 <= b0 <= 0xF4:
        b1 = cont(1, 0x90 if b0 == 0xF0 else 0x80, 0x8F if b0 == 0xF4 else 0xBF)
        b2 = -1 if b1 < 0 else cont(2)
        b3 = -1 if b2 < 0 else cont(3)
        return (RUNE_ERROR, 1) if b3 < 0 else (((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3, 4)
    return RUNE_ERROR, 1


def is_go_space(rune: int) -> bool:
    """Go's white space (fmt's isSpace and unicode.IsSpace agree on it)."""
    return (
        0x09 <= rune <= 0x0D
        or rune in (0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)
        or 0x2000 <= rune <= 0x200A
    )


def trim_go_space(data: bytes) -> bytes:
    """Go's strings.TrimSpace."""
    start = 0
    while start < len(data):
        rune, width = decode_rune(data, start)
        if not is_go_space(rune):
            break
        start += width
    end = len(data)
    while end > start:
        # A white-space rune is 1 to 3 bytes long: look for one that ends at `end`.
        for width in (1, 2, 3):
            if end - width >= start:
                rune, decoded = decode_rune(data, end - width)
                if decoded == width and is_go_space(rune):
                    end -= width
                    break
        else:
            break
    return data[start:end]


class ScanError(Exception):
    """Go's scan error; str(error) is Go's message."""


class _Input:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0
        self.last_width = 0

    def get_rune(self) -> int:
        if self.pos >= len(self.data):
            self.last_width = 0
            return _EOF
        rune, width = decode_rune(self.data, self.pos)
        self.pos += width
        self.last_width = width
        return rune

    def last_rune_bytes(self, rune: int) -> bytes:
        """The bytes of the rune just read; a bad byte becomes U+FFFD, as Go writes it."""
        if rune == RUNE_ERROR and self.last_width == 1:
            return "\ufffd".encode()
        return self.data[self.pos - self.last_width : self.pos]

    def unread_rune(self) -> None:
        self.pos -= self.last_width
        self.last_width = 0

    def must_read_rune(self) -> int:
        rune = self.get_rune()
        if rune == _EOF:
            raise ScanError("unexpected EOF")
        return rune

    def not_eof(self) -> None:
        """Before a verb: Go panics with io.EOF here (message "EOF"), not io.ErrUnexpectedEOF."""
        if self.get_rune() == _EOF:
            raise ScanError("EOF")
        self.unread_rune()

    def skip_space(self) -> None:
        while True:
            rune = self.get_rune()
            if rune == _EOF:
                return
            if rune == _NEWLINE:
                raise ScanError("unexpected newline")
            if not is_go_space(rune):
                self.unread_rune()
                return


def go_sscanf(data: bytes, fmt: str) -> list[bytes]:
    """Go's fmt.Sscanf: the scanned values (%d as canonical decimal); raises ScanError with Go's text."""
    source = _Input(data)
    values: list[bytes] = []
    i = 0
    while i < len(fmt):
        consumed = _advance(source, fmt, i)
        if consumed > 0:
            i += consumed
            continue
        if consumed < 0:
            raise ScanError("input does not match format")
        verb = fmt[i + 1]
        i += 2
        source.skip_space()
        values.append(_scan_uint(source) if verb == "d" else _scan_word(source))
    return values


def _advance(source: _Input, fmt: str, start: int) -> int:
    """Matches format text up to the next verb: characters consumed, or -1 on a literal mismatch."""
    i = start
    while i < len(fmt):
        f = ord(fmt[i])
        if is_go_space(f):
            while i < len(fmt) and is_go_space(ord(fmt[i])):
                i += 1
            rune = source.get_rune()
            if not is_go_space(rune) and rune != _EOF:
                raise ScanError("expected space in input to match format")
            if rune == _NEWLINE:
                raise ScanError("newline in input does not match format")
            while is_go_space(rune) and rune != _NEWLINE:
                rune = source.get_rune()
            if rune != _EOF:
                source.unread_rune()
            continue
        if f == 0x25:  # % starts a verb
            return i - start
        if source.must_read_rune() != f:
            source.unread_rune()
            return -1
        i += 1
    return i - start


def _scan_word(source: _Input) -> bytes:
    """%s: the next run of non-space runes."""
    source.not_eof()
    word = bytearray()
    while True:
        rune = source.get_rune()
        if rune == _EOF:
            return bytes(word)
        if is_go_space(rune):
            source.unread_rune()
            return bytes(word)
        word += source.last_rune_bytes(rune)


def _scan_uint(source: _Input) -> bytes:
    """%d into a uint: ASCII digits, then strconv.ParseUint(digits, 10, 64)."""
    source.not_eof()
    digits = ""
    while True:
        rune = source.get_rune()
        if 0x30 <= rune <= 0x39:
            digits += chr(rune)
            continue
        if rune != _EOF:
            source.unread_rune()
        break
    if digits == "":
        raise ScanError("expected integer")
    significant = digits.lstrip("0") or "0"
    # Compared by length first: Python refuses to convert very long digit strings to int.
    if len(significant) > 20 or int(significant) > _UINT64_MAX:
        raise ScanError(f'strconv.ParseUint: parsing "{digits}": value out of range')
    return significant.encode()
