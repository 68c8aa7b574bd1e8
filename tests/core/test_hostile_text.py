"""Hostile text inside messages is data: kept intact, never obeyed, never a crash.

HTML and Qt rich text, Markdown with remote images, ANSI/OSC terminal escapes,
bidi overrides, NUL, a lone surrogate and a 10 MB single line go through
read_recording (plain and streamed), the Markdown export and ``show``.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from tests.corpus_paths import OLD_CHAT, SEED
from tests.support.fuzz import dump, run_cli
from recviewer.core.export.markdown import recording_to_markdown
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from recviewer.core.replay import ReplayCursor


HOSTILE = {
    "html": '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:x()">a</a>',
    "qt_rich_text": "<qt><font color=red size=7>BIG</font><table><tr><td>cell</td></tr></table></qt>",
    "markdown_remote_image": "![tracker](http://evil.example/pixel.png?u=1) [x](file:///etc/passwd)",
    "fence_breaker": "```\nunclosed fence\n~~~~\n<details><summary>x",
    "ansi": "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b]52;c;cHduZWQ=\x07 \x1b[2J\x1b[H",
    "rtl_override": "user\u202egnp.exe\u202c and \u2066isolate\u2069",
    "nul_and_controls": "a\x00b\x01c\x7fd\x9be",
    "zero_width": "a\u200bb\u200dc\ufeffd",
}


def _plain_doc(user: str, assistant: str) -> dict:
    doc = orjson.loads(OLD_CHAT.read_bytes())
    doc["request"]["body"]["messages"][0]["content"] = user
    doc["response"]["body"]["__data__"]["choices"][0]["message"]["content"] = assistant
    return doc


def _write(tmp_path: Path, name: str, doc: dict) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(dump(doc))  # \u escapes for everything outside printable ASCII
    return path


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_is_kept_verbatim(tmp_path, name):
    text = HOSTILE[name]
    path = _write(tmp_path, name, _plain_doc(text, "reply:" + text))
    rec = read_recording(path)
    assert isinstance(rec, Recording), rec
    assert rec.exchange.request_messages[0].text == text
    assert rec.exchange.response_messages[0].text == "reply:" + text

    md = recording_to_markdown(rec)
    assert text in md  # message text is exported as written (it is Markdown)
    assert md.count("## ") >= 2  # ... and the transcript's own sections survive it

    code, out, err = run_cli(["show", os.fspath(path), "--json"])
    assert code == 0, err
    shown = orjson.loads(out)
    assert shown["request"]["messages"][0]["text"] == text


@pytest.mark.parametrize("name", ["ansi", "rtl_override", "nul_and_controls"])
def test_show_prints_control_characters_visibly_not_raw(tmp_path, name):
    """A terminal would obey ESC sequences (colours, title, OSC 52 clipboard) and bidi
    overrides reorder text: ``show`` prints them as visible escapes instead."""
    text = HOSTILE[name]
    path = _write(tmp_path, name, _plain_doc(text, text))
    code, out, err = run_cli(["show", os.fspath(path)])
    assert code == 0, err
    raw_controls = {c for c in out if (ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) < 0xa0
                    or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"}
    assert raw_controls == set()
    visible = {"ansi": "\\x1b[31mred\\x1b[0m \\x1b]0;title\\x07",
               "rtl_override": "user\\u202egnp.exe\\u202c and \\u2066isolate\\u2069",
               "nul_and_controls": "a\\x00b\\x01c\\x7fd\\x9be"}[name]
    assert out.count(visible) == 2  # the user's and the assistant's message


def test_hostile_error_reason_prints_on_one_visible_line(tmp_path):
    path = tmp_path / "bad\x1b[31m\u202e.json"
    path.write_bytes(b"{")
    code, out, err = run_cli(["show", os.fspath(path)])
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "\x1b" not in err and "\u202e" not in err


def test_lone_surrogate_escapes_load_as_replacement_characters(tmp_path):
    """Python's json.dump writes a lone surrogate as ``\\ud83d`` (an emoji split between
    two stream chunks): the file still loads; the half character becomes U+FFFD."""
    doc = _plain_doc("x", "y")
    raw = dump(doc).replace('"content": "x"', '"content": "a\\ud83d b \\udc00 \\ud83d\\ude00"')
    path = tmp_path / "surrogate.json"
    path.write_text(raw)
    rec = read_recording(path)
    assert isinstance(rec, Recording), rec
    assert rec.exchange.request_messages[0].text == "a\ufffd b \ufffd \U0001F600"
    assert "\U0001F600" in recording_to_markdown(rec)
    code, out, err = run_cli(["show", os.fspath(path)])
    assert code == 0 and "a\ufffd b" in out


def test_ten_megabyte_single_line_message(tmp_path):
    line = ("<b>x</b>\x1b[1m" + "word " * 20) * (10_000_000 // 113)
    assert len(line) > 9_900_000 and "\n" not in line
    path = _write(tmp_path, "long", _plain_doc(line, "ok"))
    rec = read_recording(path)
    assert isinstance(rec, Recording)
    assert rec.exchange.request_messages[0].text == line
    md = recording_to_markdown(rec)
    assert line in md
    code, out, err = run_cli(["show", os.fspath(path)])
    assert code == 0, err
    assert len(out) > len(line)


def test_hostile_text_split_across_stream_chunks(tmp_path):
    """Streamed deltas carrying pieces of escapes and tags assemble to the exact text."""
    doc = orjson.loads(SEED.read_bytes())
    chunks = [c for c in doc["response"]["body"]
              if c["__data__"]["choices"] and c["__data__"]["choices"][0]["delta"].get("content")]
    assert len(chunks) >= 8
    pieces = ["<scr", "ipt>", "\x1b[3", "1m", "\u202e", "\x00", "![a](http://e.x/", "p.png)"]
    for chunk, piece in zip(chunks, pieces):
        chunk["__data__"]["choices"][0]["delta"]["content"] = piece
    for chunk in chunks[len(pieces):]:
        chunk["__data__"]["choices"][0]["delta"]["content"] = ""
    path = _write(tmp_path, "stream", doc)
    rec = read_recording(path)
    assert isinstance(rec, Recording), rec
    final = ReplayCursor(rec.exchange).seek(10 ** 9)
    assert final.text == "".join(pieces)
    assert rec.exchange.response_messages[0].text == "".join(pieces)
    code, out, err = run_cli(["replay", os.fspath(path), "--json"])
    assert code == 0, err
    assert orjson.loads(out)["final"]["text"] == "".join(pieces)
    assert "<script>" in recording_to_markdown(rec)
