"""Shared fixtures: the real corpus kept in the repository (tests/data/corpus)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording

# corpus files are named in tests/corpus_paths.py; import them from there
# (CORPUS, RECORDINGS, SEED and LARGEST stay importable here for older tests)
from tests.corpus_paths import CORPUS, LARGEST, RECORDINGS, SEED  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent


def read_ok(path: Path | str, fmt: str | None = None) -> Recording:
    """A file read as a Recording (the test fails on a RecordingError), of
    format ``fmt`` when one is given."""
    rec = read_recording(path)
    assert isinstance(rec, Recording), str(rec)
    if fmt is not None:
        assert rec.format == fmt, rec.format
    return rec


def corpus_files() -> list[Path]:
    """Every *.json under the corpus, sorted (stable parametrisation)."""
    return sorted(CORPUS.rglob("*.json"))


@pytest.fixture(autouse=True)
def _private_cache_dir(tmp_path_factory, monkeypatch):
    """Every test's caches (catalog cache, search index) go to a temporary
    folder, never the real ~/.cache (subprocesses inherit the variable)."""
    monkeypatch.setenv("RECVIEWER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"corpus not found at {CORPUS} (set RECVIEWER_CORPUS)")
    return CORPUS


# ----------------------------------------------------------------- git history
def _git(*args: str, cwd: Path | None = None) -> bytes:
    import subprocess
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0", HOME=os.environ.get("HOME", "/"))
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True,
                          capture_output=True).stdout


@pytest.fixture(scope="session")
def history_repo(tmp_path_factory) -> Path:
    """A clone of tests/data/corpus/git/recordings-history.bundle (read only:
    tests must not write into it)."""
    bundle = CORPUS / "git" / "recordings-history.bundle"
    dest = tmp_path_factory.mktemp("history") / "repo"
    _git("clone", "--quiet", str(bundle), str(dest))
    return dest


def extract_revision(repo: Path, rev: str, dest: Path, *pathspecs: str) -> Path:
    """``git archive REV PATHSPEC | tar -x -C DEST``: a revision's files on disk."""
    import io
    import tarfile
    data = _git("archive", "--format=tar", rev, "--", *pathspecs, cwd=repo)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest
