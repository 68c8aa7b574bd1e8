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

Rows: ``files(path BLOB PRIMARY KEY, size, mtime_ns, ino, refs BLOB, holds)``;
the key is the absolute path as bytes (``os.fsencode``: names with undecodable
bytes work), ``refs`` the file's ``RecordingRef`` fields as JSON: for one
reference (a recording) the flat list ``[suffix, *fields]``, for several (a
cassette's interactions, each with its ``#N`` suffix) a list of them (few
objects to decode: a warm re-open decodes one row per file). ``holds`` says
what the scan that wrote the row read besides the head (``HOLDS_GISTS``,
``HOLDS_TOOLS``): ``recviewer-cli index`` reads neither, and a scan wanting
them reads such files again. A folder's rows are one key range (``root/`` ..
``root0``), read with one query; its walk (``walks``) is one flat list.
All of a scan's writes are one transaction at its end.

Versioned: ``CACHE_VERSION`` (bump it when the head reading, the gists or the
row format change) and the ``RecordingRef`` field names are stored (these
by the first scan that sees them: cache does not import scan); a
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
import sys
import time
from collections import deque
from dataclasses import fields
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import orjson

from recviewer.core.cache_dir import cache_dir

# Annotations name scan.RecordingRef, walk.FoundFile and pool.ScanPool as text only:
# scan imports this module, never the other way round (no import cycle).

__all__ = ["CACHE_VERSION", "CatalogCache", "CacheSession", "cache_path", "clear_cache",
           "cached_batches"]

CACHE_VERSION = 7  # bump with any change to head.py / gist.py results or the row format (5: cassette gists, tools; 6: flat rows and walks; 7: holds bits)
HOLDS_GISTS = 1  # bits of a row's ``holds``: its references carry row gists,
HOLDS_TOOLS = 2  # and tool names
FILE_NAME = "catalog.sqlite"
MAX_ROWS = 400_000  # ~150 MB at the corpus' ~350 bytes a row
BUSY_MS = 3000
RACY_NS = 1_000_000_000
# A scan writes its rows every _FLUSH_ROWS files and the rest at its end, in
# one transaction with the removed files, the folder's use and its walk, each
# chunk sorted by path (key order is kinder to the B-tree than walk order).
# Holding every row of a 30k-file folder for one write at the end was faster
# in core alone (0.12 s against 0.34 s) but left the window ~110 MB bigger
# (the freed rows fragment the heap: RSS 300 MB against 185 MB, issue 19's
# goal is 250 MB) and its listing slower (the write ran while the GUI thread
# built the tree).
_FLUSH_ROWS = 4096

_FS_ENCODING, _FS_ERRORS = sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()
# Counters for tests and benchmarks: files read / served from the cache.
STATS = {"hits": 0, "misses": 0}


def cache_path() -> Path:
    """Where the catalog cache is (the folder is made)."""
    return cache_dir() / FILE_NAME


def _version() -> str:
    return str(CACHE_VERSION)


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
    def session(self, root: str, ref_type: type) -> CacheSession:
        """What is known of the files under ``root`` (an absolute path);
        ``ref_type``: ``scan.RecordingRef``."""
        return CacheSession(self, root, ref_type)

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
                self._db.execute("DELETE FROM walks")
        except sqlite3.Error:
            pass


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    db = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None,
                         check_same_thread=False)
    try:
        # A new database's pages (no effect on an existing one): 8 KiB reads a
        # folder's rows ~25% faster than 4 KiB (rows of ~0.5-1 KB, measured)
        db.execute("PRAGMA page_size = 8192")
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
                               "mtime_ns INTEGER, ino INTEGER, refs BLOB, holds INTEGER) "
                               "WITHOUT ROWID")
                    db.execute("CREATE TABLE folders (root BLOB PRIMARY KEY, used INTEGER)")
                    db.execute("CREATE TABLE walks (root BLOB PRIMARY KEY, dirs BLOB, found BLOB)")
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


# Stat key of a file: (size, mtime_ns, inode, path as bytes).
Key = tuple[int, int, int, bytes]
_HIT: Key = (0, 0, 0, b"")  # the key ``lookup`` gives with references (nothing to store)
# The key ``lookup(stat_unknown=False)`` gives a file it knows nothing of: the
# file is read anyway, and its key comes with the read (``with_read_key``).
_FROM_READ: Key = (-1, -1, -1, b"")


def _row_layout(ref_type: type) -> tuple[Callable, int, str]:
    """The stored fields of a RecordingRef (all but path and rel_path, which
    the walk gives), where ``tools`` (a tuple, JSON makes it a list) is, and
    the field names (stored: rows of another layout are dropped)."""
    from operator import attrgetter

    names = [f.name for f in fields(ref_type)][2:]
    return attrgetter(*names), names.index("tools"), ",".join(names)


class CacheSession:
    """One scan's use of the cache: ``lookup`` each found file, ``store`` what
    was read, ``finish`` at the end (drops the rows of removed files when the
    scan was complete, writes, evicts)."""

    def __init__(self, cache: CatalogCache, root: str, ref_type: type) -> None:
        from recviewer.core.catalog import head

        # What this scan reads besides the head (HOLDS_* bits): rows holding less
        # do not serve it, and its rows say what they hold.
        self._wants = (HOLDS_GISTS if head.GISTS else 0) | (HOLDS_TOOLS if head.tools_wanted() else 0)
        self._cache = cache
        self._ref = ref_type  # scan.RecordingRef (passed in: scan imports this module)
        self._fields, self._tools, layout = _row_layout(ref_type)
        self.root = root
        # path -> its row as SELECTed (path, size, mtime_ns, ino, refs, holds): the
        # rows themselves, no copy. ``lookup`` takes out each file it sees: what
        # is left at the end of a complete scan is gone from the folder.
        self._known: dict[bytes, tuple[bytes, int, int, int, bytes, int]] = {}
        self._pending: list[tuple[bytes, int, int, int, bytes, int]] = []
        self._broken = False
        self._match_layout(layout)
        raw = os.fsencode(root)
        base = raw.rstrip(b"/\\")
        select = "SELECT path, size, mtime_ns, ino, refs, holds FROM files WHERE "
        try:  # two plain look-ups (one key range, one key): an OR of both is slower
            db = cache._db
            rows = db.execute(select + "path >= ? AND path < ?",
                              (base + os.sep.encode(), base + bytes([ord(os.sep) + 1]))).fetchall()
            rows += db.execute(select + "path = ?", (raw,)).fetchall()
        except sqlite3.Error:
            rows, self._broken = [], True
        self._known = dict(zip(map(itemgetter(0), rows), rows))
        self._now = time.time_ns()
        self.hits = 0  # files served from the cache (added to STATS at finish)
        self._walk: list[tuple[str, int, int, int]] | None = None  # folders seen by walk()

    def _match_layout(self, layout: str) -> None:
        """Rows written for another ``RecordingRef`` layout are dropped."""
        db = self._cache._db
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'fields'").fetchone()
            if row is None or row[0] != layout:
                with _transaction(db):
                    for table in ("files", "walks", "folders"):
                        db.execute(f"DELETE FROM {table}")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('fields', ?)", (layout,))
        except sqlite3.Error:
            self._broken = True

    @property
    def records_walk(self) -> bool:
        """Whether ``walk()`` is walking the folder (and ``finish`` wants what
        it found, to store), rather than serving a stored walk."""
        return self._walk is not None

    def lookup(self, found: FoundFile, stat_unknown: bool = True,
               ) -> tuple[Key | None, list[RecordingRef] | None]:
        """``(stat key, the cached references)``; the references are None when
        the file must be read (changed, new, or not cachable). This runs for
        every file of a warm re-open: one stat, one dict look-up, one small
        ``orjson.loads``. With ``stat_unknown=False`` a file without a row is
        not stat'ed: its key is ``_FROM_READ`` (a worker takes it as it reads:
        a cold open's stats leave the scanning process)."""
        path = found.path
        if found.problem is not None:
            return None, None
        if not stat_unknown and path.encode(_FS_ENCODING, _FS_ERRORS) not in self._known:
            return _FROM_READ, None
        try:
            st = os.stat(path)
        except OSError:
            return None, None
        mtime = st.st_mtime_ns
        if self._now - mtime < RACY_NS:
            return None, None  # just written: may change again within the same tick
        raw = path.encode(_FS_ENCODING, _FS_ERRORS)  # os.fsencode, without its checks
        row = self._known.pop(raw, None)
        if (row is None or row[1] != st.st_size or row[2] != mtime or row[3] != st.st_ino
                or row[5] & self._wants != self._wants):
            return (st.st_size, mtime, st.st_ino, raw), None
        # A hit makes no more objects than it must (a warm re-open of 30,000
        # files is mostly this; every object kept is one more for the collector).
        tools = self._tools + 1
        try:
            stored = orjson.loads(row[4])
            if stored.__class__ is list and stored and stored[0].__class__ is str:
                # one reference (a recording, the usual row): [suffix, *fields], flat
                if stored[tools]:
                    stored[tools] = tuple(stored[tools])
                else:
                    stored[tools] = ()
                stored[0] = found.rel_path  # the suffix ("") makes way for the rel path
                refs = [self._ref(path, *stored)]
            else:
                refs = self._many(found, stored)
        except (orjson.JSONDecodeError, TypeError, ValueError, IndexError):
            return (st.st_size, mtime, st.st_ino, raw), None
        self.hits += 1
        return _HIT, refs

    def _many(self, found: FoundFile, stored: list) -> list[RecordingRef]:
        """The references of a row holding several (a cassette's interactions):
        ``[[suffix, *fields], ...]``."""
        make, path, rel, tools = self._ref, found.path, found.rel_path, self._tools
        refs = []
        for suffix, *rest in stored:
            rest[tools] = tuple(rest[tools])
            refs.append(make(path + suffix, rel + suffix, *rest) if suffix
                        else make(path, rel, *rest))
        return refs

    def with_read_key(self, path: str, stat: tuple[int, int, int] | None) -> Key | None:
        """The key of a file ``lookup`` left to its reader (``(size, mtime_ns,
        inode)`` taken before the read), None without one."""
        if stat is None:
            return None
        return (*stat, path.encode(_FS_ENCODING, _FS_ERRORS))

    def store(self, found: FoundFile, key: Key | None, refs: list[RecordingRef]) -> None:
        if key is None or key is _FROM_READ or self._broken:
            return
        if self._now - key[1] < RACY_NS:
            return  # just written: may change again within the same tick
        n = len(found.path)
        if len(refs) == 1 and len(refs[0].path) == n:  # the usual row, flat
            rows = [refs[0].path[n:], *self._fields(refs[0])]
        else:
            rows = [[r.path[n:], *self._fields(r)] for r in refs]
        try:
            blob = orjson.dumps(rows)
        except TypeError:
            return
        self._pending.append((key[3], key[0], key[1], key[2], blob, self._wants))
        if len(self._pending) >= _FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        if not pending or self._broken:
            return
        try:
            with _transaction(self._cache._db) as db:
                self._insert(db, pending)
        except sqlite3.Error:
            self._broken = True  # busy past the timeout, disk full…: step aside

    @staticmethod
    def _insert(db: sqlite3.Connection, pending: list[tuple]) -> None:
        if pending:
            pending.sort()  # by path (unique): the B-tree is filled in key order
            db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", pending)

    # ------------------------------------------------------------- the walk
    def walk(self, cancel: Callable[[], bool] | None = None) -> Iterator[FoundFile]:
        """``walk_json(root)``, from the cache when no folder it listed has
        changed since (mtime, ctime and inode, one stat each: a name added,
        removed or renamed in a folder changes its mtime); else walked, and
        the folders it listed recorded for next time."""
        from recviewer.core.catalog import walk as catalog_walk

        stored = self._stored_walk()
        if stored is not None:
            found_file, look_again = catalog_walk.FoundFile, catalog_walk._found
            flat, odd = stored
            prefix = _prefix(self.root)
            pairs = iter(flat)
            for i, (rel, problem) in enumerate(zip(pairs, pairs)):
                if cancel is not None and cancel():
                    return
                path = odd.get(i) or prefix + rel
                # a problem found without opening the file may come or go without
                # its folder changing (a link's target): looked at again, as the walk does
                yield look_again(path, rel) if problem is not None else found_file(path, rel, None)
            return
        self._walk = []
        yield from _recorded_walk(self.root, cancel, self._walk)

    def _stored_walk(self) -> list | None:
        try:
            row = self._cache._db.execute("SELECT dirs, found FROM walks WHERE root = ?",
                                          (os.fsencode(self.root),)).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        try:
            dirs = orjson.loads(row[0])
            flat, odd = orjson.loads(row[1])
            for folder, mtime, ctime, ino in dirs:
                st = os.stat(os.fsdecode(bytes.fromhex(folder)))
                if (st.st_mtime_ns, st.st_ctime_ns, st.st_ino) != (mtime, ctime, ino):
                    return None
            if len(flat) % 2:
                return None
            return flat, {i: os.fsdecode(bytes.fromhex(raw)) for i, raw in odd}
        except (OSError, ValueError, TypeError, orjson.JSONDecodeError):
            return None

    def _walk_row(self, found: list[FoundFile]) -> tuple[bytes, bytes, bytes] | None:
        """The ``walks`` row of a finished walk (None: not to be stored). The
        files go as one flat list ``[rel, problem, rel, problem, ...]`` (one
        list to decode, not one per file); a path that is not the root joined
        with its rel path (the root itself a file, a name that is not UTF-8) is
        listed apart by position, as hex of its bytes."""
        dirs = self._walk
        if not dirs or any(self._now - d[1] < RACY_NS for d in dirs):
            return None  # a folder changed just now may change again within the tick
        prefix = _prefix(self.root)
        flat: list[str | None] = []
        odd = []
        for i, f in enumerate(found):
            flat += (f.rel_path, f.problem)
            if f.path != prefix + f.rel_path:
                odd.append((i, os.fsencode(f.path).hex()))
        try:
            return (os.fsencode(self.root),
                    orjson.dumps([[os.fsencode(d[0]).hex(), d[1], d[2], d[3]] for d in dirs]),
                    orjson.dumps([flat, odd]))
        except TypeError:
            return None

    def finish(self, complete: bool, found: list[FoundFile] | None = None) -> None:
        """Write what is pending; when the scan saw every file, forget the
        files that are gone and store the walk; note the folder as used (all
        in one transaction); evict past ``MAX_ROWS``."""
        STATS["hits"] += self.hits
        self.hits = 0
        pending, self._pending = self._pending, []
        if self._broken:
            return
        gone = [(k,) for k in self._known] if complete else []
        walk = (self._walk_row(found) if complete and found is not None and self._walk is not None
                else None)
        try:
            with _transaction(self._cache._db) as db:
                self._insert(db, pending)
                if gone:
                    db.executemany("DELETE FROM files WHERE path = ?", gone)
                db.execute("INSERT OR REPLACE INTO folders VALUES (?, ?)",
                           (os.fsencode(self.root), time.time_ns()))
                if walk is not None:
                    db.execute("INSERT OR REPLACE INTO walks VALUES (?, ?, ?)", walk)
            if pending:
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
                db.execute("DELETE FROM walks WHERE root = ?", (root,))
                if db.execute("SELECT count(*) FROM files").fetchone()[0] <= MAX_ROWS * 3 // 4:
                    break


def _prefix(root: str) -> str:
    """What a path found under ``root`` starts with (``root`` and a separator)."""
    return root if root.endswith(os.sep) else root + os.sep


def _recorded_walk(root: str, cancel: Callable[[], bool] | None,
                   folders: list[tuple[str, int, int, int]]) -> Iterator[FoundFile]:
    """``walk.walk_json`` (same files, same order: a test says so), noting each
    folder it lists with its mtime, ctime and inode."""
    from recviewer.core.catalog import walk as w

    def listed(folder: str) -> list[os.DirEntry]:
        try:
            st = os.stat(folder)
            folders.append((folder, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
        except OSError:
            pass
        return w._entries(folder)

    yield from w.walk_json(root, cancel, listed)


def cached_batches(found: Iterable[FoundFile], session: CacheSession, batch_size: int,
                   pool: ScanPool | None, cancel: Callable[[], bool] | None,
                   complete: Callable[[], bool], read: Callable[[Any], list],
                   batched: Callable[[Iterable, int], Iterator[list]]) -> Iterator[list[RecordingRef]]:
    """``scan_iter``'s batches with the cache: each found file looked up, the
    misses read (here, or on ``pool``'s workers when they pay), stored, and
    the session finished at the end (``complete()``: the walk was not cancelled)."""
    keys: dict[str, Key | None] = {}
    sizes: dict[str, int] = {}
    walked: list[FoundFile] = []

    def noted() -> Iterator[FoundFile]:
        keep = None
        for f in found:
            if keep is None:  # the walk has started: stored, or walked and to be stored?
                keep = session.records_walk
            if keep:
                walked.append(f)
            yield f

    read_keys: dict[str, tuple[int, int, int] | None] = {}  # stat keys the workers took

    def items() -> Iterator[list]:
        for batch in batched(noted(), batch_size):
            out: list = []
            stat_unknown = pool is None or not pool.started  # (the cost rule needs sizes)
            for f in batch:
                key, refs = session.lookup(f, stat_unknown)
                if refs is None:
                    keys[f.path] = key
                    if key is not None and key is not _FROM_READ:
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
                key = keys.pop(item.path, None)
                if key is _FROM_READ:
                    key = session.with_read_key(item.path, read_keys.pop(item.path, None))
                session.store(item, key, refs)
                sizes.pop(item.path, None)
            flat.extend(refs)
        return flat

    finished = False
    try:
        if pool is None:
            for batch in items():
                groups = [b if isinstance(b, list) else read(b) for b in batch]
                yield store(batch, groups)
        else:
            pending: deque[list] = deque()

            def remember() -> Iterator[list]:
                for batch in items():
                    pending.append(batch)
                    yield batch

            size_of = lambda f: sizes.get(f.path, 0)  # noqa: E731
            for groups in pool.read_groups(remember(), cancel, size_of, read_keys):
                yield store(pending.popleft(), groups)
        finished = True
    finally:
        session.finish(finished and complete(), walked)
