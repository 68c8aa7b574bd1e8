"""Issue 12 item 11: View ▸ Zoom changes every view — tree, header, conversation,
raw, timeline (chunk list, inspector, plot) and the diff window — and is remembered."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from recviewer.ui.appearance.zoom import SETTING
from tests.support.desktop import open_seed


def _points(widget) -> float:
    return widget.font().pointSizeF()


def test_zoom_reaches_every_view_and_is_remembered(qtbot, window, open_and_wait, settings,
                                                   make_window):
    open_seed(qtbot, window, open_and_wait)
    detail, timeline = window.detail, window.detail.timeline
    widgets = {
        "tree": window.tree.view, "filter": window.tree.filter_edit,
        "header facts": detail.conversation.header.facts_label,
        "header test": detail.conversation.header.test_label,
        "header key": detail.conversation.header.key_label,  # (stale: coloured, still zoomed)
        "conversation": detail.conversation.browser, "raw": detail.raw.editor,
        "chunk list": timeline.chunk_list(), "inspector": timeline.inspector(),
        "inspector json": timeline.inspector().json_view(), "plot": timeline.plot(),
        "transport": timeline.transport(),
    }
    before = {name: _points(w) for name, w in widgets.items()}
    row_before = timeline.chunk_list().verticalHeader().defaultSectionSize()
    window.zoom.bigger()
    window.zoom.bigger()
    for name, w in widgets.items():
        assert _points(w) == before[name] + 2, name
    assert timeline.chunk_list().verticalHeader().defaultSectionSize() > row_before
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    assert timeline.inspector().json_view().font().family() == fixed
    assert detail.conversation.header.test_label.font().bold()
    # a diff window opened now follows too
    win = window.compare_paths(str(detail.path), str(detail.path))
    qtbot.waitUntil(lambda: win.view.result() is not None, timeout=20000)
    base = window.font().pointSizeF()
    for w in (win.view.browser, win.view.bar, win.view.table, win.view.find_bar,
              win.view.bar.summary):
        assert _points(w) == base + 2
    window.zoom.actual_size()
    assert _points(win.view.bar) == base and _points(window.tree.view) == before["tree"]
    window.zoom.bigger()
    assert int(settings.value(SETTING)) == 1
    again = make_window()
    assert _points(again.tree.view) == before["tree"] + 1
    assert _points(again.detail.timeline.chunk_list()) == before["chunk list"] + 1
    win.close()
