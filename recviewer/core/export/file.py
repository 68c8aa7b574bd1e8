"""Export recordings to a file: render Markdown or normalised JSON, write atomically.

Qt-free, so the viewer's Export… and tests share one writer. ``write_export``
never replaces an existing file unless the caller says the user confirmed it,
and never leaves a half-written file: the bytes go to a temporary file in the
target folder, which is then renamed over the target (``os.replace``).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from typing import Callable, Iterable, Literal

from recviewer.core.errors import RecordingError
from recviewer.core.export.json_dict import dumps, recording_dict
from recviewer.core.export.markdown import recording_to_markdown, recordings_to_markdown
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording

ExportFormat = Literal["markdown", "json"]
SUFFIXES: dict[str, ExportFormat] = {".md": "markdown", ".markdown": "markdown", ".json": "json"}
SUFFIX_OF: dict[ExportFormat, str] = {"markdown": ".md", "json": ".json"}


def _read_umask() -> int:
    mask = os.umask(0o022)  # the only way to read it; put back at once (at import)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


@dataclass(slots=True, frozen=True)
class ExportOutcome:
    path: str
    written: bool
    reason: str | None = None  # why nothing was written
    count: int = 0  # recordings exported


def format_for_path(path: str, default: ExportFormat = "markdown") -> ExportFormat:
    """The format a file name asks for by its suffix (``default`` otherwise)."""
    return SUFFIXES.get(os.path.splitext(path)[1].lower(), default)


def error_dict(err: RecordingError) -> dict[str, object]:
    """An unreadable file in a JSON export: its path and why."""
    return {"path": err.path, "error": str(err.reason)}


def render_export(items: Iterable[Recording | RecordingError], fmt: ExportFormat,
                  *, as_list: bool | None = None) -> bytes:
    """The export's bytes. JSON is one object for a single recording and a
    list for several (``as_list`` forces either shape)."""
    items = list(items)
    if fmt == "json":
        dicts = [recording_dict(r) if isinstance(r, Recording) else error_dict(r) for r in items]
        many = len(dicts) != 1 if as_list is None else as_list
        return dumps(dicts if many else dicts[0])
    if len(items) == 1 and isinstance(items[0], Recording):
        return recording_to_markdown(items[0]).encode("utf-8")
    return recordings_to_markdown(items).encode("utf-8")


def _never() -> bool:
    return False


def read_all(paths: Iterable[str], cancelled: Callable[[], bool] = _never
             ) -> list[Recording | RecordingError]:
    """Read recordings in order; stops early (returning what it has) when cancelled."""
    out: list[Recording | RecordingError] = []
    for path in paths:
        if cancelled():
            break
        out.append(read_recording(path))
    return out


def write_export(path: str, data: bytes, *, overwrite: bool = False) -> ExportOutcome:
    """Write ``data`` to ``path`` atomically.

    An existing file is replaced only with ``overwrite=True`` (the user said
    yes); otherwise nothing is written and the outcome says why.
    """
    path = os.path.abspath(path)
    folder = os.path.dirname(path)
    if os.path.isdir(path):
        return ExportOutcome(path, False, "is a folder")
    if os.path.lexists(path) and not overwrite:
        return ExportOutcome(path, False, "already exists (not replaced)")
    if not os.path.isdir(folder):
        return ExportOutcome(path, False, f"no such folder: {folder}")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".recviewer-export-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp made it private; a normal file now
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        return ExportOutcome(path, False, exc.strerror or str(exc))
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return ExportOutcome(path, True)


def export_paths(paths: list[str], target: str, fmt: ExportFormat, *, overwrite: bool,
                 cancelled: Callable[[], bool] = _never) -> ExportOutcome:
    """Read ``paths``, render them as ``fmt`` and write ``target`` (worker-thread safe)."""
    items = read_all(paths, cancelled)
    if cancelled():
        return ExportOutcome(os.path.abspath(target), False, "cancelled")
    if not items:
        return ExportOutcome(os.path.abspath(target), False, "nothing to export")
    outcome = write_export(target, render_export(items, fmt), overwrite=overwrite)
    return ExportOutcome(outcome.path, outcome.written, outcome.reason, len(items))
