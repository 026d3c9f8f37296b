#!/usr/bin/env python3
"""A panelsig adapter in Python (standard library only): the three schemes, sign and verify.

Run it under the panelsig conformance runner:

    npx panelsig check --exec "python3 examples/adapters/python/panelsig_adapter.py"

The protocol (docs/adapter-protocol.md): one case object per line on stdin, one result per line
on stdout, in the same order, each carrying the case's tcId. stdout carries nothing else;
diagnostics go to stderr. When stdin closes, the adapter exits 0.
"""

from __future__ import annotations

import json
import sys

import acepanel
import opterius
from case_reader import BadCase, read_case

HANDLERS = {
    ("acepanel", "sign"): acepanel.sign,
    ("acepanel", "verify"): acepanel.verify,
    ("opterius-agent", "sign"): opterius.sign_agent,
    ("opterius-agent", "verify"): opterius.verify_agent,
    ("opterius-panel", "sign"): opterius.sign_panel,
    ("opterius-panel", "verify"): opterius.verify_panel,
}


def answer(line: bytes, handlers: dict = HANDLERS) -> dict:
    """The result line for one input line."""
    try:
        obj = json.loads(line)
    except ValueError as error:  # not UTF-8, or not JSON
        return {"tcId": None, "error": "bad_case", "message": f"line is not a JSON object: {error}"}
    tc_id = obj.get("tcId") if isinstance(obj, dict) else None
    try:
        case = read_case(obj)
        handler = handlers.get((case.scheme, case.op))
        if handler is None:
            return {"tcId": tc_id, "error": "unsupported", "message": f"{case.op} of {case.scheme} is not implemented"}
        return {"tcId": tc_id, **handler(case)}
    except BadCase as error:
        return {"tcId": tc_id, "error": "bad_case", "message": str(error)}


def main(handlers: dict = HANDLERS) -> None:
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        out.write(json.dumps(answer(line, handlers)).encode() + b"\n")
        out.flush()  # the runner waits for each answer: never leave one in a buffer


if __name__ == "__main__":
    main()
