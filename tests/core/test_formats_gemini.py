"""Gemini generate_content (Vertex SDK dumps) and the Interactions API."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import read_ok
from tests.corpus_paths import (
    GEMINI, GEMINI_COMPACT_SUMMARY, GEMINI_INTERACTIONS_400, GEMINI_INTERACTIONS_CALL,
    GEMINI_INTERACTIONS_SSE, GEMINI_STREAM_EARTH,
)
from recviewer.core.formats.parts import gemini_content
from recviewer.core.model import ReasoningPart, Recording, TextPart, ToolCallPart, ToolResultPart


def read(path: Path, fmt: str) -> Recording:
    return read_ok(path, fmt)


def test_gemini_stream_text_finish_and_usage() -> None:
    rec = read(GEMINI_STREAM_EARTH, "gemini")
    assert rec.streaming and rec.url == "vertexai:///generate_content_stream"
    assert rec.exchange.response_messages[0].text == "Humans live on the planet Earth.\n"
    assert rec.exchange.response_messages[0].role == "assistant"
    assert rec.exchange.finish_reason == "STOP"
    assert rec.exchange.usage is not None and rec.exchange.usage.total_tokens == 15
    # only the last chunk carries token counts; earlier ones must not erase them
    assert [c.delta.usage is not None for c in rec.exchange.chunks] == [False, False, True]


def test_gemini_stream_system_instruction_and_history() -> None:
    rec = read(GEMINI, "gemini")
    roles = [m.role for m in rec.exchange.request_messages]
    assert roles == ["system", "user", "assistant", "user"]
    assert rec.exchange.request_messages[0].text == "You are an expert on Python programming."
    assert rec.exchange.request_messages[-1].text == "Can you give me a specific example?"
    assert "system_instruction" not in rec.exchange.params.get("config", {})
    assert "contents" not in rec.exchange.params


def test_gemini_plain_response() -> None:
    rec = read(GEMINI_COMPACT_SUMMARY, "gemini")
    assert not rec.streaming
    text = rec.exchange.response_messages[0].text
    assert text.startswith("Okay, here's the handoff summary")
    assert rec.exchange.usage is not None
    assert (rec.exchange.usage.prompt_tokens, rec.exchange.usage.completion_tokens) == (94, 692)


def test_gemini_parts_function_call_thought_and_camel_case() -> None:
    content = {"role": "model", "parts": [
        {"text": "plan", "thought": True},
        {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}},
        {"function_response": {"name": "get_weather", "response": {"t": 21}}},
        {"inlineData": {"mimeType": "image/png", "data": "iVBOR"}},
        {"thought_signature": "abc"},
    ]}
    message = gemini_content.content_message(content)
    assert message.role == "assistant"
    kinds = [type(p) for p in message.parts]
    assert kinds[:3] == [ReasoningPart, ToolCallPart, ToolResultPart]
    call = message.parts[1]
    assert isinstance(call, ToolCallPart) and call.parsed == {"city": "Paris"}
    assert message.parts[3].url == "data:image/png;base64,iVBOR"
    assert len(message.parts) == 4
    usage = gemini_content.usage_of({"promptTokenCount": 3, "candidatesTokenCount": 4})
    assert usage is not None and (usage.prompt_tokens, usage.completion_tokens) == (3, 4)
    assert gemini_content.usage_of({"traffic_type": "ON_DEMAND"}) is None


def test_interactions_sse_text() -> None:
    rec = read(GEMINI_INTERACTIONS_SSE, "gemini_interactions")
    assert rec.exchange.response_messages[0].text == "Hi there! How can I help you today?"
    assert rec.exchange.finish_reason == "completed"
    assert rec.exchange.usage is not None and rec.exchange.usage.total_tokens == 12
    labels = [c.label for c in rec.exchange.chunks]
    assert labels[0] == "interaction.start" and labels[-1] == "done"
    assert rec.exchange.chunks[-1].raw == "[DONE]"


def test_interactions_function_call_output() -> None:
    rec = read(GEMINI_INTERACTIONS_CALL, "gemini_interactions")
    calls = rec.exchange.response_messages[0].tool_calls
    assert [(c.id, c.name, c.parsed) for c in calls] == [("o5slgqcy", "get_weather", {"location": "Paris"})]
    assert rec.exchange.finish_reason == "requires_action"
    assert "input" not in rec.exchange.params and "tools" in rec.exchange.params


def test_interactions_400_keeps_turns_and_error() -> None:
    rec = read(GEMINI_INTERACTIONS_400, "gemini_interactions")
    err = rec.exchange.error
    assert err is not None and err.status == 400 and err.kind == "invalid_request"
    assert "no such field:  'id'" in err.message
    request = rec.exchange.request_messages
    assert [m.role for m in request] == ["user", "assistant", "user"]
    assert request[1].tool_calls[0].parsed == {"location": "Tokyo"}
    result = request[2].parts[0]
    assert isinstance(result, ToolResultPart) and result.tool_call_id == "lsdifx64"
    assert isinstance(request[0].parts[0], TextPart)
