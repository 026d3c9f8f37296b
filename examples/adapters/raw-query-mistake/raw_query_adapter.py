#!/usr/bin/env python3
"""An adapter that signs AcePanel requests the way the doc's PHP and Python clients do.

The AcePanel API doc's PHP and Python examples build the canonical request from the URL as
written: the raw (still percent-encoded) path, cut at the first "/api" substring, and the raw
query exactly as sent. The server signs the decoded path after its configured entry prefix and
the query re-encoded by Go (sorted, escaped, with some pairs dropped). Wherever the two differ,
a request signed by the doc's clients is rejected with "invalid signature".

Everything else is the correct Python adapter (../python): the Opterius schemes and every verifier.
Run it to see which vectors such a client fails, and why:

    npx panelsig check --exec "python3 examples/adapters/raw-query-mistake/raw_query_adapter.py"
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

import acepanel  # noqa: E402  (found through the path above)
import panelsig_adapter  # noqa: E402
from case_reader import Case  # noqa: E402


def doc_client_path(case: Case) -> bytes:
    """The doc's clients: `if not path.startswith('/api'): path = path[path.find('/api'):]`, on the raw path."""
    path = case.request.raw_path
    if not path.startswith(b"/api"):
        at = path.find(b"/api")
        if at != -1:
            path = path[at:]
    return path


def doc_client_query(case: Case) -> bytes:
    """The doc's clients: the query exactly as it appears in the URL."""
    return case.request.raw_query or b""


HANDLERS = {
    **panelsig_adapter.HANDLERS,
    ("acepanel", "sign"): lambda case: acepanel.sign(case, doc_client_path, doc_client_query),
}

if __name__ == "__main__":
    panelsig_adapter.main(HANDLERS)
