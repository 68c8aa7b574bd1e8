"""Issue 14 in the window: the recording header's key line (ok / stale /
legacy / unkeyed, the expected name, the cause), computed by the loading worker."""

from __future__ import annotations

import os
import threading

from recviewer.core.keys.verify import LEGACY, OK, STALE, classify
from recviewer.ui.conversation import key_line
from recviewer.ui.conversation.key_line import key_status, key_text
from tests.corpus_paths import (
    CAS_JPEG, KEY_LEGACY, KEY_OK_OPENAI, KEY_STALE_BEFORE_FILE_SEARCH, KEY_STALE_RENAMED,
)
from tests.support.desktop import open_seed


def test_key_texts_of_real_files():
    ok = key_status(str(KEY_OK_OPENAI))
    assert ok.cls == OK and key_text(ok).startswith("Key: ok \u2014")
    stale = key_status(str(KEY_STALE_BEFORE_FILE_SEARCH))
    assert stale.cls == STALE
    text = key_text(stale)
    assert text.startswith(f"Key: stale \u2014 expected {stale.expected}.json; cause: ")
    assert "file-search" in text and stale.expected != KEY_STALE_BEFORE_FILE_SEARCH.stem
    renamed = key_text(key_status(str(KEY_STALE_RENAMED)))
    assert renamed.startswith("Key: stale") and classify(str(KEY_STALE_RENAMED)).cause in renamed
    legacy = key_status(str(KEY_LEGACY))
    assert legacy.cls == LEGACY and key_text(legacy).startswith("Key: legacy")
    assert key_status(f"{CAS_JPEG}#0") is None and key_text(None) == ""


def test_header_key_line_comes_from_the_loading_worker(qtbot, window, open_and_wait, monkeypatch):
    threads: list[bool] = []
    original = key_line.classify

    def spy(path, *args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return original(path, *args, **kwargs)

    monkeypatch.setattr(key_line, "classify", spy)
    open_seed(qtbot, window, open_and_wait)
    header = window.detail.conversation.header
    assert threads and not any(threads)  # never on the GUI thread
    expected = key_text(key_status(str(KEY_STALE_BEFORE_FILE_SEARCH)))
    assert header.key_text() == expected and not header.key_label.isHidden()
    assert expected in window.detail.conversation.document_text()
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        assert window.select_recording(os.fspath(KEY_OK_OPENAI)) is not None
    assert header.key_text().startswith("Key: ok")
    window.detail.conversation.clear()
    assert header.key_label.isHidden()
