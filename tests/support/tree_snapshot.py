"""Fingerprint a folder tree, to prove that something only read it.

``snapshot_tree(root)`` maps every entry under ``root`` (files, folders,
symlinks; hidden ones too) to what identifies its state: sha256 + size +
mtime_ns for files, the target for links, mtime_ns for folders (a file created
and deleted again still changes its folder's mtime). ``tree_differences``
explains two snapshots in words, for an assertion message.

Used by the core read-only test and, later, by the UI one::

    before = snapshot_tree(CORPUS)
    ...  # run the viewer over it
    assert not tree_differences(before, snapshot_tree(CORPUS))
"""

from __future__ import annotations

import hashlib
import os
import stat
from typing import Mapping

Entry = tuple  # ("file", sha256, size, mtime_ns) | ("dir", mtime_ns) | ("link", target) | ("other", mode)


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _entry(path: str) -> Entry:
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        return ("link", os.readlink(path))
    if stat.S_ISDIR(st.st_mode):
        return ("dir", st.st_mtime_ns)
    if stat.S_ISREG(st.st_mode):
        return ("file", _sha256(path), st.st_size, st.st_mtime_ns)
    return ("other", stat.S_IFMT(st.st_mode))


def snapshot_tree(root: str | os.PathLike[str]) -> dict[str, Entry]:
    """``{relative path: entry}`` for ``root`` itself ('.') and everything below.

    Symbolic links are recorded, not followed, so loops cannot trap the walk.
    """
    top = os.fspath(root)
    out: dict[str, Entry] = {".": _entry(top)}
    for folder, dirs, files in os.walk(top, followlinks=False):
        for name in dirs + files:
            path = os.path.join(folder, name)
            out[os.path.relpath(path, top)] = _entry(path)
    return out


def tree_differences(before: Mapping[str, Entry], after: Mapping[str, Entry]) -> list[str]:
    """Human lines: what appeared, vanished or changed between two snapshots."""
    lines = [f"new: {p}" for p in sorted(after.keys() - before.keys())]
    lines += [f"gone: {p}" for p in sorted(before.keys() - after.keys())]
    lines += [f"changed: {p}: {before[p]} -> {after[p]}"
              for p in sorted(before.keys() & after.keys()) if before[p] != after[p]]
    return lines
