"""RawView: pretty JSON, line numbers, lazy colouring, raw fallback."""

from __future__ import annotations

import orjson
import pytest

from recviewer.ui.raw.view import RawView, pretty_text
from recviewer.ui.appearance.view_colours import DARK
from tests.corpus_paths import LARGEST, SEED


@pytest.fixture
def raw(qtbot) -> RawView:
    v = RawView()
    qtbot.addWidget(v)
    v.resize(900, 600)
    v.show()
    return v


def test_seed_is_pretty_printed_with_line_numbers(raw, qtbot):
    data = SEED.read_bytes()
    raw.show_bytes(data, str(SEED))
    assert raw.is_json
    assert raw.text() == orjson.dumps(orjson.loads(data), option=orjson.OPT_INDENT_2).decode()
    assert raw.text().startswith('{\n  "test_id": ')
    editor = raw.editor
    assert editor.blockCount() == raw.text().count("\n") + 1
    assert editor.viewportMargins().left() == editor.gutter_width() > 0
    assert editor.isReadOnly()
    qtbot.waitUntil(lambda: raw.highlighter.coloured_blocks() > 0)
    first = editor.document().firstBlock()
    assert first.next().layout().formats()  # "test_id" key is coloured
    raw.grab()  # paints the gutter


def test_largest_is_coloured_lazily(raw, qtbot):
    raw.show_bytes(LARGEST.read_bytes(), str(LARGEST))
    editor = raw.editor
    assert editor.blockCount() > 30000
    qtbot.waitUntil(lambda: raw.highlighter.coloured_blocks() > 0)
    assert raw.highlighter.coloured_blocks() < editor.blockCount() // 10
    bar = editor.verticalScrollBar()
    bar.setValue(bar.maximum())
    last = editor.document().lastBlock().previous()
    qtbot.waitUntil(lambda: bool(last.layout().formats()))
    assert raw.highlighter.coloured_blocks() < editor.blockCount() // 10


def test_not_json_is_shown_as_decoded_bytes(raw):
    raw.show_bytes(b'{"a": 1,,\n \xff oops', "/tmp/x.json")
    assert not raw.is_json
    assert raw.text() == '{"a": 1,,\n \ufffd oops'
    raw.clear()
    assert raw.text() == "" and raw.path == ""


def test_pretty_text_of_empty_and_bom():
    assert pretty_text(b"")[1] is False
    assert pretty_text(b'\xef\xbb\xbf{"a":1}') == ('{\n  "a": 1\n}', True)


def test_theme_change_recolours(raw, qtbot):
    raw.show_bytes(SEED.read_bytes(), str(SEED))
    qtbot.waitUntil(lambda: raw.highlighter.coloured_blocks() > 0)
    block = raw.editor.document().firstBlock().next()
    before = [r.format.foreground().color().name() for r in block.layout().formats()]
    raw.set_theme(DARK)
    qtbot.waitUntil(lambda: [r.format.foreground().color().name()
                             for r in block.layout().formats()] != before)
