"""A recording as a readable Markdown transcript (for "Export as Markdown").

Message text is kept verbatim (it usually is Markdown already; citation markers
such as ``<|file-1|>`` stay as they are); everything else that comes from the
file goes into code spans or fenced blocks whose fences are longer than any
backtick run inside, so untrusted content cannot break the document structure.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable
from typing import Any

from recviewer.core.errors import RecordingError
from recviewer.core.model import (
    DataPart, ErrorPart, Exchange, ImagePart, Message, Part, ReasoningPart, Recording,
    RefusalPart, TextPart, ToolCallPart, ToolResultPart, Usage,
)

MAX_DATA_LINES = 200
RULE = "\n\n---\n\n"

_BACKTICKS = re.compile(r"`+")
_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


# ----------------------------------------------------------------- Markdown primitives
def _longest_backtick_run(text: str) -> int:
    return max((len(m) for m in _BACKTICKS.findall(text)), default=0)


def fence(body: str, info: str = "") -> str:
    """A fenced code block that ``body`` cannot close early."""
    ticks = "`" * max(3, _longest_backtick_run(body) + 1)
    if body and not body.endswith("\n"):
        body += "\n"
    return f"{ticks}{info}\n{body}{ticks}"


def code_span(text: str) -> str:
    """Inline code that survives backticks, pipes and newlines in ``text``."""
    text = text.replace("\r", " ").replace("\n", " ")
    ticks = "`" * (_longest_backtick_run(text) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _cell(markdown: str) -> str:
    """Table cell content: one line, pipes escaped (GFM escapes them even in code)."""
    return " ".join(markdown.split()).replace("|", "\\|")


def _inline(text: str) -> str:
    """Untrusted one-line label (role, title): whitespace collapsed, markup escaped."""
    return re.sub(r"([\\`*_\[\]<>#|~!])", r"\\\1", " ".join(text.split()))


def quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines() or [""])


def close_open_fence(text: str) -> str:
    """``text`` verbatim, plus a closing fence if it leaves a code block open
    (otherwise the rest of the transcript would render as code)."""
    open_char, open_len = "", 0
    for line in text.splitlines():
        m = _FENCE_LINE.match(line)
        if not m:
            continue
        run, rest = m.group(1), m.group(2)
        if not open_char:
            if not (run[0] == "`" and "`" in rest):
                open_char, open_len = run[0], len(run)
        elif run[0] == open_char and len(run) >= open_len and not rest.strip():
            open_char, open_len = "", 0
    if open_char:
        return text.rstrip("\n") + "\n" + open_char * open_len
    return text


def pretty_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def truncated(text: str, limit: int = MAX_DATA_LINES) -> tuple[str, str | None]:
    """At most ``limit`` lines of ``text``, and a note when some were cut."""
    lines = text.splitlines()
    if len(lines) <= limit:
        return text, None
    cut = len(lines) - limit
    return "\n".join(lines[:limit]), f"_… {cut} more lines not shown ({len(lines)} in all)._"


# ----------------------------------------------------------------- parts
def _image(part: ImagePart) -> str:
    detail = f", detail {part.detail}" if part.detail else ""
    if not part.is_data_url:
        return f"[image: {part.url}{detail}]"
    head, _, payload = part.url.partition(",")
    size = f"{len(payload)} bytes"
    if head.endswith(";base64"):
        try:
            size = f"{len(base64.b64decode(''.join(payload.split()), validate=True))} bytes"
        except (binascii.Error, ValueError):
            size = f"invalid base64 ({len(payload)} characters)"
    return f"[image: data URL, {size}, {part.media_type or 'unknown type'}{detail}]"


def _tool_call(part: ToolCallPart) -> str:
    ident = f" ({code_span(part.id)})" if part.id else ""
    head = f"**Tool call** {code_span(part.name or '?')}{ident}"
    if part.parse_error is not None:
        return f"{head}\n\n_{_inline(part.parse_error)}; shown as sent:_\n\n{fence(part.arguments)}"
    return f"{head}\n\n{fence(pretty_json(part.parsed), 'json')}"


def _tool_result(part: ToolResultPart, names: dict[str, str]) -> str:
    name = part.name or names.get(part.tool_call_id or "")
    head = "**Tool result**" + (f" for {code_span(name)}" if name else "")
    if part.tool_call_id:
        head += f" ({code_span(part.tool_call_id)})"
    return f"{head}\n\n{fence(part.content)}"


def _json_block(value: Any) -> str:
    body, note = truncated(pretty_json(value))
    return fence(body, "json") + (f"\n\n{note}" if note else "")


def _data(part: DataPart) -> str:
    head = f"**{_inline(part.title)}**" + (f" — {_inline(part.summary)}" if part.summary else "")
    return f"{head}\n\n{_json_block(part.value)}"


def error_block(err: ErrorPart) -> str:
    tags = [t for t in (code_span(err.kind) if err.kind else "",
                        f"HTTP {err.status}" if err.status is not None else "") if t]
    where = f" ({', '.join(tags)})" if tags else ""
    return quote(f"**Error**{where}: {err.message}")


def part_markdown(part: Part, names: dict[str, str]) -> str:
    if isinstance(part, TextPart):
        return close_open_fence(part.text)
    if isinstance(part, ReasoningPart):
        return quote("**Reasoning**\n\n" + part.text)
    if isinstance(part, RefusalPart):
        return quote("**Refusal**\n\n" + part.text)
    if isinstance(part, ImagePart):
        return _image(part)
    if isinstance(part, ToolCallPart):
        return _tool_call(part)
    if isinstance(part, ToolResultPart):
        return _tool_result(part, names)
    if isinstance(part, DataPart):
        return _data(part)
    if isinstance(part, ErrorPart):
        detail = "" if part.detail in (None, "", {}, []) else "\n\n" + _json_block(part.detail)
        return error_block(part) + detail
    return fence(repr(part))  # a part type added later: still shown


def message_markdown(msg: Message, names: dict[str, str]) -> str:
    head = f"### {_inline(msg.role) or '?'}" + (f" ({_inline(msg.name)})" if msg.name else "")
    body = [part_markdown(p, names) for p in msg.parts]
    return "\n\n".join([head, *(b for b in body if b.strip())] or [head])


# ----------------------------------------------------------------- recording
def _tool_names(ex: Exchange) -> dict[str, str]:
    """Call id → tool name, so results can say which tool they answer."""
    return {c.id: c.name for m in (*ex.request_messages, *ex.response_messages)
            for c in m.tool_calls if c.id}


def _offered_tools(params: dict[str, Any]) -> list[str]:
    names: list[str] = []
    tools = params.get("tools")
    for tool in tools if isinstance(tools, list) else ():
        if not isinstance(tool, dict):
            continue
        fn = tool.get("function")
        name = tool.get("name") or (fn.get("name") if isinstance(fn, dict) else None)
        if isinstance(name, str):
            names.append(name)
        decls = tool.get("functionDeclarations") or tool.get("function_declarations")
        for decl in decls if isinstance(decls, list) else ():
            if isinstance(decl, dict) and isinstance(decl.get("name"), str):
                names.append(decl["name"])
    return names


def _metadata(rec: Recording) -> str:
    streamed = "no"
    if rec.streaming:
        streamed = f"yes, {rec.chunk_count} chunks" if rec.chunk_count is not None else "yes"
    endpoint = " ".join(x for x in (rec.method, rec.endpoint) if x)
    rows = [
        ("File", code_span(rec.path)),
        ("Endpoint", code_span(endpoint) if endpoint else "—"),
        ("URL", code_span(rec.url) if rec.url and rec.url != rec.endpoint else ""),
        ("Model", code_span(rec.model) if rec.model else "—"),
        ("Format", code_span(rec.format)),
        ("Status", str(rec.status) if rec.status is not None else "—"),
        ("Streamed", streamed),
        ("Tools offered", ", ".join(code_span(n) for n in _offered_tools(rec.exchange.params))),
    ]
    lines = ["| Field | Value |", "|---|---|"]
    lines += [f"| {k} | {_cell(v)} |" for k, v in rows if v]
    return "\n".join(lines)


def _usage_line(usage: Usage) -> str:
    bits = [f"{n} {label}" for n, label in ((usage.prompt_tokens, "prompt"),
                                            (usage.completion_tokens, "completion")) if n is not None]
    total = f"{usage.total_tokens} total" if usage.total_tokens is not None else ""
    return f"**Usage:** {' + '.join(bits)}{' = ' if bits and total else ''}{total} tokens"


def _section(title: str, messages: tuple[Message, ...], names: dict[str, str]) -> list[str]:
    if not messages:
        return []
    return [f"## {title}", *(message_markdown(m, names) for m in messages)]


def recording_to_markdown(rec: Recording) -> str:
    """One recording as a Markdown transcript (ends with a newline)."""
    ex = rec.exchange
    title = rec.test_id or rec.path.replace("\\", "/").rsplit("/", 1)[-1]
    blocks = [f"# {code_span(title)}", _metadata(rec)]
    if ex.error is not None:
        blocks.append(error_block(ex.error))
    elif rec.status is not None and rec.status >= 400:  # an adapter that did not say why
        blocks.append(error_block(ErrorPart(f"the server answered HTTP {rec.status}",
                                            status=rec.status)))
    names = _tool_names(ex)
    blocks += _section("Request", ex.request_messages, names)
    blocks += _section("Response", ex.response_messages, names)
    end = []
    if ex.finish_reason:
        end.append(f"**Finish reason:** {code_span(ex.finish_reason)}")
    if ex.usage is not None:
        end.append(_usage_line(ex.usage))
    if end:
        blocks += ["## Result", *end]
    return "\n\n".join(blocks) + "\n"


def error_to_markdown(err: RecordingError) -> str:
    """A file that could not be read, in the same shape as a transcript."""
    title = err.path.replace("\\", "/").rsplit("/", 1)[-1]
    reason = str(err.reason) + (f" (at byte {err.offset})" if err.offset is not None else "")
    return (f"# {code_span(title)}\n\n| Field | Value |\n|---|---|\n| File | {_cell(code_span(err.path))} |"
            f"\n\n{quote('**Error**: could not read this file: ' + reason)}\n")


def recordings_to_markdown(recs: Iterable[Recording | RecordingError]) -> str:
    """Several recordings (a selection), separated by horizontal rules."""
    parts = [recording_to_markdown(r) if isinstance(r, Recording) else error_to_markdown(r)
             for r in recs]
    return RULE.join(p.rstrip("\n") for p in parts) + "\n" if parts else ""
