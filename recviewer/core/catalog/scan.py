"""The catalog: every recording under a folder, as light references.

A scan walks the folder (``walk``), reads each file's head
(``head``) and streams ``RecordingRef`` batches, so a viewer can fill
its tree while the scan runs. The tree groups recordings by pytest node id:
file, then test function, then parameters.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, TypeVar

from recviewer.core.catalog.head import read_head
from recviewer.core.catalog.refs import (ERROR_FORMAT, KIND_OTHER, KIND_RECORDING,
                                         KIND_UNREADABLE, RecordingRef, error_ref)
from recviewer.core.catalog.walk import (CASSETTE_SUFFIXES, FoundFile, display_text, natural_key,
                                         walk_json)
from recviewer.core.errors import RecordingError
from recviewer.core.load import FileTooLarge, read_bytes, read_problem

# Annotations name cache.CatalogCache and pool.ScanPool as text only: both
# import this module (no import cycle, not even for type checking).

__all__ = [
    "ERROR_FORMAT", "KIND_OTHER", "KIND_RECORDING", "KIND_UNREADABLE", "NO_TEST_ID_GROUP",
    "OTHER_FILES_GROUP", "error_ref",
    "Catalog", "filter_terms", "RecordingRef", "natural_key", "read_ref", "scan",
    "scan_iter", "split_test_id", "tree_path",
]

NO_TEST_ID_GROUP = "(no test id)"
OTHER_FILES_GROUP = "Other JSON files"  # the one tree node listing KIND_OTHER refs

Cancel = Callable[[], bool]
T = TypeVar("T")


def filter_terms(ref: RecordingRef) -> str:
    """Words the tree filter matches besides the ref's own fields, so that
    ``failed`` / ``is:failed``, ``status:400``, ``is:other`` and ``is:error``
    select those rows (lower case, space separated)."""
    if ref.kind == KIND_OTHER:
        return "is:other other"
    if ref.kind == KIND_UNREADABLE:
        return "is:error is:unreadable unreadable"
    words = [] if ref.status is None else [f"status:{ref.status}"]
    if ref.failed:
        words += ["is:failed", "failed"]
    if ref.streaming:
        words.append("is:stream")
    return " ".join(words)


# ----------------------------------------------------------------- test ids
def split_test_id(test_id: str) -> tuple[str, str, str | None]:
    """``"tests/a/test_x.py::TestC::test_f[p1-p2]"`` → ``("tests/a/test_x.py",
    "TestC::test_f", "p1-p2")``.

    The file ends at the first ``::``; parameters run from the first ``[``
    after it to the final ``]``, so they may hold ``::`` and brackets. An id
    without ``::`` is all file; a ``[`` without a final ``]`` is not parameters.
    """
    file, sep, rest = test_id.partition("::")
    if not sep:
        return (test_id, "", None)
    bracket = rest.find("[")
    if bracket >= 0 and rest.endswith("]"):
        return (file, rest[:bracket], rest[bracket + 1:-1])
    return (file, rest, None)


def tree_path(ref: RecordingRef) -> tuple[str, ...]:
    """Group labels from the root down to the recording's parent node. JSON
    files that are not recordings all go under one ``OTHER_FILES_GROUP`` node,
    by folder."""
    if ref.kind == KIND_OTHER:
        return (OTHER_FILES_GROUP, ref.rel_path.rpartition("/")[0] or ".")
    if not ref.test_id:
        folder = ref.rel_path.rpartition("/")[0]
        return (NO_TEST_ID_GROUP, folder or ".")
    file, function, params = split_test_id(ref.test_id)
    labels = [file]
    if function:
        labels.append(function)
    if params is not None:
        labels.append(params)
    return tuple(labels)


# ----------------------------------------------------------------- one file
# The cassette modules (YAML, body decoding) are imported on the first cassette:
# a folder of JSON recordings, and ``recviewer-cli index`` of one, never needs them.
def is_cassette(found: FoundFile, head: bytes | None = None) -> bool:
    """``cassette_refs.is_cassette``: a cassette by name, or JSON bytes of one."""
    if found.path.endswith(CASSETTE_SUFFIXES):
        return True
    if head is None:
        return False
    from recviewer.core.catalog import cassette_refs as cassettes

    return cassettes.is_cassette(found, head)


def cassette_refs(found: FoundFile, data: bytes) -> list[RecordingRef]:
    from recviewer.core.catalog import cassette_refs as cassettes

    return cassettes.cassette_refs(found, data)


def _read_bytes(path: str) -> bytes | tuple[str, int]:
    """The file's bytes, or why not and its size when known."""
    try:
        return read_bytes(path)
    except OSError as exc:
        return read_problem(exc), exc.size if isinstance(exc, FileTooLarge) else 0


_error_ref = error_ref


def read_ref(found: FoundFile) -> RecordingRef:
    """The reference for one found file; never raises."""
    if found.problem is not None:
        return _error_ref(found, found.problem)
    return ref_from_bytes(found, _read_bytes(found.path))


def read_refs(found: FoundFile) -> list[RecordingRef]:
    """The references of one found file: one for a recording, one per
    interaction for a cassette (``cassette_refs``, paths ``REL#N``), a JSON
    file that is not a recording checked for a vcrpy JSON cassette; never raises."""
    if found.problem is None and is_cassette(found):
        data = _read_bytes(found.path)
        return [_error_ref(found, *data)] if isinstance(data, tuple) else cassette_refs(found, data)
    ref = read_ref(found)
    if ref.error is not None and found.problem is None:
        data = _read_bytes(found.path)
        if not isinstance(data, tuple) and is_cassette(found, data[:4096]):
            return cassette_refs(found, data)
    return [ref]


def refs_from_bytes(found: FoundFile, data: bytes | tuple[str, int]) -> list[RecordingRef]:
    """What ``read_refs`` gives, for a file's bytes from any source (a git
    revision: ``sources``): the same ``ref_from_bytes`` and ``cassette_refs``."""
    if is_cassette(found):
        return [_error_ref(found, *data)] if isinstance(data, tuple) else cassette_refs(found, data)
    ref = ref_from_bytes(found, data)
    if ref.error is not None and not isinstance(data, tuple) and is_cassette(found, data[:4096]):
        return cassette_refs(found, data)
    return [ref]


def ref_from_bytes(found: FoundFile, data: bytes | tuple[str, int]) -> RecordingRef:
    """The reference for a file's bytes from any source (a folder, a git
    revision: ``sources``), or for ``(reason, size)`` when they could not be
    read; never raises."""
    if isinstance(data, tuple):
        return _error_ref(found, *data)
    try:
        head = read_head(found.path, data)
    except (RecursionError, MemoryError):
        return _error_ref(found, "JSON nested too deeply to read", len(data))
    if isinstance(head, RecordingError):
        return _error_ref(found, head.reason, len(data))
    return RecordingRef(found.path, found.rel_path, head.test_id, head.endpoint, head.model,
                        head.format, head.streaming, head.chunks, len(data), None, head.tools,
                        head.status, head.failed, gist=head.gist)


# ----------------------------------------------------------------- scanning
def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= max(1, size):
            yield batch
            batch = []
    if batch:
        yield batch


def _until_cancelled(found: Iterable[FoundFile], cancel: Cancel | None) -> Iterator[FoundFile]:
    for item in found:
        if cancel is not None and cancel():
            return
        yield item


def scan_iter(root: str | os.PathLike[str], *, batch_size: int = 256,
              cancel: Cancel | None = None, pool: ScanPool | None = None,
              cache: CatalogCache | bool | None = None) -> Iterator[list[RecordingRef]]:
    """Stream the references under ``root`` in batches (natural, depth-first order).

    Stops soon after ``cancel()`` returns true (it is asked before each file).
    With a ``pool`` (``pool.ScanPool``) the files are read on its worker
    processes; the batches and their order are the same. With a ``cache``
    (``cache.CatalogCache``, or True for the user's one) files unchanged since
    a scan stored them are not read (same references).
    """
    top = os.path.abspath(os.fspath(root))
    found = _until_cancelled(walk_json(top, cancel), cancel)
    if cache:
        from recviewer.core.catalog import cache as catalog_cache

        own = cache is True
        store = catalog_cache.CatalogCache.connect() if own else cache
        if store is not None:
            try:
                session = store.session(top, RecordingRef)
                yield from catalog_cache.cached_batches(
                    _until_cancelled(session.walk(cancel), cancel), session, batch_size, pool,
                    cancel, lambda: not (cancel is not None and cancel()), read_refs, _batched)
            finally:
                if own:
                    store.close()
            return
    if pool is not None:
        yield from pool.read_batches(_batched(found, batch_size), cancel)
    else:
        yield from _batched((r for f in found for r in read_refs(f)), batch_size)


@dataclass(slots=True, frozen=True)
class Catalog:
    root: str
    refs: list[RecordingRef]
    cancelled: bool = False
    error: str | None = None  # why the root itself could not be scanned
    _by_path: dict[str, RecordingRef] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, RecordingRef] = {}
        for ref in self.refs:
            index.setdefault(ref.rel_path, ref)
        for ref in self.refs:
            index[ref.path] = ref
        object.__setattr__(self, "_by_path", index)

    @property
    def tests(self) -> int:
        """How many distinct test ids the recordings have."""
        return len({r.test_id for r in self.refs if r.test_id and r.kind == KIND_RECORDING})

    @property
    def recordings(self) -> int:
        """Readable recordings (not unreadable files, not other JSON files)."""
        return sum(1 for r in self.refs if r.kind == KIND_RECORDING)

    @property
    def errors(self) -> int:
        """Files that cannot be read as JSON (other JSON files are not counted)."""
        return sum(1 for r in self.refs if r.kind == KIND_UNREADABLE)

    @property
    def others(self) -> int:
        """JSON files that are not recordings (no request/response pair)."""
        return sum(1 for r in self.refs if r.kind == KIND_OTHER)

    @property
    def failed(self) -> int:
        """Recordings of failed calls (HTTP status >= 400, recorded exceptions)."""
        return sum(1 for r in self.refs if r.failed)

    def find(self, path: str | os.PathLike[str]) -> RecordingRef | None:
        """The reference for an absolute path, or a path relative to the root."""
        p = os.fspath(path)
        return self._by_path.get(p) or self._by_path.get(os.path.abspath(p))


def scan(root: str | os.PathLike[str], *, progress: Callable[[int], None] | None = None,
         cancel: Cancel | None = None, batch_size: int = 256,
         pool: ScanPool | None = None, cache: CatalogCache | bool | None = None) -> Catalog:
    """Scan ``root`` fully (or until cancelled); ``progress(n)`` after each batch.
    With a ``pool`` the files are read on its worker processes, with a
    ``cache`` unchanged files are not read (same result)."""
    top = os.path.abspath(os.fspath(root))
    if not os.path.exists(top):
        return Catalog(display_text(top), [], error="folder not found")
    refs: list[RecordingRef] = []
    for batch in scan_iter(top, batch_size=batch_size, cancel=cancel, pool=pool, cache=cache):
        refs.extend(batch)
        if progress is not None:
            progress(len(refs))
    cancelled = cancel is not None and bool(cancel())
    return Catalog(top, refs, cancelled)
