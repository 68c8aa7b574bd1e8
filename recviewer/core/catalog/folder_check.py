"""The worker-thread half of live reload (plain Python, no Qt).

``take_baseline`` notes the folder's ``*.json`` files (``FolderSnapshot``) and
its folders (what a file-system watcher would watch); ``check_folder`` takes a
new snapshot, compares it with the last one and re-reads the head of every
added or modified file with the catalog's per-file reader, so the GUI thread
only has to put the results in the tree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

from recviewer.core.catalog.scan import RecordingRef, read_ref
from recviewer.core.catalog.walk import FoundFile, display_text
from recviewer.core.folder_changes import FolderChanges, FolderSnapshot, changes

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
    refs: tuple[RecordingRef, ...] = ()  # added and modified files, re-read
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


def take_state(root: str, folder_limit: int, cancel: Cancel | None = None) -> FolderState:
    if not os.path.isdir(root):
        return FolderState(FolderSnapshot(root, {}), (), root_missing=True)
    snapshot = FolderSnapshot.take(root, cancel=cancel)
    return FolderState(snapshot, list_folders(root, folder_limit, cancel))


def read_changed(root: str, rels: list[str]) -> tuple[tuple[RecordingRef, ...], dict[str, str]]:
    """Refs (as a scan would make them) and filter words of these files."""
    refs, terms = [], {}
    for rel in rels:
        path = abs_path(root, rel)
        ref = read_ref(FoundFile(path, display_text(rel), None))
        refs.append(ref)
        if ref.tools:
            terms[path] = " ".join(ref.tools).lower()
    return tuple(refs), terms


def check_folder(root: str, old: FolderSnapshot, folder_limit: int,
                 cancel: Cancel | None = None) -> CheckResult | None:
    """What changed since ``old``; None when cancelled. A missing root changes nothing."""
    state = take_state(root, folder_limit, cancel)
    if state.root_missing or not state.snapshot.complete:
        return CheckResult(state) if state.root_missing else None
    found = changes(old, state.snapshot)
    refs, terms = read_changed(root, list(found.added + found.modified))
    return CheckResult(state, found, refs, terms)
