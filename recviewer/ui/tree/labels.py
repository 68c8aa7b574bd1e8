"""Short human labels for recordings, shared by the tree and the status bar.

Plain Python (no Qt): what tells one recording apart from its siblings. The
format's label comes from its adapter (``core/formats``), not from here.
"""

from __future__ import annotations

from typing import Protocol

from recviewer.core.formats.registry import label_of


class _RefLike(Protocol):
    endpoint: str | None
    format: str
    streaming: bool
    chunks: int | None


def endpoint_label(ref: _RefLike) -> str:
    """``chat``, ``embeddings``, ``gemini``, ``tool``... ('' when unknown): the
    label the recording's adapter declares (``registry.label_of``)."""
    return label_of(ref.format or "", ref.endpoint)


def stream_label(ref: _RefLike) -> str:
    return "stream" if ref.streaming else ""


def chunks_label(ref: _RefLike) -> str:
    return str(ref.chunks) if ref.chunks is not None else ""


def count_label(n: int, one: str, many: str | None = None) -> str:
    """``1 recording`` / ``12 recordings``."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def human_size(n: int) -> str:
    """``812 B``, ``1.1 MB`` (decimal units, one decimal above bytes)."""
    if n < 1000:
        return f"{n} B"
    value = float(n)
    for unit in ("kB", "MB", "GB"):
        value /= 1000.0
        if value < 1000.0 or unit == "GB":
            return f"{value:.1f} {unit}"
    return f"{n} B"  # unreachable


def short_file_name(rel_path: str, keep: int = 12) -> str:
    """``e30bc6408e18….json`` for long hash names, the name itself otherwise."""
    name = rel_path.rsplit("/", 1)[-1]
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if len(stem) <= keep + 4:
        return name
    return f"{stem[:keep]}…{dot}{ext}"


def file_name(rel_path: str) -> str:
    """The last part of a path (a cassette interaction keeps its ``#N``)."""
    return rel_path.rsplit("/", 1)[-1]


def interaction_number(rel_path: str) -> int | None:
    """N of a cassette interaction ``FILE#N`` (0-based), None for a file."""
    head, sep, tail = rel_path.rpartition("#")
    if not sep or not tail.isdigit() or "/" in tail or not head:
        return None
    return int(tail)
