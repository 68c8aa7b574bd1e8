"""The recordings folder the search index tests build on: the MCP chain, a
file-search call, the seed and the Anthropic chain, copied into tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus_paths import ANTHROPIC_CHAIN, CATEGORY_CALL, MCP_CHAIN, SEED
from tests.support.corpus_copy import copy_files

SEARCH_FILES = (*MCP_CHAIN, CATEGORY_CALL, SEED, *ANTHROPIC_CHAIN)


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """SEARCH_FILES under tmp_path/recs/<their folder>/, the cache in tmp_path/cache."""
    monkeypatch.setenv("RECVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    return copy_files(tmp_path / "recs", SEARCH_FILES, keep_parent=True)
