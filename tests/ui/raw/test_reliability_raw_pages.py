"""Huge files in the raw view, a page at a time; hostile labels on one line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from recviewer.ui.raw.pages import PRETTY_LIMIT, RawPages
from recviewer.ui.raw.view import RawView, pretty_text
from recviewer.ui.tree.live_model import LABEL_CHARS, one_line
from tests.corpus_paths import LARGEST, SEED


def test_small_files_are_one_reindented_page():
    pages = RawPages.of_file(SEED.read_bytes(), pretty_text)
    assert pages.is_json and not pages.as_stored
    text = pages.next_page()
    assert pages.done and text == pretty_text(SEED.read_bytes())[0]
    assert pages.next_page() == ""


def test_pages_end_at_line_ends_and_join_to_the_whole():
    data = b"".join(b'{"line": %d, "text": "\xc3\xa9t\xc3\xa9"}\n' % i for i in range(5000))
    pages = RawPages(data, False, chars=10_000, lines=100)
    parts = []
    while not pages.done:
        part = pages.next_page()
        assert part.endswith("\n") and part.count("\n") <= 100 and len(part) <= 10_000
        parts.append(part)
    assert "".join(parts) == data.decode()
    assert len(parts) == 50


@pytest.mark.parametrize("cut", range(1, 6))
def test_one_long_line_is_cut_between_utf8_sequences(cut):
    data = ("€" * 1000).encode()  # 3 bytes each, no line end
    pages = RawPages(data, False, chars=300 + cut, lines=10)
    parts = []
    while not pages.done:
        parts.append(pages.next_page())
    assert "\ufffd" not in "".join(parts)
    assert "".join(parts) == "€" * 1000


def test_files_over_the_limit_are_shown_as_stored():
    data = b"[" + b"1," * (PRETTY_LIMIT // 2) + b"1]"
    pages = RawPages.of_file(data, pretty_text)
    assert pages.as_stored and not pages.is_json and pages.total == len(data)


def test_raw_view_pages_a_big_file_and_shows_more(qtbot):
    view = RawView()
    qtbot.addWidget(view)
    view.show()
    line = b'    "content": "' + b"x" * 60 + b'",\n'
    data = b"{\n" + line * (PRETTY_LIMIT // len(line) + 100_000) + b'  "end": 1\n}\n'
    view.show_bytes(data, "/tmp/big.json")
    assert view.more.isVisibleTo(view) and "as stored" in view.more.text()
    shown = len(view.text())
    assert 0 < shown < len(data)
    while view.more.isVisibleTo(view):
        qtbot.mouseClick(view.more.button, Qt.MouseButton.LeftButton)
        assert len(view.text()) > shown
        shown = len(view.text())
    assert view.text() == data.decode()
    view.show_bytes(LARGEST.read_bytes(), str(LARGEST))  # an ordinary file: no note
    assert not view.more.isVisibleTo(view) and view.is_json
    view.clear()
    assert view.pages is None and not view.more.isVisibleTo(view)


def test_labels_stay_on_one_short_visible_line():
    assert one_line("tests/test_x.py::test_f[a-b]") == "tests/test_x.py::test_f[a-b]"
    many = one_line("line\n" * 60_000)
    assert "\n" not in many and len(many) == LABEL_CHARS + 1 and many.endswith("\u2026")
    spoof = one_line("test_\u202egnp.exe")
    assert "\u202e" not in spoof and "[U+202E]" in spoof
    assert one_line("a\x00b") == "a\\x00b"
