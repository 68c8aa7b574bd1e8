"""Anthropic Messages (raw HTTP: dict, error and SSE line bodies) and the SSE parser."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import read_ok
from tests.corpus_paths import (
    ANTHROPIC_CHAIN, ANTHROPIC_SSE, ANTHROPIC_STREAM_CUT, ANTHROPIC_SYSTEM, HTTP_400,
)
from recviewer.core.formats.parts.sse import looks_like_sse, parse_sse_lines
from recviewer.core.model import ReasoningPart, Recording, ToolResultPart


def read(path: Path) -> Recording:
    return read_ok(path, "anthropic_messages")


def test_sse_stream_text_thinking_finish_and_usage() -> None:
    rec = read(ANTHROPIC_SSE)
    assert rec.streaming and rec.endpoint == "/v1/messages"
    message = rec.exchange.response_messages[0]
    assert message.text == "1, 2, 3, 4, 5"
    reasoning = [p.text for p in message.parts if isinstance(p, ReasoningPart)]
    assert reasoning and reasoning[0].startswith("We need to count from 1 to 5")
    assert rec.exchange.finish_reason == "end_turn"
    usage = rec.exchange.usage
    assert usage is not None and (usage.prompt_tokens, usage.completion_tokens) == (79, 64)
    labels = [c.label for c in rec.exchange.chunks]
    assert labels[0] == "message_start" and labels[-1] == "message_stop"
    assert labels.count("content_block_start") == 2
    assert rec.exchange.params == {"model": "gpt-oss:20b", "max_tokens": 64, "stream": True}


def test_sse_stream_cut_by_max_tokens_is_reasoning_only() -> None:
    rec = read(ANTHROPIC_STREAM_CUT)
    assert rec.exchange.finish_reason == "max_tokens"
    message = rec.exchange.response_messages[0]
    assert message.text == ""
    assert isinstance(message.parts[0], ReasoningPart)


def test_tool_use_response_and_round_trip_link() -> None:
    rec = read(ANTHROPIC_CHAIN[0])
    call = rec.exchange.response_messages[0].tool_calls[0]
    assert (call.id, call.name, call.parsed) == ("call_dg2g1ozz", "calculator", {"expression": "15 * 7"})
    assert rec.exchange.finish_reason == "tool_use"
    assert "tools" in rec.exchange.params and "messages" not in rec.exchange.params
    trip = read(ANTHROPIC_CHAIN[1])
    request = trip.exchange.request_messages
    assert [m.role for m in request] == ["user", "assistant", "user"]
    assert request[1].tool_calls[0].id == "call_dg2g1ozz"
    result = request[2].parts[0]
    assert isinstance(result, ToolResultPart)
    assert (result.tool_call_id, result.content) == ("call_dg2g1ozz", "105")
    assert "105" in trip.exchange.response_messages[0].text


def test_system_prompt_becomes_a_system_message() -> None:
    rec = read(ANTHROPIC_SYSTEM)
    first = rec.exchange.request_messages[0]
    assert first.role == "system" and "pirate" in first.text
    assert "system" not in rec.exchange.params


def test_400_error_keeps_request_and_message() -> None:
    rec = read(HTTP_400)
    assert rec.status == 400 and rec.test_id is None
    err = rec.exchange.error
    assert err is not None
    assert (err.message, err.kind, err.status) == ("messages is required", "invalid_request_error", 400)
    assert rec.exchange.response_messages == ()
    assert rec.exchange.params["max_tokens"] == 64


def test_sse_parser_groups_real_lines() -> None:
    rec = read(ANTHROPIC_SSE)
    events = parse_sse_lines(rec.response_body)
    assert looks_like_sse(rec.response_body)
    assert events[0].event == "message_start" and events[0].json["type"] == "message_start"
    assert all(e.is_json for e in events)
    assert events[1].line == 3  # the item index where the event began


def test_sse_parser_edge_cases() -> None:
    lines = [": comment", "event: a", "data: {\"x\": 1}", "", "data: [DONE]", "",
             "event: multi\ndata: one\ndata: two\n", 7, None, "id: 9", "data:{\"y\":2}"]
    events = parse_sse_lines(lines)
    assert [(e.event, e.data) for e in events] == [
        ("a", '{"x": 1}'), ("message", "[DONE]"), ("multi", "one\ntwo"), ("message", '{"y":2}')]
    assert events[0].json == {"x": 1}
    assert events[1].json is None and not events[1].is_json
    assert events[3].id == "9"
    assert parse_sse_lines("not a list") == [] and parse_sse_lines([]) == []
    assert not looks_like_sse(["hello"]) and not looks_like_sse({"a": 1})
    assert parse_sse_lines(["data: {not json"])[0].json is None
