"""Helpers that now serve two modules each: ``json_diff.common_ends`` (the
list alignment and explain's string cut) and ``load.read_parsed`` (the
loader and the key hash's exact read)."""

from __future__ import annotations

from recviewer.core.diff.json_diff import align, common_ends
from recviewer.core.errors import RecordingError
from recviewer.core.keys.compute import read_raw
from recviewer.core.keys.explain import cut
from recviewer.core.load import load_document, read_parsed
from tests.corpus_paths import INFERENCE


def test_common_ends_never_overlap():
    assert common_ends("abcxyz", "abcQxyz") == (3, 3)
    assert common_ends("aa", "aaa") == (2, 0)  # the tail does not reuse the head
    assert common_ends([1, 2], [3, 4]) == (0, 0)
    assert common_ends("", "abc") == (0, 0)
    assert align([1, 2, 9, 3], [1, 2, 3]) == [("equal", 0, 2, 0, 2), ("delete", 2, 3, 2, 2),
                                              ("equal", 3, 4, 2, 3)]


def test_cut_keeps_the_changed_middle_of_long_strings():
    a = "x" * 2000 + "OLD" + "y" * 2000
    b = "x" * 2000 + "NEW" + "y" * 2000
    ca, cb = cut(a, b)
    assert "OLD" in ca and "NEW" in cb and len(ca) < 1000
    assert ca.startswith("…") and ca.endswith("…")


def test_read_parsed_gives_errors_as_values(tmp_path):
    missing = tmp_path / "missing.json"
    got = read_parsed(missing, lambda d: d)
    assert isinstance(got, RecordingError) and got.path == str(missing)
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{not json")
    assert isinstance(load_document(bad), RecordingError)
    assert isinstance(read_raw(bad), RecordingError)
    deep = tmp_path / "deep.json"
    deep.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    assert isinstance(load_document(deep), RecordingError)


def test_read_parsed_on_a_real_recording():
    path = sorted(INFERENCE.glob("*.json"))[0]
    doc, size = load_document(path)
    assert size == path.stat().st_size and isinstance(doc, dict)
    raw = read_raw(path)
    assert isinstance(raw, dict) and "request" in raw


def test_human_bytes_as_stats_and_the_overview_print_it():
    from recviewer.core.units import human_bytes
    assert [human_bytes(n) for n in (0, 999, 1000, 2_450, 1_000_000, 5 * 10 ** 12)] == [
        "0 B", "999 B", "1.0 KB", "2.5 KB", "1.0 MB", "5000.0 GB"]
