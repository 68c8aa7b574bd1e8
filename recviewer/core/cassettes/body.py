"""HTTP bodies of cassette interactions, decoded by their bytes.

A body may be a string, ``bytes`` (``!!binary``), a ``{string: ...}`` mapping
(vcrpy), or an already-parsed JSON value (pydantic-ai's ``parsed_body``).
Compression is recognised by its magic bytes (a header saying gzip on a plain
body is ignored): gzip and deflate always, brotli and zstd when a library is
importable. Text is decoded with the content type's charset. What is neither
text nor JSON stays a typed blob: media type and size (an image also gets a
``data:`` URL we built, shown as a thumbnail; nothing is executed or fetched).
"""

from __future__ import annotations

import base64
import gzip
import zlib
from dataclasses import dataclass
from typing import Any

import orjson

try:  # optional decoders: used when installed, never required
    import brotli  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None
try:
    import zstandard  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    zstandard = None

MAX_INFLATED = 512 * 1024 * 1024  # a decompressed body larger than this is not inflated
THUMBNAIL_MAX = 8 * 1024 * 1024  # images up to this size get a data: URL

TEXT_TYPES = ("text/", "application/json", "application/x-ndjson", "application/xml",
              "application/javascript", "application/x-www-form-urlencoded", "+json", "+xml",
              "application/yaml", "application/x-yaml", "application/sql", "application/graphql")


@dataclass(slots=True, frozen=True)
class Body:
    """A decoded body. ``kind``: ``none``, ``json``, ``text``, ``sse``,
    ``eventstream`` or ``binary``; ``value``: the JSON value, the text, or the
    bytes (eventstream / binary)."""

    kind: str
    value: Any
    media_type: str | None
    size: int
    note: str | None = None  # e.g. "gzip-compressed body, inflated" or why not

    @property
    def is_binary(self) -> bool:
        return self.kind in ("binary", "eventstream")

    def data_url(self) -> str | None:
        """A ``data:`` URL for an image body (built here, never fetched)."""
        if self.kind != "binary" or not (self.media_type or "").startswith("image/"):
            return None
        if not isinstance(self.value, bytes) or len(self.value) > THUMBNAIL_MAX:
            return None
        return f"data:{self.media_type};base64,{base64.b64encode(self.value).decode('ascii')}"

    def summary(self) -> str:
        what = self.media_type or "binary"
        return f"{what} body ({self.size:,} bytes)"


def media_type_of(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def charset_of(content_type: str | None) -> str | None:
    for piece in (content_type or "").split(";")[1:]:
        name, _, value = piece.strip().partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"') or None
    return None


def inflate(data: bytes, encoding: str | None) -> tuple[bytes, str | None]:
    """Decompress by the magic bytes (and the header for brotli, which has
    none); returns the bytes and a note, or the bytes unchanged."""
    enc = (encoding or "").lower()
    try:
        if data[:2] == b"\x1f\x8b":
            out = gzip.GzipFile(fileobj=_Reader(data)).read(MAX_INFLATED + 1)
            return (out, "gzip-compressed body, inflated") if len(out) <= MAX_INFLATED else (
                data, "gzip body too large to inflate")
        if data[:1] == b"\x78" and len(data) > 2 and int.from_bytes(data[:2], "big") % 31 == 0:
            d = zlib.decompressobj()
            out = d.decompress(data, MAX_INFLATED)
            return out, "deflate-compressed body, inflated"
        if data[:4] == b"\x28\xb5\x2f\xfd":
            if zstandard is not None:
                out = zstandard.ZstdDecompressor().decompress(data, max_output_size=MAX_INFLATED)
                return out, "zstd-compressed body, inflated"
            return data, f"zstd-compressed body ({len(data):,} bytes)"
        if "br" in enc.replace(",", " ").split():
            if brotli is not None:
                return brotli.decompress(data), "brotli-compressed body, inflated"
            return data, f"brotli-compressed body ({len(data):,} bytes)"
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        return data, f"compressed body could not be inflated: {exc}"
    except Exception as exc:  # noqa: BLE001 - optional libraries raise their own types
        return data, f"compressed body could not be inflated: {type(exc).__name__}"
    return data, None


class _Reader:
    """A minimal read-only file object over bytes (for GzipFile)."""

    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)
        self._pos = 0

    def read(self, n: int = -1) -> bytes:
        end = len(self._data) if n is None or n < 0 else min(len(self._data), self._pos + n)
        out = bytes(self._data[self._pos:end])
        self._pos = end
        return out

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    @property
    def closed(self) -> bool:
        return False


def _looks_textual(media: str | None, data: bytes) -> bool:
    if media and any(t in media for t in TEXT_TYPES):
        return True
    if media and media.startswith(("image/", "audio/", "video/", "application/pdf",
                                   "application/octet-stream", "application/zip",
                                   "application/grpc", "application/x-protobuf",
                                   "application/vnd.amazon.eventstream")):
        return False
    head = data[:2048]
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4  # a character cut at the sample's end
    return True


def _text_kind(media: str | None, text: str) -> tuple[str, Any]:
    stripped = text.lstrip()
    if media == "text/event-stream" or (media is None and stripped.startswith(("data:", "event:"))):
        return "sse", text
    if stripped[:1] in ("{", "[") and (media is None or "json" in media or media == "text/plain"):
        try:
            return "json", orjson.loads(text)
        except (orjson.JSONDecodeError, RecursionError):
            pass
    return "text", text


def decode_body(raw: Any, content_type: str | None, encoding: str | None = None) -> Body:
    """One body as recorded → Body (never raises)."""
    media = media_type_of(content_type)
    if isinstance(raw, dict) and set(raw) <= {"string", "encoding"} and "string" in raw:
        raw = raw["string"]
    if raw is None or raw == "" or raw == b"":
        return Body("none", None, media, 0)
    if not isinstance(raw, (str, bytes)):
        size = len(orjson.dumps(raw, default=str)) if raw is not None else 0
        return Body("json", raw, media or "application/json", size)
    if isinstance(raw, str):
        kind, value = _text_kind(media, raw)
        return Body(kind, value, media, len(raw.encode("utf-8", "surrogatepass")))
    data = raw
    size = len(data)
    data, note = inflate(data, encoding)
    if media == "application/vnd.amazon.eventstream":
        return Body("eventstream", data, media, size, note)
    if note and "inflated" not in note:
        return Body("binary", data, media, size, note)
    if not _looks_textual(media, data):
        return Body("binary", data, media or "application/octet-stream", size, note)
    text = data.decode(charset_of(content_type) or "utf-8", "replace") \
        if _known_codec(charset_of(content_type)) else data.decode("utf-8", "replace")
    kind, value = _text_kind(media, text)
    return Body(kind, value, media, size, note)


def _known_codec(name: str | None) -> bool:
    if not name:
        return True
    import codecs
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True
