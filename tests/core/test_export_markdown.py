"""Markdown transcripts of real corpus recordings."""

from __future__ import annotations

import base64
import dataclasses
import re

import pytest

from recviewer.core.errors import RecordingError
from recviewer.core.export.markdown import (
    close_open_fence, code_span, fence, recording_to_markdown, recordings_to_markdown,
)
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import (
    DataPart, ImagePart, Message, Recording, TextPart, ToolCallPart, ToolResultPart,
)
from tests.conftest import read_ok as load, corpus_files
from tests.corpus_paths import (
    ANTHROPIC_MULTI_TURN, BAD_IMAGE, GEMINI_COMPACT_MARKDOWN, GEMINI_INTERACTIONS_400,
    IMAGE_TOOL_OUTPUT, RECORDED_EXCEPTION, SEED,
)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


def code_blocks(md: str) -> tuple[list[str], list[str]]:
    """(bodies of fenced blocks, lines outside them) by CommonMark's fence rules;
    fails if a block is left open at the end of the document."""
    blocks, outside, current, opener = [], [], [], None
    for line in md.splitlines():
        m = _FENCE.match(line)
        if opener is None:
            if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
                opener, current = m.group(1), []
            else:
                outside.append(line)
        elif m and m.group(1)[0] == opener[0] and len(m.group(1)) >= len(opener) \
                and not m.group(2).strip():
            blocks.append("\n".join(current))
            opener = None
        else:
            current.append(line)
    assert opener is None, "a fenced block is never closed"
    return blocks, outside


def with_parts(rec: Recording, role: str, parts: tuple) -> Recording:
    """``rec`` with the parts of its first ``role`` message (request side) replaced."""
    msgs = list(rec.exchange.request_messages)
    i = next(i for i, m in enumerate(msgs) if m.role == role)
    msgs[i] = Message(role, parts)
    ex = dataclasses.replace(rec.exchange, request_messages=tuple(msgs))
    return dataclasses.replace(rec, exchange=ex)


# ----------------------------------------------------------------- the seed
def test_seed_transcript_has_call_result_citations_and_usage():
    rec = load(SEED)
    md = recording_to_markdown(rec)
    assert md.startswith(f"# `{rec.test_id}`\n")
    assert "**Tool call** `knowledge_search` (`call_gaVvfdNi1X9Ejqz6X9cirf8K`)" in md
    assert '"query": "Latest updates from the US"' in md
    assert "**Tool result** for `knowledge_search` (`call_gaVvfdNi1X9Ejqz6X9cirf8K`)" in md
    assert "<|file-247992711531|>" in md and "<|file-247992711530|>." in md
    assert "**Usage:** 465 prompt + 60 completion = 525 total tokens" in md
    assert "**Finish reason:** `stop`" in md
    assert "| Streamed | yes, 62 chunks |" in md
    assert "| Model | `gpt-4o` |" in md
    order = [md.index(s) for s in ("## Request", "### user", "**Tool call**", "### tool",
                                   "## Response", "Recent updates from the US", "## Result")]
    assert order == sorted(order)


def test_seed_tool_result_and_arguments_sit_in_code_blocks():
    rec = load(SEED)
    result = next(p for m in rec.exchange.request_messages for p in m.parts
                  if isinstance(p, ToolResultPart))
    blocks, outside = code_blocks(recording_to_markdown(rec))
    assert result.content.rstrip("\n") in blocks
    assert '{\n  "query": "Latest updates from the US"\n}' in blocks
    assert "## Response" in outside and "## Result" in outside


# ----------------------------------------------------------------- errors, images, other formats
def test_recorded_exception_is_shown_before_the_conversation():
    md = recording_to_markdown(load(RECORDED_EXCEPTION))
    error_line = next(line for line in md.splitlines() if line.startswith("> **Error**"))
    assert "`BadRequestError`" in error_line and "HTTP 400" in error_line
    assert "invalid_image_url" in error_line
    assert md.index("> **Error**") < md.index("## Request")
    assert "[image: https://example.com/test.jpg" in md


def test_http_400_recording_says_error_and_why():
    md = recording_to_markdown(load(GEMINI_INTERACTIONS_400))
    assert "| Status | 400 |" in md
    assert "> **Error**" in md and "HTTP 400" in md
    assert "no such field" in md
    code_blocks(md)


def test_data_url_image_is_summarised_with_decoded_size():
    rec = load(IMAGE_TOOL_OUTPUT)
    image = next(p for m in rec.exchange.request_messages for p in m.parts if isinstance(p, ImagePart))
    payload = image.url.split(",", 1)[1]
    size = len(base64.b64decode(payload))
    md = recording_to_markdown(rec)
    assert f"[image: data URL, {size} bytes, image/png" in md
    assert payload[100:200] not in md  # the base64 payload itself is left out


def test_image_with_broken_base64_says_so():
    md = recording_to_markdown(load(BAD_IMAGE))
    assert "[image: data URL, invalid base64 (24 characters), image/png, detail auto]" in md


def test_anthropic_messages_recording():
    md = recording_to_markdown(load(ANTHROPIC_MULTI_TURN))
    assert "`gpt-oss:20b`" in md and "`POST /v1/messages`" in md
    for text in ("My name is Alice.", "What is my name?", "Your name is Alice."):
        assert text in md
    code_blocks(md)


def test_gemini_recording():
    rec = load(GEMINI_COMPACT_MARKDOWN)
    md = recording_to_markdown(rec)
    assert "`publishers/google/models/gemini-2.0-flash`" in md
    assert "Hello!" in md and "CONTEXT CHECKPOINT COMPACTION" in md
    assert f"| Format | `{rec.format}` |" in md
    code_blocks(md)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:16])
def test_every_corpus_file_exports_with_closed_fences_and_verbatim_content(path):
    rec = read_recording(path)
    if isinstance(rec, RecordingError):
        md = recordings_to_markdown([rec])
        assert "> **Error**: could not read this file" in md
        return
    md = recording_to_markdown(rec)
    code_blocks(md)
    assert md.endswith("\n") and not md.endswith("\n\n")
    for msg in (*rec.exchange.request_messages, *rec.exchange.response_messages):
        for part in msg.parts:
            if isinstance(part, TextPart):
                assert part.text in md
            elif isinstance(part, ToolCallPart):
                assert code_span(part.name) in md
            elif isinstance(part, ToolResultPart):
                assert part.content in md
    usage = rec.exchange.usage
    if usage is not None and usage.total_tokens is not None:
        assert f"{usage.total_tokens} total tokens" in md


# ----------------------------------------------------------------- hostile content
def test_fence_breaking_tool_result_stays_inside_its_block():
    rec = load(SEED)
    nasty = "before\n```\nnot code\n````\n```python\nafter ``` and ~~~\n~~~~"
    tool = next(m for m in rec.exchange.request_messages if m.role == "tool")
    call_id = tool.tool_call_id
    rec = with_parts(rec, "tool", (ToolResultPart(call_id, nasty),))
    md = recording_to_markdown(rec)
    blocks, outside = code_blocks(md)
    assert nasty in blocks
    assert "`````\n" + nasty + "\n`````" in md  # five: one more than the longest run
    assert "## Response" in outside and "**Usage:** 465 prompt" in "\n".join(outside)


def test_unclosed_fence_in_message_text_is_closed_after_it():
    rec = with_parts(load(SEED), "user", (TextPart("look:\n````python\nprint(1)\n```"),))
    md = recording_to_markdown(rec)
    assert "look:\n````python\nprint(1)\n```\n````" in md
    _, outside = code_blocks(md)
    assert "### assistant" in outside


def test_large_data_part_is_truncated_with_a_note():
    rec = with_parts(load(SEED), "user", (DataPart("Embedding", "1000 floats", list(range(1000))),))
    md = recording_to_markdown(rec)
    assert "**Embedding** — 1000 floats" in md
    assert "_… 802 more lines not shown (1002 in all)._" in md
    assert "  199,\n" not in md and "  197,\n" in md


def test_selection_is_joined_with_rules_and_includes_unreadable_files():
    err = RecordingError("/x/broken.json", "not JSON", offset=3)
    md = recordings_to_markdown([load(SEED), err, load(RECORDED_EXCEPTION)])
    assert md.count("\n\n---\n\n") == 2
    assert [line for line in md.splitlines() if line.startswith("# ")][1] == "# `broken.json`"
    assert "could not read this file: not JSON (at byte 3)" in md
    assert recordings_to_markdown([]) == ""


# ----------------------------------------------------------------- primitives
@pytest.mark.parametrize("body, ticks", [("plain", 3), ("a ``` b", 4), ("`````", 6), ("", 3)])
def test_fence_is_longer_than_any_backtick_run(body, ticks):
    out = fence(body, "json")
    assert out.startswith("`" * ticks + "json\n") and out.endswith("\n" + "`" * ticks)
    assert not out.startswith("`" * (ticks + 1))


def test_code_span_survives_backticks_and_newlines():
    assert code_span("a`b") == "``a`b``"
    assert code_span("`x`") == "`` `x` ``"
    assert code_span("two\nlines") == "`two lines`"


def test_close_open_fence_leaves_balanced_text_alone():
    text = "```bash\nls\n```\ndone"
    assert close_open_fence(text) == text
    assert close_open_fence("~~~\nx") == "~~~\nx\n~~~"
    assert close_open_fence("inline ```code``` only") == "inline ```code``` only"
