"""Scaled copies of the real corpus, written fast into a temp folder.

Scale 1 is ``unit`` files (default 3,000, so 10× ≈ 30k). Each copy ``k`` of a
recording gets a new file name (a hash of ``k`` and the old name, kept in its
suite's ``recordings/`` folder) and a distinct test id: ``.py::`` in the
recorded ``test_id`` becomes ``_c<k>.py::``, so copies form their own test
files in the tree. The bytes are edited with ``bytes.replace`` (never
re-serialised), so the layout the catalog relies on is kept.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The real recordings kept in the repository (tests/data/corpus); RECVIEWER_CORPUS
# points elsewhere (a bigger copy) when set.
CORPUS = Path(os.environ.get("RECVIEWER_CORPUS", ROOT / "tests" / "data" / "corpus"))
SOURCE = CORPUS / "recordings"
UNIT = 3000

_TEST_ID = re.compile(rb'"test_id": "((?:[^"\\]|\\.)*)"')


@dataclass(slots=True, frozen=True)
class Source:
    rel_dir: str     # folder relative to the corpus root, e.g. tests/integration/x/recordings
    stem: str        # file name without .json
    data: bytes
    test_id: bytes | None  # the raw (JSON-escaped) recorded test id


@dataclass(slots=True, frozen=True)
class ScaledCorpus:
    root: Path
    scale: float
    files: int
    bytes: int


def load_sources(source: Path = SOURCE) -> list[Source]:
    """Every recording of the corpus, in a stable order, bytes in memory."""
    out = []
    for path in sorted(source.rglob("*.json")):
        data = path.read_bytes()
        m = _TEST_ID.search(data, 0, 4096)
        rel_dir = path.parent.relative_to(source).as_posix()
        out.append(Source(rel_dir, path.stem, data, m.group(1) if m else None))
    return out


def varied_test_id(test_id: bytes, copy: int) -> bytes:
    suffix = b"_c%03d" % copy
    if b".py::" in test_id:
        return test_id.replace(b".py::", suffix + b".py::", 1)
    return test_id + suffix


def copy_bytes(src: Source, copy: int) -> bytes:
    """The file's bytes with its test id varied for ``copy`` (copy 0 unchanged)."""
    if copy == 0 or src.test_id is None:
        return src.data
    old = b'"' + src.test_id + b'"'
    return src.data.replace(old, b'"' + varied_test_id(src.test_id, copy) + b'"')


def copy_name(src: Source, copy: int) -> str:
    if copy == 0:
        return src.stem + ".json"
    return hashlib.sha256(b"%d/%s" % (copy, src.stem.encode())).hexdigest() + ".json"


def build(dest: Path, scale: float, unit: int = UNIT,
          sources: list[Source] | None = None) -> ScaledCorpus:
    """Write ``round(scale * unit)`` recordings under ``dest`` (created)."""
    sources = sources if sources is not None else load_sources()
    if not sources:
        raise FileNotFoundError(f"no recordings under {SOURCE}")
    total = max(1, round(scale * unit))
    made: set[str] = set()
    written = 0
    for n in range(total):
        copy, src = divmod(n, len(sources))
        s = sources[src]
        folder = dest / s.rel_dir
        if s.rel_dir not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(s.rel_dir)
        data = copy_bytes(s, copy)
        with open(folder / copy_name(s, copy), "wb") as fh:
            fh.write(data)
        written += len(data)
    return ScaledCorpus(dest, scale, total, written)


def corpus_files(root: Path) -> list[str]:
    """Every ``*.json`` under ``root`` (absolute paths, any order)."""
    out = []
    for folder, _dirs, names in os.walk(root):
        out.extend(os.path.join(folder, n) for n in names if n.endswith(".json"))
    return out
