"""Untrusted content: nothing from a file becomes markup or loads anything."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QUrl

from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import (
    DataPart, ErrorPart, Exchange, ImagePart, Message, Recording, TextPart, ToolCallPart,
    ToolResultPart,
)
from recviewer.ui.conversation.view import ConversationView
from recviewer.ui.appearance.view_colours import DARK
from tests.corpus_paths import RECORDINGS, SEED

EVIL = "<img src=http://evil/x.png><b>x</b>"
REMOTE = "http://evil/remote.png"


@pytest.fixture
def view(qtbot) -> ConversationView:
    v = ConversationView()
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    return v


def evil_recording() -> Recording:
    seed = read_recording(SEED)
    assert isinstance(seed, Recording)
    request = (
        Message("system", (TextPart(EVIL),)),
        Message("user", (TextPart(f"look {EVIL}"), ImagePart(REMOTE), ImagePart(f"data:text/html,{EVIL}"))),
        Message("assistant", (ToolCallPart.from_arguments("id<b>", EVIL, '{"q": "' + EVIL.replace('"', "") + '"}'),
                              ToolCallPart.from_arguments("x", "bad", EVIL))),
        Message("tool", (ToolResultPart("id<b>", EVIL),)),
    )
    response = (Message("assistant", (
        TextPart(f"# {EVIL}\n\n[click]({REMOTE}) ![pic]({REMOTE}) `{EVIL}` **{EVIL}**\n\n"
                 f"| {EVIL} |\n|---|\n| {EVIL} |\n\n```html\n{EVIL}\n```\n"
                 "RTL \u202eexe.txt NUL \x00 ANSI \x1b[31m"),
        DataPart(EVIL, EVIL, {EVIL: EVIL}),
    )),)
    error = ErrorPart(EVIL, EVIL, 500, {"detail": EVIL})
    ex = Exchange(request, response, EVIL, None, (), {}, error)
    return dataclasses.replace(seed, exchange=ex, test_id=EVIL, model=EVIL, endpoint=EVIL)


@pytest.mark.parametrize("markdown", [True, False])
def test_html_injection_is_shown_literally_and_loads_nothing(view, load_spy, markdown):
    view.set_markdown(markdown)
    view.show_recording(evil_recording())
    view.grab()  # paint: any image in the document would be requested now
    text = view.document_text()
    assert text.count(EVIL) >= 8
    html = view.browser.toHtml()
    assert "<img" not in html
    assert "<b>x</b>" not in html
    assert 'href="http' not in html
    assert not [u for u in load_spy if not u.startswith("rvimg:")]
    assert view.browser.refused == []
    assert REMOTE in text  # remote image and link shown as text


def test_invisible_characters_are_made_visible(view):
    view.show_recording(evil_recording())
    text = view.document_text()
    assert "[U+202E]exe.txt" in text
    assert "\\x00" in text and "\\x1b[31m" in text
    assert "\u202e" not in text and "\x00" not in text and "\x1b" not in text


def test_unknown_anchor_is_ignored(view):
    view.show_recording(evil_recording())
    before = view.document_text()
    view.browser.anchorClicked.emit(QUrl("http://evil/x"))
    view.browser.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert view.document_text() == before


def test_show_error_shows_reason_and_readable_bytes(view):
    err = RecordingError("/tmp/broken.json", "not valid JSON: unexpected character", 12)
    view.show_error(err, b'{"a": 1,, <b>bold</b> \xff\xfe}')
    text = view.document_text()
    assert "not valid JSON: unexpected character" in text
    assert "at byte 12" in text
    assert '{"a": 1,, <b>bold</b>' in text
    assert "\ufffd" in text
    assert "broken.json" in text


def test_dark_theme_renders_with_dark_page(view):
    view.set_theme(DARK)
    view.show_recording(read_recording(SEED))
    assert DARK.page in view.browser.toHtml()
    assert "knowledge_search" in view.document_text()


def corpus_recordings() -> list:
    return sorted(RECORDINGS.rglob("*.json"))


def test_every_corpus_recording_renders(view):
    files = corpus_recordings()
    assert len(files) > 200
    for path in files:
        rec = read_recording(path)
        if isinstance(rec, RecordingError):
            view.show_error(rec, path.read_bytes())
        else:
            view.show_recording(rec)
        assert view.document_text().strip(), path
    assert view.browser.refused == []
