"""Find a recording by what a user types: a file path, a file name or a test id."""

from __future__ import annotations

import os
from typing import Iterable

from recviewer.core.catalog.scan import RecordingRef


def find_ref(refs: Iterable[RecordingRef], query: str) -> RecordingRef | None:
    """Best match for ``query``: exact path, relative path, file name, test id,
    then the first test id containing it (in natural order of the refs given)."""
    refs = list(refs)
    absolute = os.path.abspath(query)
    tests = (
        lambda r: r.path == absolute,
        lambda r: r.rel_path == query or r.rel_path.endswith("/" + query.lstrip("/")),
        lambda r: os.path.basename(r.path) == query,
        lambda r: r.test_id == query,
        lambda r: bool(r.test_id) and query in r.test_id,
    )
    for test in tests:
        for ref in refs:
            if test(ref):
                return ref
    return None
