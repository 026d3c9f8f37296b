"""Reads one case object (docs/adapter-protocol.md) into checked Python values.

Every check of the input happens here, so the schemes never meet a value that could make them
fail: a case that cannot be read raises BadCase, naming the field, and the adapter answers
{"error": "bad_case"} for it.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

SCHEMES = ("opterius-agent", "opterius-panel", "acepanel")
OPTIONS_BY_SCHEME = {
    "opterius-agent": ("timestampForm",),
    "opterius-panel": ("emptyBody",),
    "acepanel": ("entrance",),
}
CONTEXT_FIELDS = (
    "now",
    "entrance",
    "clientIp",
    "ipHeader",
    "ipWhitelist",
    "tokenExpiresAt",
    "windowSeconds",
    "locale",
    "entranceError",
    "maxBodyBytes",
    "acceptedSignatures",
)
_MAX_SAFE_INTEGER = 2**53 - 1
_UINT64_MAX = 2**64 - 1

_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")  # an HTTP method or header name (RFC 9110 token)
_ABSOLUTE_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")
_BAD_TARGET_CHAR = re.compile(r"[\x00-\x20\x7f]")
_SIGNATURE_HEX = re.compile(r"[0-9a-f]{64}")


class BadCase(Exception):
    """A case the adapter cannot read; str(error) names the field."""

    def __init__(self, field_name: str, problem: str) -> None:
        super().__init__(f"{field_name}: {problem}")


@dataclass
class Request:
    method: str
    raw_path: bytes  # the path as sent, still percent-encoded
    raw_query: bytes | None  # everything after the first "?", None when there is no "?"
    headers: list[tuple[str, bytes]]  # [name, value as bytes] in order, duplicates kept
    body: bytes  # exact bytes; empty when there is no body

    def header(self, name: str) -> bytes:
        """Go's Header.Get: the first value of `name` in any letter case (b"" when absent).

        Spaces and tabs around a value are not part of it: an HTTP parser drops them.
        """
        for header_name, value in self.headers:
            if header_name.lower() == name.lower():
                return value.strip(b" \t")
        return b""


@dataclass
class Case:
    op: str
    scheme: str
    request: Request
    secret: bytes  # the HMAC key: the secret's UTF-8 bytes, never decoded from hex or base64
    key_id: str | None  # acepanel: the token id in canonical decimal
    timestamp: str | None
    options: dict  # sign: the scheme's options (absent ones take their defaults)
    context: dict  # verify: the receiver's state (absent fields take their defaults)

    def body_too_large(self) -> bool:
        """The receiver's body limit (context.maxBodyBytes, none by default), in bytes received."""
        limit = self.context.get("maxBodyBytes")
        return limit is not None and len(self.request.body) > limit


def read_case(obj: object) -> Case:
    if not isinstance(obj, dict):
        raise BadCase("case", "must be a JSON object")
    op = obj.get("op")
    if op not in ("sign", "verify"):
        raise BadCase("op", f'{_show(op)} is neither "sign" nor "verify"')
    scheme = obj.get("scheme")
    if scheme not in SCHEMES:
        raise BadCase("scheme", f"{_show(scheme)} is not one of {', '.join(SCHEMES)}")
    credentials = obj.get("credentials")
    if not isinstance(credentials, dict):
        raise BadCase("credentials", "must be an object with a secret")
    key_id = credentials.get("keyId")
    return Case(
        op=op,
        scheme=scheme,
        request=_read_request(obj.get("request")),
        secret=_read_secret(credentials.get("secret")),
        key_id=read_key_id(key_id) if scheme == "acepanel" else None,
        timestamp=_read_timestamp(obj.get("timestamp")),
        options=_read_options(scheme, obj.get("options")),
        context=_read_context(scheme, obj.get("context")),
    )


def read_key_id(key_id: object) -> str:
    """credentials.keyId: a number below 2^53, or a decimal string up to 2^64-1 (ids are 64-bit)."""
    name = "credentials.keyId"
    if key_id is None:
        raise BadCase(name, "is required by acepanel: the token id shown when the token was created")
    if _is_number(key_id):
        if key_id == int(key_id) and 0 <= key_id <= _MAX_SAFE_INTEGER:
            return str(int(key_id))
        raise BadCase(name, f"{key_id} is not a non-negative integer below 2^53 (use a decimal string for larger ids)")
    if isinstance(key_id, str) and re.fullmatch(r"[0-9]+", key_id):
        significant = key_id.lstrip("0") or "0"
        if len(significant) <= 20 and int(significant) <= _UINT64_MAX:
            return significant
    raise BadCase(name, f"{_show(key_id)} is not a token id (a non-negative integer, or a decimal string up to 2^64-1)")


def _read_request(request: object) -> Request:
    if not isinstance(request, dict):
        raise BadCase("request", "must be an object with method and url")
    method = request.get("method")
    if not isinstance(method, str) or not _TOKEN.fullmatch(method):
        raise BadCase("request.method", f"{_show(method)} is not an HTTP method such as \"GET\"")
    raw_path, raw_query = _read_target(request.get("url"))
    return Request(method, raw_path, raw_query, _read_headers(request.get("headers")), _read_body(request))


def _read_target(url: object) -> tuple[bytes, bytes | None]:
    """The path and raw query of a request-target ("/path?query") or of an absolute URL."""
    name = "request.url"
    if not isinstance(url, str) or url == "":
        raise BadCase(name, 'must be a request-target "/path?query" or an absolute URL')
    target = url
    absolute = _ABSOLUTE_URL.match(url)
    if absolute:
        # an absolute URL is what an HTTP client is given, and no client sends its #fragment
        target = url[absolute.end() :].split("#", 1)[0]
        if not target.startswith("/"):
            target = "/" + target
    elif not url.startswith("/"):
        raise BadCase(name, f'{_show(url)} is neither a request-target starting with "/" nor an absolute URL')
    # in a request-target a "#" stays in the path or query, as Go's url.ParseRequestURI leaves it
    bad = _BAD_TARGET_CHAR.search(target)
    if bad:
        raise BadCase(name, f"contains {_show(bad.group())} at index {bad.start()}; percent-encode it")
    path, question, query = _utf8(target, name).partition(b"?")
    return path, (query if question else None)


def _read_headers(headers: object) -> list[tuple[str, bytes]]:
    if headers is None:
        return []
    if not isinstance(headers, list):
        raise BadCase("request.headers", "must be a list of [name, value] pairs")
    pairs = []
    for i, pair in enumerate(headers):
        name = f"request.headers[{i}]"
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            raise BadCase(name, "must be a [name, value] pair of strings")
        if not _TOKEN.fullmatch(pair[0]):
            raise BadCase(f"{name}[0]", f"{_show(pair[0])} is not a valid header name")
        if re.search(r"[\r\n\0]", pair[1]):
            raise BadCase(f"{name}[1]", "a header value may not contain CR, LF or NUL")
        pairs.append((pair[0], _utf8(pair[1], f"{name}[1]")))
    return pairs


def _read_body(request: dict) -> bytes:
    body, body_base64 = request.get("body"), request.get("bodyBase64")
    if body is not None and body_base64 is not None:
        raise BadCase("request.body", "give either body or bodyBase64, not both")
    if body_base64 is not None:
        try:
            if not isinstance(body_base64, str) or len(body_base64) % 4:
                raise ValueError
            return base64.b64decode(body_base64, validate=True)
        except (ValueError, binascii.Error):
            raise BadCase("request.bodyBase64", "must be standard base64 with padding") from None
    if body is None:
        return b""
    if not isinstance(body, str):
        raise BadCase("request.body", "must be a string (UTF-8 text); give exact bytes as bodyBase64")
    return _utf8(body, "request.body")


def _read_secret(secret: object) -> bytes:
    if not isinstance(secret, str) or secret == "":
        raise BadCase("credentials.secret", "must be a non-empty string")
    return _utf8(secret, "credentials.secret")


def _read_timestamp(timestamp: object) -> str | None:
    if timestamp is None:
        return None
    if _is_number(timestamp):
        if timestamp != int(timestamp) or not 0 <= timestamp <= _MAX_SAFE_INTEGER:
            raise BadCase("timestamp", f"{timestamp} is not a whole number of Unix seconds")
        return str(int(timestamp))
    if not isinstance(timestamp, str) or timestamp == "":
        raise BadCase("timestamp", "must be the timestamp header text (a string) or Unix seconds (a number)")
    if re.search(r"[\r\n\0]", timestamp):
        raise BadCase("timestamp", "may not contain CR, LF or NUL (it is sent as a header)")
    _utf8(timestamp, "timestamp")
    return timestamp


def _read_options(scheme: str, options: object) -> dict:
    if options is None:
        return {}
    if not isinstance(options, dict):
        raise BadCase("options", "must be an object")
    allowed = OPTIONS_BY_SCHEME[scheme]
    for name in options:
        if name not in allowed:
            raise BadCase(f"options.{name}", f"unknown option; {scheme} takes: {', '.join(allowed)}")
    entrance = options.get("entrance")
    if entrance is not None and (not isinstance(entrance, str) or re.search(r"[\s?#%]", entrance)):
        raise BadCase("options.entrance", 'must be a path prefix such as "/entrance" ("/" for none)')
    if options.get("timestampForm", "Z") not in ("Z", "+00:00"):
        raise BadCase("options.timestampForm", 'must be "Z" or "+00:00"')
    if options.get("emptyBody", "{}") not in ("{}", ""):
        raise BadCase("options.emptyBody", 'must be "{}" (the real client) or "" (the doc\'s reading)')
    return options


def _read_context(scheme: str, context: object) -> dict:
    """The receiver's state for verify (each field optional; defaults are applied by the schemes)."""
    if context is None:
        return {}
    if not isinstance(context, dict):
        raise BadCase("context", "must be an object")
    checks = {
        "now": (_is_number, "Unix seconds"),
        "tokenExpiresAt": (_is_number, "Unix seconds"),
        "windowSeconds": (lambda v: _is_number(v) and v >= 0, "a non-negative number of seconds"),
        "entrance": (lambda v: isinstance(v, str), 'a path prefix such as "/entrance" ("/" for none)'),
        "clientIp": (lambda v: isinstance(v, str), 'the TCP peer: "ip", "ip:port" or "[ipv6]:port"'),
        "ipHeader": (lambda v: isinstance(v, str), 'a header name such as "X-Forwarded-For" ("" for none)'),
        "ipWhitelist": (lambda v: isinstance(v, list) and all(isinstance(e, str) for e in v), "a list of IPs and CIDR blocks"),
        "locale": (lambda v: v in ("en", "zh_CN", "zh_TW"), '"en", "zh_CN" or "zh_TW"'),
        "entranceError": (lambda v: v in ("418", "nginx", "close"), '"418", "nginx" or "close"'),
        "maxBodyBytes": (lambda v: _is_number(v) and v == int(v) and 0 <= v <= _MAX_SAFE_INTEGER, "a non-negative whole number of bytes"),
        "acceptedSignatures": (
            lambda v: isinstance(v, list) and all(isinstance(s, str) and _SIGNATURE_HEX.fullmatch(s) for s in v),
            "a list of signatures, each 64 lower-case hex digits",
        ),
    }
    for name, value in context.items():
        if name not in checks:
            raise BadCase(f"context.{name}", f"unknown field; the context takes: {', '.join(CONTEXT_FIELDS)}")
        ok, what = checks[name]
        if not ok(value):
            raise BadCase(f"context.{name}", f"must be {what}")
    if "acceptedSignatures" in context and scheme != "opterius-panel":
        raise BadCase("context.acceptedSignatures", "is for opterius-panel only: the other schemes have no replay guard")
    return context


def _is_number(value: object) -> bool:
    """A JSON number (Python's bool is an int, but true/false are not numbers)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and abs(value) != float("inf")


def _utf8(text: str, name: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise BadCase(name, f"has a lone surrogate at index {error.start}; it has no UTF-8 form") from None


def _show(value: object) -> str:
    return repr(value) if not isinstance(value, str) else '"' + value.replace('"', '\\"') + '"'
