"""Find every ``*.json`` file (and cassette: ``*.yaml``, ``*.yml``,
``*.yaml.gz``) under a folder, depth first, in natural order.

Symbolic links to folders are followed once: a folder already visited (same
device and inode) is not entered again, so link loops end. Folders that cannot
be listed are passed over; files are not opened here.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Callable, Iterator

SUFFIX = ".json"
CASSETTE_SUFFIXES = (".yaml", ".yml", ".yaml.gz", ".yml.gz")  # vcrpy-style cassettes
SUFFIXES = (SUFFIX,) + CASSETTE_SUFFIXES
_DIGITS = re.compile(r"([0-9]+)")


def natural_key(s: str) -> tuple:
    """Sort key where digit runs compare as numbers: ``t2`` < ``t10``.

    Case-insensitive first; the string itself breaks ties so order is total.
    The pieces alternate text, number, text… (text possibly empty at either
    end), so equal positions always hold the same type and a digit run sorts
    before text at the same place. Built by C-level calls only: this runs for
    every file name of a scanned folder.
    """
    pieces: list = _DIGITS.split(s.casefold())  # casefold never makes or removes 0-9
    pieces[1::2] = map(int, pieces[1::2])
    return (tuple(pieces), s)


@dataclass(slots=True, frozen=True)
class FoundFile:
    path: str      # absolute path as the OS takes it (may hold undecodable bytes)
    rel_path: str  # '/'-separated, relative to the walked root
    problem: str | None  # why it cannot be read, found without opening it


def is_valid_utf8(name: str) -> bool:
    """False when the OS name held bytes that are not UTF-8 (surrogate-escaped)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def display_text(name: str) -> str:
    """``name`` with undecodable bytes shown as U+FFFD, safe to print or encode."""
    if is_valid_utf8(name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _found(path: str, rel: str, entry: os.DirEntry | None = None) -> FoundFile:
    problem = None
    if entry is not None and is_regular(entry):
        pass  # the directory listing says so: no stat call needed
    elif not os.path.exists(path):
        problem = "broken symbolic link" if os.path.islink(path) else "file not found"
    elif not os.path.isfile(path):
        problem = "not a regular file"  # a pipe or device would block or never end
    return FoundFile(path, display_text(rel), problem)


def _entries(folder: str) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as it:
            found = list(it)
    except OSError:
        return []
    found.sort(key=lambda e: natural_key(e.name))
    return found


def folder_id(path: str) -> tuple[int, int] | None:
    """(device, inode) of a folder, following links; None when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def is_regular(entry: os.DirEntry) -> bool:
    """A regular file (links followed); False when it cannot be told."""
    try:
        return entry.is_file()  # follows links; from the listing's d_type for plain files
    except OSError:
        return False


def is_folder(entry: os.DirEntry) -> bool:
    """A folder (links followed); False when it cannot be told."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_candidate(entry: os.DirEntry) -> bool:
    """A ``*.json`` or cassette name that is not a folder (files, links, pipes:
    all reported)."""
    return entry.name.endswith(SUFFIXES) and not is_folder(entry)


def walk_json(root: str, cancel: Callable[[], bool] | None = None,
              list_folder: Callable[[str], list[os.DirEntry]] | None = None) -> Iterator[FoundFile]:
    """Every ``*.json`` and cassette under ``root`` (or ``root`` itself when it
    is one file). ``list_folder`` lists one folder's sorted entries (default
    ``_entries``; the catalog cache passes one that also notes the folder)."""
    _entries_of = _entries if list_folder is None else list_folder
    root = os.path.abspath(root)
    if os.path.isfile(root):
        yield _found(root, os.path.basename(root))
        return
    first = folder_id(root)
    if first is None:
        return
    seen = {first}
    # A stack of (rel prefix of a folder, iterator over its sorted entries).
    stack = [("", iter(_entries_of(root)))]
    while stack:
        if cancel is not None and cancel():
            return
        prefix, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        rel = prefix + entry.name
        if _is_candidate(entry):
            yield _found(entry.path, rel, entry)
        elif is_folder(entry):
            ident = folder_id(entry.path)
            if ident is not None and ident not in seen:
                seen.add(ident)
                stack.append((rel + "/", iter(_entries_of(entry.path))))
