"""One line saying how two recordings differ, in words."""

from __future__ import annotations

from recviewer.core.diff.changes import Change
from recviewer.core.diff.recording_diff import RecordingDiff
from recviewer.core.diff.rows import Row

_CHUNKING = "same content, different chunking"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _message_counts(rows: tuple[Row, ...]) -> dict[str, int]:
    counts = {"changed": 0, "added": 0, "removed": 0}
    for r in rows:
        if not r.is_message:
            continue
        if r.status in ("added", "removed"):
            counts[r.status] += 1
        elif r.status == "changed":
            call_paths = {c.path for t in r.tool_calls for c in t.changes}
            if any(not c.noise and c.path not in call_paths for c in r.changes):
                counts["changed"] += 1
    return counts


def _tool_call_counts(rows: tuple[Row, ...]) -> dict[str, int]:
    counts = {"changed": 0, "added": 0, "removed": 0}
    for r in rows:
        for t in r.tool_calls:
            if t.status in counts:
                counts[t.status] += 1
    return counts


def _meta_phrases(d: RecordingDiff) -> list[str]:
    phrases: list[str] = []
    params = fields = 0
    for r in d.rows:
        if r.is_message or r.status != "changed":
            continue
        if r.note:
            phrases.append(r.note)
        elif r.label == "meta.format":
            phrases.append(f"format differs ({d.format_a} vs {d.format_b})")
        elif r.label.startswith("request.params"):
            params += 1
        elif r.label.startswith("response.body"):
            fields += 1
        else:
            name = r.label.split(".", 1)[-1]
            if "." not in name and "[" not in name:
                name = name.replace("_", " ")
            phrases.append(f"{name} changed")
    if params:
        phrases.append(f"{_plural(params, 'parameter')} changed")
    if fields:
        phrases.append(f"{_plural(fields, 'response field')} changed")
    return phrases


# The wording of "no real difference", one place for the CLI and the views.
NO_CHANGES = "equivalent (no changes)"
ONLY_NOISE = "equivalent (only normalisation noise)"


def summarize(d: RecordingDiff) -> str:
    """E.g. "equivalent (only normalisation noise)" or
    "1 message changed, 1 tool call changed, model changed"."""
    if not d.changes:
        return NO_CHANGES
    if d.equivalent:
        return f"{ONLY_NOISE}; {_CHUNKING}" if d.same_content_different_chunking else ONLY_NOISE
    phrases: list[str] = []
    for what, counts in (("message", _message_counts(d.rows)),
                         ("tool call", _tool_call_counts(d.rows))):
        for kind in ("changed", "added", "removed"):
            if counts[kind]:
                phrases.append(f"{_plural(counts[kind], what)} {kind}")
    phrases.extend(_meta_phrases(d))
    if not phrases:  # a change no row category names (should not happen)
        phrases.append(_plural(len(d.real_changes), "change"))
    if d.same_content_different_chunking:
        phrases.append(_CHUNKING)
    return ", ".join(phrases)


def describe_change(c: Change) -> str:
    """``~ path`` / ``+ path`` / ``- path`` with a short noise mark."""
    mark = {"changed": "~", "added": "+", "removed": "-"}[c.kind]
    return f"{mark} {c.path}" + ("  (noise)" if c.noise else "")
