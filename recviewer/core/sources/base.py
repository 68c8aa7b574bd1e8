"""Where recordings come from: a folder, or a git revision of a repository.

A source lists its ``*.json`` files once (``entries``: repository- or
folder-relative paths in the natural depth-first order ``catalog.walk``
uses) and reads their bytes in bulk (``read``). The catalog (``scan_source``)
and loading one recording (``load_recording``) work the same on either: the
bytes go through ``catalog.scan.ref_from_bytes`` and
``formats.registry.recording_from_document``, the code a folder scan uses.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Protocol, Sequence

from recviewer.core.cassettes.cassette import is_cassette_name, parse_cassette
from recviewer.core.cassettes.convert import interaction_recording
from recviewer.core.cassettes.open import empty_recording, test_id_for
from recviewer.core.catalog.scan import Catalog, RecordingRef, refs_from_bytes
from recviewer.core.catalog.walk import FoundFile, SUFFIXES, display_text, natural_key, walk_json
from recviewer.core.errors import RecordingError, RecordingLoadError
from recviewer.core.formats.registry import recording_from_document
from recviewer.core.load import (FileTooLarge, MAX_FILE_BYTES, decode_json, read_bytes,
                                 read_problem, unwrap)
from recviewer.core.model import Recording
from recviewer.core.sources.git import (MODE_GITLINK, MODE_SYMLINK, SHORT, BlobReader, GitRepo,
                                        TreeEntry, open_repo, symlink_target)

Cancel = Callable[[], bool]
Data = bytes | tuple[str, int]  # the bytes, or (why not, size when known)


@dataclass(slots=True, frozen=True)
class SourceEntry:
    """One ``*.json`` (or cassette) file of a source."""

    rel_path: str            # '/'-separated, relative to the source root (display text)
    size: int                # bytes; -1 when not known without reading (folders)
    key: str | None = None   # content identity known without reading (a git blob id)
    problem: str | None = None  # why it cannot be read, known without reading
    name: str = ""           # the OS path (folders) or the raw repository path (git)


def path_key(rel_path: str) -> tuple:
    """Sort key giving ``walk``'s order (per folder natural order, depth first)."""
    return tuple(natural_key(part) for part in rel_path.split("/"))


class RecordingSource(Protocol):
    root: str    # the folder, or the repository's top folder
    label: str   # how to name the source to a person

    def entries(self) -> list[SourceEntry] | RecordingError: ...

    def read(self, entries: Sequence[SourceEntry]) -> Iterator[tuple[SourceEntry, Data]]: ...

    def path_of(self, entry: SourceEntry) -> str: ...

    def close(self) -> None: ...


# ---------------------------------------------------------------- folder
class FolderSource:
    """Today's behaviour: the ``*.json`` files under a folder on disk."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = os.path.abspath(os.fspath(root))
        self.label = display_text(self.root)

    def entries(self) -> list[SourceEntry] | RecordingError:
        if not os.path.isdir(self.root):
            reason = "not a folder" if os.path.exists(self.root) else "no such folder"
            return RecordingError(display_text(self.root), reason)
        return [SourceEntry(f.rel_path, -1, None, f.problem, f.path) for f in walk_json(self.root)]

    def read(self, entries: Sequence[SourceEntry]) -> Iterator[tuple[SourceEntry, Data]]:
        for entry in entries:
            if entry.problem is not None:
                yield entry, (entry.problem, 0)
                continue
            try:
                yield entry, read_bytes(entry.name)
            except OSError as exc:
                yield entry, (read_problem(exc), exc.size if isinstance(exc, FileTooLarge) else 0)

    def path_of(self, entry: SourceEntry) -> str:
        return entry.name

    def close(self) -> None:
        pass

    def __enter__(self) -> FolderSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------- git revision
class GitRevisionSource:
    """The ``*.json`` blobs of one commit (limited to ``pathspecs``), read from
    git objects: the tree listed once, blobs through one ``cat-file --batch``.

    Ownership: the source that starts the ``cat-file`` process ends it on
    ``close`` (use it as a context manager). A source made with
    ``from_repo(..., share=other)`` reads through ``other``'s process and
    leaves it running; close ``other`` last (``with a, b:`` does)."""

    def __init__(self, repo: GitRepo, commit: str, rev: str | None = None,
                 pathspecs: Sequence[str] = (), blobs: BlobReader | None = None,
                 *, own_blobs: bool = True) -> None:
        self.repo = repo
        self.commit = commit
        self.rev = rev or commit
        self.pathspecs = tuple(pathspecs)
        self.root = repo.root
        self.short = commit[:SHORT]
        # "a1b2c3d4e5" or "main (a1b2c3d4e5)": the repository is named apart
        self.label = self.short if commit.startswith(self.rev) else f"{self.rev} ({self.short})"
        self._blobs = blobs
        self._owns_blobs = own_blobs  # False: a shared reader, closed by its owner
        self._entries: list[SourceEntry] | RecordingError | None = None

    @classmethod
    def from_repo(cls, repo: str | os.PathLike[str] | GitRepo, rev: str = "HEAD",
                  pathspecs: Sequence[str] = (),
                  share: GitRevisionSource | None = None) -> GitRevisionSource | RecordingError:
        """The revision ``rev`` of ``repo``, or why not (not a repository,
        unknown revision). With ``share``, a source of the same repository
        whose ``cat-file`` process this one uses too (two revisions, one process)."""
        r = repo if isinstance(repo, GitRepo) else open_repo(repo)
        if isinstance(r, RecordingError):
            return r
        blobs = share.blobs if share is not None else BlobReader(r)
        commit = blobs.resolve(rev)  # asked of the process that reads the blobs
        if commit is None:
            if share is None:
                blobs.close()
            return RecordingError(r.root, f"unknown revision {rev!r}")
        return cls(r, commit, rev, pathspecs, blobs, own_blobs=share is None)

    @property
    def blobs(self) -> BlobReader:
        if self._blobs is None:
            self._blobs = self.repo.blobs()
            self._owns_blobs = True
        return self._blobs

    def tree(self) -> list[TreeEntry] | RecordingError:
        return self.repo.ls_tree(self.commit, self.pathspecs)

    def entries(self) -> list[SourceEntry] | RecordingError:
        if self._entries is None:
            self._entries = self._list()
        return self._entries

    def _list(self) -> list[SourceEntry] | RecordingError:
        tree = self.tree()
        if isinstance(tree, RecordingError):
            return tree
        by_path = {t.path: t for t in tree}
        links = [t for t in tree if t.mode == MODE_SYMLINK and t.path.endswith(SUFFIXES)]
        targets = {oid: data for oid, data in self.blobs.read([t.oid for t in links])}
        out = []
        for t in tree:
            if not t.path.endswith(SUFFIXES) or t.mode == MODE_GITLINK:
                continue  # a submodule extracts to an (empty) folder: walk skips it
            if t.mode == MODE_SYMLINK:
                data = targets.get(t.oid)
                target = by_path.get(symlink_target(t.path, data)) if data is not None else None
                if target is None or target.mode in (MODE_SYMLINK, MODE_GITLINK):
                    out.append(SourceEntry(display_text(t.path), 0, None,
                                           "broken symbolic link", t.path))
                    continue
                t = TreeEntry(t.path, target.mode, target.oid, target.size)
            out.append(SourceEntry(display_text(t.path), t.size, t.oid, None, t.path))
        out.sort(key=lambda e: path_key(e.rel_path))
        return out

    def read(self, entries: Sequence[SourceEntry]) -> Iterator[tuple[SourceEntry, Data]]:
        todo = [e for e in entries if e.problem is None and e.key is not None
                and e.size <= MAX_FILE_BYTES]  # -1: size learnt from the reply
        replies = self.blobs.read([e.key for e in todo if e.key is not None])
        for entry in entries:
            if entry.problem is not None:
                yield entry, (entry.problem, 0)
            elif entry.key is None:
                yield entry, ("cannot read: no object", 0)
            elif entry.size > MAX_FILE_BYTES:
                yield entry, (FileTooLarge(entry.rel_path, entry.size).strerror, entry.size)
            else:
                _, data = next(replies)
                if data is None:
                    yield entry, ("cannot read: object missing", 0)
                elif len(data) > MAX_FILE_BYTES:
                    yield entry, (FileTooLarge(entry.rel_path, len(data)).strerror, len(data))
                else:
                    yield entry, data
        for _ in replies:
            pass

    def read_key(self, key: str) -> bytes | None:
        return self.blobs.read_one(key)

    def find(self, rel_path: str) -> SourceEntry | None:
        entries = self.entries()
        if isinstance(entries, RecordingError):
            return None
        want = posixpath.normpath(rel_path.replace(os.sep, "/")).lstrip("/")
        return next((e for e in entries if e.rel_path == want or e.name == want), None)

    def path_of(self, entry: SourceEntry) -> str:
        """``3f2a9c1d0e:tests/x.json``: git's own spelling of a blob at a revision."""
        return f"{self.short}:{entry.rel_path}"

    def close(self) -> None:
        if self._blobs is not None and self._owns_blobs:
            self._blobs.close()
        self._blobs = None

    def __enter__(self) -> GitRevisionSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_source(path: str | os.PathLike[str], rev: str | None = None,
                pathspecs: Sequence[str] = ()) -> RecordingSource | RecordingError:
    """A folder (``rev`` None) or the revision ``rev`` of the repository at ``path``."""
    if rev is None:
        return FolderSource(path)
    return GitRevisionSource.from_repo(path, rev, pathspecs)


# ---------------------------------------------------------------- catalog, load
def refs_from(source: RecordingSource, entries: Iterable[SourceEntry],
              cancel: Cancel | None = None) -> Iterator[RecordingRef]:
    """References for ``entries`` through the folder scan's own code path."""
    for entry, data in source.read(list(entries)):
        if cancel is not None and cancel():
            return
        found = FoundFile(source.path_of(entry), entry.rel_path, None)
        yield from refs_from_bytes(found, data)  # a cassette: one per interaction


def scan_source_iter(source: RecordingSource, *, batch_size: int = 256,
                     cancel: Cancel | None = None) -> Iterator[list[RecordingRef]]:
    """Batches of references in walk order (as ``catalog.scan_iter``)."""
    entries = source.entries()
    if isinstance(entries, RecordingError):
        return
    batch: list[RecordingRef] = []
    for ref in refs_from(source, entries, cancel):
        batch.append(ref)
        if len(batch) >= max(1, batch_size):
            yield batch
            batch = []
    if batch:
        yield batch


def scan_source(source: RecordingSource, cancel: Cancel | None = None) -> Catalog:
    """The whole catalog of a source (``Catalog.root`` is the folder or the
    repository's top folder; paths are relative to it)."""
    entries = source.entries()
    if isinstance(entries, RecordingError):
        return Catalog(display_text(source.root), [], error=entries.reason)
    refs = list(refs_from(source, entries, cancel))
    return Catalog(source.root, refs, cancelled=cancel is not None and bool(cancel()))


def recording_from_bytes(path: str, data: Data) -> Recording | RecordingError:
    """Bytes of one recording (from any source) → Recording, as ``read_recording``."""
    if isinstance(data, tuple):
        return RecordingError(path, data[0])
    try:
        doc = unwrap(decode_json(data))
    except RecordingLoadError as exc:
        return RecordingError(path, str(exc))
    except RecursionError:
        return RecordingError(path, "JSON nested too deeply to read")
    return recording_from_document(path, doc, len(data))


def split_address(address: str) -> tuple[str, int | None]:
    """``("FILE", N)`` for a cassette's ``FILE#N`` (by name: nothing on disk is
    asked, unlike ``cassettes.open.split_address``), else ``(address, None)``."""
    file, sep, tail = address.rpartition("#")
    if sep and tail.isdigit() and is_cassette_name(file):
        return file, int(tail)
    return address, None


def _entry(source: RecordingSource, rel_path: str) -> SourceEntry | RecordingError:
    entries = source.entries()
    if isinstance(entries, RecordingError):
        return entries
    want = posixpath.normpath(rel_path.replace(os.sep, "/")).lstrip("/")
    entry = next((e for e in entries if e.rel_path == want), None)
    if entry is None:
        where = getattr(source, "short", None)
        return RecordingError(rel_path, f"no such recording at {where}" if where
                              else "file not found")
    return entry


def _data(source: RecordingSource, entry: SourceEntry) -> Data:
    for _, data in source.read([entry]):
        return data
    return ("file not found", 0)


def load_cassette(source: RecordingSource, rel_path: str, path: str | None = None
                  ) -> list[Recording | RecordingError] | RecordingError:
    """Every interaction of a cassette of a source (``path#N`` each), as
    ``cassettes.open.read_all`` reads a cassette file."""
    cas = _cassette(source, rel_path, path)
    if isinstance(cas, RecordingError):
        return cas
    name, cassette, test_id = cas
    return [interaction_recording(f"{name}#{i.index}", i, test_id, cassette.size)
            for i in cassette.interactions]


def _cassette(source: RecordingSource, rel_path: str, path: str | None):
    entry = _entry(source, rel_path)
    if isinstance(entry, RecordingError):
        return RecordingError(path or rel_path, entry.reason)
    name = path or source.path_of(entry)
    data = _data(source, entry)
    if isinstance(data, tuple):
        return RecordingError(name, data[0])
    cassette = parse_cassette(name, data)
    if isinstance(cassette, RecordingError):
        return cassette
    # the test id as for the file extracted at the repository root (cut at its tests folder)
    return name, cassette, test_id_for(os.path.join(source.root, entry.rel_path))


def load_recording(source: RecordingSource, rel_path: str,
                   path: str | None = None) -> Recording | RecordingError:
    """One recording of a source by its relative path (a cassette's
    interaction as ``FILE#N``, or a cassette's only one as ``FILE``); ``path``
    names it in the result (default: the source's own spelling, ``source.path_of``)."""
    file, index = split_address(rel_path)
    if is_cassette_name(file):
        cas = _cassette(source, file, split_address(path)[0] if path else None)
        if isinstance(cas, RecordingError):
            return cas
        name, cassette, test_id = cas
        n = len(cassette.interactions)
        if index is None:
            if n == 0:
                return empty_recording(name, test_id, cassette.size, cassette.raw)
            if n != 1:
                return RecordingError(name, f"a cassette with {n} interactions: name one as "
                                            f"{name}#N (N from 0 to {n - 1})")
            index = 0
        if index >= n:
            return RecordingError(f"{name}#{index}", f"no interaction {index}: the cassette "
                                                      f"holds {n}")
        return interaction_recording(f"{name}#{index}", cassette.interactions[index], test_id,
                                     cassette.size)
    entry = _entry(source, rel_path)
    if isinstance(entry, RecordingError):
        return RecordingError(path or rel_path, entry.reason)
    return recording_from_bytes(path or source.path_of(entry), _data(source, entry))
