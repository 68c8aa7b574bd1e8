"""The window scan uses the catalog cache: a re-open reads no unchanged file;
File ▸ Clear Cache empties it (issue 19). A scan lists the rows without gists,
then its gist pass reads again what the cache holds without them."""

from __future__ import annotations

import os
import shutil

from recviewer.core.catalog import cache as catalog_cache
from recviewer.core.catalog.cache import cache_path
from tests.corpus_paths import CATEGORY_CALL, HTTP_400, SEED

PAST = 1_600_000_000


def _folder(tmp_path):
    folder = tmp_path / "recs"
    folder.mkdir()
    for src in (SEED, CATEGORY_CALL, HTTP_400):
        shutil.copy(src, folder / src.name)
        os.utime(folder / src.name, (PAST, PAST))
    os.utime(folder, (PAST, PAST))
    return folder


def test_reopen_reads_no_unchanged_file_and_clear_cache_empties_it(window, open_and_wait,
                                                                  tmp_path):
    folder = _folder(tmp_path)
    first = open_and_wait(window, folder)
    assert first.count == 3 and cache_path().exists()
    assert window.workers.wait(20000)  # the gist pass stored the rows with their gists
    catalog_cache.STATS.update(hits=0, misses=0)
    again = open_and_wait(window, folder)
    assert again.count == 3 and window.tree.model.recording_count() == 3
    assert window.workers.wait(20000)
    assert catalog_cache.STATS == {"hits": 6, "misses": 0}  # listing and gist pass: no file read
    from recviewer.ui.menus import Menu
    [clear] = [a for a in window.menus[Menu.FILE].actions() if a.text() == "Clear &Cache"]
    clear.trigger()
    assert not cache_path().exists()
    assert window.statusBar().currentMessage().startswith("Cache cleared")
    catalog_cache.STATS.update(hits=0, misses=0)
    open_and_wait(window, folder)
    assert window.workers.wait(20000)
    # every file read twice: listed without its gist, then read for it
    assert catalog_cache.STATS["hits"] == 0 and catalog_cache.STATS["misses"] == 6
