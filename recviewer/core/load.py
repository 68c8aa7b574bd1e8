"""Bytes → plain JSON values, safely.

Envelopes ``{"__type__": "pkg.Class", "__data__": {...}}`` are unwrapped by data
alone: the type name is recorded (as ``TYPE_KEY`` inside the unwrapped dict)
for display, and never imported, resolved or called.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from typing import Any, Callable, TypeVar

import orjson

from recviewer.core.errors import RecordingError, RecordingLoadError
from recviewer.core.lenient_json import NotLenient, lenient_loads

TYPE_KEY = "__type__"
DATA_KEY = "__data__"
# Deeper nesting is refused (real recordings stay under 50). Kept well below what
# recursive consumers survive: Python's recursion limit (unwrap and the diff
# take 2-3 frames per level) and orjson.dumps (255 levels).
MAX_DEPTH = 200


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
_READ_AT_ONCE = 1 << 30  # below what one read() returns at most (2 GiB - 4 KiB on Linux)
# Real recordings stay under a few MB; parsing a file of several GB would take
# ten times that in memory, so larger files are refused before being read.
MAX_FILE_BYTES = 1_000_000_000


class FileTooLarge(OSError):
    """A file over ``MAX_FILE_BYTES``; ``size`` is its size in bytes."""

    def __init__(self, path: str, size: int) -> None:
        super().__init__(errno.EFBIG, f"too large to open ({size / 1e9:.2f} GB; recviewer "
                                      f"opens files up to {MAX_FILE_BYTES / 1e9:g} GB)", path)
        self.size = size


def read_problem(exc: OSError) -> str:
    """The one-line reason shown for a file that could not be read."""
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "file not found (deleted or moved?)"
    if isinstance(exc, FileTooLarge):
        return exc.strerror
    return f"cannot read: {exc.strerror or exc}"


def read_bytes(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """Read a regular file for reading only; ``limit`` caps how much is read
    (without one, a file over ``MAX_FILE_BYTES`` raises ``FileTooLarge``).

    Opened non-blocking and checked before reading, so a FIFO (which would block
    forever) or a device such as /dev/zero (endless) is refused with an OSError.
    Read with one system call when the file is as large as it said (a catalog
    scan reads tens of thousands of files), more when it grew meanwhile.
    """
    fd = os.open(path, _READ_FLAGS)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", os.fspath(path))
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe or a device)", os.fspath(path))
        if limit is None and st.st_size > MAX_FILE_BYTES:
            raise FileTooLarge(os.fspath(path), st.st_size)
        want = st.st_size + 1 if limit is None else limit  # one more: did it grow?
        data = os.read(fd, min(want, _READ_AT_ONCE))
        if len(data) < min(want, _READ_AT_ONCE) or len(data) == limit:
            return data  # a short read of a regular file: its end
        parts = [data]
        got = len(data)
        while limit is None or got < limit:
            part = os.read(fd, _READ_AT_ONCE if limit is None else min(limit - got, _READ_AT_ONCE))
            if not part:
                break
            parts.append(part)
            got += len(part)
        return b"".join(parts)
    finally:
        os.close(fd)


def decode_json(data: bytes) -> Any:
    """Parse JSON bytes; a UTF-8 BOM and UTF-16/32 text are tolerated.

    Raises RecordingLoadError."""
    if not data or data.isspace():  # (not data.strip(), without copying the data)
        raise RecordingLoadError("the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif (encoding := json.detect_encoding(data)) != "utf-8":
        # UTF-16/32, with or without BOM (RFC 4627 detection by NUL pattern)
        try:
            data = data.decode(encoding).encode("utf-8")
        except UnicodeError as exc:
            raise RecordingLoadError(f"not valid {encoding.upper()} text: {exc}") from None
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        try:  # NaN, Infinity, 10**400, lone surrogates: what Python's json.dump writes
            return lenient_loads(data, MAX_DEPTH)
        except NotLenient:
            pass
        if "UTF-8" in str(exc):  # orjson does not say where: find the bad byte
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as bad:
                raise RecordingLoadError(f"not valid UTF-8 text: byte 0x{data[bad.start]:02x} "
                                         f"at offset {bad.start}") from None
        raise RecordingLoadError(f"not valid JSON: {exc}") from None
    except RecursionError:
        raise RecordingLoadError("JSON nested too deeply to read") from None


def type_name(value: Any) -> str | None:
    """The recorded ``__type__`` of an unwrapped dict, for display only."""
    if isinstance(value, dict):
        name = value.get(TYPE_KEY)
        return name if isinstance(name, str) else None
    return None


def unwrap(value: Any, _depth: int = 0) -> Any:
    """Replace every envelope by its data dict, tagging it with ``__type__``.

    Pure data transformation; returns new containers, leaves input untouched.
    """
    if _depth > MAX_DEPTH:
        raise RecordingLoadError("JSON nested too deeply to read")
    if isinstance(value, dict):
        if TYPE_KEY in value and DATA_KEY in value and len(value) <= 3:
            inner = unwrap(value[DATA_KEY], _depth + 1)
            name = value[TYPE_KEY]
            if isinstance(inner, dict):
                out = {TYPE_KEY: name if isinstance(name, str) else repr(name)}
                out.update((k, v) for k, v in inner.items() if k != TYPE_KEY)
                return out
            return inner
        if value and _depth >= MAX_DEPTH:  # its items would be too deep (as below)
            raise RecordingLoadError("JSON nested too deeply to read")
        # Scalars are kept as they are without a call each (embedding vectors
        # hold thousands of floats): same result, a fraction of the time.
        return {k: unwrap(v, _depth + 1) if isinstance(v, (dict, list)) else v
                for k, v in value.items()}
    if isinstance(value, list):
        if value and _depth >= MAX_DEPTH:
            raise RecordingLoadError("JSON nested too deeply to read")
        return [unwrap(v, _depth + 1) if isinstance(v, (dict, list)) else v for v in value]
    return value


def strip_types(value: Any) -> Any:
    """A copy without the ``__type__`` tags (for normalised export / diffs)."""
    if isinstance(value, dict):
        return {k: strip_types(v) for k, v in value.items() if k != TYPE_KEY}
    if isinstance(value, list):
        return [strip_types(v) for v in value]
    return value


_T = TypeVar("_T")


def read_parsed(path: str | os.PathLike[str], parse: Callable[[bytes], _T]
                ) -> tuple[_T, int] | RecordingError:
    """``(parse(bytes), size)`` of one file read within the size limit; a file
    that cannot be read or parsed (``RecordingLoadError``, nesting too deep)
    is a RecordingError."""
    p = os.fspath(path)
    try:
        data = read_bytes(p)
    except OSError as exc:
        return RecordingError(p, read_problem(exc))
    try:
        return parse(data), len(data)
    except RecordingLoadError as exc:
        return RecordingError(p, str(exc))
    except RecursionError:
        return RecordingError(p, "JSON nested too deeply to read")


def _unwrapped(data: bytes) -> Any:
    return unwrap(decode_json(data))


def load_document(path: str | os.PathLike[str]) -> tuple[Any, int] | RecordingError:
    """Read and unwrap one file. Returns (document, size) or a RecordingError."""
    return read_parsed(path, _unwrapped)
