"""AcePanel: how its Go server checks a signed API request, for signing and for verifying.

    canonicalRequest = METHOD "\n" PATH "\n" QUERY "\n" hex(sha256(body))
    stringToSign     = "HMAC-SHA256" "\n" TIMESTAMP "\n" hex(sha256(canonicalRequest))
    Authorization:     HMAC-SHA256 Credential=<token id>, Signature=hex(hmac(secret, stringToSign))

PATH is the percent-decoded path after the entry prefix, QUERY is Go's re-encoding of the query,
TIMESTAMP is the number the server reads from X-Timestamp, re-printed in decimal. The verifier
makes the server's checks in the server's order; the first that fails is the answer.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from case_reader import BadCase, Case
from go_net import ip_allowed, request_ip
from go_scan import ScanError, go_sscanf
from go_strconv import acepanel_timestamp_value
from go_url import canonical_query, unescape

ALGORITHM = "HMAC-SHA256"
AUTHORIZATION_FORMAT = "%s Credential=%d, Signature=%s"
WINDOW_SECONDS = 300

# API paths the server serves without any check (must_login.go).
PUBLIC_PATHS = {
    b"/api/home/panel",
    b"/api/user/key",
    b"/api/user/captcha",
    b"/api/user/login",
    b"/api/user/logout",
    b"/api/user/is_login",
    b"/api/user/is_2fa",
    b"/api/user/passkey/enabled",
    b"/api/user/passkey/login",
}

# The server's answers per outcome: (reason code, HTTP status, then its text in en, zh_CN, zh_TW).
INVALID_SIGNATURE = ("invalid signature", "无效的签名", "無效的簽名")
SIGNATURE_EXPIRED = ("signature expired", "签名已过期", "簽名已過期")
ANSWERS = {
    "entrance_mismatch": ("entrance_mismatch", 418, None),  # the server's entrance page
    "entrance_page": ("missing_headers", 418, None),
    "login_redirect": ("missing_headers", 302, None),  # the entrance itself: Location: /login
    "session_expired": ("missing_headers", 401, ("session expired, please login again", "会话已过期，请重新登录", "工作階段已過期，請重新登入")),
    "websocket_not_allowed": ("websocket_not_allowed", 403, ("ws not allowed", "不允许 ws", "不允許 ws")),
    "malformed_authorization": ("malformed_authorization", 401, ("invalid header: {}", "无效的请求头： {}", "無效的請求標頭：{}")),
    "unsupported_algorithm": ("unsupported_algorithm", 401, INVALID_SIGNATURE),
    "unknown_key": ("unknown_key", 401, INVALID_SIGNATURE),
    "token_expired": ("token_expired", 401, ("token expired", "令牌已过期", "令牌已過期")),
    "signature_mismatch": ("signature_mismatch", 401, INVALID_SIGNATURE),
    "timestamp_invalid": ("timestamp_invalid", 401, SIGNATURE_EXPIRED),
    "timestamp_expired": ("timestamp_expired", 401, SIGNATURE_EXPIRED),
    "ip_not_allowed": ("ip_not_allowed", 401, ("invalid request ip: {}", "无效的请求 IP：{}", "無效的請求 IP：{}")),
    "body_too_large": ("body_too_large", 413, ("request body too large",) * 3),
    "bad_path": ("signature_mismatch", 400, ("400 Bad Request",) * 3),  # Go's server refuses the path
}
LOCALES = ("en", "zh_CN", "zh_TW")


def normalise_entrance(entrance: bytes) -> bytes:
    """The server's reading of its http.entrance setting: no trailing "/", a leading "/"."""
    trimmed = entrance.rstrip(b"/")
    return trimmed if trimmed.startswith(b"/") else b"/" + trimmed


def strip_entrance(path: bytes, entrance: bytes) -> bytes | None:
    """The decoded path without the entrance, removed once; None when the path is not under it."""
    prefix = normalise_entrance(entrance)
    if prefix == b"/":
        return path
    if path == prefix:
        return b""
    return path[len(prefix) :] if path.startswith(prefix + b"/") else None


def is_api_path(path: bytes) -> bool:
    return path == b"/api" or path.startswith(b"/api/")


def signature_parts(method: str, path: bytes, query: bytes, body: bytes, timestamp: int, secret: bytes) -> dict:
    """Every intermediate from the canonical parts: the one computation signer and verifier share."""
    canonical_request = b"\n".join([method.encode(), path, query, hashlib.sha256(body).hexdigest().encode()])
    string_to_sign = f"{ALGORITHM}\n{timestamp}\n{hashlib.sha256(canonical_request).hexdigest()}"
    signature = hmac.new(secret, string_to_sign.encode(), hashlib.sha256).hexdigest()
    parts = {"stringToSign": string_to_sign, "signature": signature}
    try:
        parts["canonicalRequest"] = canonical_request.decode("utf-8")
    except UnicodeDecodeError:
        pass  # a decoded path that is not UTF-8 cannot be shown as text
    return parts


# ---- sign -------------------------------------------------------------------------------------


def sign_path(case: Case) -> bytes:
    """The canonical path a client signs: after options.entrance, else from the first "api" segment."""
    path = unescape(case.request.raw_path, query=False)
    if path is None:
        raise BadCase("request.url", 'the path has a "%" not followed by two hex digits; a Go server answers 400')
    try:
        path.decode("utf-8")
    except UnicodeDecodeError:
        raise BadCase("request.url", "the path decodes to bytes that are not UTF-8") from None
    entrance = case.options.get("entrance", "/")  # absent: "/", as on the server
    rest = strip_entrance(path, entrance.encode())
    if rest is not None and is_api_path(rest):
        return rest
    if "entrance" not in case.options and b"/api" in path:
        raise BadCase("request.url", "the path has a prefix before /api: set options.entrance to the panel's entrance")
    raise BadCase("request.url", f"the path is not /api or /api/... under the entrance {entrance!r}")


def sign_query(case: Case) -> bytes:
    raw = case.request.raw_query
    return b"" if raw is None else canonical_query(raw)


def sign(case: Case, path_of=sign_path, query_of=sign_query) -> dict:
    """The headers to send and every intermediate. `path_of` and `query_of` make the canonical
    path and query: the server's rules by default (another adapter passes its own to show what a
    different rule breaks)."""
    timestamp_text = case.timestamp or str(int(time.time()))
    timestamp = acepanel_timestamp_value(timestamp_text)
    if timestamp == 0:
        raise BadCase("timestamp", f"the server reads {timestamp_text!r} as 0 and rejects it; give Unix seconds")
    parts = signature_parts(case.request.method, path_of(case), query_of(case), case.request.body, timestamp, case.secret)
    headers = [
        ["X-Timestamp", timestamp_text],
        ["Authorization", f"{ALGORITHM} Credential={case.key_id}, Signature={parts['signature']}"],
    ]
    return {"headers": headers, **{k: parts[k] for k in ("canonicalRequest", "stringToSign", "signature") if k in parts}}


# ---- verify -----------------------------------------------------------------------------------


def verify(case: Case) -> dict:
    outcome, detail, shown = _check(case)
    if outcome is None:
        return {"valid": True, **shown}
    error, status, texts = ANSWERS[outcome]
    mode = case.context.get("entranceError", "418")
    if status == 418 and mode == "close":
        return {"valid": False, "error": error, "connectionClosed": True}
    result = {"valid": False, "error": error, "status": 404 if status == 418 and mode == "nginx" else status}
    if outcome == "login_redirect":
        result["location"] = "/login"
    if texts is not None:
        result["message"] = texts[LOCALES.index(case.context.get("locale", "en"))].format(detail)
    return {**result, **shown}


def _entrance(path: bytes, entrance: bytes, authorized: bool):
    """internal/middleware/entrance.go step by step: (outcome, None), ("unchecked", reason) or
    (None, the path the token check sees)."""
    came_through = not authorized and (entrance == b"/" or path.removesuffix(b"/") == entrance)
    if came_through and entrance != b"/":
        return "login_redirect", None
    if authorized:
        rest = strip_entrance(path, entrance)
        if rest is not None and is_api_path(rest):
            return None, rest
    if path.startswith((b"/webhook/", b"/download/")):
        return "unchecked", "webhook_or_download"
    if not came_through and path != b"/robots.txt":
        under = strip_entrance(path, entrance) is not None
        return ("entrance_page" if not authorized and under else "entrance_mismatch"), None
    return None, path


def _check(case: Case) -> tuple[str | None, str, dict]:
    """(outcome or None when valid, detail for the message, intermediates to show)."""
    request, context = case.request, case.context
    now = context.get("now", time.time())
    path = unescape(request.raw_path, query=False)
    if path is None:
        return "bad_path", "", {}
    entrance = normalise_entrance(context.get("entrance", "/").encode())
    authorization = request.header("Authorization")
    outcome, rest = _entrance(path, entrance, bool(authorization))
    if outcome == "unchecked":
        return None, "", {"signatureChecked": False, "uncheckedReason": rest}
    if outcome is not None:
        return outcome, "", {}

    # must_login: public and non-API paths pass unchecked; without Authorization (entrance "/"
    # only) the server falls back to its browser session, which an API client has not got.
    if rest in PUBLIC_PATHS:
        return None, "", {"signatureChecked": False, "uncheckedReason": "public_path"}
    if not is_api_path(rest):
        return None, "", {"signatureChecked": False, "uncheckedReason": "robots_txt" if rest == b"/robots.txt" else "non_api_path"}
    if not authorization:
        return "session_expired", "", {}
    if rest.startswith(b"/api/ws"):
        return "websocket_not_allowed", "", {}

    try:
        algorithm, key_id, signature = go_sscanf(authorization, AUTHORIZATION_FORMAT)
    except ScanError as error:
        return "malformed_authorization", str(error), {}
    if algorithm != ALGORITHM.encode():
        return "unsupported_algorithm", "", {}
    if key_id.decode() != case.key_id:
        return "unknown_key", "", {}
    expires_at = context.get("tokenExpiresAt")
    if expires_at is not None and expires_at < now:
        return "token_expired", "", {}
    if case.body_too_large():  # a receiver reads the body only here, after the checks that need none
        return "body_too_large", "", {}

    timestamp = acepanel_timestamp_value(request.header("X-Timestamp").decode("utf-8", "replace"))
    query = b"" if request.raw_query is None else canonical_query(request.raw_query)
    parts = signature_parts(request.method, rest, query, request.body, timestamp, case.secret)
    shown = {k: parts[k] for k in ("canonicalRequest", "stringToSign") if k in parts}
    shown["expectedSignature"] = parts["signature"]
    if not hmac.compare_digest(signature, parts["signature"].encode()):
        return "signature_mismatch", "", shown
    if timestamp == 0:
        return "timestamp_invalid", "", shown
    if timestamp < int(now // 1) - WINDOW_SECONDS:
        return "timestamp_expired", "", shown

    whitelist = context.get("ipWhitelist", [])
    if whitelist:
        if "clientIp" not in context:
            raise BadCase("context.clientIp", "is required: the token has an IP whitelist")
        header_name = context.get("ipHeader", "")
        header = request.header(header_name).decode("utf-8", "replace") if header_name else None
        ip = request_ip(context["clientIp"], header)
        if not ip_allowed(ip, whitelist):
            return "ip_not_allowed", ip, shown
    return None, "", shown
