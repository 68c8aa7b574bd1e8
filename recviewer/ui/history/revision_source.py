"""The open folder as it was at a git revision (no Qt; the window's glue).

``FolderAtRevision`` is a ``RecordingSource`` over a ``GitRevisionSource``
limited to the folder: its entries are relative to the folder (so the tree of
a revision has the same rows as the folder extracted from that revision), and
``path_of`` spells each file git's way, ``3f2a9c1d0e:tests/…/x.json`` (the
path relative to the repository root). ``read_recording_at(source, path)`` is
the detail pane's reader: the recording and its bytes, from git objects only.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Iterator, Sequence

from recviewer.core.cassettes.cassette import is_cassette_name
from recviewer.core.catalog.walk import display_text
from recviewer.core.errors import RecordingError
from recviewer.core.model import Recording
from recviewer.core.sources.base import (Data, GitRevisionSource, SourceEntry, load_recording,
                                         recording_from_bytes, split_address)
from recviewer.core.sources.git import CommitInfo, GitRepo, open_repo


@dataclasses.dataclass(slots=True, frozen=True)
class FolderInRepo:
    """Where an on-disk folder sits in its repository."""

    folder: str   # the folder as opened (absolute)
    repo: GitRepo
    prefix: str   # the folder relative to the repository root ('' at the root), '/'-separated

    @property
    def pathspecs(self) -> tuple[str, ...]:
        return (self.prefix,) if self.prefix else ()

    def repo_path(self, rel_path: str) -> str:
        """A folder-relative path as a repository path."""
        return f"{self.prefix}/{rel_path}" if self.prefix else rel_path

    def folder_path(self, repo_path: str) -> str | None:
        """A repository path relative to the folder (None: outside it)."""
        if not self.prefix:
            return repo_path
        head = self.prefix + "/"
        return repo_path[len(head):] if repo_path.startswith(head) else None


def locate(folder: str) -> FolderInRepo | RecordingError:
    """The repository holding ``folder`` and the folder's place in it, or why not."""
    folder = os.path.abspath(folder)
    repo = open_repo(folder)
    if isinstance(repo, RecordingError):
        return RecordingError(folder, repo.reason)
    if repo.bare:
        return FolderInRepo(folder, repo, "")
    rel = os.path.relpath(os.path.realpath(folder), os.path.realpath(repo.root))
    if rel == os.curdir:
        rel = ""
    elif rel.startswith(os.pardir):
        return RecordingError(folder, "not inside the repository's work tree")
    return FolderInRepo(folder, repo, rel.replace(os.sep, "/"))


class FolderAtRevision:
    """A ``RecordingSource``: the ``*.json`` files of ``place`` at one commit."""

    def __init__(self, place: FolderInRepo, inner: GitRevisionSource,
                 commit: CommitInfo | None = None) -> None:
        self.place = place
        self.inner = inner
        self.commit = commit  # date, author, subject of the revision, when known
        self.root = place.folder
        self.short = inner.short
        self.label = f"{display_text(os.path.basename(place.folder) or place.folder)} at {inner.label}"
        self._entries: list[SourceEntry] | RecordingError | None = None
        self._by_path: dict[str, SourceEntry] | None = None

    @classmethod
    def at(cls, place: FolderInRepo, rev: str,
             share: FolderAtRevision | None = None) -> FolderAtRevision | RecordingError:
        """The folder at ``rev`` (a commit, tag or branch), with its commit's details."""
        src = GitRevisionSource.from_repo(place.repo, rev, place.pathspecs,
                                          share=share.inner if share is not None else None)
        if isinstance(src, RecordingError):
            return src
        info = place.repo.list_commits(None, 1, src.commit)
        commit = info[0] if not isinstance(info, RecordingError) and info else None
        return cls(place, src, commit)

    @property
    def oid(self) -> str:
        return self.inner.commit

    def entries(self) -> list[SourceEntry] | RecordingError:
        if self._entries is None:
            got = self.inner.entries()
            if isinstance(got, RecordingError):
                self._entries = got
            else:
                out = []
                for e in got:
                    rel = self.place.folder_path(e.rel_path)
                    if rel is not None:
                        out.append(dataclasses.replace(e, rel_path=rel))
                self._entries = out
        return self._entries

    def read(self, entries: Sequence[SourceEntry]) -> Iterator[tuple[SourceEntry, Data]]:
        return self.inner.read(entries)  # by blob id: the relative path does not matter

    def path_of(self, entry: SourceEntry) -> str:
        return f"{self.short}:{self.place.repo_path(entry.rel_path)}"

    def rel_path_of(self, path: str) -> str | None:
        """The folder-relative path of a ``path_of`` spelling (cassettes keep ``#N``)."""
        head = f"{self.short}:"
        if not path.startswith(head):
            return None
        file, index = split_address(path[len(head):])
        rel = self.place.folder_path(file)
        if rel is None:
            return None
        return rel if index is None else f"{rel}#{index}"

    def entry_of(self, path: str) -> SourceEntry | None:
        rel = self.rel_path_of(path)
        if rel is None:
            return None
        if self._by_path is None:
            entries = self.entries()
            self._by_path = {} if isinstance(entries, RecordingError) else {
                e.rel_path: e for e in entries}
        return self._by_path.get(split_address(rel)[0])

    def close(self) -> None:
        self.inner.close()  # ends the cat-file process the inner source started

    def __enter__(self) -> FolderAtRevision:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_recording_at(source: FolderAtRevision, path: str
                      ) -> tuple[Recording | RecordingError, bytes | None]:
    """The recording ``path`` (``source.path_of`` spelling) and its bytes, read
    from git objects; an error value when it is not in the revision."""
    entry = source.entry_of(path)
    rel = source.rel_path_of(path)
    if entry is None or rel is None:
        return RecordingError(path, f"not in the revision {source.short}"), None
    data = next((d for _, d in source.read([entry])), ("cannot read: object missing", 0))
    raw = data if isinstance(data, bytes) else None
    try:
        if isinstance(data, tuple):
            return RecordingError(path, data[0]), None
        file = split_address(rel)[0]
        if is_cassette_name(file) or split_address(path)[1] is not None:
            return load_recording(source, rel, path), raw
        return recording_from_bytes(path, data), raw
    except Exception as exc:  # noqa: BLE001 - an adapter bug must not reach the user raw
        return RecordingError(path, f"cannot read: {type(exc).__name__}: {exc}"), raw
