"""OpenAI chat and legacy completions, on real corpus files."""

from __future__ import annotations

import orjson

from tests.conftest import read_ok as read
from tests.corpus_paths import (
    COMPLETION, COMPLETION_STREAM, OLD_COMPLETION, OLD_COMPLETION_STREAM, RECORDED_EXCEPTION, SEED,
    TOOL_STREAM,
)
from recviewer.core.assemble import assemble
from recviewer.core.model import ImagePart, ToolResultPart


def test_seed_answer_tool_call_and_linked_result() -> None:
    rec = read(SEED)
    assert rec.format == "openai_chat" and rec.streaming
    answer = rec.exchange.response_messages[0]
    assert "<|file-247992711531|>" in answer.text
    calls = [c for m in rec.exchange.request_messages for c in m.tool_calls]
    search = [c for c in calls if c.name == "knowledge_search"]
    assert len(search) == 1
    assert search[0].parsed == {"query": "Latest updates from the US"}
    results = [p for m in rec.exchange.request_messages for p in m.parts
               if isinstance(p, ToolResultPart)]
    assert [r.tool_call_id for r in results] == [search[0].id]
    assert results[0].content  # the retrieved text came back


def test_streamed_tool_call_arguments_assemble_into_json() -> None:
    rec = read(TOOL_STREAM)
    fragments = [tc for c in rec.exchange.chunks for tc in c.delta.tool_calls if tc.arguments]
    assert len(fragments) > 4  # arguments really arrive in pieces
    calls = rec.exchange.response_messages[0].tool_calls
    assert [c.name for c in calls] == ["get_weather", "get_weather"]
    assert [orjson.loads(c.arguments) for c in calls] == [
        {"location": "San Francisco, USA"}, {"location": "Los Angeles, USA"}]
    assert all(c.parse_error is None for c in calls)
    assert rec.exchange.finish_reason == "tool_calls"


def test_plain_completion_prompt_and_text() -> None:
    rec = read(COMPLETION)
    assert rec.format == "openai_completions"
    assert rec.exchange.request_messages[0].text == "Say completions"
    assert rec.exchange.response_messages[0].text.startswith("I'm not sure what you're asking")
    assert rec.exchange.finish_reason == "length"
    assert rec.exchange.usage is not None and rec.exchange.usage.total_tokens == 48
    assert "prompt" not in rec.exchange.params and rec.exchange.params["max_tokens"] == 20


def test_streamed_completion_assembles_text() -> None:
    rec = read(COMPLETION_STREAM)
    assert rec.format == "openai_completions" and rec.streaming
    assert len(rec.exchange.chunks) == len(rec.response_body) == 51
    text = rec.exchange.response_messages[0].text
    assert text.startswith("Blue.\n\nMy answer is \"blue\"")
    assert assemble(rec.exchange.chunks[:1]).text == "Blue"
    assert rec.exchange.finish_reason == "length"


def test_old_layout_completions_endpoint_with_chat_bodies_reads_as_chat() -> None:
    plain = read(OLD_COMPLETION)
    assert plain.endpoint == "/v1/completions" and plain.format == "openai_chat"
    assert plain.exchange.response_messages[0].text.startswith("You want to test the OpenAI API")
    streamed = read(OLD_COMPLETION_STREAM)
    assert streamed.format == "openai_chat"
    assert streamed.exchange.response_messages[0].text == "The capital of Italy is Rome."


def test_recorded_exception_keeps_request_and_message() -> None:
    rec = read(RECORDED_EXCEPTION)
    assert rec.response_body is None
    err = rec.exchange.error
    assert err is not None and err.status == 400 and err.kind == "BadRequestError"
    assert "Error while downloading https://example.com/test.jpg." in err.message
    user = rec.exchange.request_messages[0]
    assert user.text == "Describe this image"
    assert any(isinstance(p, ImagePart) and p.url == "https://example.com/test.jpg" for p in user.parts)
    assert rec.exchange.response_messages == ()
