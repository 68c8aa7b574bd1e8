"""What changed in a folder of recordings since the last look (for live reload).

``FolderSnapshot.take(root)`` records ``{rel_path: (size, mtime_ns)}`` for every
file the catalog walk finds under ``root`` (``*.json`` and the cassettes:
``*.yaml``, ``*.yml``, ``*.yaml.gz``) with a cheap ``os.scandir`` walk (no file
is opened); ``changes(old, new)`` compares two snapshots. A viewer polls or reacts
to a file-system watcher, takes a new snapshot and reloads only what changed.

The walk never raises: folders that vanish or cannot be listed while it runs
are passed over, and folder symlink loops are entered once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Mapping

from recviewer.core.catalog.walk import SUFFIXES, folder_id, is_folder, is_regular

Stamp = tuple[int, int]  # (size in bytes, mtime in nanoseconds)


@dataclass(slots=True, frozen=True)
class FolderChanges:
    """Relative paths ('/'-separated), each tuple sorted."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.modified)

    @property
    def count(self) -> int:
        return len(self.added) + len(self.removed) + len(self.modified)


@dataclass(slots=True, frozen=True)
class FolderSnapshot:
    """The files under ``root`` as ``{rel_path: (size, mtime_ns)}``.

    ``parts`` (filled by ``catalog.folder_check``): for a cassette, how many
    catalog entries ``REL#N`` it had (0: the one entry ``REL`` of an empty or
    unreadable cassette), so live reload can name interactions that went away.
    """

    root: str
    files: Mapping[str, Stamp] = field(default_factory=dict)
    complete: bool = True  # False when the walk was cancelled
    parts: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def take(cls, root: str | os.PathLike[str], *,
             cancel: Callable[[], bool] | None = None) -> FolderSnapshot:
        top = os.path.abspath(os.fspath(root))
        files: dict[str, Stamp] = {}
        complete = _walk(top, files, cancel)
        return cls(top, files, complete)

    def __len__(self) -> int:
        return len(self.files)

    def __contains__(self, rel_path: object) -> bool:
        return rel_path in self.files


def _stamp(entry: os.DirEntry) -> Stamp | None:
    try:
        st = entry.stat()  # follows symlinks: a link's target is what is read
    except OSError:
        return None  # vanished, broken link, permission: not a file we can see
    return (st.st_size, st.st_mtime_ns)


def _walk(top: str, files: dict[str, Stamp], cancel: Callable[[], bool] | None) -> bool:
    """Fill ``files``; False if cancelled. A file ``top`` is its own snapshot."""
    if os.path.isfile(top):
        try:
            st = os.stat(top)
        except OSError:
            return True
        files[os.path.basename(top)] = (st.st_size, st.st_mtime_ns)
        return True
    first = folder_id(top)
    if first is None:
        return True
    seen = {first}
    pending = [(top, "")]
    while pending:
        if cancel is not None and cancel():
            return False
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            continue  # removed or unreadable since it was listed
        for entry in entries:
            rel = prefix + entry.name
            if is_folder(entry):
                ident = folder_id(entry.path)
                if ident is not None and ident not in seen:
                    seen.add(ident)
                    pending.append((entry.path, rel + "/"))
            elif entry.name.endswith(SUFFIXES) and is_regular(entry):
                stamp = _stamp(entry)
                if stamp is not None:
                    files[rel] = stamp
    return True


def changes(old: FolderSnapshot | Mapping[str, Stamp],
            new: FolderSnapshot | Mapping[str, Stamp]) -> FolderChanges:
    """Files added, removed and modified (size or mtime differ) from old to new."""
    a = old.files if isinstance(old, FolderSnapshot) else old
    b = new.files if isinstance(new, FolderSnapshot) else new
    added = sorted(k for k in b if k not in a)
    removed = sorted(k for k in a if k not in b)
    modified = sorted(k for k in b if k in a and a[k] != b[k])
    return FolderChanges(tuple(added), tuple(removed), tuple(modified))
