"""Gemini generate_content (Vertex SDK dumps) and the Interactions API."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import read_ok, RECORDINGS
from recviewer.core.formats.parts import gemini_content
from recviewer.core.model import ReasoningPart, Recording, TextPart, ToolCallPart, ToolResultPart

COMMON = RECORDINGS / "common/recordings"
INTER = RECORDINGS / "interactions/recordings"
PLANET = RECORDINGS / "responses/recordings/821d8d409b728fe433368d9fc19474e66cc13565e10817c8873f1a8d2e539a58.json"
STREAM_SYSTEM = COMMON / "2ddf2dd169ecf8a736332d5714f68752c192aa81f43a1536ef0da0a4089fe1f0.json"
PLAIN = RECORDINGS / "responses/recordings/cda4ba73e651b2089e6631d8486d9d15a7d326ce03c3834c8b25cdba38f373ca.json"
HI_STREAM = INTER / "72df7be9f414b6d04d00f666847edcac8c98baf7e5c79137285c12d0ae85b809.json"
CALL = INTER / "190a176922b96f8a452160eeee2fde26c1184e0e138693a079e3521c6dd57eba.json"
ROUND_TRIP_400 = INTER / "b14c2477bdd6b2f266e29b54f2e3f6d67f7832fb91f41fbd108164c4a625181c.json"


def read(path: Path, fmt: str) -> Recording:
    return read_ok(path, fmt)


def test_gemini_stream_text_finish_and_usage() -> None:
    rec = read(PLANET, "gemini")
    assert rec.streaming and rec.url == "vertexai:///generate_content_stream"
    assert rec.exchange.response_messages[0].text == "Humans live on the planet Earth.\n"
    assert rec.exchange.response_messages[0].role == "assistant"
    assert rec.exchange.finish_reason == "STOP"
    assert rec.exchange.usage is not None and rec.exchange.usage.total_tokens == 15
    # only the last chunk carries token counts; earlier ones must not erase them
    assert [c.delta.usage is not None for c in rec.exchange.chunks] == [False, False, True]


def test_gemini_stream_system_instruction_and_history() -> None:
    rec = read(STREAM_SYSTEM, "gemini")
    roles = [m.role for m in rec.exchange.request_messages]
    assert roles == ["system", "user", "assistant", "user"]
    assert rec.exchange.request_messages[0].text == "You are an expert on Python programming."
    assert rec.exchange.request_messages[-1].text == "Can you give me a specific example?"
    assert "system_instruction" not in rec.exchange.params.get("config", {})
    assert "contents" not in rec.exchange.params


def test_gemini_plain_response() -> None:
    rec = read(PLAIN, "gemini")
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
    rec = read(HI_STREAM, "gemini_interactions")
    assert rec.exchange.response_messages[0].text == "Hi there! How can I help you today?"
    assert rec.exchange.finish_reason == "completed"
    assert rec.exchange.usage is not None and rec.exchange.usage.total_tokens == 12
    labels = [c.label for c in rec.exchange.chunks]
    assert labels[0] == "interaction.start" and labels[-1] == "done"
    assert rec.exchange.chunks[-1].raw == "[DONE]"


def test_interactions_function_call_output() -> None:
    rec = read(CALL, "gemini_interactions")
    calls = rec.exchange.response_messages[0].tool_calls
    assert [(c.id, c.name, c.parsed) for c in calls] == [("o5slgqcy", "get_weather", {"location": "Paris"})]
    assert rec.exchange.finish_reason == "requires_action"
    assert "input" not in rec.exchange.params and "tools" in rec.exchange.params


def test_interactions_400_keeps_turns_and_error() -> None:
    rec = read(ROUND_TRIP_400, "gemini_interactions")
    err = rec.exchange.error
    assert err is not None and err.status == 400 and err.kind == "invalid_request"
    assert "no such field:  'id'" in err.message
    request = rec.exchange.request_messages
    assert [m.role for m in request] == ["user", "assistant", "user"]
    assert request[1].tool_calls[0].parsed == {"location": "Tokyo"}
    result = request[2].parts[0]
    assert isinstance(result, ToolResultPart) and result.tool_call_id == "lsdifx64"
    assert isinstance(request[0].parts[0], TextPart)
