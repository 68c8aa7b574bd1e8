"""The search index of one folder: an SQLite FTS5 database in the cache folder.

One database per folder (``<cache>/search/<hash of the folder path>.sqlite``),
never inside the folder. Each file is keyed by its path relative to the folder
plus its size and mtime (a cassette is one file whose interactions are indexed
apart: their text rows and hits are ``REL#N``): ``build`` reads only files that are new or changed and
drops rows of files that are gone; ``update`` does the same for paths live
reload names. WAL journal and a busy timeout let two processes share the index
(files are read outside any transaction, then written a batch per short write
transaction; a file's text rows have consecutive rowids, kept in ``files``, so
replacing or dropping them never scans the table).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from recviewer.core.cache_dir import cache_dir
from recviewer.core.catalog.walk import CASSETTE_SUFFIXES, walk_json
from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording
from recviewer.core.search.fields import MAX_FIELD, recording_fields
from recviewer.core.search.query import match_expression

SCHEMA_VERSION = 3  # 2: text rows name their file (cassette interactions REL#N); 3: rowid ranges
WRITE_BATCH_FILES = 256  # files written in one transaction at most
WRITE_BATCH_CHARS = 8_000_000  # or this much text
# Worker processes read (parse, adapt) when reading in this process is
# estimated at START_COST_S or more (measured on the benchmark machine:
# read_recording of 3,000 corpus files, 106 MB, ~3.8 s in one process;
# starting two workers ~0.5 s): docs/performance.md.
READ_PER_FILE_S = 200e-6
READ_PER_BYTE_S = 30e-9
START_COST_S = 1.0
READ_BATCH_FILES = 32
READ_BATCH_BYTES = 2_000_000
BUSY_MS = 10_000
_OPEN, _CLOSE = "\x02", "\x03"  # snippet markers (removed from indexed text first)
_SNIPPET_TOKENS = 16
Progress = Callable[[int, int], None]  # (files done, files in all)
Cancel = Callable[[], bool]


@dataclass(slots=True, frozen=True)
class Hit:
    path: str                    # relative to the folder, '/'-separated
    test_id: str | None
    where: str                   # e.g. request.messages[2], response.text
    snippet: str                 # the match in context (plain text, one line)
    matches: tuple[tuple[int, int], ...]  # (start, end) of each match in ``snippet``


@dataclass(slots=True, frozen=True)
class BuildStats:
    read: int      # files read and (re)indexed
    reused: int    # files unchanged since the last build (not read)
    removed: int   # files gone from the folder, dropped from the index
    cancelled: bool = False


def index_path(root: str | os.PathLike[str]) -> Path:
    """Where the index of ``root`` lives (in the cache folder)."""
    top = os.path.realpath(os.fspath(root))
    digest = hashlib.sha256(os.fsencode(top)).hexdigest()[:24]
    return cache_dir() / "search" / f"{digest}.sqlite"


def _clean(text: str) -> str:
    if _OPEN in text or _CLOSE in text:
        text = text.replace(_OPEN, " ").replace(_CLOSE, " ")
    return text[:MAX_FIELD]


def _unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Snippet text without markers, and where the marked matches are."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = -1
    for piece in marked.split(_OPEN):
        head, sep, tail = piece.partition(_CLOSE)
        if sep and start >= 0:  # ``head`` was a match
            out.append(head)
            spans.append((start, start + len(head)))
            length += len(head)
            piece = tail
        elif not out and not sep:
            piece = piece  # the text before the first match
        out.append(piece)
        length += len(piece)
        start = length
    return "".join(out), tuple(s for s in spans if s[1] > s[0])


def _one_line(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Newlines and tabs as spaces (same length, so spans stay right)."""
    return text.translate({9: 32, 10: 32, 13: 32}), spans


def _recordings(path: str, rel: str) -> list[tuple[str, object]]:
    """(address relative to the folder, Recording) of a file: a cassette's
    every interaction (``REL#N``, in recorded order, with the catalog's test
    id), else the one recording."""
    if not path.endswith(CASSETTE_SUFFIXES):
        rec = read_recording(path)
        if not isinstance(rec, RecordingError):
            return [(rel, rec)]
        from recviewer.core.cassettes.open import is_cassette_file

        if not is_cassette_file(path):  # a vcrpy JSON cassette is read below
            return []
    from recviewer.core.cassettes.open import read_all
    from recviewer.core.cassettes.test_ids import cassette_test_id

    recs = read_all(path, cassette_test_id(rel))
    if isinstance(recs, RecordingError):
        return []
    out = []
    for rec in recs:
        if not isinstance(rec, RecordingError):
            tail = rec.path.rpartition("#")[2]
            out.append((f"{rel}#{tail}" if tail.isdigit() else rel, rec))
    return out


@dataclass(slots=True, frozen=True)
class _Indexed:
    """One file read for the index: its text rows (path, field, body, file)."""

    rel: str
    size: int
    mtime: int
    test_id: str | None
    rows: list[tuple[str, str, str, str]]
    chars: int


def _batches(todo: list[tuple[str, str, int, int]]) -> Iterator[list[tuple[str, str, int, int]]]:
    """Files to read in batches of about ``READ_BATCH_BYTES`` (at most ``READ_BATCH_FILES``)."""
    batch: list[tuple[str, str, int, int]] = []
    size = 0
    for t in todo:
        batch.append(t)
        size += t[2]
        if size >= READ_BATCH_BYTES or len(batch) >= READ_BATCH_FILES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _read_batch(todo: list[tuple[str, str, int, int]]) -> list[tuple]:
    """In a worker process: ``_read_file`` of each file, as plain tuples."""
    out = []
    for t in todo:
        item = _read_file(*t)
        out.append((item.rel, item.size, item.mtime, item.test_id, item.rows, item.chars))
    return out


def _read_file(path: str, rel: str, size: int, mtime: int) -> _Indexed:
    rows: list[tuple[str, str, str, str]] = []
    test_id = None
    for address, rec in _recordings(path, rel):
        test_id = rec.test_id if test_id is None else test_id
        rows.extend((address, where, _clean(text), rel) for where, text in recording_fields(rec))
    return _Indexed(rel, size, mtime, test_id, rows, sum(len(r[2]) for r in rows))


class SearchIndex:
    """The index of one folder. ``db_path`` defaults to the cache folder."""

    def __init__(self, root: str | os.PathLike[str], db_path: str | os.PathLike[str] | None = None):
        self.root = os.path.abspath(os.fspath(root))
        self.db_path = Path(db_path) if db_path is not None else index_path(self.root)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.db_path, timeout=BUSY_MS / 1000, isolation_level=None)
        self._db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._setup()

    # ------------------------------------------------------------- schema
    def _setup(self) -> None:
        db = self._db
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            db.execute("DROP TABLE IF EXISTS files")
            db.execute("DROP TABLE IF EXISTS text")
        # first_row..last_row: the rowids of the file's text rows (consecutive)
        db.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, "
                   "mtime_ns INTEGER, test_id TEXT, first_row INTEGER, last_row INTEGER)")
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS text USING fts5(path UNINDEXED, "
                   "field UNINDEXED, body, file UNINDEXED, "
                   "tokenize = 'unicode61 remove_diacritics 2')")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------- writing
    def _rel(self, path: str) -> str:
        return os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")

    def _full(self, path: str) -> str:
        """An absolute file path for a path live reload names (``FILE#N``: FILE)."""
        full = path if os.path.isabs(path) else os.path.join(self.root, path)
        file, sep, tail = full.rpartition("#")
        if sep and tail.isdigit() and file.endswith((".json",) + CASSETTE_SUFFIXES) \
                and not os.path.exists(full):
            return file
        return full

    def _known(self) -> dict[str, tuple[int, int]]:
        return {p: (s, m) for p, s, m in self._db.execute("SELECT path, size, mtime_ns FROM files")}

    def _write(self, done: list[_Indexed]) -> None:
        """Store the text rows of read files in one write transaction: each
        file's old rows (if any) are deleted by their rowid range, the new ones
        get the next rowids (FTS5 cannot look a row up by an UNINDEXED column:
        a ``DELETE ... WHERE file = ?`` scans the whole table)."""
        if not done:
            return
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            rowid = db.execute("SELECT coalesce(max(last_row), 0) FROM files").fetchone()[0]
            for item in done:
                self._delete_rows(item.rel)
                first = rowid + 1
                db.executemany("INSERT INTO text (rowid, path, field, body, file) "
                               "VALUES (?, ?, ?, ?, ?)",
                               [(rowid + n, *row) for n, row in enumerate(item.rows, 1)])
                rowid += len(item.rows)
                db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                           (item.rel, item.size, item.mtime, item.test_id, first, rowid))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        done.clear()

    def _delete_rows(self, rel: str) -> bool:
        """Delete the text rows of one file (inside a write transaction)."""
        row = self._db.execute("SELECT first_row, last_row FROM files WHERE path = ?",
                               (rel,)).fetchone()
        if row is None:
            return False
        if row[1] >= row[0]:
            self._db.execute("DELETE FROM text WHERE rowid BETWEEN ? AND ?", row)
        return True

    def _index_file(self, path: str, rel: str, size: int, mtime: int) -> None:
        self._write([_read_file(path, rel, size, mtime)])

    def _drop(self, rels: Iterable[str]) -> int:
        rels = list(rels)
        if not rels:
            return 0
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            for rel in rels:
                self._delete_rows(rel)
                db.execute("DELETE FROM files WHERE path = ?", (rel,))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return len(rels)

    def build(self, *, progress: Progress | None = None, cancel: Cancel | None = None,
              jobs: int | None = None) -> BuildStats:
        """Bring the index up to date with the folder: read new and changed
        files, drop removed ones. Stops between files when ``cancel()`` is true
        (what is indexed so far stays valid). ``progress(done, total)``:
        unchanged files count as done at once, read ones as they are stored.

        Files are read (parsed, adapted) outside any transaction and written a
        batch per transaction (``WRITE_BATCH_CHARS`` of text or
        ``WRITE_BATCH_FILES`` files). ``jobs``: worker processes that read
        (None: one per core once the estimated reading time pays for starting
        them, ``START_COST_S``; 0 or 1: read in this process); the index is the
        same either way."""
        found = [f for f in walk_json(self.root, cancel) if f.problem is None]
        known = self._known()
        seen: set[str] = set()
        reused = 0
        todo: list[tuple[str, str, int, int]] = []
        for f in found:
            if cancel is not None and cancel():
                return BuildStats(0, reused, 0, True)
            seen.add(f.rel_path)
            try:
                st = os.stat(f.path)
            except OSError:
                continue
            key = (st.st_size, st.st_mtime_ns)
            if known.get(f.rel_path) == key:
                reused += 1
            else:
                todo.append((f.path, f.rel_path, *key))
        total = len(found)
        if progress is not None and reused:
            progress(reused, total)
        read = 0
        pending: list[_Indexed] = []
        chars = 0
        for item in self._read_all(todo, jobs, cancel):
            pending.append(item)
            chars += item.chars
            if chars >= WRITE_BATCH_CHARS or len(pending) >= WRITE_BATCH_FILES:
                self._write(pending)
                chars = 0
            read += 1
            if progress is not None:
                progress(reused + read, total)
            if cancel is not None and cancel():
                break
        self._write(pending)
        if cancel is not None and cancel():
            return BuildStats(read, reused, 0, True)
        removed = self._drop(p for p in known if p not in seen)
        return BuildStats(read, reused, removed)

    @staticmethod
    def _read_all(todo: list[tuple[str, str, int, int]], jobs: int | None,
                  cancel: Cancel | None) -> Iterator[_Indexed]:
        """Each file of ``todo`` read, in order: here, or on worker processes."""
        from recviewer.core.catalog import pool

        if jobs is None:
            cost = len(todo) * READ_PER_FILE_S + sum(t[2] for t in todo) * READ_PER_BYTE_S
            workers = pool.default_workers() if cost >= START_COST_S else 0
        else:
            workers = 0 if jobs <= 1 else min(jobs, pool.MAX_WORKERS)
        if workers <= 0:
            for t in todo:
                if cancel is not None and cancel():
                    return
                yield _read_file(*t)
            return
        for batch in pool.imap_batches(_read_batch, _batches(todo), workers, cancel):
            for t in batch:
                yield _Indexed(*t)

    def update(self, changed: Iterable[str] = (), added: Iterable[str] = (),
               removed: Iterable[str] = ()) -> BuildStats:
        """Apply what live reload saw (absolute paths or paths relative to the
        folder; a cassette's ``FILE#N`` stands for its file); a changed or added
        file whose size and mtime match its indexed key is not read again."""
        known = self._known()
        read = reused = 0
        gone: list[str] = []
        changed = [self._full(p) for p in (*changed, *added)]
        removed = [self._full(p) for p in removed]
        # an interaction gone from a cassette that is still there: re-read the file
        changed += [p for p in removed if os.path.exists(p)]
        removed = [p for p in removed if not os.path.exists(p)]
        for full in dict.fromkeys(changed):
            rel = self._rel(full)
            try:
                st = os.stat(full)
            except OSError:
                gone.append(rel)
                continue
            key = (st.st_size, st.st_mtime_ns)
            if known.get(rel) == key:
                reused += 1
                continue
            self._index_file(full, rel, *key)
            read += 1
        for full in removed:
            gone.append(self._rel(full))
        return BuildStats(read, reused, self._drop(r for r in dict.fromkeys(gone) if r in known))

    # ------------------------------------------------------------- reading
    @property
    def files(self) -> int:
        return self._db.execute("SELECT count(*) FROM files").fetchone()[0]

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        """Hits for what the user typed, best first (bm25, then path and field)."""
        expr = match_expression(query)
        if expr is None or limit <= 0:
            return []
        rows = self._db.execute(
            "SELECT text.path, files.test_id, text.field, "
            f"snippet(text, 2, '{_OPEN}', '{_CLOSE}', '…', {_SNIPPET_TOKENS}) "
            "FROM text LEFT JOIN files ON files.path = text.file "
            "WHERE text MATCH ? ORDER BY rank, text.path, text.field LIMIT ?",
            (expr, limit)).fetchall()
        hits = []
        for path, test_id, where, marked in rows:
            snippet, spans = _one_line(*_unmark(marked))
            hits.append(Hit(path, test_id, where, snippet, spans))
        return hits


def group_by_test(hits: Iterable[Hit]) -> list[tuple[str | None, list[Hit]]]:
    """Hits grouped by test id, groups in order of their best hit."""
    groups: dict[str | None, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.test_id, []).append(hit)
    return list(groups.items())
