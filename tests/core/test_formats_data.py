"""Non-chat payloads: embeddings, model lists, tool runtime, file processor."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import read_ok
from tests.corpus_paths import (
    CATEGORY_EMBEDDINGS, FILE_PROCESSOR, HISTORY_VLLM_MODELS, OLD_EMBEDDINGS, OPENAI_MODELS,
    TOOL_RUNTIME_TAVILY,
)
from recviewer.core.formats.embeddings import summarize_vectors
from recviewer.core.formats.models_list import summarize_ids
from recviewer.core.model import DataPart, Recording, TextPart, ToolResultPart


def read(path: Path, fmt: str) -> Recording:
    return read_ok(path, fmt)


def only_data_part(rec: Recording) -> DataPart:
    (message,) = rec.exchange.response_messages
    part = message.parts[0]
    assert isinstance(part, DataPart)
    return part


def test_openai_embeddings_summary() -> None:
    rec = read(CATEGORY_EMBEDDINGS[1], "embeddings")
    part = only_data_part(rec)
    assert part.summary.startswith("1 vector × 1536 dims, first values [0.006039, -0.01394,")
    assert len(part.summary) < 120  # never the whole vector
    assert part.value["vectors"][0]["dims"] == 1536 and len(part.value["vectors"][0]["first"]) == 4
    assert rec.exchange.request_messages[0].text.startswith("Asia Pacific revenue figures")
    assert rec.exchange.usage is not None and rec.exchange.usage.prompt_tokens == 17
    assert rec.exchange.params == {"model": "text-embedding-3-small", "encoding_format": "float"}


def test_ollama_embeddings_summary() -> None:
    rec = read(OLD_EMBEDDINGS, "embeddings")
    assert only_data_part(rec).summary.startswith("1 vector × 384 dims, first values [-0.03429, ")
    assert rec.exchange.request_messages[0].text == "This is a test file"


def test_summarize_vectors_shapes() -> None:
    assert summarize_vectors([[0.5] * 768] * 3) == "3 vectors × 768 dims, first values [0.5, 0.5, 0.5, 0.5, …]"
    assert summarize_vectors([[1, 2], [1, 2, 3]]).startswith("2 vectors × 2–3 dims")
    assert "base64" in summarize_vectors(["AAAA"])
    assert summarize_vectors([]) == "no vectors"


def test_models_list_ids() -> None:
    part = only_data_part(read(OPENAI_MODELS, "models_list"))
    assert len(part.value) == 127
    assert part.value[:3] == ["gpt-4-0613", "gpt-4", "gpt-3.5-turbo"]
    assert part.summary.startswith("127 models: gpt-4-0613, gpt-4, gpt-3.5-turbo")
    assert only_data_part(read(HISTORY_VLLM_MODELS, "models_list")).value == ["Qwen/Qwen3-0.6B"]
    assert summarize_ids([]) == "no models"
    assert summarize_ids([str(i) for i in range(10)]).endswith("… (+2)")


def test_tool_runtime_call_and_result() -> None:
    rec = read(TOOL_RUNTIME_TAVILY, "tool_runtime")
    (request,) = rec.exchange.request_messages
    call = request.tool_calls[0]
    assert (call.name, call.parsed) == ("web_search", {"query": "test query"})
    result = rec.exchange.response_messages[0].parts[0]
    assert isinstance(result, ToolResultPart) and result.name == "web_search"
    assert result.content.startswith('{"query": "test query", "top_k": [')
    assert rec.exchange.params == {"provider": "tavily"}
    assert rec.exchange.error is None


def test_file_processor_summary_and_text() -> None:
    rec = read(FILE_PROCESSOR, "file_processor")
    request = rec.exchange.request_messages[0].parts[0]
    assert isinstance(request, DataPart) and request.summary == "process file-371170885258 with pypdf"
    parts = rec.exchange.response_messages[0].parts
    assert isinstance(parts[0], DataPart)
    assert parts[0].summary == '1 chunk, 338 tokens; pypdf, 1 page; "Llama Stack and Llama Models"'
    assert isinstance(parts[1], TextPart) and parts[1].text.startswith("Llama Stack\nLlama Stack Overview")
