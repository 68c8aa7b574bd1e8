"""Issue 12 items 9 and 5 (UI): the diff window fits the screen, names the test
and short file names, renders changed Markdown like unchanged, and shows the
summarised chunk-field rows ("logprobs added in 59 of 62 chunks")."""

from __future__ import annotations

import json
import re

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication

from recviewer.core.diff import word_diff
from recviewer.ui.diff.colours import diff_colors
from recviewer.ui.diff.window import DiffWindow, fitted, short_name, short_test, window_title
from recviewer.ui.diff.words_html import marked_source, marks_to_spans, ops_markdown_html
from recviewer.ui.conversation.markdown import markdown_html
from recviewer.ui.appearance.view_colours import LIGHT
from tests.corpus_paths import LARGEST, SEED

SEED_TEST = ("tests/integration/responses/test_file_search.py::"
             "test_response_file_search_filter_by_region[openai_client-txt=openai/gpt-4o]")


def test_fitted_never_leaves_a_900px_screen():
    free = QRect(0, 27, 1440, 873)  # a 1440x900 screen under a top panel
    rect = fitted(free)
    assert rect.width() == 1280
    assert rect.top() >= free.top() and rect.bottom() + 48 <= free.bottom() + 1
    small = fitted(QRect(0, 0, 1024, 600))
    assert small.width() <= 1024 - 16 and small.height() <= 600 - 48
    assert fitted(QRect(0, 0, 2560, 1440)).size() == QSize(1280, 800)


def test_window_opens_inside_its_screen(qtbot):
    win = DiffWindow()
    qtbot.addWidget(win)
    free = QGuiApplication.primaryScreen().availableGeometry()
    assert free.contains(win.geometry())


def test_title_uses_the_test_id_and_short_names(qtbot):
    assert short_name(str(SEED)) == "e30bc640\u2026"
    assert short_name("/x/models-64a2277c90f0f42576f60c1030e3a020403d34a95f56931b792d5939f4cebc57"
                      "-fb68f5a6.json") == "models-64a2277c\u2026"
    assert short_name("/c/test_x.yaml#3") == "test_x.yaml#3"
    assert short_test(SEED_TEST) == ("test_response_file_search_filter_by_region"
                                     "[openai_client-txt=openai/gpt-4o]")
    win = DiffWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.view.diff_shown, timeout=20000):
        win.load_paths(str(SEED), str(LARGEST))
    title = win.windowTitle()
    assert "e30bc640\u2026 \u2194 0ea73592\u2026" in title
    assert len(title) < 200 and SEED.stem[:16] not in title
    assert title.startswith("test_") and "\u2194" in title.split(" \u2014 ")[0]  # two tests
    same = window_title(str(SEED), f"/o/{SEED.name}",
                        SEED_TEST, SEED_TEST)
    assert same.startswith("test_response_file_search_filter_by_region[") and same.count("\u2194") == 1


def test_changed_markdown_renders_with_word_highlights():
    ops = word_diff("The **US region** has `code` here", "The **US area** has `code` here")
    colors = diff_colors(LIGHT)
    right = ops_markdown_html(ops, "b", colors, lambda s: markdown_html(s, LIGHT))
    assert "**" not in right and "<b>" in right or "font-weight" in right
    assert re.search(r'<span class="rv-ins"[^>]*>area</span>', right)
    left = ops_markdown_html(ops, "a", colors, lambda s: markdown_html(s, LIGHT))
    assert re.search(r'<span class="rv-del"[^>]*>region</span>', left) and "area" not in left


def test_marks_never_cross_tags_and_recorded_marks_are_inert():
    colors = diff_colors(LIGHT)
    src = marked_source(word_diff("a b c", "a **x y** c"), "b")
    html = marks_to_spans(markdown_html(src, LIGHT), "b", colors)
    assert html.count("<span") == html.count("</span>")
    hostile = marked_source([("equal", "\ue0a1<b>x\ue0a0")], "b")
    assert "\ue0a1" not in hostile and "\ue0a0" not in hostile


def _logprobs_pair(tmp_path):
    a = tmp_path / "a" / SEED.name
    a.parent.mkdir()
    a.write_bytes(SEED.read_bytes())
    doc = json.loads(SEED.read_text())
    for item in doc["response"]["body"]:
        for choice in item["__data__"]["choices"]:
            text = choice["delta"].get("content")
            if text:
                choice["logprobs"] = {"content": [{"token": text, "logprob": -0.25,
                                                   "bytes": [], "top_logprobs": []}],
                                      "refusal": None}
                if "region" in text:
                    choice["delta"]["content"] = text.replace("region", "**area**")
    b = tmp_path / "b" / SEED.name
    b.parent.mkdir()
    b.write_text(json.dumps(doc, indent=2))
    return a, b


def test_chunk_field_note_row_is_shown_and_counted(qtbot, tmp_path):
    a, b = _logprobs_pair(tmp_path)
    win = DiffWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.view.diff_shown, timeout=20000):
        win.load_paths(str(a), str(b))
    view = win.view
    [row] = [r for r in view.result().diff.rows if r.label == "response.chunks.logprobs"]
    assert row.note and row.note.startswith("logprobs added in ")
    page = view.browser.document().toPlainText()
    assert "response.chunks.logprobs" in page and row.note in page
    assert "more chunk changes (Structural JSON tab)" in page
    assert row.note in view.summary_text()
    assert view.change_count() == 2  # the message and the chunk-field row
    # the changed answer renders Markdown: no literal ** on the page, the word marked
    assert "**area**" not in page and "area" in page
    assert re.search(r'class="rv-ins"[^>]*>area</span>', view.page_html())
    assert "a/e30bc640\u2026 \u2194 b/e30bc640\u2026" in win.windowTitle()
