"""verify_folder's cost is bounded per file without changing its answers: each
file is read once (stale ones are not read again for the cause search), and a
stale file's candidate test ids are the folder's, its own test file's first,
in walk order, at most MAX_TEST_IDS (made once per folder and test file)."""

from __future__ import annotations

from recviewer.core.keys import compute, verify
from recviewer.core.keys.verify import MAX_TEST_IDS, STALE, _FolderIds, classify, verify_folder
from tests.corpus_paths import RECORDINGS



def _reference(ids: list[str], own: str | None) -> list[str | None]:
    """The candidates as first written: the folder's ids stably sorted with
    the own test file's first, None in front, distinct, the first MAX_TEST_IDS."""
    if own is not None:
        test_file = own.partition("::")[0]
        ids = sorted(ids, key=lambda t: t.partition("::")[0] != test_file)
    return list(dict.fromkeys([None, *ids]))[:MAX_TEST_IDS]


def test_candidates_keep_the_order_of_the_sorted_list():
    ids = [f"tests/t_{i % 7}.py::test_{i}[p{i}]" for i in range(1500)] + ["no_file_part"]
    folder = _FolderIds(ids)
    for own in (None, "tests/t_3.py::test_x", "tests/other.py::test_y", "no_file_part"):
        assert list(folder.candidates(own)) == _reference(ids, own)
    few = ids[:20]
    assert list(_FolderIds(few).candidates("tests/t_1.py::a")) == _reference(few, "tests/t_1.py::a")
    assert folder.candidates("tests/t_3.py::a") is folder.candidates("tests/t_3.py::b")  # made once


def test_each_file_is_read_once_and_stale_causes_equal_classify(monkeypatch):
    reads = []
    real = compute.read_raw

    def counting(path):
        reads.append(path)
        return real(path)

    monkeypatch.setattr(verify, "read_raw", counting)
    report = verify_folder(RECORDINGS)
    assert len(reads) == len(set(reads)) >= len(report.files)
    monkeypatch.undo()
    stale = [f for f in report.files if f.status.cls == STALE]
    assert stale
    for f in stale:  # classify alone (no folder ids) agrees except where the folder's ids matter
        alone = classify(f.path)
        assert (alone.cls, alone.expected, alone.key) == (f.status.cls, f.status.expected, f.status.key)


def test_key_class_is_the_class_of_classify_on_every_corpus_file():
    from recviewer.core.keys.verify import key_class

    classes = []
    for path in sorted(RECORDINGS.rglob("*.json")):
        status = classify(str(path))
        classes.append(key_class(str(path)))
        assert classes[-1] == (None if status is None else status.cls), path
    assert STALE in classes and "ok" in classes
