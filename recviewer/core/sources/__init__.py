"""Where recordings come from (no Qt): a folder, or a git revision.

- ``FolderSource(root)`` / ``GitRevisionSource.from_repo(repo, rev, pathspecs)``
  (``open_source``): ``entries()`` once, ``read(entries)`` in bulk.
- ``scan_source`` / ``scan_source_iter``: the catalog of any source;
  ``load_recording(source, rel_path)``: one recording.
- ``git``: the read-only git plumbing (``open_repo``, ``list_commits``,
  ``path_history``, ``BlobReader``); ``history.recording_history``: one
  recording's versions, across key changes.
"""

from __future__ import annotations

from recviewer.core.sources.base import (FolderSource, GitRevisionSource, RecordingSource,
                                         SourceEntry, load_recording, open_source, path_key,
                                         recording_from_bytes, refs_from, scan_source,
                                         scan_source_iter)
from recviewer.core.sources.git import (CommitInfo, GitRepo, PathVersion, list_commits,
                                        open_repo, path_history)
from recviewer.core.sources.history import recording_history

__all__ = [
    "CommitInfo", "FolderSource", "GitRepo", "GitRevisionSource", "PathVersion",
    "RecordingSource", "SourceEntry", "list_commits", "load_recording", "open_repo",
    "open_source", "path_history", "path_key", "recording_from_bytes", "recording_history",
    "refs_from",
    "scan_source", "scan_source_iter",
]
