"""Which tests a tree group stands for (plain Python, no Qt)."""

from __future__ import annotations

from typing import Iterable

from recviewer.core.catalog.scan import (
    NO_TEST_ID_GROUP, OTHER_FILES_GROUP, RecordingRef, tree_path,
)
from recviewer.core.catalog.walk import natural_key


def group_tests(refs: Iterable[RecordingRef], labels: tuple[str, ...]) -> list[str]:
    """The test ids of the recordings below the group ``labels`` (root first),
    in natural order; none for the "(no test id)" and "Other JSON files" groups."""
    if not labels or labels[0] in (NO_TEST_ID_GROUP, OTHER_FILES_GROUP):
        return []
    depth = len(labels)
    found = {r.test_id for r in refs
             if r.test_id and r.is_recording and tree_path(r)[:depth] == labels}
    return sorted(found, key=natural_key)  # type: ignore[arg-type]
