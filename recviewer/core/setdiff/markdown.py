"""A set diff as a GitHub-flavoured Markdown review report (a CI comment).

A summary table (files per class), files per test file and per provider and
model, then each real change collapsed in ``<details>``: test id, paths, what
changed in the request, and the answer's changed words as ``~~old~~ **new**``.
Noise-only files are counted, never listed. Everything is capped so a
400-file re-record stays readable ("N more").

All text from recordings is untrusted: :func:`md_text` escapes it for Markdown
(every ASCII punctuation mark backslash-escaped, ``& < >`` as entities so no
HTML gets through, line breaks and control or bidi characters neutralised,
``@`` mentions broken) and :func:`html_text` for the raw-HTML ``<summary>``.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

import orjson

from recviewer.core.catalog.scan import split_test_id
from recviewer.core.diff import DEFAULT_RULES, Change, word_diff
from recviewer.core.setdiff.compare import CLASSES, SetDiff, SetPair

MAX_DETAILS = 40        # changes shown in <details>
MAX_TABLE_ROWS = 30     # rows of the per-test-file and per-model tables
MAX_LINES = 8           # request / answer lines in one change
MAX_VALUE = 160         # characters of one shown value
CONTEXT = 40            # unchanged characters kept around a word change
_ORDER = ("request", "response", "added", "removed")
_TITLES = {"noise": "noise only", "response": "response changed",
           "request": "request changed", "added": "added", "removed": "removed",
           "unchanged": "unchanged"}
# Markdown's inline syntax (and GitHub's ``$`` math); recorded text never starts a
# line (it always follows a label or a table pipe), so block syntax cannot start.
_PUNCT = re.compile(r"([\\`*_{}\[\]()#+!|~$^=-])")
_HTML_PUNCT = re.compile(r"[\\`*_\[\]()!|~$]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e"
                      "\u2066-\u2069\ufeff]")
_NO_TEST_FILE = "(no test id)"


# ---------------------------------------------------------------- escaping
def _flat(text: str) -> str:
    """One line: breaks and tabs become spaces, other controls vanish."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " ")
    return _CONTROL.sub("", text)


def _cap(text: str, limit: int = MAX_VALUE) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def md_text(text: Any, limit: int = MAX_VALUE) -> str:
    """Untrusted text as inert Markdown inline text (one line, capped)."""
    s = _cap(_flat(str(text)), limit)
    s = _PUNCT.sub(r"\\\1", s)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s.replace("@", "@\u200b")  # no @mention pings from recorded text


def html_text(text: Any, limit: int = MAX_VALUE) -> str:
    """Untrusted text inside raw HTML (``<summary>``): entities only, one line."""
    s = _cap(_flat(str(text)), limit)
    s = (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
         .replace('"', "&quot;").replace("'", "&#39;"))
    # Markdown syntax as numeric entities too: inert whether or not a renderer
    # reads Markdown inside the HTML block.
    s = _HTML_PUNCT.sub(lambda m: f"&#{ord(m.group())};", s)
    return s.replace("@", "@\u200b")


def _cell(text: Any) -> str:
    return md_text(text, 80) or "–"


# ---------------------------------------------------------------- tables
def _test_file(p: SetPair) -> str:
    return split_test_id(p.test_id)[0] if p.test_id else _NO_TEST_FILE


def _model(p: SetPair) -> tuple[str, str]:
    return (p.provider, p.model or "–")


def _class_columns(counts: dict[str, int]) -> str:
    return " | ".join(str(counts.get(c, 0)) for c in CLASSES)


def _grouped_table(title: str, heads: list[str], groups: dict[tuple[str, ...], dict[str, int]],
                   unit: str) -> list[str]:
    if not groups:
        return []
    ranked = sorted(groups.items(), key=lambda kv: (-sum(v for k, v in kv[1].items()
                                                          if k != "noise"), kv[0]))
    lines = [f"### {title}", "",
             "| " + " | ".join(heads + list(CLASSES)) + " |",
             "|" + "---|" * len(heads) + "---:|" * len(CLASSES)]
    for key, counts in ranked[:MAX_TABLE_ROWS]:
        lines.append("| " + " | ".join(_cell(k) for k in key) + " | " + _class_columns(counts)
                     + " |")
    if len(ranked) > MAX_TABLE_ROWS:
        lines += ["", f"… and {len(ranked) - MAX_TABLE_ROWS} more {unit}."]
    return lines + [""]


def _group(pairs: Iterable[SetPair], key: Any) -> dict[tuple[str, ...], dict[str, int]]:
    out: dict[tuple[str, ...], dict[str, int]] = {}
    for p in pairs:
        k = key(p)
        counts = out.setdefault(k if isinstance(k, tuple) else (k,), {})
        counts[p.cls] = counts.get(p.cls, 0) + 1
    return out


# ---------------------------------------------------------------- one change
def _short(value: Any) -> str:
    if isinstance(value, str):
        return value
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    except (orjson.JSONEncodeError, TypeError):
        return repr(value)


def _words(a: str, b: str) -> str:
    """``… same ~~old~~ **new** same …`` with each piece escaped."""
    ops = word_diff(a, b)
    noisy = DEFAULT_RULES.noisy_word_changes(ops)
    out = []
    for i, (op, text) in enumerate(ops):
        if op == "equal":
            if len(text) > 2 * CONTEXT:
                text = text[:CONTEXT] + " … " + text[-CONTEXT:]
            out.append(md_text(text, 4 * CONTEXT))
            continue
        core = text.strip()
        if not core:
            continue
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() else ""
        mark = "~~" if op == "delete" else "**"
        if i in noisy:
            mark = ""
        if op == "insert" and not lead and out and out[-1].endswith("~~"):
            lead = " "  # ~~old~~ **new**, not ~~old~~**new**
        out.append(f"{lead}{mark}{md_text(core, MAX_VALUE)}{mark}{trail}")
    line = "".join(out)
    return line if len(line) <= 6 * MAX_VALUE else line[:6 * MAX_VALUE] + " …"


def _change_line(c: Change) -> str:
    where = md_text(c.path, 100)
    if c.kind == "added":
        return f"- {where}: added {md_text(_short(c.b))}"
    if c.kind == "removed":
        return f"- {where}: removed {md_text(_short(c.a))}"
    if isinstance(c.a, str) and isinstance(c.b, str) and (len(c.a) > 40 or len(c.b) > 40):
        return f"- {where}: {_words(c.a, c.b)}"
    return f"- {where}: ~~{md_text(_short(c.a))}~~ **{md_text(_short(c.b))}**"


def _capped(lines: list[str], what: str) -> list[str]:
    if len(lines) <= MAX_LINES:
        return lines
    return lines[:MAX_LINES] + [f"- … and {len(lines) - MAX_LINES} more {what}"]


def _is_request(c: Change) -> bool:
    return c.path.startswith("request") or c.path in ("meta.test_id", "meta.streaming")


def _details(p: SetPair) -> list[str]:
    title = f"{p.cls} · {p.test_id or p.path}"
    lines = ["<details>", f"<summary>{html_text(title, 200)}</summary>", ""]
    lines.append(f"- test id: {md_text(p.test_id) if p.test_id else '–'}")
    if p.key_changed:
        lines += [f"- old: {md_text(p.old, 200)}", f"- new: {md_text(p.new, 200)}"]
    else:
        lines.append(f"- file: {md_text(p.path, 200)}")
    if p.endpoint or p.model:
        lines.append(f"- call: {md_text(p.endpoint or '–')} · {md_text(p.model or '–')}")
    if p.stale:
        lines.append("- **stale**: the request changed under the same file name")
    if p.summary:
        lines.append(f"- summary: {md_text(p.summary, 200)}")
    if p.diff is not None:
        real = p.diff.real_changes
        request = [_change_line(c) for c in real if _is_request(c)]
        answer = [_change_line(c) for c in real if not _is_request(c)]
        if request:
            lines += ["", "**Request**", ""] + _capped(request, "request changes")
        if answer:
            lines += ["", "**Answer**", ""] + _capped(answer, "answer changes")
    return lines + ["", "</details>", ""]


# ---------------------------------------------------------------- report
def markdown_report(d: SetDiff, title: str | None = None) -> str:
    """The whole report (ends with a newline)."""
    real = [p for p in d.pairs if p.cls != "noise"]
    heading = title or f"Recording changes: {d.old_label} → {d.new_label}"
    out = [f"## {md_text(heading, 300)}", ""]
    out.append(f"**{len(real)}** real change{'s' if len(real) != 1 else ''}, "
               f"**{d.counts.get('noise', 0)}** noise-only, "
               f"**{d.counts.get('unchanged', 0)}** unchanged.")
    out += ["", "| class | files |", "|---|---:|"]
    out += [f"| {_TITLES[c]} | {d.counts.get(c, 0)} |" for c in (*CLASSES, "unchanged")]
    out.append("")
    out += _grouped_table("By test file", ["test file"], _group(d.pairs, _test_file), "test files")
    out += _grouped_table("By provider and model", ["provider", "model"],
                          _group(d.pairs, _model), "providers and models")
    shown = sorted(real, key=lambda p: (_ORDER.index(p.cls), p.path))
    if shown:
        out += ["### Changes", ""]
        for p in shown[:MAX_DETAILS]:
            out += _details(p)
        if len(shown) > MAX_DETAILS:
            out += [f"… and {len(shown) - MAX_DETAILS} more changes not shown "
                    "(`recviewer-cli setdiff --json` lists them all).", ""]
    if d.counts.get("noise", 0):
        out += [f"{d.counts['noise']} file{'s' if d.counts['noise'] != 1 else ''} differ only by "
                "normalisation noise (ids, timestamps, fingerprints, scores, usage): counted, "
                "not listed.", ""]
    return "\n".join(out).rstrip("\n") + "\n"
