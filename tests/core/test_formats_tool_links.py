"""Function calls keep their arguments and results link to their calls, whatever
key a provider put them under (real Gemini interactions files, then the same
files as other clients write them)."""

from __future__ import annotations

import json

from recviewer.core.formats.parts.tool_links import link_results
from recviewer.core.model import Message, TextPart, ToolCallPart, ToolResultPart
from recviewer.core.transcript import transcript
from tests.conftest import read_ok
from tests.corpus_paths import GEMINI_INTERACTIONS_400, GEMINI_INTERACTIONS_CALL


def _parts(rec, kind):
    return [p for m in rec.exchange.request_messages for p in m.parts if isinstance(p, kind)]


def _round_trip(tmp_path, edit):
    """The real round-trip recording (a 400 caused by the function result), edited."""
    doc = json.loads(GEMINI_INTERACTIONS_400.read_text())
    call, result = (turn["content"][0] for turn in doc["request"]["payload"]["input"][1:3])
    edit(call, result)
    path = tmp_path / GEMINI_INTERACTIONS_400.name
    path.write_text(json.dumps(doc, indent=2))
    return read_ok(path, "gemini_interactions")


def test_real_round_trip_keeps_arguments_and_links_the_result():
    rec = read_ok(GEMINI_INTERACTIONS_400, "gemini_interactions")
    [call] = _parts(rec, ToolCallPart)
    [result] = _parts(rec, ToolResultPart)
    assert (call.name, call.parsed) == ("get_weather", {"location": "Tokyo"})
    assert (result.tool_call_id, result.name) == (call.id, "get_weather")
    assert json.loads(result.content) == {"temperature_celsius": 22, "condition": "Cloudy"}
    assert rec.status == 400 and rec.exchange.error is not None


def test_real_response_call_keeps_its_arguments():
    rec = read_ok(GEMINI_INTERACTIONS_CALL, "gemini_interactions")
    [call] = rec.exchange.response_messages[0].tool_calls
    assert (call.name, call.parsed) == ("get_weather", {"location": "Paris"})


def test_args_key_and_function_response_without_id(tmp_path):
    def edit(call, result):
        call["args"] = call.pop("arguments")
        result["type"] = "function_response"
        result["response"] = result.pop("result")
        del result["id"]
    rec = _round_trip(tmp_path, edit)
    [call] = _parts(rec, ToolCallPart)
    [result] = _parts(rec, ToolResultPart)
    assert call.parsed == {"location": "Tokyo"}
    assert result.tool_call_id == call.id == "lsdifx64"  # linked by the function's name
    assert json.loads(result.content)["condition"] == "Cloudy"
    text = transcript(rec)
    assert 'arguments: {"location":"Tokyo"}' in text
    assert "← tool result get_weather [lsdifx64]" in text


def test_generate_content_style_parts_inside_interactions(tmp_path):
    def edit(call, result):
        call.clear()
        call["function_call"] = {"name": "get_weather", "args": {"location": "Tokyo"}}
        result.clear()
        result["function_response"] = {"name": "get_weather", "response": {"condition": "Cloudy"}}
    rec = _round_trip(tmp_path, edit)
    [call] = _parts(rec, ToolCallPart)
    [result] = _parts(rec, ToolResultPart)
    assert (call.name, call.parsed) == ("get_weather", {"location": "Tokyo"})
    assert result.name == "get_weather" and json.loads(result.content) == {"condition": "Cloudy"}


def test_link_results_fills_name_by_id_and_id_by_name_in_call_order():
    calls = Message("assistant", (ToolCallPart.from_arguments("a", "f", {}),
                                  ToolCallPart.from_arguments("b", "f", {}),
                                  ToolCallPart.from_arguments("c", "g", {})))
    results = Message("tool", (ToolResultPart(None, "1", "f"), ToolResultPart(None, "2", "f"),
                               ToolResultPart("c", "3")))
    plain = Message("user", (TextPart("hi"),))
    out = link_results((plain, calls, results))
    assert out[0] is plain and out[1] is calls
    assert [(p.tool_call_id, p.name) for p in out[2].parts] == [("a", "f"), ("b", "f"), ("c", "g")]
