"""Short human labels for recordings, shared by the tree and the status bar.

Plain Python (no Qt): what tells one recording apart from its siblings.
"""

from __future__ import annotations

from typing import Protocol

# (substring of the endpoint path, label); first match wins.
_ENDPOINT_LABELS: tuple[tuple[str, str], ...] = (
    ("/chat/completions", "chat"),
    ("/completions", "completions"),
    ("/embeddings", "embeddings"),
    ("/models", "models"),
    ("/api/", "ollama"),
    ("generate_content", "gemini"),
    ("/interactions", "gemini"),
    ("/messages", "anthropic"),
    ("/responses", "responses"),
)

# (substring of the adapter/format name, label) for recordings without an endpoint.
_FORMAT_LABELS: tuple[tuple[str, str], ...] = (
    ("tool", "tool"),
    ("file", "file-proc"),
    ("gemini", "gemini"),
    ("anthropic", "anthropic"),
    ("ollama", "ollama"),
    ("embedding", "embeddings"),
    ("model", "models"),
    ("completion", "completions"),
    ("chat", "chat"),
)


class _RefLike(Protocol):
    endpoint: str | None
    format: str
    streaming: bool
    chunks: int | None


def endpoint_label(ref: _RefLike) -> str:
    """``chat``, ``embeddings``, ``gemini``, ``tool``... ('' when unknown)."""
    endpoint = (ref.endpoint or "").lower()
    for needle, label in _ENDPOINT_LABELS:
        if needle in endpoint:
            return label
    fmt = (ref.format or "").lower()
    for needle, label in _FORMAT_LABELS:
        if needle in fmt:
            return label
    if endpoint:
        return endpoint.rstrip("/").rsplit("/", 1)[-1]
    return ""


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
