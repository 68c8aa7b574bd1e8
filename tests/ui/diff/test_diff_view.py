"""DiffView / DiffWindow on real corpus pairs (history versions and provider pairs)."""

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.diff import diff_json
from recviewer.ui.diff.view import DiffView
from recviewer.ui.diff.window import open_diff_window
from tests.conftest import read_ok as load
from tests.corpus_paths import CORPUS, GEMINI

HISTORY = CORPUS / "history"
PAIRS = CORPUS / "pairs"
NOISE_ONLY = (HISTORY / "chat-stream-noise-only_agents-21720598/2025-10-10_139440336.json",
              HISTORY / "chat-stream-noise-only_agents-21720598/2025-10-20_add64e8e2.json")
# "The Sun is commonly referred to as Sol in Latin." -> "The Latin word for the Sun is Sol."
CONTENT = (HISTORY / "chat-stream-content-changed_inference-36968c3a/2025-10-08_79bed44b0.json",
           HISTORY / "chat-stream-content-changed_inference-36968c3a/2025-11-03_1562277cf.json")
# five equal request messages, one changed answer
LONG_REQUEST = (HISTORY / "chat-stream-content-changed_agents-4da32cdf/2025-10-10_139440336.json",
                HISTORY / "chat-stream-content-changed_agents-4da32cdf/2025-10-20_add64e8e2.json")
HASH = HISTORY / "request-changed-hash_filter_by_region"
REQUEST_HASH = (HASH / "old_62c4b869/2026-03-18_2be5696e0.json",
                HASH / "new_afefeda7/2026-04-09_5d63477df.json")
OLLAMA_CHAT = PAIRS / "chat-streaming_ollama-llama3.2_vs_bedrock-gpt-oss/a.json"




def spans(page: str, cls: str) -> list[str]:
    """Unescaped text of every ``<span class="cls" ...>`` in the page."""
    return [html.unescape(t) for t in re.findall(rf'<span class="{cls}"[^>]*>([^<]*)</span>', page)]


@pytest.fixture
def view(qtbot):
    v = DiffView()
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    yield v
    v.workers.shutdown(5000)


def show(qtbot, view: DiffView, pair) -> None:
    a, b = (load(p) for p in pair)
    with qtbot.waitSignal(view.diff_shown, timeout=30000):
        view.set_recordings(a, b)
    assert view.result() is not None


def test_noise_only_pair_is_equivalent_and_untinted(qtbot, view):
    show(qtbot, view, NOISE_ONLY)
    assert "equivalent (only normalisation noise)" in view.summary_text()
    page = view.page_html()
    assert 'class="rv-' not in page  # no tinted row, no marked word
    assert view.change_count() == 0
    assert "get_weather" in page  # the conversation itself is still shown
    view.set_show_noise(True)
    assert 'class="rv-noise"' in view.page_html()
    assert 'class="rv-del"' not in view.page_html()
    assert view.change_count() > 0


def test_content_change_highlights_the_changed_words(qtbot, view):
    show(qtbot, view, CONTENT)
    assert view.summary_text().startswith("1 message changed")
    page = view.page_html()
    deleted, inserted = spans(page, "rv-del"), spans(page, "rv-ins")
    assert "commonly referred to as" in deleted and "in Latin" in deleted
    assert "Latin word for the" in inserted
    assert not any("Sol" in t for t in deleted + inserted)  # the unchanged word is not marked
    assert page.count('<tr class="rv-changed">') == 1
    assert view.change_count() == 1


def test_f7_and_shift_f7_move_between_changes(qtbot, view):
    show(qtbot, view, (OLLAMA_CHAT, GEMINI))
    view.activateWindow()
    view.browser.setFocus()
    qtbot.waitUntil(view.browser.hasFocus)
    bar = view.browser.verticalScrollBar()
    assert view.change_count() > 3 and bar.maximum() > 0
    assert view.current_change() is None
    seen = []
    for _ in range(3):
        qtbot.keyClick(view.browser, Qt.Key.Key_F7)
        seen.append((view.current_change(), bar.value()))
    assert [c for c, _ in seen] == [0, 1, 2]
    assert seen[0][1] < seen[1][1] < seen[2][1]  # each jump scrolls further down
    qtbot.keyClick(view.browser, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_change() == 1 and bar.value() == seen[1][1]
    assert "change 2 of" in view.bar.position.text()


def test_next_change_stops_at_the_last_one(qtbot, view):
    show(qtbot, view, CONTENT)
    assert view.next_change() is True
    assert view.next_change() is False
    assert view.current_change() == 0
    assert view.previous_change() is False


def test_long_equal_request_folds_and_unfolds(qtbot, view):
    show(qtbot, view, LONG_REQUEST)
    page = view.page_html()
    assert "5 identical messages" in page
    first_question = load(LONG_REQUEST[0]).exchange.request_messages[0].text
    assert html.escape(first_question[:30], quote=True) not in page
    href = re.search(r'href="(rvdiff:unfold/request:\d+)"', page).group(1)
    view.browser.anchorClicked.emit(QUrl(href))
    page = view.page_html()
    assert "5 identical messages" not in page
    assert html.escape(first_question[:30], quote=True) in page
    assert "rvdiff:refold/request:" in page


def test_structural_tab_counts_non_noise_changes_and_grows_with_noise(qtbot, view):
    QAbstractItemModelTester(view.structural,
                             QAbstractItemModelTester.FailureReportingMode.Warning, view)
    show(qtbot, view, REQUEST_HASH)
    a, b = (load(p) for p in REQUEST_HASH)
    changes = diff_json(a.raw, b.raw)
    real = [c for c in changes if not c.noise]
    assert view.structural.rowCount() == len(real) > 0
    assert view.tabs.tabText(1) == f"Structural JSON ({len(real):,})"
    view.set_show_noise(True)
    assert view.structural.rowCount() == len(changes) > len(real)
    model = view.structural
    assert model.index(0, 0).data() == changes[0].path
    tip = model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("<p") and "<" not in tip[tip.index(">") + 1:tip.rindex("</p>")]


def test_a_stale_result_is_dropped(qtbot, view):
    stale, fresh = (load(p) for p in LONG_REQUEST), (load(p) for p in CONTENT)
    shown = []
    view.diff_shown.connect(lambda: shown.append(view.result()))
    view.set_recordings(*stale)
    a, b = fresh
    with qtbot.waitSignal(view.diff_shown, timeout=30000):
        view.set_recordings(a, b)
    assert view.workers.wait(10000)
    qtbot.wait(50)  # let anything the first job still delivers arrive (and be dropped)
    assert len(shown) == 1
    assert shown[0].a is a and view.result().a is a


@pytest.mark.parametrize("pair", sorted(p.name for p in PAIRS.iterdir()))
def test_every_provider_pair_renders(qtbot, view, pair):
    show(qtbot, view, (PAIRS / pair / "a.json", PAIRS / pair / "b.json"))
    assert "model changed" in view.summary_text()
    assert view.browser.refused == []
    assert 'class="rv-changed"' in view.page_html()


def test_different_formats_render_side_by_side(qtbot, view):
    show(qtbot, view, (OLLAMA_CHAT, GEMINI))
    assert "format differs (openai_chat vs gemini)" in view.summary_text()
    page = view.page_html()
    assert "not in A" in page  # Gemini's extra messages have no counterpart
    assert "openai_chat" in page and "gemini" in page
    assert view.browser.toPlainText().count("What") >= 2


def test_tool_call_argument_change_is_shown_per_key(qtbot, view, tmp_path):
    text = NOISE_ONLY[1].read_text(encoding="utf-8")
    assert text.count('{\\"city\\":\\"Tokyo\\"}') == 1
    changed = tmp_path / "osaka.json"
    changed.write_text(text.replace('{\\"city\\":\\"Tokyo\\"}', '{\\"city\\":\\"Osaka\\"}'),
                       encoding="utf-8")
    show(qtbot, view, (NOISE_ONLY[0], changed))
    assert "1 tool call changed" in view.summary_text()
    page = view.page_html()
    assert "<b>arguments.city</b>" in page
    assert "Tokyo" in spans(page, "rv-del") and "Osaka" in spans(page, "rv-ins")


def test_file_text_is_escaped(qtbot, view, tmp_path):
    text = CONTENT[1].read_text(encoding="utf-8")
    evil = '<img src=\\"file:///etc/passwd\\"><b>bold</b>'
    assert '"content": "Sol"' in text or "Sol" in text
    hostile = tmp_path / "hostile.json"
    hostile.write_text(text.replace("Sol", evil, 1), encoding="utf-8")
    show(qtbot, view, (CONTENT[0], hostile))
    page = view.page_html()
    assert "<img" not in page and "<b>bold</b>" not in page
    assert "&lt;img" in page
    assert view.browser.refused == []


def test_open_diff_window_reads_files_and_titles_them(qtbot):
    window = open_diff_window(REQUEST_HASH[0], REQUEST_HASH[1])
    qtbot.addWidget(window)
    try:
        names = "2026-03-18_2be5696e0.json \u2194 2026-04-09_5d63477df.json"
        assert window.windowTitle() == names
        qtbot.waitUntil(lambda: window.view.result() is not None, timeout=30000)
        assert "1 message changed" in window.view.summary_text()
        test = window.view.result().a.test_id.rsplit("::", 1)[-1]
        assert window.windowTitle().endswith(f" \u2014 {names}")  # the test(s) first
        assert window.windowTitle().startswith(test[:40])
    finally:
        window.view.workers.shutdown(5000)


def test_open_diff_window_shows_an_unreadable_file(qtbot, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"request": {"method": "POST", ')
    window = open_diff_window(CONTENT[0], broken)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: "Cannot compare" in window.view.summary_text(), timeout=30000)
        assert "B could not be read" in window.view.summary_text()
        shown = window.view.browser.toPlainText()
        assert "Cannot read B" in shown and "broken.json" in shown
        assert window.view.result() is None
    finally:
        window.view.workers.shutdown(5000)
