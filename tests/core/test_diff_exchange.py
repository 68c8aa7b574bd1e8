"""Exchange-level diffs built from real recordings with one deliberate edit."""

from __future__ import annotations

from dataclasses import replace

from recviewer.core.assemble import assemble
from recviewer.core.diff import (
    Fold, chunking_differs, diff_exchanges, diff_recordings, fold_rows, summarize,
)
from recviewer.core.model import Chunk, Message, Recording, TextPart, ToolCallPart
from tests.conftest import read_ok as read
from tests.corpus_paths import (
    HISTORY_CONTENT_CHANGED, HISTORY_NOISE_ONLY, KEY_HISTORY_FILTER_BY_REGION, MCP_CHAIN, SEED,
)

NOISE_ONLY = HISTORY_NOISE_ONLY / "2025-10-10_139440336.json"
CONTENT = HISTORY_CONTENT_CHANGED / "2025-11-07_b83184f7e.json"
MANY_MESSAGES = MCP_CHAIN[3]  # the MCP run's last call: eight request messages
REGION_OLD = KEY_HISTORY_FILTER_BY_REGION[0]


def with_response_calls(rec: Recording, calls: tuple[ToolCallPart, ...]) -> Recording:
    msg = rec.exchange.response_messages[0]
    parts = tuple(p for p in msg.parts if not isinstance(p, ToolCallPart)) + calls
    ex = replace(rec.exchange, response_messages=(replace(msg, parts=parts),))
    return replace(rec, exchange=ex)


def test_tool_call_argument_key_change_is_a_key_path():
    rec = read(NOISE_ONLY)
    (call,) = rec.exchange.response_messages[0].tool_calls
    assert call.name == "get_weather" and call.parsed == {"city": "Tokyo"}
    edited = ToolCallPart.from_arguments(call.id, call.name, '{"city": "Kyoto", "unit": "c"}',
                                         call.index)
    d = diff_recordings(rec, with_response_calls(rec, (edited,)))
    paths = {(c.path, c.kind) for c in d.real_changes}
    assert paths == {("response.messages[0].tool_calls[0].arguments.city", "changed"),
                     ("response.messages[0].tool_calls[0].arguments.unit", "added")}
    (row,) = [r for r in d.rows if r.section == "response"]
    (tc,) = row.tool_calls
    assert tc.status == "changed" and tc.name == "get_weather"
    assert {c.path.rsplit(".", 1)[-1] for c in tc.changes} == {"city", "unit"}
    assert summarize(d) == "1 tool call changed"


def test_tool_calls_added_and_unparsable_arguments():
    rec = read(NOISE_ONLY)
    (call,) = rec.exchange.response_messages[0].tool_calls
    extra = ToolCallPart.from_arguments("call_x1y2z3w4", "get_time", '{"tz": "Asia/Tokyo"}', 1)
    d = diff_recordings(rec, with_response_calls(rec, (call, extra)))
    (row,) = [r for r in d.rows if r.section == "response"]
    assert [(t.name, t.status) for t in row.tool_calls] == [("get_weather", "equal"),
                                                            ("get_time", "added")]
    assert summarize(d) == "1 tool call added"
    broken = ToolCallPart.from_arguments(call.id, call.name, '{"city": "Tok', call.index)
    d2 = diff_recordings(rec, with_response_calls(rec, (broken,)))
    (change,) = d2.real_changes
    assert change.path == "response.messages[0].tool_calls[0].arguments"
    assert (change.a, change.b) == ({"city": "Tokyo"}, '{"city": "Tok')


def test_an_inserted_request_message_marks_only_itself():
    rec = read(REGION_OLD)
    msgs = rec.exchange.request_messages
    assert len(msgs) == 3
    inserted = Message("user", (TextPart("Only the engineering ones, please."),))
    other = replace(rec, exchange=replace(rec.exchange,
                                          request_messages=(msgs[0], inserted) + msgs[1:]))
    d = diff_recordings(rec, other)
    rows = [r for r in d.rows if r.section == "request"]
    assert [r.status for r in rows] == ["equal", "added", "equal", "equal"]
    assert [(r.index_a, r.index_b) for r in rows] == [(0, 0), (None, 1), (1, 2), (2, 3)]
    (change,) = d.changes
    assert (change.path, change.kind) == ("request.messages[1]", "added")
    assert change.b["text"] == "Only the engineering ones, please."
    assert summarize(d) == "1 message added"
    back = diff_recordings(other, rec)
    assert [r.status for r in back.rows if r.section == "request"] == [
        "equal", "removed", "equal", "equal"]


def _merged_chunks(chunks: tuple[Chunk, ...]) -> tuple[Chunk, ...]:
    """The same stream cut differently: each two text chunks become one."""
    out: list[Chunk] = []
    pending: Chunk | None = None
    for c in chunks:
        if c.delta.text and not c.delta.tool_calls and not c.delta.finish_reason:
            if pending is None:
                pending = c
                continue
            merged = replace(pending.delta, text=pending.delta.text + c.delta.text)
            out.append(Chunk(len(out), pending.raw, merged))
            pending = None
            continue
        if pending is not None:
            out.append(Chunk(len(out), pending.raw, pending.delta))
            pending = None
        out.append(Chunk(len(out), c.raw, c.delta))
    if pending is not None:
        out.append(Chunk(len(out), pending.raw, pending.delta))
    return tuple(out)


def test_same_content_different_chunking():
    rec = read(CONTENT)
    chunks = _merged_chunks(rec.exchange.chunks)
    assert len(chunks) < len(rec.exchange.chunks)
    assert assemble(chunks).text == assemble(rec.exchange.chunks).text
    other = replace(rec.exchange, chunks=chunks)
    d = diff_exchanges(rec.exchange, other)
    assert chunking_differs(rec.exchange, other)
    assert d.same_content_different_chunking and d.equivalent
    assert summarize(d) == ("equivalent (only normalisation noise); "
                            "same content, different chunking")
    (change,) = d.changes
    assert (change.path, change.a, change.b) == ("response.chunks", len(rec.exchange.chunks),
                                                 len(chunks))
    # the same chunks are not a chunking difference; different content is not either
    assert not diff_exchanges(rec.exchange, rec.exchange).same_content_different_chunking
    other_text = read(CONTENT.parent / "2025-10-08_79bed44b0.json").exchange
    assert not diff_exchanges(rec.exchange, other_text).same_content_different_chunking
    assert not chunking_differs(rec.exchange, other_text)
    assert not chunking_differs(rec.exchange, rec.exchange)


def test_finish_reason_synonyms_are_noise_but_real_changes_are_not():
    rec = read(CONTENT).exchange
    assert rec.finish_reason == "stop"
    same = diff_exchanges(rec, replace(rec, finish_reason="end_turn"))
    assert same.only_noise
    changed = diff_exchanges(rec, replace(rec, finish_reason="length"))
    (c,) = changed.real_changes
    assert (c.path, c.a, c.b) == ("response.finish_reason", "stop", "length")
    assert "finish reason changed" in summarize(changed)


def test_params_change_has_a_params_path():
    rec = read(SEED).exchange
    params = dict(rec.params, temperature=0.7)
    d = diff_exchanges(rec, replace(rec, params=params))
    (c,) = d.changes
    assert (c.path, c.kind, c.b) == ("request.params.temperature", "added", 0.7)
    assert summarize(d) == "1 parameter changed"


def test_rows_fold_runs_of_equal_rows():
    rec = read(MANY_MESSAGES)
    msgs = rec.exchange.request_messages
    assert len(msgs) == 8
    d = diff_recordings(rec, rec)
    folded = fold_rows(d.rows, context=1)
    assert len(folded) == 1 and isinstance(folded[0], Fold) and folded[0].count == len(d.rows)
    edited = list(msgs)
    middle = len(msgs) // 2
    edited[middle] = replace(msgs[middle], parts=(TextPart("something else entirely"),))
    d2 = diff_recordings(rec, replace(rec, exchange=replace(rec.exchange,
                                                            request_messages=tuple(edited))))
    folded2 = fold_rows(d2.rows, context=1)
    changed = [x for x in folded2 if not isinstance(x, Fold) and x.status == "changed"]
    assert len(changed) == 1 and changed[0].index_a == middle
    pos = folded2.index(changed[0])
    assert folded2[pos - 1].status == "equal" and folded2[pos + 1].status == "equal"
    assert isinstance(folded2[0], Fold) and isinstance(folded2[-1], Fold)
    assert sum(x.count if isinstance(x, Fold) else 1 for x in folded2) == len(d2.rows)
    sections = d2.sections
    assert set(sections) == {"meta", "request", "response"}
    assert len(sections["request"]) == len(msgs)
