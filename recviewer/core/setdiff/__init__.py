"""Diff two whole recording sets (no Qt): folders or git revisions.

- ``compare_sources(old, new)`` → ``SetDiff`` (classified ``SetPair`` s and
  counts); ``compare_folders`` / ``compare_revisions`` open the sources.
- ``markdown_report(setdiff)``: a GitHub-flavoured review report.
"""

from __future__ import annotations

from recviewer.core.setdiff.compare import (CLASSES, COUNT_KEYS, REAL_CLASSES, SetDiff, SetPair,
                                            compare_folders, compare_revisions, compare_sources,
                                            request_text)

__all__ = [
    "CLASSES", "COUNT_KEYS", "REAL_CLASSES", "SetDiff", "SetPair", "compare_folders",
    "compare_revisions", "compare_sources", "request_text",
]
