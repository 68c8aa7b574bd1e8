"""Diff two Exchanges the way a person reads them.

Messages are aligned with SequenceMatcher over a noise-normalised key (role,
text, called tool names), so one inserted message shows as one added row and
the rest still pair up. Paired messages are compared field by field; tool
calls are matched by name and position and their arguments compared as JSON.
"""

from __future__ import annotations

from typing import Any, Iterable

from recviewer.core.diff.changes import Change, join_index, join_key
from recviewer.core.diff.json_diff import aligned_pairs, diff_json
from recviewer.core.diff.message_view import (
    align_key, error_view, full_view, message_text, message_view, pair_tool_calls,
    reasoning_text, tool_call_view,
)
from recviewer.core.diff.noise import DEFAULT_RULES, NoiseRules
from recviewer.core.diff.rows import Row, ToolCallDiff, status_of
from recviewer.core.diff.words import word_diff
from recviewer.core.model import Chunk, Exchange, Message, Usage


def diff_message_lists(section: str, a: tuple[Message, ...], b: tuple[Message, ...],
                       rules: NoiseRules) -> list[Row]:
    """Aligned rows for two message lists (``section`` is request/response)."""
    ka = [align_key(m, rules) for m in a]
    kb = [align_key(m, rules) for m in b]
    rows: list[Row] = []
    for i, j in aligned_pairs(ka, kb):
        if j is None:
            path = join_index(f"{section}.messages", i)
            change = Change(path, "removed", full_view(a[i]), None, False)
            rows.append(Row(section, "removed", left=a[i], index_a=i, changes=(change,)))
        elif i is None:
            path = join_index(f"{section}.messages", j)
            change = Change(path, "added", None, full_view(b[j]), False)
            rows.append(Row(section, "added", right=b[j], index_b=j, changes=(change,)))
        else:
            rows.append(_paired_row(section, i, j, a[i], b[j], rules))
    return rows


def _paired_row(section: str, i: int, j: int, ma: Message, mb: Message,
                rules: NoiseRules) -> Row:
    base = join_index(f"{section}.messages", i)
    changes = list(diff_json(message_view(ma), message_view(mb), path=base, rules=rules))
    calls = _tool_call_diffs(base, ma, mb, rules)
    for call in calls:
        changes.extend(call.changes)
    ta, tb = message_text(ma), message_text(mb)
    ra, rb = reasoning_text(ma), reasoning_text(mb)
    return Row(
        section, status_of(changes), left=ma, right=mb, index_a=i, index_b=j,
        words=tuple(word_diff(ta, tb)) if ta != tb else (),
        reasoning_words=tuple(word_diff(ra, rb)) if ra != rb else (),
        tool_calls=tuple(calls), changes=tuple(changes),
    )


def _tool_call_diffs(base: str, ma: Message, mb: Message,
                     rules: NoiseRules) -> list[ToolCallDiff]:
    ca, cb = ma.tool_calls, mb.tool_calls
    out: list[ToolCallDiff] = []
    for ia, ib in pair_tool_calls(ca, cb):
        if ia is not None and ib is not None:
            path = join_index(f"{base}.tool_calls", ia)
            ch = diff_json(tool_call_view(ca[ia]), tool_call_view(cb[ib]), path=path, rules=rules)
            out.append(ToolCallDiff(ca[ia].name, status_of(ch), ca[ia], cb[ib], ia, ib, ch))
        elif ia is not None:
            path = join_index(f"{base}.tool_calls", ia)
            ch = (Change(path, "removed", tool_call_view(ca[ia]), None, False),)
            out.append(ToolCallDiff(ca[ia].name, "removed", ca[ia], None, ia, None, ch))
        elif ib is not None:
            path = join_index(f"{base}.tool_calls", ib)
            ch = (Change(path, "added", None, tool_call_view(cb[ib]), False),)
            out.append(ToolCallDiff(cb[ib].name, "added", None, cb[ib], None, ib, ch))
    return out


def meta_row(label: str, a: Any, b: Any, rules: NoiseRules, *, noise: bool = False,
             always: bool = True) -> Row | None:
    """A labelled value pair; ``always`` keeps it even when equal."""
    changes = diff_json(a, b, path=label, noise=noise, rules=rules)
    if not changes and not always:
        return None
    return Row("meta", status_of(changes), changes=changes, label=label, value_a=a, value_b=b)


def change_rows(changes: Iterable[Change]) -> list[Row]:
    """One meta row per change (for parameter and extra-field changes)."""
    return [Row("meta", status_of((c,)), changes=(c,), label=c.path, value_a=c.a, value_b=c.b)
            for c in changes]


def params_rows(a: dict, b: dict, rules: NoiseRules, skip: tuple[str, ...] = ()) -> list[Row]:
    pa = {k: v for k, v in a.items() if k not in skip}
    pb = {k: v for k, v in b.items() if k not in skip}
    return change_rows(diff_json(pa, pb, path="request.params", rules=rules))


def usage_view(u: Usage | None) -> dict[str, Any] | None:
    if u is None:
        return None
    return {"prompt_tokens": u.prompt_tokens, "completion_tokens": u.completion_tokens,
            "total_tokens": u.total_tokens}


def response_meta_rows(a: Exchange, b: Exchange, rules: NoiseRules) -> list[Row]:
    rows: list[Row] = []
    if a.finish_reason or b.finish_reason:
        rows.append(meta_row("response.finish_reason", a.finish_reason, b.finish_reason, rules,
                             noise=rules.same_finish(a.finish_reason, b.finish_reason)))
    if a.usage or b.usage:
        rows.append(meta_row(join_key("response", "usage"), usage_view(a.usage),
                             usage_view(b.usage), rules, noise=rules.is_noise_key("usage")))
    if a.error or b.error:
        rows.append(meta_row("response.error", error_view(a.error), error_view(b.error), rules))
    return [r for r in rows if r is not None]


def chunk_signature(chunks: tuple[Chunk, ...]) -> list[tuple]:
    """Where the content was cut: the pieces each non-empty chunk carried."""
    sig = []
    for c in chunks:
        d = c.delta
        calls = tuple((t.index, t.name, t.arguments) for t in d.tool_calls)
        if d.text or d.reasoning or d.refusal or calls:
            sig.append((d.text, d.reasoning, d.refusal, calls))
    return sig


def _chunking_differs(a: Exchange, b: Exchange, response_rows: list[Row]) -> bool:
    if not a.chunks or not b.chunks:
        return False
    if any(r.status not in ("equal", "noise") for r in response_rows):
        return False
    return chunk_signature(a.chunks) != chunk_signature(b.chunks)


def chunking_differs(a: Exchange, b: Exchange, rules: NoiseRules = DEFAULT_RULES) -> bool:
    """Both streamed, the assembled response is the same (up to noise), but
    the chunk boundaries are not."""
    rows = diff_message_lists("response", a.response_messages, b.response_messages, rules)
    return _chunking_differs(a, b, rows)


def chunking_row(a: Exchange, b: Exchange, response_rows: list[Row]) -> Row | None:
    """A noise row when the assembled content is the same but the stream was
    cut into different chunks; None otherwise."""
    if not _chunking_differs(a, b, response_rows):
        return None
    change = Change("response.chunks", "changed", len(a.chunks), len(b.chunks), True)
    return Row("meta", "noise", changes=(change,), label="response.chunks",
               value_a=len(a.chunks), value_b=len(b.chunks))


def exchange_rows(a: Exchange, b: Exchange, rules: NoiseRules,
                  skip_params: tuple[str, ...] = ()) -> tuple[list[Row], bool]:
    """All rows for two exchanges, and whether only the chunking differs."""
    request = diff_message_lists("request", a.request_messages, b.request_messages, rules)
    response = diff_message_lists("response", a.response_messages, b.response_messages, rules)
    chunking = chunking_row(a, b, response)
    rows = params_rows(a.params, b.params, rules, skip_params) + request + response
    rows += response_meta_rows(a, b, rules)
    if chunking is not None:
        rows.append(chunking)
    return rows, chunking is not None
