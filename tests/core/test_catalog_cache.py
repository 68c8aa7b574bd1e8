"""The persistent catalog cache (core/catalog/cache.py) on real recordings:
reads counted, never timed. Every test's cache is in a temporary folder
(``RECVIEWER_CACHE_DIR``, set by the autouse fixture in tests/conftest.py)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from recviewer.core.catalog import cache as catalog_cache
from recviewer.core.catalog import scan as catalog_scan
from recviewer.core.catalog.cache import CatalogCache, cache_path, clear_cache
from recviewer.core.catalog.pool import ScanPool
from recviewer.core.catalog.scan import scan, scan_iter
from tests.conftest import CORPUS, ROOT
from tests.corpus_paths import INFERENCE, RESPONSES, SMALL_CHAT, TOOL_RUNTIME

PAST = 1_600_000_000  # an mtime well before the scan (files just written are not cached)


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)  # copy2 keeps the old mtimes
    return dest


@pytest.fixture()
def folder(tmp_path) -> Path:
    root = tmp_path / "recordings"
    _copy(TOOL_RUNTIME, root / "tool_runtime")
    _copy(INFERENCE, root / "inference")
    return root


@pytest.fixture()
def reads(monkeypatch) -> list[str]:
    """Paths whose bytes the catalog reads in this process."""
    seen: list[str] = []
    real = catalog_scan._read_bytes

    def counting(path):
        seen.append(path)
        return real(path)

    monkeypatch.setattr(catalog_scan, "_read_bytes", counting)
    return seen


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _checksums(root: Path) -> dict[str, tuple[str, int]]:
    return {str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in _files(root)}


def test_unchanged_files_are_not_read_again(folder, reads):
    fresh = scan(folder).refs
    total = len(reads)
    assert total == len(_files(folder)) > 20
    reads.clear()
    cold = scan(folder, cache=True).refs
    assert cold == fresh and len(reads) == total  # first time: every file read, and stored
    reads.clear()
    warm = scan(folder, cache=True).refs
    assert warm == fresh  # every field, the gist, status and tools included
    assert reads == []  # nothing read: stat only
    assert any(r.gist for r in warm) and any(r.tools for r in warm)


def test_changed_added_and_removed_files_are_picked_up(folder, reads):
    scan(folder, cache=True)
    files = _files(folder)
    changed, removed = files[0], files[1]
    changed.write_bytes(SMALL_CHAT.read_bytes())  # another recording: other test id, model…
    os.utime(changed, (PAST, PAST))
    removed.unlink()
    added = folder / "inference" / "added.json"
    shutil.copyfile(files[2], added)
    os.utime(added, (PAST, PAST))
    reads.clear()
    warm = scan(folder, cache=True).refs
    assert sorted(reads) == sorted([str(changed), str(added)])
    assert warm == scan(folder).refs
    by_path = {r.path: r for r in warm}
    assert by_path[str(changed)].test_id == scan(SMALL_CHAT).refs[0].test_id
    assert str(removed) not in by_path and str(added) in by_path
    with CatalogCache.connect() as store:  # the removed file's row is gone
        assert store.rows() == len(_files(folder))


def test_same_size_and_mtime_but_another_inode_is_read_again(folder, reads):
    scan(folder, cache=True)
    target = _files(folder)[0]
    st = target.stat()
    data = target.read_bytes()
    copy = target.with_name("new-copy.tmp")  # made while the old file exists: another inode
    copy.write_bytes(data)  # same bytes, size and (restored) mtime
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(copy, target)
    reads.clear()
    scan(folder, cache=True)
    assert target.stat().st_ino != st.st_ino and reads == [str(target)]


def test_a_file_written_just_now_is_not_stored(folder, reads):
    new = folder / "inference" / "just-written.json"
    new.write_bytes(SMALL_CHAT.read_bytes())  # mtime now: may change again within the tick
    scan(folder, cache=True)
    reads.clear()
    scan(folder, cache=True)
    assert reads == [str(new)]


def test_a_corrupt_cache_is_ignored_and_rebuilt(folder, reads):
    scan(folder, cache=True)
    path = cache_path()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    reads.clear()
    assert scan(folder, cache=True).refs == scan(folder).refs
    reads.clear()
    scan(folder, cache=True)
    assert reads == []  # rebuilt, and used again


def test_a_cache_of_another_version_is_ignored_and_rebuilt(folder, reads, monkeypatch):
    scan(folder, cache=True)
    monkeypatch.setattr(catalog_cache, "CACHE_VERSION", catalog_cache.CACHE_VERSION + 1)
    reads.clear()
    assert scan(folder, cache=True).refs == scan(folder).refs
    assert len(reads) == 2 * len(_files(folder))  # the old rows were not used
    reads.clear()
    scan(folder, cache=True)
    assert reads == []


def test_nothing_is_written_in_the_scanned_folder(folder, tmp_path):
    before = _checksums(folder)
    scan(folder, cache=True)
    scan(folder, cache=True)
    assert _checksums(folder) == before  # same names, bytes and mtimes
    cache = cache_path()
    assert cache.parent == Path(os.environ["RECVIEWER_CACHE_DIR"])
    assert folder not in cache.parents and cache.is_file()


def test_cassettes_are_cached_with_one_ref_per_interaction(tmp_path, reads):
    root = _copy(CORPUS / "cassettes", tmp_path / "cassettes")
    fresh = scan(root).refs
    assert any("#" in r.rel_path for r in fresh)
    scan(root, cache=True)
    reads.clear()
    assert scan(root, cache=True).refs == fresh and reads == []


def test_pool_scans_use_the_cache_and_start_no_worker_when_all_is_known(folder):
    fresh = scan(folder, batch_size=4).refs
    catalog_cache.STATS.update(hits=0, misses=0)
    with ScanPool(2) as pool:  # an explicit count: workers after START_AFTER_BATCHES batches
        cold = [r for b in scan_iter(folder, batch_size=4, pool=pool, cache=True) for r in b]
        assert pool.started
    assert cold == fresh and catalog_cache.STATS["misses"] == len(_files(folder))
    with ScanPool(2) as pool:
        warm = [r for b in scan_iter(folder, batch_size=4, pool=pool, cache=True) for r in b]
        assert not pool.started
    assert warm == fresh and catalog_cache.STATS["hits"] == len(_files(folder))


def test_files_workers_read_get_their_keys_from_the_workers(folder, monkeypatch, reads):
    files = _files(folder)
    stats: list[str] = []
    real_stat = os.stat

    def counting(path, *args, **kwargs):
        stats.append(os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(catalog_cache.os, "stat", counting)
    with ScanPool(2) as pool:
        cold = [r for b in scan_iter(folder, batch_size=4, pool=pool, cache=True) for r in b]
        assert pool.started
    looked_up = {p for p in stats if p.endswith(".json")}
    assert len(looked_up) < len(files)  # the files read on workers were not stat'ed here
    monkeypatch.setattr(catalog_cache.os, "stat", real_stat)
    changed = files[-1]  # read on a worker: its key came from there
    assert str(changed) not in looked_up
    os.utime(changed, ns=(PAST * 10**9, PAST * 10**9 + 7))
    reads.clear()
    again = [r for b in scan_iter(folder, batch_size=4, cache=True) for r in b]
    assert reads == [str(changed)] and again == cold


def test_the_least_recently_scanned_folder_is_evicted(tmp_path, monkeypatch):
    a = _copy(TOOL_RUNTIME, tmp_path / "a")
    b = _copy(INFERENCE, tmp_path / "b")
    scan(a, cache=True)
    with CatalogCache.connect() as store:
        assert store.rows() == len(_files(a))
    monkeypatch.setattr(catalog_cache, "MAX_ROWS", len(_files(b)) + 1)
    scan(b, cache=True)
    with CatalogCache.connect() as store:
        assert store.rows() == len(_files(b))  # a's rows went, b's (in use) stayed


def test_clear_cache_removes_it(folder, reads):
    scan(folder, cache=True)
    assert cache_path().is_file()
    assert clear_cache() == cache_path() and not cache_path().exists()
    reads.clear()
    scan(folder, cache=True)
    assert len(reads) == len(_files(folder))


_CHILD = """
import sys
from recviewer.core.catalog import cache
from recviewer.core.catalog.scan import scan
for _ in range(3):
    refs = scan(sys.argv[1], cache=True).refs
print(len(refs), cache.STATS["misses"], cache.STATS["hits"])
"""


def test_two_processes_share_the_cache(tmp_path):
    root = _copy(RESPONSES, tmp_path / "responses")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", _CHILD, str(root)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    files = len(_files(root))
    for proc, (out, err) in zip(procs, outs):
        assert proc.returncode == 0 and err == "", err
        count, misses, hits = map(int, out.split())
        assert count == len(scan(root).refs)
        assert misses <= files and hits >= 2 * files  # read at most once, then from the cache
    with CatalogCache.connect() as store:
        assert store.rows() == files


def _age_folders(root: Path) -> None:
    """Folders as if listed long ago (a folder changed just now is walked again)."""
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        os.utime(folder, (PAST, PAST))


def test_the_recorded_walk_is_the_walk(corpus):
    from recviewer.core.catalog.walk import walk_json

    folders: list = []
    assert list(catalog_cache._recorded_walk(str(corpus), None, folders)) == list(walk_json(str(corpus)))
    assert len(folders) == 1 + sum(1 for p in corpus.rglob("*") if p.is_dir())


def test_a_warm_reopen_lists_no_folder_and_reads_no_file(folder, reads, monkeypatch):
    from recviewer.core.catalog import walk as catalog_walk

    _age_folders(folder)
    fresh = scan(folder).refs
    scan(folder, cache=True)  # walks, reads, stores
    listed: list[str] = []
    real = catalog_walk._entries
    monkeypatch.setattr(catalog_walk, "_entries", lambda f: listed.append(f) or real(f))
    reads.clear()
    assert scan(folder, cache=True).refs == fresh
    assert listed == [] and reads == []  # one stat per folder and per file, nothing else
    added = folder / "tool_runtime" / "zz-added.json"  # the folder's mtime changes
    shutil.copyfile(SMALL_CHAT, added)
    os.utime(added, (PAST, PAST))
    assert scan(folder, cache=True).refs == scan(folder).refs
    assert str(folder / "tool_runtime") in listed and reads.count(str(added)) == 2
