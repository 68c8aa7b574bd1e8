"""The repository stands alone: tests, benchmarks and scripts read only data
inside it (tests/data), never a ../shared folder beside the checkout."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT
from tests.corpus_paths import CORPUS

# Text that would reach outside the repository for data.
_OUTSIDE = ("shared/corpus", "shared\" / \"corpus", "ROOT.parent", "../shared")
_SCANNED = ("tests", "benchmarks", ".ci", "recviewer", "resources")


def _sources() -> list[Path]:
    files: list[Path] = []
    for top in _SCANNED:
        for path in (ROOT / top).rglob("*"):
            if path.is_file() and "data" not in path.relative_to(ROOT).parts[:2] \
                    and path.suffix in {".py", ".sh", ".spec", ""}:
                files.append(path)
    return files


def test_no_source_reaches_outside_the_repository():
    this = Path(__file__).resolve()
    offenders = [
        f"{path.relative_to(ROOT)}: {needle}"
        for path in _sources() if path.resolve() != this
        for needle in _OUTSIDE if needle in path.read_text(errors="replace")
    ]
    assert offenders == []


def test_the_corpus_lives_inside_the_repository():
    assert CORPUS.resolve().is_relative_to(ROOT.resolve())
    assert (CORPUS / "recordings" / "tests" / "integration").is_dir()
    assert (ROOT / "tests" / "data" / "ATTRIBUTION.md").is_file()


def test_the_test_data_stays_lean():
    size = sum(p.stat().st_size for p in (ROOT / "tests" / "data").rglob("*") if p.is_file())
    assert size < 25_000_000, f"tests/data holds {size / 1e6:.1f} MB"
