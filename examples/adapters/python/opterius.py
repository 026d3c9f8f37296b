"""The two Opterius schemes, for signing and for verifying.

opterius-agent (the panel calls its Go agent):
    X-Signature = hex(hmac(secret, TIMESTAMP + METHOD + PATH + BODY)), no separators,
    TIMESTAMP the X-Timestamp text (RFC 3339) exactly as sent, PATH the percent-decoded path
    without the query, BODY the exact bytes sent ("" when none).
opterius-panel (the billing system calls the panel):
    X-Signature = hex(hmac(api_token, TIMESTAMP + BODY)), TIMESTAMP Unix seconds in decimal.
    Method and path are NOT signed. The real client signs "{}" when it sends no body at all;
    the doc reads as signing "" (option emptyBody), so a verifier accepts both.
No public receiver exists for either; the verifiers answer what docs/verify-outcomes.md says.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from datetime import datetime, timezone

from case_reader import BadCase, Case
from go_time import parse_rfc3339
from go_url import unescape

DEFAULT_WINDOW_SECONDS = 300
EMPTY_BODY_FORMS = (b"{}", b"")  # what an empty body may have been signed as, the real client's first

# (reason code, HTTP status, message) per outcome; the error body is {"error": message}.
ANSWERS = {
    "missing_headers": ("missing_headers", 401, "missing signature headers"),
    "timestamp_invalid": ("timestamp_invalid", 401, "invalid timestamp"),
    "timestamp_expired": ("timestamp_expired", 401, "timestamp out of range"),
    "timestamp_in_future": ("timestamp_in_future", 401, "timestamp out of range"),
    "signature_mismatch": ("signature_mismatch", 401, "invalid signature"),
    "replayed": ("replayed", 401, "request already used"),
    "body_too_large": ("body_too_large", 413, "request body too large"),
    "bad_path": ("signature_mismatch", 400, "400 Bad Request"),  # Go's server refuses the path
}


def signed(message: bytes, secret: bytes) -> dict:
    """The exact bytes MACed (as text, or base64 when they are not UTF-8) and the signature."""
    signature = hmac.new(secret, message, hashlib.sha256).hexdigest()
    try:
        return {"stringToSign": message.decode("utf-8"), "signature": signature}
    except UnicodeDecodeError:
        return {"stringToSignBase64": base64.b64encode(message).decode(), "signature": signature}


def agent_path(case: Case) -> bytes:
    path = unescape(case.request.raw_path, query=False)
    if path is None:
        raise BadCase("request.url", 'the path has a "%" not followed by two hex digits; a Go server answers 400')
    return path


def agent_signed_bytes(timestamp: bytes, method: str, path: bytes, body: bytes) -> bytes:
    return timestamp + method.encode() + path + body


# ---- sign -------------------------------------------------------------------------------------


def sign_agent(case: Case) -> dict:
    timestamp = case.timestamp
    if timestamp is None:
        form = case.options.get("timestampForm", "Z")
        timestamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if form == "Z" else "+00:00")
    # Signed verbatim, as the real panel does; a text Go's time.Parse(time.RFC3339) refuses only warns.
    warnings = [] if parse_rfc3339(timestamp) is not None else [f"timestamp {timestamp!r} is not RFC 3339 as the reference verifier reads it"]
    path = agent_path(case)
    try:
        path.decode("utf-8")
    except UnicodeDecodeError:
        raise BadCase("request.url", "the path decodes to bytes that are not UTF-8") from None
    result = signed(agent_signed_bytes(timestamp.encode(), case.request.method, path, case.request.body), case.secret)
    headers = [["X-Signature", result["signature"]], ["X-Timestamp", timestamp], ["Content-Type", "application/json"]]
    return {"headers": headers, **result, **({"warnings": warnings} if warnings else {})}


def sign_panel(case: Case) -> dict:
    timestamp = case.timestamp or str(int(time.time()))
    if not (timestamp.isascii() and timestamp.isdigit()):
        raise BadCase("timestamp", f"{timestamp!r} is not Unix seconds in decimal")
    body = case.request.body
    signed_body = body if body else case.options.get("emptyBody", "{}").encode()
    result = signed(timestamp.encode() + signed_body, case.secret)
    headers = [["X-Timestamp", timestamp], ["X-Signature", result["signature"]], ["Accept", "application/json"]]
    if body:
        headers.append(["Content-Type", "application/json"])
    return {"headers": headers, **result}


# ---- verify -----------------------------------------------------------------------------------


def verify_agent(case: Case) -> dict:
    request = case.request
    path = unescape(request.raw_path, query=False)
    if path is None:
        return _answer("bad_path")
    signature, timestamp = request.header("X-Signature"), request.header("X-Timestamp")
    if not signature or not timestamp:
        return _answer("missing_headers")
    when = parse_rfc3339(timestamp.decode("utf-8", "replace"))
    if when is None:
        return _answer("timestamp_invalid")
    late = _outside_window(when, case.context)
    if late:
        return _answer(late)
    if case.body_too_large():  # a receiver reads the body only here, after the checks that need none
        return _answer("body_too_large")
    expected = signed(agent_signed_bytes(timestamp, request.method, path, request.body), case.secret)
    return _compare(signature, [expected])


def verify_panel(case: Case) -> dict:
    request = case.request
    signature, timestamp = request.header("X-Signature"), request.header("X-Timestamp")
    if not signature or not timestamp:
        return _answer("missing_headers")
    if not (timestamp.isascii() and timestamp.isdigit()):
        return _answer("timestamp_invalid")
    late = _outside_window(float(timestamp), case.context)
    if late:
        return _answer(late)
    if case.body_too_large():  # a receiver reads the body only here, after the checks that need none
        return _answer("body_too_large")
    bodies = [request.body] if request.body else EMPTY_BODY_FORMS
    result = _compare(signature, [signed(timestamp + body, case.secret) for body in bodies])
    # The replay guard: a signature that verifies but was already accepted (context.acceptedSignatures).
    if result["valid"] and signature.decode() in case.context.get("acceptedSignatures", []):
        return _answer("replayed", {k: v for k, v in result.items() if k != "valid"})
    return result


def _outside_window(when: float, context: dict) -> str | None:
    now = context.get("now", time.time())
    window = context.get("windowSeconds", DEFAULT_WINDOW_SECONDS)
    if when < now - window:
        return "timestamp_expired"
    if when > now + window:
        return "timestamp_in_future"
    return None


def _compare(signature: bytes, candidates: list[dict]) -> dict:
    """Valid when the signature equals one candidate (constant-time); the intermediates of the match, else the first."""
    for candidate in candidates:
        if hmac.compare_digest(signature, candidate["signature"].encode()):
            return {"valid": True, **_shown(candidate)}
    return _answer("signature_mismatch", _shown(candidates[0]))


def _shown(candidate: dict) -> dict:
    shown = {k: v for k, v in candidate.items() if k != "signature"}
    shown["expectedSignature"] = candidate["signature"]
    return shown


def _answer(outcome: str, shown: dict | None = None) -> dict:
    error, status, message = ANSWERS[outcome]
    return {"valid": False, "error": error, "status": status, "message": message, **(shown or {})}
