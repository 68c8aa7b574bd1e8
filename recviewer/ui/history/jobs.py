"""Background jobs of the history UI (``ui.workers``: ``fn(control, *args)``).

Plain inputs, plain results (core objects or ``RecordingError``), never a
widget. Git is read through core ``sources`` only: one ``cat-file`` process
per source, nothing written to the repository.
"""

from __future__ import annotations

import errno
import time
from dataclasses import dataclass
from typing import Sequence

from recviewer.core.errors import RecordingError
from recviewer.core.model import Recording
from recviewer.core.setdiff.compare import SetDiff, SetPair, compare_sources
from recviewer.core.sources.base import (FolderSource, GitRevisionSource, RecordingSource,
                                         load_recording, recording_from_bytes)
from recviewer.core.sources.git import CommitInfo, GitRepo, PathVersion
from recviewer.core.sources.history import recording_history
from recviewer.ui.history.revision_source import FolderAtRevision, FolderInRepo, locate

FIRST_COMMITS = 200  # shown before the rest of a long history is listed
PROGRESS_EVERY = 0.05  # seconds between progress reports of a set diff

Side = Recording | RecordingError


def locate_job(control, folder: str) -> FolderInRepo | RecordingError:
    """The repository holding ``folder`` (or why there is none)."""
    return locate(folder)


def commits_job(control, repo: GitRepo, path_filter: Sequence[str] | None,
                rev: str = "HEAD") -> list[CommitInfo] | RecordingError:
    """Commits newest first; the first ``FIRST_COMMITS`` go out as progress
    at once, so a long history shows its top while the rest is listed."""
    first = repo.list_commits(path_filter, FIRST_COMMITS, rev)
    if isinstance(first, RecordingError) or len(first) < FIRST_COMMITS:
        return first
    control.progress(first)
    if control.cancelled():
        return first
    return repo.list_commits(path_filter, None, rev)


def open_revision_job(control, place: FolderInRepo, rev: str) -> FolderAtRevision | RecordingError:
    """The folder at ``rev``, its tree listed (so the scan starts reading at once)."""
    source = FolderAtRevision.at(place, rev)
    if isinstance(source, RecordingError):
        return source
    entries = source.entries()
    if isinstance(entries, RecordingError):
        source.close()
        return RecordingError(f"{place.folder} at {rev}", entries.reason)
    return source


def revision_bytes(source: FolderAtRevision, path: str) -> bytes:
    """The bytes of ``path`` (``source.path_of`` spelling; a cassette's
    ``FILE#N`` names its file) from git objects: the byte reader the story
    (``core.sequence``) and the overview (``core.stats``) use at a revision.
    Raises ``OSError`` when the revision has no such file."""
    entry = source.entry_of(path)
    if entry is None:
        raise FileNotFoundError(errno.ENOENT, f"not in the revision {source.short}", path)
    data = next((d for _, d in source.read([entry])), ("cannot read: object missing", 0))
    if isinstance(data, tuple):
        raise OSError(data[0])
    return data


# ---------------------------------------------------------------- set diffs
@dataclass(slots=True, frozen=True)
class RevisionSpec:
    """One side of a comparison: a revision of a repository (paths under ``pathspecs``)."""

    repo: GitRepo
    rev: str
    pathspecs: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.rev


@dataclass(slots=True, frozen=True)
class FolderSpec:
    """One side of a comparison: a folder on disk."""

    folder: str

    @property
    def label(self) -> str:
        return self.folder


Spec = RevisionSpec | FolderSpec


@dataclass(slots=True, frozen=True)
class SetDiffOutcome:
    """A set diff and the two sources it read (kept open to show pairs)."""

    diff: SetDiff
    old: RecordingSource
    new: RecordingSource


def _open(spec: Spec, share: RecordingSource | None) -> RecordingSource | RecordingError:
    if isinstance(spec, FolderSpec):
        return FolderSource(spec.folder)
    shared = share if isinstance(share, GitRevisionSource) and share.repo is spec.repo else None
    return GitRevisionSource.from_repo(spec.repo, spec.rev, spec.pathspecs, share=shared)


def setdiff_job(control, old: Spec, new: Spec) -> SetDiffOutcome | RecordingError:
    """Classify every file of ``new`` against ``old``; progress ``(done, total)``."""
    a = _open(old, None)
    if isinstance(a, RecordingError):
        return a
    b = _open(new, a)  # two revisions of one repository share one cat-file process
    if isinstance(b, RecordingError):
        a.close()
        return b
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY or done == total:
            last[0] = now
            control.progress((done, total))

    result = compare_sources(a, b, progress, control.cancelled)
    if isinstance(result, RecordingError):
        close_sources(a, b)
        return result
    return SetDiffOutcome(result, a, b)


def close_sources(*sources: RecordingSource | None) -> None:
    """Close sources (a revision source ends the cat-file process it started;
    one that shares another's leaves it to its owner: pass sharers first)."""
    for source in sources:
        if source is not None:
            source.close()


def _side(source: RecordingSource, rel_path: str | None, known: Recording | None) -> Side | None:
    if rel_path is None:
        return None
    if known is not None:
        return known
    try:
        return load_recording(source, rel_path)
    except Exception as exc:  # noqa: BLE001 - an adapter bug is a message, not a traceback
        return RecordingError(rel_path, f"cannot read: {type(exc).__name__}: {exc}")


def pair_job(control, outcome: SetDiffOutcome, pair: SetPair) -> tuple[Side | None, Side | None]:
    """Both sides of a pair (None for the missing side of an added/removed file)."""
    old = _side(outcome.old, pair.old, pair.old_recording)
    if control.cancelled():
        return None, None
    return old, _side(outcome.new, pair.new, pair.new_recording)


# ---------------------------------------------------------------- one recording's history
def history_job(control, repo: GitRepo, path: str, rev: str,
                path_filter: Sequence[str] | None) -> list[PathVersion] | RecordingError:
    """The versions of a repository path through the commits that touched it,
    across key changes (``recording_history``), newest first."""
    return recording_history(repo, path, rev, True, list(path_filter) if path_filter else None)


def version_name(version: PathVersion) -> str:
    return f"{version.commit.short}:{version.path}"


def versions_job(control, repo: GitRepo, newer: PathVersion | None, older: PathVersion | None
                 ) -> tuple[Side | None, Side | None]:
    """The recordings two versions left (None: no version, or deleted there)."""
    wanted = [v for v in (older, newer) if v is not None and v.oid is not None]
    with repo.blobs() as blobs:
        data = {oid: blob for oid, blob in blobs.read([v.oid for v in wanted if v.oid])}

    def rec(v: PathVersion | None) -> Side | None:
        if v is None or v.oid is None:
            return None
        blob = data.get(v.oid)
        try:
            return recording_from_bytes(version_name(v), blob if blob is not None
                                        else ("cannot read: object missing", 0))
        except Exception as exc:  # noqa: BLE001
            return RecordingError(version_name(v), f"cannot read: {type(exc).__name__}: {exc}")

    return rec(older), rec(newer)
