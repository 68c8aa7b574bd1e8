"""Ollama native endpoints (old layout + history), on real corpus files."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import read_ok
from tests.corpus_paths import (
    HISTORY_OLLAMA_PS, KEY_LEGACY, OLD_GENERATE_STREAM, OLD_GUARD, OLD_PULL, OLD_TAGS,
)
from recviewer.core.assemble import assemble
from recviewer.core.formats.parts import ollama_chat
from recviewer.core.model import DataPart, ImagePart, Recording, ToolResultPart


def read(path: Path, fmt: str = "ollama") -> Recording:
    return read_ok(path, fmt)


def test_generate_stream_text_finish_and_usage() -> None:
    rec = read(OLD_GENERATE_STREAM)
    assert rec.streaming and rec.endpoint == "/api/generate"
    assert len(rec.exchange.chunks) == len(rec.response_body) == 13
    assert rec.exchange.response_messages[0].text == "The boiling point of polyjuice is -100°C."
    assert assemble(rec.exchange.chunks[:2]).text == "The boiling"
    assert rec.exchange.finish_reason == "stop"
    usage = rec.exchange.usage
    assert usage is not None and (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (399, 13, 412)
    assert rec.exchange.chunks[-1].label == "done"
    assert rec.exchange.request_messages[0].text.startswith("<|begin_of_text|>")
    assert "prompt" not in rec.exchange.params and rec.exchange.params["raw"] is True


def test_generate_plain() -> None:
    rec = read(OLD_GUARD)
    assert rec.exchange.response_messages[0].text == "safe"
    assert rec.exchange.finish_reason == "stop"
    assert rec.exchange.usage is not None and rec.exchange.usage.prompt_tokens == 223


def test_ps_lists_loaded_models_in_every_history_version() -> None:
    versions = sorted(HISTORY_OLLAMA_PS.glob("*.json"))
    assert len(versions) == 7
    loaded = []
    for path in versions:
        part = read(path).exchange.response_messages[0].parts[0]
        assert isinstance(part, DataPart) and part.title == "Loaded models"
        assert all(isinstance(i, str) for i in part.value)
        assert (part.summary == "no models loaded") == (not part.value)
        loaded.extend(part.value)
    assert loaded == ["llama3.2:3b", "all-minilm:l6-v2", "llama3.2-vision:11b", "llama-guard3:1b"]
    latest = read(KEY_LEGACY).exchange.response_messages[0].parts[0]
    assert latest.value == ["llama3.2:3b-instruct-fp16"]
    assert latest.summary == "1 loaded: llama3.2:3b-instruct-fp16 (7.9 GB)"


def test_pull_progress() -> None:
    part = read(OLD_PULL).exchange.response_messages[0].parts[0]
    assert isinstance(part, DataPart) and part.summary == "status: success"


def test_tags_is_a_models_list() -> None:
    rec = read(OLD_TAGS, "models_list")
    part = rec.exchange.response_messages[0].parts[0]
    assert isinstance(part, DataPart) and len(part.value) == 9
    assert part.value[:2] == ["nomic-embed-text:latest", "llama3.2-vision:11b"]
    assert part.summary.startswith("9 models: nomic-embed-text:latest, llama3.2-vision:11b")


def test_chat_messages_images_and_tool_calls() -> None:
    # No /api/chat file is in the corpus; the shapes follow Ollama's ChatRequest/ChatResponse.
    user = ollama_chat.chat_message({"role": "user", "content": "what is this?", "images": ["iVBORw0KGgo="]})
    assert user.text == "what is this?"
    image = user.parts[1]
    assert isinstance(image, ImagePart) and image.media_type == "image/png"
    reply = ollama_chat.response_message({"message": {"role": "assistant", "content": "", "tool_calls": [
        {"function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]}, "done": True})
    assert reply.tool_calls[0].parsed == {"city": "Paris"}
    tool = ollama_chat.chat_message({"role": "tool", "content": "21C", "tool_name": "get_weather"})
    assert isinstance(tool.parts[0], ToolResultPart) and tool.parts[0].name == "get_weather"
    chunk, next_call = ollama_chat.chunk_of(0, {"message": {"role": "assistant", "content": "", "tool_calls": [
        {"function": {"name": "a", "arguments": {}}}, {"function": {"name": "b", "arguments": {"x": 1}}}]},
        "done": False}, 3)
    assert next_call == 5 and [tc.index for tc in chunk.delta.tool_calls] == [3, 4]
    assert chunk.delta.tool_calls[1].arguments == '{"x":1}'
