"""Issue 18 in the Raw tab: a cassette interaction (FILE#N) shows as recorded
plus its decoded body."""

from __future__ import annotations

import json
import os

from recviewer.ui.raw.interaction_raw import interaction_bytes, is_interaction
from tests.corpus_paths import CAS_ANTHROPIC_STREAM, CAS_JPEG, PYDANTIC_AI


def test_interaction_raw_is_recorded_plus_decoded():
    address = f"{CAS_JPEG}#0"
    assert is_interaction(address) and not is_interaction(str(CAS_JPEG))
    doc = json.loads(interaction_bytes(address))
    assert doc["recorded"]["request"]["method"] == "GET"
    assert doc["recorded"]["response"]["status"]["code"] == 200
    body = doc["response_body"]
    assert body["kind"] == "binary" and body["media_type"] == "image/jpeg" and body["size"] > 1000
    stream = json.loads(interaction_bytes(f"{CAS_ANTHROPIC_STREAM}#0"))
    events = stream["response_body"]["events"]
    assert stream["response_body"]["kind"] == "sse"
    assert any(e["event"] == "content_block_delta" for e in events)
    assert interaction_bytes(f"{CAS_JPEG}#99") is None


def test_raw_tab_of_a_cassette_interaction(qtbot, window, open_and_wait):
    folder = CAS_ANTHROPIC_STREAM.parent
    open_and_wait(window, folder)
    address = f"{CAS_ANTHROPIC_STREAM}#0"
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        assert window.select_recording(address) is not None
    raw = window.detail.raw
    assert raw.is_json and '"recorded": {' in raw.text() and '"response_body": {' in raw.text()
    assert "thinking_delta" in raw.text()
    assert os.fspath(PYDANTIC_AI) in address
