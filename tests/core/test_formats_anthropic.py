"""Anthropic Messages (raw HTTP: dict, error and SSE line bodies) and the SSE parser."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import read_ok, RECORDINGS
from recviewer.core.formats.parts.sse import looks_like_sse, parse_sse_lines
from recviewer.core.model import ReasoningPart, Recording, ToolResultPart

MESSAGES = RECORDINGS / "messages/recordings"
STREAM = MESSAGES / "f22657bfd86db6348c0a0d0b17332dcfc038b345d2a7be8da4b880a433d36a52.json"
STREAM_CUT = MESSAGES / "93eb42f3bd69f005727cc3a161e7ab0a8b2c99e4665d9eae5553fe9019ba7b32.json"
TOOL_USE = MESSAGES / "0d76cd7b3dae3f44e2990645cb1617d5c84b80daf77535a00ce1ab680308881a.json"
TOOL_ROUND_TRIP = MESSAGES / "f55988509902a617d2f547a1518bb84c3c8784ea1e1ac139e2f0623449dfa047.json"
SYSTEM = MESSAGES / "82cfd5545e24ca4b4415ba37460610908f34be9193c4126635d1b5ab3b0522f7.json"
ERROR_400 = RECORDINGS / "common/recordings/cf0be7f9e2ebfc78903aa4ada30204585952f77bc5acb3ff7702bd7878d44b44.json"


def read(path: Path) -> Recording:
    return read_ok(path, "anthropic_messages")


def test_sse_stream_text_thinking_finish_and_usage() -> None:
    rec = read(STREAM)
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
    rec = read(STREAM_CUT)
    assert rec.exchange.finish_reason == "max_tokens"
    message = rec.exchange.response_messages[0]
    assert message.text == ""
    assert isinstance(message.parts[0], ReasoningPart)


def test_tool_use_response_and_round_trip_link() -> None:
    rec = read(TOOL_USE)
    call = rec.exchange.response_messages[0].tool_calls[0]
    assert (call.id, call.name, call.parsed) == ("call_dg2g1ozz", "calculator", {"expression": "15 * 7"})
    assert rec.exchange.finish_reason == "tool_use"
    assert "tools" in rec.exchange.params and "messages" not in rec.exchange.params
    trip = read(TOOL_ROUND_TRIP)
    request = trip.exchange.request_messages
    assert [m.role for m in request] == ["user", "assistant", "user"]
    assert request[1].tool_calls[0].id == "call_dg2g1ozz"
    result = request[2].parts[0]
    assert isinstance(result, ToolResultPart)
    assert (result.tool_call_id, result.content) == ("call_dg2g1ozz", "105")
    assert "105" in trip.exchange.response_messages[0].text


def test_system_prompt_becomes_a_system_message() -> None:
    rec = read(SYSTEM)
    first = rec.exchange.request_messages[0]
    assert first.role == "system" and "pirate" in first.text
    assert "system" not in rec.exchange.params


def test_400_error_keeps_request_and_message() -> None:
    rec = read(ERROR_400)
    assert rec.status == 400 and rec.test_id is None
    err = rec.exchange.error
    assert err is not None
    assert (err.message, err.kind, err.status) == ("messages is required", "invalid_request_error", 400)
    assert rec.exchange.response_messages == ()
    assert rec.exchange.params["max_tokens"] == 64


def test_sse_parser_groups_real_lines() -> None:
    rec = read(STREAM)
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
