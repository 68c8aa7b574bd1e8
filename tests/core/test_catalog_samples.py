"""The bundled sample recordings: present, real, attributed, packaged, varied."""

from __future__ import annotations

import glob
import re
import tomllib
from pathlib import Path

from tests.conftest import ROOT
from tests.corpus_paths import CORPUS
from recviewer.core.catalog.scan import scan
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import ImagePart, Recording
from recviewer.core.samples import samples_dir

MAX_TOTAL_BYTES = 400_000


def _sample_files() -> list[Path]:
    return sorted(samples_dir().rglob("*.json"))


def test_samples_dir_holds_the_recordings():
    folder = samples_dir()
    assert folder.is_dir() and folder.name == "samples"
    files = _sample_files()
    assert len(files) >= 10
    assert all(f.relative_to(folder).parts[:2] == ("tests", "integration") for f in files)
    assert sum(f.stat().st_size for f in files) < MAX_TOTAL_BYTES


def test_samples_are_byte_for_byte_corpus_files():
    for f in _sample_files():
        rel = f.relative_to(samples_dir())
        assert f.read_bytes() == (CORPUS / "recordings" / rel).read_bytes(), rel


def test_attribution_lists_exactly_the_sample_files():
    text = (samples_dir() / "ATTRIBUTION.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `(tests/[^`]+\.json)` \|", text, re.M))
    on_disk = {f.relative_to(samples_dir()).as_posix() for f in _sample_files()}
    assert listed == on_disk
    assert "MIT" in text and "Copyright (c) The OGX Contributors" in text
    assert "d1b6632946ca1bb953d47ea3317b8f3c30771d88" in text


def test_package_data_globs_cover_every_sample():
    """What setuptools puts in the wheel: the pyproject globs, relative to recviewer/."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["recviewer"]
    package = ROOT / "recviewer"
    packaged = {Path(p) for pattern in patterns
                for p in glob.glob(pattern, root_dir=package, recursive=True)}
    wanted = {f.relative_to(package) for f in samples_dir().rglob("*") if f.is_file()}
    assert Path("samples/ATTRIBUTION.md") in wanted
    assert wanted <= packaged


def test_samples_show_every_panel():
    recs = [read_recording(f) for f in _sample_files()]
    assert all(isinstance(r, Recording) for r in recs), recs
    formats = {r.format for r in recs}
    assert {"openai_chat", "gemini", "anthropic_messages", "gemini_interactions",
            "tool_runtime"} <= formats
    assert formats & {"models_list", "embeddings"}
    chat = [r for r in recs if r.format == "openai_chat"]
    assert any(r.streaming and any(m.tool_calls for m in r.exchange.request_messages)
               for r in chat)  # the seed
    assert any(not r.streaming and any(m.tool_calls for m in r.exchange.response_messages)
               for r in chat)
    assert any(r.exchange.error is not None for r in recs)
    assert any(isinstance(p, ImagePart) for r in recs for m in r.exchange.request_messages
               for p in m.parts)
    assert any(r.test_id is None for r in recs)


def test_samples_scan_cleanly():
    catalog = scan(samples_dir())
    assert len(catalog.refs) == len(_sample_files()) and catalog.errors == 0
