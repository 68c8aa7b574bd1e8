"""The history of one recording through the commits that touched it (no Qt).

``recording_history(repo, path)`` lists the versions of ``path``; with
``follow_key_changes`` (the default) also the versions stored under other
file names by the same call: same test id, endpoint and model (the set diff's
pairing key; recordings without a test id are not followed), never a file that
exists next to ``path`` in one of its versions (a sibling call of the test). One ``git log
--raw`` lists every changed blob, and their heads are read through one
``cat-file --batch`` (the catalog's head read, never a whole parse).
"""

from __future__ import annotations

import os
from typing import Sequence

from recviewer.core.catalog.head import HeadInfo, read_head
from recviewer.core.errors import RecordingError
from recviewer.core.sources.git import GitRepo, PathVersion, open_repo

JSON = ".json"


def _call_key(path: str, data: bytes | None) -> tuple[str, str | None, str | None] | None:
    if data is None:
        return None
    try:
        head = read_head(path, data)
    except (RecursionError, MemoryError):
        return None
    if not isinstance(head, HeadInfo) or not head.test_id:
        return None
    return (head.test_id, head.endpoint, head.model)


def _lifetimes(changes: list[tuple[object, list[PathVersion]]]) -> dict[str, list[tuple[int, int]]]:
    """Per path, the spans of log positions (0 = newest commit) it existed in:
    (position of the commit adding it, position of the one deleting it, or -1)."""
    lives: dict[str, list[tuple[int, int]]] = {}
    open_until: dict[str, int] = {}  # walking from the newest: deleted at position n
    for n, (_, versions) in enumerate(changes):
        for v in versions:
            if v.status == "D":
                open_until[v.path] = n
            elif v.status == "A":
                lives.setdefault(v.path, []).append((n, open_until.pop(v.path, -1)))
    for p, n in open_until.items():  # deleted, added before the listed history
        lives.setdefault(p, []).append((len(changes), n))
    return lives


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans (added at, deleted at; positions grow towards the past) share a commit."""
    return max(a[1], b[1]) < min(a[0], b[0])  # alive at positions d < p <= a


def recording_history(repo: GitRepo | str | os.PathLike[str], path: str, rev: str = "HEAD",
                      follow_key_changes: bool = True,
                      path_filter: Sequence[str] | str | None = None,
                      limit: int | None = None) -> list[PathVersion] | RecordingError:
    """Versions newest first (``PathVersion.path`` says which file name each
    one had). ``path_filter`` limits where renamed versions are looked for."""
    r = repo if isinstance(repo, GitRepo) else open_repo(repo)
    if isinstance(r, RecordingError):
        return r
    own = r.path_history(path, limit, rev)
    if isinstance(own, RecordingError) or not follow_key_changes:
        return own
    with r.blobs() as blobs:
        keys = {k for v in own if v.oid is not None
                for k in [_call_key(path, blobs.read_one(v.oid))] if k is not None}
        if not keys:
            return own
        changes = r.commit_changes(rev, path_filter, limit)
        if isinstance(changes, RecordingError):
            return changes
        candidates = [v for _, vs in changes for v in vs
                      if v.path.endswith(JSON) and v.path != path and v.oid is not None]
        found = {(v.commit.oid, v.path) for v, (_, data)
                 in zip(candidates, blobs.read([v.oid for v in candidates if v.oid]))
                 if _call_key(v.path, data) in keys}
    # A file that exists next to ``path`` is a sibling call of the test (a
    # second model list, a second turn), not an earlier name of this one.
    lives = _lifetimes(changes)
    mine = lives.get(path, [])
    found = {(c, p) for c, p in found
             if not any(_overlap(a, b) for a in lives.get(p, []) for b in mine)}
    # deletions of a followed path belong to its history too
    followed = {p for _, p in found}
    out = []
    for _, vs in changes:
        for v in vs:
            if v.path == path or (v.commit.oid, v.path) in found \
                    or (v.status == "D" and v.path in followed):
                out.append(v)
    return out
