"""Cassettes (vcrpy-style) read as conversations, on the real pydantic-ai subset
(tests/data/corpus/cassettes) and a few files built in tmp_path."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
import yaml

from recviewer.core.cassettes.body import decode_body
from recviewer.core.cassettes.cassette import parse_cassette, read_cassette
from recviewer.core.cassettes.convert import cassette_recordings, raw_view
from recviewer.core.cassettes.index import cheap_heads, full_heads
from recviewer.core.cassettes.open import interaction_raw, read_all, read_interaction
from recviewer.core.cassettes.safe_yaml import YamlRefused, load_yaml
from recviewer.core.cassettes.test_ids import cassette_test_id
from recviewer.core.catalog.scan import scan
from recviewer.core.errors import RecordingError
from recviewer.core.formats.parts.eventstream import decode_frames
from recviewer.core.formats.parts.sse import parse_sse_text
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import DataPart, ImagePart, Recording, ToolCallPart
from tests.corpus_paths import (
    CAS_429, CAS_ANTHROPIC_STREAM, CAS_BEDROCK_STREAM, CAS_EMPTY, CAS_GEMINI_SSE, CAS_GRPC,
    CAS_GROQ_TOOLS_STREAM, CAS_JPEG, CAS_MCP, CAS_MISTRAL_LIST_DELTAS, CAS_MP3, CAS_RESPONSES,
    CAS_SSE_COMMENTS, CAS_SPACES, CAS_VOYAGE_400, CAS_WEBSOCKET, CAS_YAML_IN_BODY, PYDANTIC_AI,
)

LLM_HOST_MARKERS = ("api.openai.com", "anthropic", "googleapis.com", "bedrock", "groq",
                    "openrouter", "mistral", "deepseek", "cerebras", "cohere", "huggingface.co/"
                    "novita", "router.huggingface.co", "together", "ollama", "z.ai", "heroku",
                    "crusoe", "snowflake", "voyageai", "azure.com/openai/deployments",
                    "localhost:8787", "localhost:11434", "mcp.")


def ok(address: str | Path) -> Recording:
    rec = read_recording(str(address))
    assert isinstance(rec, Recording), str(rec)
    return rec


def all_cassettes() -> list[Path]:
    found = sorted(p for p in PYDANTIC_AI.rglob("*") if p.suffix in (".yaml", ".yml"))
    assert len(found) >= 70
    return found


# ----------------------------------------------------------------- real content
def test_openai_compatible_stream_assembles_reasoning_tool_calls_and_stream_error():
    first = ok(f"{CAS_GROQ_TOOLS_STREAM}#0")
    assert (first.format, first.streaming, first.model) == ("openai_chat", True, "openai/gpt-oss-120b")
    reasoning = first.exchange.response_messages[0].parts[0].text
    assert reasoning.startswith("We need to call the tool with invalid parameters first")
    assert first.exchange.error.kind == "tool_use_failed"  # an `event: error` in the 200 stream
    assert "Tool call validation failed" in first.exchange.error.message
    second = ok(f"{CAS_GROQ_TOOLS_STREAM}#1")
    sent = [c for m in second.exchange.request_messages for c in m.tool_calls]
    assert sent[0].name == "get_something_by_name" and sent[0].parsed == {"invalid_param": "value"}
    calls = second.exchange.response_messages[0].tool_calls
    assert calls and calls[0].name == "get_something_by_name" and "name" in calls[0].parsed
    last = ok(f"{CAS_GROQ_TOOLS_STREAM}#2")
    assert "Something with name: example" in "".join(
        p.content for m in last.exchange.request_messages for p in m.parts
        if type(p).__name__ == "ToolResultPart")
    assert last.exchange.response_messages[0].text.strip()


def test_anthropic_stream_with_thinking_and_tool_call():
    rec = ok(f"{CAS_ANTHROPIC_STREAM}#0")
    assert rec.format == "anthropic_messages" and rec.streaming
    msg = rec.exchange.response_messages[0]
    reasoning = "".join(p.text for p in msg.parts if type(p).__name__ == "ReasoningPart")
    assert "Let me calculate this mathematical expression." in reasoning
    call = msg.tool_calls[0]
    assert call.name == "bash_code_execution"
    assert call.parsed == {"command": 'echo "65465-6544 * 65464-6+1.02255" | bc -l'}
    assert "Final Answer" in msg.text
    assert rec.exchange.finish_reason == "end_turn"


def test_responses_stream_and_json_answer():
    stream = ok(f"{CAS_RESPONSES}#0")
    assert stream.format == "openai_responses" and stream.streaming
    assert stream.exchange.response_messages[0].text.startswith(
        "San Francisco weather today (Tuesday, September 16, 2025)")
    assert stream.exchange.finish_reason == "completed"
    assert stream.exchange.usage.total_tokens == 10045
    labels = {c.label for c in stream.exchange.chunks}
    assert {"response.output_text.delta", "response.completed"} <= labels
    answer = ok(f"{CAS_RESPONSES}#1")
    assert answer.format == "openai_responses" and not answer.streaming
    parts = answer.exchange.response_messages[0].parts
    kinds = [type(p).__name__ if not isinstance(p, DataPart) else p.title for p in parts]
    assert kinds[0] == "ReasoningPart" and "web search call" in kinds
    assert "Mexico City" in answer.exchange.response_messages[0].text
    assert [m.role for m in answer.exchange.request_messages][:2] == ["system", "user"]


def test_gemini_sse_stream_with_thought_parts():
    rec = ok(f"{CAS_GEMINI_SSE}#0")
    assert (rec.format, rec.streaming, rec.model) == ("gemini", True, "gemini-2.5-pro")
    msg = rec.exchange.response_messages[0]
    thoughts = "".join(p.text for p in msg.parts if type(p).__name__ == "ReasoningPart")
    assert "**Clarifying User Goals**" in thoughts
    assert msg.text.strip() and "**Clarifying" not in msg.text
    assert len(rec.exchange.chunks) == 23


def test_bedrock_eventstream_frames_decode_to_the_answer():
    rec = ok(f"{CAS_BEDROCK_STREAM}#0")
    assert rec.format == "bedrock_converse" and rec.model == "us.amazon.nova-micro-v1:0"
    assert rec.exchange.response_messages[0].text.startswith("The capital of France is Paris.")
    assert rec.exchange.finish_reason == "end_turn"
    assert (rec.exchange.usage.prompt_tokens, rec.exchange.usage.completion_tokens) == (13, 82)
    frames = rec.response_body
    assert all(f["crc_ok"] for f in frames)
    assert frames[0]["event"] == "messageStart" and frames[-1]["event"] == "metadata"


def test_eventstream_damaged_frame_is_an_error_entry_not_a_crash():
    cas = read_cassette(CAS_BEDROCK_STREAM)
    data = cas.interactions[0].response_body.value
    frames = decode_frames(data[:-7])
    assert "error" in frames[-1] and frames[0]["event"] == "messageStart"
    flipped = bytearray(data)
    flipped[20] ^= 0xFF
    assert decode_frames(bytes(flipped))[0]["crc_ok"] is False


def test_binary_bodies_are_typed_blobs_and_images_thumbnails():
    audio = ok(f"{CAS_MP3}#0")
    assert audio.format == "http"
    blob = audio.exchange.response_messages[0].parts[-1]
    assert isinstance(blob, DataPart) and blob.title == "Binary body"
    assert blob.value["media_type"] == "audio/mpeg" and blob.value["size"] > 1000
    image = ok(f"{CAS_JPEG}#0")
    parts = image.exchange.response_messages[0].parts
    assert isinstance(parts[-1], ImagePart) and parts[-1].media_type == "image/jpeg"
    assert parts[-1].url.startswith("data:image/jpeg;base64,/9j/")


def test_mistral_list_valued_deltas_and_sse_comments():
    rec = ok(f"{CAS_MISTRAL_LIST_DELTAS}#0")
    msg = rec.exchange.response_messages[0]
    reasoning = "".join(p.text for p in msg.parts if type(p).__name__ == "ReasoningPart")
    assert reasoning.startswith("Okay, the user is asking how to cross the street.")
    assert "To cross the street safely" in msg.text
    assert any(isinstance(c.raw["choices"][0]["delta"].get("content"), list)  # as recorded
               for c in rec.exchange.chunks if c.raw.get("choices"))
    comments = ok(f"{CAS_SSE_COMMENTS}#0")
    assert comments.exchange.response_messages[0].text.strip()
    raw = read_cassette(CAS_SSE_COMMENTS).interactions[0].response_body.value
    assert raw.startswith(": OPENROUTER PROCESSING")


def test_sse_parser_crlf_events_comments_and_done():
    text = ": hi\r\nevent: a\r\ndata: {\"x\": 1}\r\n\r\ndata: [DONE]\r\n\r\n"
    events = parse_sse_text(text)
    assert [(e.event, e.raw) for e in events] == [("a", {"x": 1}), ("message", "[DONE]")]


def test_failed_calls_keep_their_format_and_show_the_error():
    rec = ok(f"{CAS_429}#0")
    assert rec.format == "openai_chat" and rec.status == 429
    assert rec.exchange.error is not None and rec.exchange.error.status == 429
    voyage = ok(CAS_VOYAGE_400)  # one interaction: no #N needed
    assert (voyage.method, voyage.format, voyage.status) == ("POST", "embeddings", 400)
    assert "Model nonexistent is not supported" in voyage.exchange.error.message


def test_mcp_over_sse():
    recs = read_all(str(CAS_MCP))
    assert [r.format for r in recs[:3]] == ["mcp", "mcp", "mcp"]
    assert recs[1].status == 202 and not recs[1].exchange.response_messages
    tools = recs[2].exchange.response_messages[0].parts[0]
    assert tools.summary.startswith("3 tools: read_wiki_structure")
    assert recs[-1].format == "openai_chat"


def test_websocket_and_grpc_are_frame_lists():
    ws = ok(f"{CAS_WEBSOCKET}#0")
    assert ws.format == "websocket" and ws.streaming and len(ws.exchange.chunks) == 358
    grpc = ok(f"{CAS_GRPC}#0")
    assert grpc.format == "grpc" and grpc.model == "grok-4-fast-reasoning"
    assert "29" in grpc.exchange.response_messages[0].text


def test_yaml_inside_a_body_stays_text():
    rec = ok(f"{CAS_YAML_IN_BODY}#0")
    text = rec.exchange.response_messages[0].parts[-1].text
    assert "!!python/name:" in text


def test_empty_cassette_is_an_empty_test(tmp_path):
    assert read_cassette(CAS_EMPTY).interactions == ()
    (tmp_path / "cassettes" / "test_m").mkdir(parents=True)
    (tmp_path / "cassettes" / "test_m" / "test_e.yaml").write_bytes(CAS_EMPTY.read_bytes())
    cat = scan(tmp_path)
    assert [(r.rel_path, r.format, r.error, r.test_id) for r in cat.refs] == [
        ("cassettes/test_m/test_e.yaml", "cassette", None, "test_m.py::test_e")]


# ----------------------------------------------------------------- safety
def test_python_object_cassette_is_refused(tmp_path):
    bad = tmp_path / "evil.yaml"
    bad.write_text("interactions:\n- request: !!python/object/apply:os.system ['echo pwned']\n"
                   "  response: {}\n")
    rec = read_recording(f"{bad}#0")
    assert isinstance(rec, RecordingError) and "!!python/" in rec.reason
    cat = scan(tmp_path)
    assert len(cat.refs) == 1 and "!!python/" in cat.refs[0].error


def test_alias_bomb_and_self_reference_are_bounded():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    with pytest.raises(YamlRefused, match="alias"):
        load_yaml("\n".join(lines))
    with pytest.raises(YamlRefused):
        load_yaml("a: &a [*a]")


def test_binary_tag_decoded_and_bodies_by_magic_bytes():
    assert load_yaml(b"x: !!binary aGk=") == {"x": b"hi"}
    payload = b'{"ok": true}'
    # marked gzip but plain: decoded by the bytes
    assert decode_body(payload, "application/json", "gzip").value == {"ok": True}
    zipped = decode_body(gzip.compress(payload), "application/json", "gzip")
    assert zipped.kind == "json" and zipped.value == {"ok": True} and "gzip" in zipped.note
    br = decode_body(b"\x8b\x05\x80hello\x03", "text/plain", "br")
    assert br.kind == "binary" and br.note.startswith("brotli-compressed body (")
    latin = decode_body("caf\u00e9".encode("latin-1"), "text/plain; charset=latin-1")
    assert latin.value == "caf\u00e9"


def test_langchain_gzip_cassette(tmp_path):
    """LangChain's persister: gzip of YAML with parallel requests/responses lists
    (built here from a real interaction's content)."""
    inter = load_yaml(CAS_SSE_COMMENTS.read_bytes())["interactions"][0]
    req, resp = inter["request"], inter["response"]
    doc = {"requests": [{"method": "POST", "uri": req["uri"], "headers": req["headers"],
                         "body": __import__("json").dumps(req["parsed_body"])}],
           "responses": [{"status": resp["status"], "headers": resp["headers"],
                          "body": {"string": resp["body"]["string"]}}]}
    path = tmp_path / "tests" / "cassettes" / "test_chat.yaml.gz"
    path.parent.mkdir(parents=True)
    path.write_bytes(gzip.compress(yaml.safe_dump(doc).encode()))
    rec = ok(f"{path}#0")
    expected = ok(f"{CAS_SSE_COMMENTS}#0")
    assert rec.format == "openai_chat"
    assert rec.exchange.response_messages[0].text == expected.exchange.response_messages[0].text
    cat = scan(tmp_path)
    assert [r.rel_path for r in cat.refs] == ["tests/cassettes/test_chat.yaml.gz#0"]
    assert cat.refs[0].test_id == "tests::test_chat"


def test_vcrpy_json_cassette(tmp_path):
    inter = load_yaml(CAS_BEDROCK_STREAM.read_bytes())["interactions"][0]
    import base64
    import json
    body = inter["response"]["body"]["string"]
    inter["response"]["body"]["string"] = base64.b64encode(body).decode()
    headers = {k: [v.decode() if isinstance(v, bytes) else v for v in vs]
               for k, vs in inter["request"]["headers"].items()}
    inter["request"]["headers"] = headers
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"interactions": [inter], "version": 1}, indent=4))
    cas = parse_cassette(str(path), path.read_bytes())
    assert cas.style == "vcrpy-json" and cas.interactions[0].uri.endswith("/converse-stream")
    refs = scan(tmp_path).refs
    assert [r.rel_path for r in refs] == ["c.json#0"] and refs[0].format == "bedrock_converse"


# ----------------------------------------------------------------- the whole subset
def test_every_cassette_of_the_subset_reads_and_llm_calls_get_a_real_format():
    broken, generic = [], []
    for path in all_cassettes():
        recs = read_all(str(path))
        assert not isinstance(recs, RecordingError), str(recs)
        for rec in recs:
            if isinstance(rec, RecordingError):
                broken.append(str(rec))
                continue
            if rec.format in ("http", "generic") and any(
                    m in (rec.url or "") for m in LLM_HOST_MARKERS) and \
                    "/realtime/" not in (rec.url or "") and "/api/models/" not in (rec.url or ""):
                generic.append(rec.url)
    assert broken == [] and generic == []


def test_index_line_scan_agrees_with_a_full_parse():
    cheap = 0
    for path in all_cassettes():
        data = path.read_bytes()
        full = full_heads(str(path), data, None)
        try:
            heads = cheap_heads(data)
        except Exception:  # noqa: BLE001 - layouts the scan leaves to the parser
            continue
        cheap += 1
        assert heads == full, path.name
    assert cheap >= 50


def test_catalog_lists_one_entry_per_interaction_with_test_ids():
    cat = scan(PYDANTIC_AI)
    assert cat.errors == 0
    by_rel = {r.rel_path: r for r in cat.refs}
    rel = CAS_GROQ_TOOLS_STREAM.relative_to(PYDANTIC_AI).as_posix()
    assert [by_rel[f"{rel}#{i}"].chunks for i in range(3)] == [95, 25, 50]
    assert by_rel[f"{rel}#0"].test_id == "tests/models/test_groq.py::test_tool_use_failed_error_streaming"
    voyage = CAS_VOYAGE_400.relative_to(PYDANTIC_AI).as_posix() + "#0"
    assert by_rel[voyage].test_id == "tests/test_embeddings.py::TestVoyageAI::test_embed_error"
    spaces = CAS_SPACES.relative_to(PYDANTIC_AI).as_posix() + "#0"
    assert by_rel[spaces].test_id.endswith("::test_google_url_input[AudioUrl (gs)]")
    grpc = CAS_GRPC.relative_to(PYDANTIC_AI).as_posix() + "#0"
    assert by_rel[grpc].test_id == "tests/models/test_xai.py::test_xai_stream_events_with_reasoning"
    for ref in cat.refs:  # what the catalog says is what opening says
        if "#" not in ref.rel_path:
            continue
        rec = ok(ref.path)
        assert (rec.format, rec.streaming, rec.chunk_count, rec.model) == (
            ref.format, ref.streaming, ref.chunks, ref.model), ref.rel_path


@pytest.mark.parametrize("rel, expected", [
    ("tests/cassettes/test_m/TestC.test_f[a.b c (d)].yaml", "tests/test_m.py::TestC::test_f[a.b c (d)]"),
    ("tests/cassettes/Class.test.yaml", "tests::Class::test"),
    ("a/cassettes/m/test_x[p-xai].xai.yaml", "a/m.py::test_x[p-xai]"),
    ("cassettes/m/test_y.yml", "m.py::test_y"),
])
def test_test_ids_from_paths(rel, expected):
    assert cassette_test_id(rel) == expected


def test_raw_view_has_the_recording_and_decoded_body():
    raw = interaction_raw(f"{CAS_BEDROCK_STREAM}#0")
    assert raw["recorded"]["request"]["method"] == "POST"
    assert raw["recorded"]["response"]["body"]["string"].startswith("<")  # bytes as a size note
    assert raw["response_body"]["kind"] == "eventstream"
    assert raw["response_body"]["frames"][0]["event"] == "messageStart"
    assert isinstance(raw_view(read_cassette(CAS_MCP).interactions[0])["response_body"]["events"], list)


def test_out_of_range_and_multi_interaction_addresses():
    assert isinstance(read_interaction(f"{CAS_GROQ_TOOLS_STREAM}#9"), RecordingError)
    err = read_recording(str(CAS_GROQ_TOOLS_STREAM))
    assert isinstance(err, RecordingError) and "3 interactions" in err.reason
    assert len(cassette_recordings(read_cassette(CAS_GROQ_TOOLS_STREAM), None)) == 3
    assert os.path.isfile(CAS_GROQ_TOOLS_STREAM)
