"""ConversationView on real corpus recordings (offscreen)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication, QImage, QTextDocument

from recviewer.core.assemble import StreamAssembler
from recviewer.core.model import Recording
from recviewer.ui.conversation.view import ConversationView
from tests.conftest import read_ok as load
from tests.corpus_paths import LARGEST, SEED
from tests.corpus_paths import (
    ANTHROPIC_SSE, BAD_IMAGE, HTTP_400, QWEN_THINK, REASONING, KEY_STALE_RENAMED as LONG_RESULT,
    NOT_STREAMED as VISION,
)





@pytest.fixture
def view(qtbot) -> ConversationView:
    v = ConversationView()
    qtbot.addWidget(v)
    v.resize(1000, 760)
    v.show()
    return v


def toggles(view: ConversationView) -> list[str]:
    return re.findall(r'href="(rv:toggle/[^"]+)"', view.browser.toHtml())


def test_seed_shows_call_result_and_answer(view):
    view.show_recording(load(SEED))
    text = view.document_text()
    assert "knowledge_search" in text
    assert '"query": "Latest updates from the US"' in text  # pretty JSON arguments
    assert "result of knowledge_search" in text  # result names its call's function
    assert "US technical updates for Q2 2023" in text
    assert "Recent updates from the US region include" in text
    assert "file-247992711531" in text
    assert "<|file-247992711531|>" not in text  # shown as a chip, not as the marker
    assert "finish: stop" in text and "total 525" in text
    assert SEED.name in text


def test_seed_call_and_result_link_to_each_other(view, qtbot):
    view.show_recording(load(SEED))
    html = view.browser.toHtml()
    assert 'name="call-1"' in html and 'href="#result-1"' in html
    assert 'name="result-1"' in html and 'href="#call-1"' in html
    view.resize(500, 220)
    qtbot.wait(10)
    bar = view.browser.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    view.browser.anchorClicked.emit(QUrl("#result-1"))
    assert bar.value() > 0
    at_result = bar.value()
    view.browser.anchorClicked.emit(QUrl("#call-1"))
    assert bar.value() < at_result


def test_copy_path_button_copies_the_full_path(view):
    rec = load(SEED)
    view.show_recording(rec)
    view.header.copy_path.click()
    assert QGuiApplication.clipboard().text() == rec.path


def test_long_tool_result_folds_and_unfolds(view):
    view.show_recording(load(LONG_RESULT))
    text = view.document_text()
    assert re.search(r"Show all \(\d+ lines\)", text)
    keys = toggles(view)
    assert keys
    before = len(text)
    view.browser.anchorClicked.emit(QUrl(keys[0]))
    after = view.document_text()
    assert len(after) > before
    assert "Show less" in after
    view.browser.anchorClicked.emit(QUrl(keys[0]))
    assert view.document_text() == text


def test_unfold_keeps_scroll_position(view, qtbot):
    view.resize(600, 300)
    view.show_recording(load(LONG_RESULT))
    bar = view.browser.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    pos = bar.value()
    assert pos > 0
    view.browser.anchorClicked.emit(QUrl(toggles(view)[-1]))
    assert bar.value() == pos


def test_reasoning_is_collapsed_until_clicked(view):
    rec = load(REASONING)
    view.show_recording(rec)
    reasoning = next(p.text for m in rec.exchange.response_messages for p in m.parts
                     if type(p).__name__ == "ReasoningPart")
    text = view.document_text()
    assert f"Thinking ({len(reasoning):,} chars)" in text
    snippet = reasoning.strip().splitlines()[0][:40]
    assert snippet not in text
    view.browser.anchorClicked.emit(QUrl(next(k for k in toggles(view) if "/r" in k)))
    assert snippet in view.document_text()


def test_thumbnail_is_registered_for_data_url_image(view):
    view.show_recording(load(VISION))
    image = view.browser.document().resource(QTextDocument.ResourceType.ImageResource,
                                             QUrl("rvimg:1"))
    assert isinstance(image, QImage) and not image.isNull()
    assert max(image.width(), image.height()) <= 240
    assert "image/png, 1032\u00d7848" in view.document_text()
    assert view.browser.refused == []


def test_undecodable_image_and_recorded_exception(view):
    view.show_recording(load(BAD_IMAGE))
    text = view.document_text()
    assert "could not be decoded" in text
    assert "Invalid base64 image_url." in text
    assert "BadRequestError" in text and "HTTP 400" in text


def test_http_error_recording_shows_its_message(view):
    view.show_recording(load(HTTP_400))
    text = view.document_text()
    assert "messages is required" in text
    assert "400" in text


def test_markdown_toggle_shows_exact_text(view):
    rec = load(LARGEST)
    view.show_recording(rec)
    assert "**Simple Syntax**" not in view.document_text()
    assert "Simple Syntax: Python" in view.document_text()
    view.set_markdown(False)
    raw = view.document_text()
    assert "**Simple Syntax**" in raw
    assert rec.exchange.response_messages[0].text in raw  # whitespace exactly kept
    view.set_markdown(True)
    assert "**Simple Syntax**" not in view.document_text()


def test_largest_recording_renders(view):
    rec = load(LARGEST)
    view.show_recording(rec)
    final = rec.exchange.response_messages[0].text
    assert final.strip().splitlines()[-1][:30].replace("**", "") in view.document_text()
    assert "1,399 chunks" in view.document_text()


def _state_at(rec: Recording, n: int):
    asm = StreamAssembler()
    for chunk in rec.exchange.chunks[:n]:
        asm.feed(chunk.delta)
    return asm.snapshot()


def test_stream_state_in_the_middle_shows_partial_text_and_cursor(view):
    rec = load(LARGEST)
    n = len(rec.exchange.chunks)
    mid = _state_at(rec, n // 2)
    view.set_markdown(False)
    view.show_stream_state(rec, mid)
    text = view.document_text()
    assert mid.text + "\u258d" in text
    assert rec.exchange.response_messages[0].text not in text
    assert f"chunk {n // 2:,} of {n:,}" in text
    assert "What is important to know about Python programming?" in text  # request kept
    view.show_stream_state(rec, _state_at(rec, n))
    assert "\u258d" not in view.document_text()
    view.show_stream_state(rec, None)
    assert rec.exchange.response_messages[0].text in view.document_text()


def test_stream_state_of_anthropic_sse(view):
    rec = load(ANTHROPIC_SSE)
    assert rec.exchange.chunks
    view.show_stream_state(rec, _state_at(rec, 1))
    assert "\u258d" in view.document_text()
    view.show_stream_state(rec, _state_at(rec, len(rec.exchange.chunks)))
    assert "1, 2, 3, 4, 5" in view.document_text()


def test_clear_and_switching_recordings(view):
    view.show_recording(load(SEED))
    view.clear()
    assert "knowledge_search" not in view.document_text()
    view.show_recording(load(VISION))
    assert "knowledge_search" not in view.document_text()
    assert "Golden Retriever" in view.document_text()




def test_inline_think_block_is_collapsed_reasoning(view):
    rec = load(QWEN_THINK)
    assert rec.exchange.response_messages[0].text.lstrip().startswith("<think>")
    view.show_recording(rec)
    text = view.document_text()
    assert "Thinking (" in text and "<think>" not in text
    view.set_markdown(False)
    assert "<think>" in view.document_text()  # raw mode shows the text exactly


def test_theme_follows_a_dark_palette(view):
    from PySide6.QtGui import QColor, QPalette

    from recviewer.ui.appearance.view_colours import DARK

    view.show_recording(load(SEED))
    pal = view.palette()
    pal.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    pal.setColor(QPalette.ColorRole.Base, QColor("#181818"))
    view.setPalette(pal)
    assert view.theme() is DARK
    assert DARK.page in view.browser.toHtml()
