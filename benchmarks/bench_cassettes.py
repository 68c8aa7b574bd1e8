"""Cassette costs, each against a baseline timed in the same run.

- ``cassette_index``: the catalog scan (in this process) of a folder of
  cassettes — the repository's pydantic-ai subset copied ``COPIES`` times —
  against a ``CSafeLoader`` parse of every file (read + ``yaml.load``). The
  index reads interactions by a line scan, so it must not cost a YAML parse
  per file: target ≤ 0.5×. Timed without row gists (as ``recviewer-cli index``
  scans).
- ``cassette_index_gists``: the same scan with row gists and tool names (each
  interaction's request part parsed, history and tool schemas cut; the
  response only when it spells a tool call) against the scan without:
  target ≤ 2×.
- ``cassette_open``: opening every interaction of the largest cassette
  (``read_all``: parse, decode bodies, SSE events, adapt, assemble) against the
  least any reader does: its ``CSafeLoader`` parse plus ``orjson.loads`` of
  every SSE ``data:`` payload: target ≤ 3×.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from benchmarks.measure import Result, interleaved

SOURCE = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus" / "cassettes"
COPIES = 5
INDEX_TARGET = 0.5
GISTS_TARGET = 2.0
OPEN_TARGET = 3.0


def cassette_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.name.endswith((".yaml", ".yml", ".yaml.gz")))


def build(work: Path, copies: int) -> Path:
    dest = work / "cassettes"
    for i in range(copies):
        shutil.copytree(SOURCE, dest / f"copy{i:02d}")
    return dest


def yaml_parse_all(files: list[Path]) -> int:
    import yaml

    n = 0
    for f in files:
        doc = yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)  # noqa: S506 - safe loader
        n += len(doc.get("interactions") or []) if isinstance(doc, dict) else 0
    return n


def parse_and_decode(path: Path) -> int:
    """CSafeLoader parse, then orjson.loads of every SSE data payload."""
    import orjson
    import yaml

    doc = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)  # noqa: S506 - safe loader
    n = 0
    for inter in doc.get("interactions") or []:
        body = ((inter.get("response") or {}).get("body") or {}).get("string")
        if isinstance(body, str):
            for line in body.splitlines():
                if line.startswith("data: {"):
                    orjson.loads(line[6:])
                    n += 1
    return n


def index_all(root: Path, gists: bool = False) -> int:
    from recviewer.core.catalog.head import gists_on
    from recviewer.core.catalog.scan import scan

    with gists_on(gists):
        return len(scan(root).refs)


def results(repeats: int, copies: int = COPIES) -> list[Result]:
    work = Path(tempfile.mkdtemp(prefix="recviewer-bench-cassettes-"))
    try:
        root = build(work, copies)
        files = cassette_files(root)
        t = interleaved({"index": lambda: index_all(root),
                         "yaml": lambda: yaml_parse_all(files)}, repeats)
        size = sum(os.path.getsize(f) for f in files)
        index = Result(
            "cassette_index", f"index of {len(files):,} cassettes ({size / 1e6:.0f} MB)",
            t["index"], "s", t["yaml"], "CSafeLoader parse of every file",
            f"≤ {INDEX_TARGET}× baseline", t["index"] <= INDEX_TARGET * t["yaml"],
            {"files": len(files), "bytes": size})
        g = interleaved({"on": lambda: index_all(root, True),
                         "off": lambda: index_all(root, False)}, repeats)
        gists = Result(
            "cassette_index_gists", f"index of {len(files):,} cassettes with row gists and tools",
            g["on"], "s", g["off"], "the same scan without gists",
            f"≤ {GISTS_TARGET}× baseline", g["on"] <= GISTS_TARGET * g["off"],
            {"files": len(files)})
        largest = max(cassette_files(SOURCE), key=os.path.getsize)
        from recviewer.core.cassettes.open import read_all

        o = interleaved({"open": lambda: read_all(str(largest)),
                         "yaml": lambda: parse_and_decode(largest)}, max(3, repeats))
        opened = Result(
            "cassette_open", f"open of the largest cassette ({os.path.getsize(largest) / 1e3:.0f} KB,"
            " every interaction)", o["open"], "s", o["yaml"], "CSafeLoader + orjson of its events",
            f"≤ {OPEN_TARGET}× baseline", o["open"] <= OPEN_TARGET * o["yaml"],
            {"file": largest.name})
        return [index, gists, opened]
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    for r in results(3):
        print(r.line())
