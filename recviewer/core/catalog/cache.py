"""The persistent catalog cache: what a scan learnt per file, kept between runs.

A warm re-open of a folder then only walks it and stats each file; the files
whose size, mtime (ns) and inode are unchanged are not read again.

Storage: one SQLite database, ``catalog.sqlite`` in the user cache folder
(``core/cache_dir.py``: ``$RECVIEWER_CACHE_DIR``, else XDG / the platform's),
never inside a recordings folder. SQLite rather than write-then-rename of one
file per folder because a scan writes only what changed (a re-record touches a
few files of 30,000), two processes (two windows, a window and the CLI) share
it safely (WAL: readers never block, writers wait ``BUSY_MS`` on each other),
and a crash mid-write leaves the last committed state (transactions).

Rows: ``files(path BLOB PRIMARY KEY, size, mtime_ns, ino, refs BLOB)``; the key
is the absolute path as bytes (``os.fsencode``: names with undecodable bytes
work), ``refs`` the file's ``RecordingRef`` fields as JSON (one per
interaction for a cassette, each with its ``#N`` suffix), ``gists`` whether
they hold row gists (a scan without them, ``recviewer-cli index``, stores rows
that a scan wanting gists reads again). A folder's rows are
one key range (``root/`` .. ``root0``), read with one query.

Versioned: ``CACHE_VERSION`` (bump it when the head reading, the gists or the
row format change) and the ``RecordingRef`` field names are stored; a
database of another version is emptied, a corrupt one removed and made anew.
Bounded: past ``MAX_ROWS`` rows the least recently scanned folders are dropped
(LRU by folder; ``folders(root, used)``). Files modified less than
``RACY_NS`` before they were looked at are not stored (they may change again
within the file system's timestamp granularity). Every SQLite problem makes
the cache step aside (a scan never fails for it).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections import deque
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

import orjson

from recviewer.core.cache_dir import cache_dir

if TYPE_CHECKING:
    from recviewer.core.catalog.pool import ScanPool
    from recviewer.core.catalog.scan import RecordingRef
    from recviewer.core.catalog.walk import FoundFile

__all__ = ["CACHE_VERSION", "CatalogCache", "CacheSession", "cache_path", "clear_cache",
           "cached_batches"]

CACHE_VERSION = 2  # bump with any change to head.py / gist.py results or the row format
FILE_NAME = "catalog.sqlite"
MAX_ROWS = 400_000  # ~150 MB at the corpus' ~350 bytes a row
BUSY_MS = 3000
RACY_NS = 1_000_000_000
_FLUSH_ROWS = 2048  # rows written per transaction while a scan runs

# Counters for tests and benchmarks: files read / served from the cache.
STATS = {"hits": 0, "misses": 0}


def cache_path() -> Path:
    """Where the catalog cache is (the folder is made)."""
    return cache_dir() / FILE_NAME


def _version() -> str:
    from recviewer.core.catalog.scan import RecordingRef

    names = ",".join(f.name for f in fields(RecordingRef))
    return f"{CACHE_VERSION}:{names}"


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def clear_cache(path: Path | None = None) -> Path:
    """Delete the catalog cache (the window's menu item and
    ``recviewer-cli --clear-cache`` call this); returns where it was."""
    target = path or cache_path()
    _remove(target)
    return target


class CatalogCache:
    """One connection to the cache database; ``connect()`` never raises."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self.path = path

    # ------------------------------------------------------------- opening
    @classmethod
    def connect(cls, path: Path | None = None) -> CatalogCache | None:
        """The cache at ``path`` (default ``cache_path()``), made or rebuilt as
        needed; None when it cannot be used at all (read-only home…)."""
        try:
            target = path or cache_path()
        except OSError:
            return None
        for attempt in range(2):
            try:
                return cls(_connect(target), target)
            except sqlite3.DatabaseError:  # corrupt or not a database: start over
                if attempt:
                    return None
                try:
                    _remove(target)
                except OSError:
                    return None
            except OSError:
                return None
        return None

    def close(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> CatalogCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------- use
    def session(self, root: str) -> CacheSession:
        """What is known of the files under ``root`` (an absolute path)."""
        return CacheSession(self, root)

    def rows(self) -> int:
        try:
            return self._db.execute("SELECT count(*) FROM files").fetchone()[0]
        except sqlite3.Error:
            return 0

    def clear(self) -> None:
        """Forget everything (the database stays, empty)."""
        try:
            with _transaction(self._db):
                self._db.execute("DELETE FROM files")
                self._db.execute("DELETE FROM folders")
        except sqlite3.Error:
            pass


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    db = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None,
                         check_same_thread=False)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        version = _version()
        if _stored_version(db) != version:
            with _transaction(db):
                if _stored_version(db) != version:  # another process may have just done it
                    db.execute("DROP TABLE IF EXISTS files")
                    db.execute("DROP TABLE IF EXISTS folders")
                    db.execute("DROP TABLE IF EXISTS meta")
                    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
                    db.execute("CREATE TABLE files (path BLOB PRIMARY KEY, size INTEGER, "
                               "mtime_ns INTEGER, ino INTEGER, refs BLOB, gists INTEGER) "
                               "WITHOUT ROWID")
                    db.execute("CREATE TABLE folders (root BLOB PRIMARY KEY, used INTEGER)")
                    db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        db.execute("SELECT count(*) FROM files LIMIT 1").fetchone()  # proves it is readable
    except BaseException:
        db.close()
        raise
    return db


def _stored_version(db: sqlite3.Connection) -> str | None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.OperationalError:  # no such table
        return None
    return row[0] if row else None


class _transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on an error)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, *exc: object) -> None:
        if kind is None:
            self.db.execute("COMMIT")
        else:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass


# Stat key of a file: (size, mtime_ns, inode).
Key = tuple[int, int, int]


def _row_layout() -> tuple[Callable, int]:
    """The stored fields of a RecordingRef (all but path and rel_path, which
    the walk gives) and where ``tools`` (a tuple, JSON makes it a list) is."""
    from operator import attrgetter

    from recviewer.core.catalog.scan import RecordingRef

    names = [f.name for f in fields(RecordingRef)][2:]
    return attrgetter(*names), names.index("tools")


_row_fields, _TOOLS = _row_layout()


class CacheSession:
    """One scan's use of the cache: ``lookup`` each found file, ``store`` what
    was read, ``finish`` at the end (drops the rows of removed files when the
    scan was complete, writes, evicts)."""

    def __init__(self, cache: CatalogCache, root: str) -> None:
        from recviewer.core.catalog import head
        from recviewer.core.catalog.scan import RecordingRef

        self._gists = bool(head.GISTS)  # rows without gists do not serve a scan that wants them
        self._cache = cache
        self._ref = RecordingRef
        self.root = root
        self._known: dict[bytes, tuple[int, int, int, bytes, int]] = {}
        self._seen: set[bytes] = set()
        self._pending: list[tuple[bytes, int, int, int, bytes, int]] = []
        self._broken = False
        raw = os.fsencode(root)
        try:
            rows = cache._db.execute(
                "SELECT path, size, mtime_ns, ino, refs, gists FROM files WHERE path = ? "
                "OR (path >= ? AND path < ?)",
                (raw, raw.rstrip(b"/\\") + os.sep.encode(), raw.rstrip(b"/\\") + bytes([ord(os.sep) + 1]))
            ).fetchall()
        except sqlite3.Error:
            rows, self._broken = [], True
        self._known = {r[0]: r[1:] for r in rows}

    @property
    def known(self) -> int:
        return len(self._known)

    def lookup(self, found: FoundFile) -> tuple[Key | None, list[RecordingRef] | None]:
        """``(stat key, the cached references)``; the references are None when
        the file must be read (changed, new, or not cachable)."""
        if found.problem is not None:
            return None, None
        try:
            st = os.stat(found.path)
        except OSError:
            return None, None
        key = (st.st_size, st.st_mtime_ns, st.st_ino)
        if time.time_ns() - st.st_mtime_ns < RACY_NS:
            return None, None  # just written: may change again within the same tick
        raw = os.fsencode(found.path)
        self._seen.add(raw)
        row = self._known.get(raw)
        if row is None or row[:3] != key or (self._gists and not row[4]):
            return key, None
        try:
            refs = self._decode(found, row[3])
        except (orjson.JSONDecodeError, TypeError, ValueError):
            return key, None
        STATS["hits"] += 1
        return key, refs

    def _decode(self, found: FoundFile, blob: bytes) -> list[RecordingRef]:
        make, path, rel, tools = self._ref, found.path, found.rel_path, _TOOLS
        out = []
        for suffix, *rest in orjson.loads(blob):
            rest[tools] = tuple(rest[tools])
            out.append(make(path + suffix, rel + suffix, *rest))
        return out

    def store(self, found: FoundFile, key: Key | None, refs: list[RecordingRef]) -> None:
        if key is None or self._broken:
            return
        n = len(found.path)
        rows = [[r.path[n:], *_row_fields(r)] for r in refs]
        try:
            blob = orjson.dumps(rows)
        except TypeError:
            return
        self._pending.append((os.fsencode(found.path), *key, blob, int(self._gists)))
        if len(self._pending) >= _FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        if not pending or self._broken:
            return
        try:
            with _transaction(self._cache._db) as db:
                db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", pending)
        except sqlite3.Error:
            self._broken = True  # busy past the timeout, disk full…: step aside

    def finish(self, complete: bool) -> None:
        """Write what is pending; when the scan saw every file, forget the
        files that are gone; note the folder as used; evict past ``MAX_ROWS``."""
        wrote = bool(self._pending)
        self._flush()
        if self._broken:
            return
        gone = [(k,) for k in self._known if k not in self._seen] if complete else []
        try:
            with _transaction(self._cache._db) as db:
                if gone:
                    db.executemany("DELETE FROM files WHERE path = ?", gone)
                db.execute("INSERT OR REPLACE INTO folders VALUES (?, ?)",
                           (os.fsencode(self.root), time.time_ns()))
            if wrote:
                self._evict()
        except sqlite3.Error:
            self._broken = True

    def _evict(self) -> None:
        db = self._cache._db
        if self._cache.rows() <= MAX_ROWS:
            return
        here = os.fsencode(self.root)
        with _transaction(db):
            for (root,) in db.execute("SELECT root FROM folders WHERE root != ? ORDER BY used",
                                      (here,)).fetchall():
                base = root.rstrip(b"/\\")
                db.execute("DELETE FROM files WHERE path = ? OR (path >= ? AND path < ?)",
                           (root, base + os.sep.encode(), base + bytes([ord(os.sep) + 1])))
                db.execute("DELETE FROM folders WHERE root = ?", (root,))
                if db.execute("SELECT count(*) FROM files").fetchone()[0] <= MAX_ROWS * 3 // 4:
                    break


def cached_batches(found: Iterable[FoundFile], session: CacheSession, batch_size: int,
                   pool: ScanPool | None, cancel: Callable[[], bool] | None,
                   complete: Callable[[], bool]) -> Iterator[list[RecordingRef]]:
    """``scan_iter``'s batches with the cache: each found file looked up, the
    misses read (here, or on ``pool``'s workers when they pay), stored, and
    the session finished at the end (``complete()``: the walk was not cancelled)."""
    from recviewer.core.catalog.scan import _batched, read_refs

    keys: dict[str, Key | None] = {}
    sizes: dict[str, int] = {}

    def items() -> Iterator[list]:
        for batch in _batched(found, batch_size):
            out: list = []
            for f in batch:
                key, refs = session.lookup(f)
                if refs is None:
                    keys[f.path] = key
                    if key is not None:
                        sizes[f.path] = key[0]
                    out.append(f)
                else:
                    out.append(refs)
            yield out

    def store(batch_items: list, groups: list[list[RecordingRef]]) -> list[RecordingRef]:
        flat: list[RecordingRef] = []
        for item, refs in zip(batch_items, groups):
            if not isinstance(item, list):
                STATS["misses"] += 1
                session.store(item, keys.pop(item.path, None), refs)
                sizes.pop(item.path, None)
            flat.extend(refs)
        return flat

    finished = False
    try:
        if pool is None:
            for batch in items():
                groups = [b if isinstance(b, list) else read_refs(b) for b in batch]
                yield store(batch, groups)
        else:
            pending: deque[list] = deque()

            def remember() -> Iterator[list]:
                for batch in items():
                    pending.append(batch)
                    yield batch

            size_of = lambda f: sizes.get(f.path, 0)  # noqa: E731
            for groups in pool.read_groups(remember(), cancel, size_of):
                yield store(pending.popleft(), groups)
        finished = True
    finally:
        session.finish(finished and complete())
