"""The worker-thread half of live reload (plain Python, no Qt).

``take_state`` notes the folder's files (``FolderSnapshot``: ``*.json`` and
cassettes) and its folders (what a file-system watcher would watch);
``check_folder`` takes a new snapshot, compares it with the last one and
re-reads every added or modified file with the catalog's per-file reader
(``read_refs``), so the GUI thread only has to put the results in the tree.

A cassette is one catalog entry per interaction (``REL#N``), so the changes a
check reports name catalog entries, not files: a cassette that gained an
interaction reports ``REL#N`` added, one that lost some reports those removed,
the rest modified. The snapshot's ``parts`` remember how many entries each
cassette had (counted once for the baseline, ``index.entry_count``; then
taken from the re-read references).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Callable, Mapping

from recviewer.core.catalog.refs import tool_terms
from recviewer.core.catalog.scan import RecordingRef, read_refs
from recviewer.core.catalog.walk import CASSETTE_SUFFIXES, FoundFile, display_text
from recviewer.core.folder_changes import FolderChanges, FolderSnapshot, changes
from recviewer.core.load import read_bytes

Cancel = Callable[[], bool]


@dataclass(slots=True, frozen=True)
class FolderState:
    """A snapshot plus the folders under the root (None: more than the limit)."""

    snapshot: FolderSnapshot
    folders: tuple[str, ...] | None
    root_missing: bool = False


@dataclass(slots=True, frozen=True)
class CheckResult:
    state: FolderState
    changes: FolderChanges = FolderChanges()
    refs: tuple[RecordingRef, ...] = ()  # added and modified entries, re-read
    terms: dict[str, str] = field(default_factory=dict)  # path -> filter words


def abs_path(root: str, rel: str) -> str:
    return os.path.join(root, *rel.split("/"))


def list_folders(root: str, limit: int, cancel: Cancel | None = None) -> tuple[str, ...] | None:
    """``root`` and every folder below it (links entered once); None past ``limit``."""
    seen: set[tuple[int, int]] = set()
    found: list[str] = []
    pending = [root]
    while pending:
        if cancel is not None and cancel():
            return None
        folder = pending.pop()
        try:
            st = os.stat(folder)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen:
            continue
        seen.add((st.st_dev, st.st_ino))
        found.append(folder)
        if len(found) > limit:
            return None
        try:
            with os.scandir(folder) as it:
                for entry in it:
                    try:
                        if entry.is_dir():
                            pending.append(entry.path)
                    except OSError:
                        pass
        except OSError:
            continue
    return tuple(found)


def _state(root: str, folder_limit: int, cancel: Cancel | None) -> FolderState:
    if not os.path.isdir(root):
        return FolderState(FolderSnapshot(root, {}), (), root_missing=True)
    snapshot = FolderSnapshot.take(root, cancel=cancel)
    return FolderState(snapshot, list_folders(root, folder_limit, cancel))


def _count_parts(root: str, rels: list[str], cancel: Cancel | None) -> dict[str, int]:
    from recviewer.core.cassettes.index import entry_count  # late: only with cassettes

    parts: dict[str, int] = {}
    for rel in rels:
        if cancel is not None and cancel():
            break
        path = abs_path(root, rel)
        try:
            data = read_bytes(path)
        except OSError:
            continue  # unreadable: the catalog lists it as one entry REL
        parts[rel] = entry_count(path, display_text(rel), data)
    return parts


def take_state(root: str, folder_limit: int, cancel: Cancel | None = None) -> FolderState:
    """The baseline: files, folders, and how many entries each cassette has."""
    state = _state(root, folder_limit, cancel)
    cassettes = [rel for rel in state.snapshot.files if rel.endswith(CASSETTE_SUFFIXES)]
    if not cassettes or state.root_missing:
        return state
    snapshot = replace(state.snapshot, parts=_count_parts(root, cassettes, cancel))
    return replace(state, snapshot=snapshot)


def entries_of(rel: str, parts: Mapping[str, int]) -> list[str]:
    """The catalog entries (relative paths) of file ``rel`` by ``parts``."""
    n = parts.get(rel, 0)
    return [f"{rel}#{i}" for i in range(n)] if n else [rel]


def _read(root: str, rels: list[str]) -> dict[str, list[RecordingRef]]:
    return {rel: read_refs(FoundFile(abs_path(root, rel), display_text(rel), None))
            for rel in rels}


def read_changed(root: str, rels: list[str]) -> tuple[tuple[RecordingRef, ...], dict[str, str]]:
    """Refs (as a scan would make them: one per cassette interaction) and
    filter words of these files."""
    refs = tuple(r for group in _read(root, rels).values() for r in group)
    return refs, tool_terms(refs)


def entry_changes(files: FolderChanges, old: Mapping[str, int],
                  read: Mapping[str, list[RecordingRef]], root: str
                  ) -> tuple[FolderChanges, dict[str, int]]:
    """File changes → catalog entry changes (``REL#N`` for cassettes; ``read``:
    the re-read refs of each added or modified file), and the entry counts of
    the changed cassettes."""
    counts: dict[str, int] = {}
    added: list[str] = []
    modified: list[str] = []
    removed: list[str] = []
    for rel in files.removed:
        removed.extend(entries_of(rel, old))
    for rel in files.added + files.modified:
        base = abs_path(root, rel)
        new = [rel + r.path[len(base):] if r.path.startswith(base) else rel
               for r in read.get(rel, ())] or [rel]
        new = list(dict.fromkeys(new))
        if new != [rel] or rel.endswith(CASSETTE_SUFFIXES):
            counts[rel] = sum(1 for e in new if e != rel)
        if rel in files.added:
            added.extend(new)
            continue
        before = entries_of(rel, old)
        modified.extend(e for e in new if e in before)
        added.extend(e for e in new if e not in before)
        removed.extend(e for e in before if e not in new)
    return FolderChanges(tuple(sorted(added)), tuple(sorted(removed)),
                         tuple(sorted(modified))), counts


def check_folder(root: str, old: FolderSnapshot, folder_limit: int,
                 cancel: Cancel | None = None) -> CheckResult | None:
    """What changed since ``old``; None when cancelled. A missing root changes
    nothing. The changes name catalog entries (``REL#N`` of a cassette)."""
    state = _state(root, folder_limit, cancel)
    if state.root_missing or not state.snapshot.complete:
        return CheckResult(state) if state.root_missing else None
    found = changes(old, state.snapshot)
    read = _read(root, list(found.added + found.modified))
    refs = tuple(r for group in read.values() for r in group)
    entries, counts = entry_changes(found, old.parts, read, root)
    unchanged = {rel: n for rel, n in old.parts.items()
                 if rel in state.snapshot.files and rel not in counts}
    snapshot = replace(state.snapshot, parts={**unchanged, **counts})
    return CheckResult(replace(state, snapshot=snapshot), entries, refs, tool_terms(refs))
