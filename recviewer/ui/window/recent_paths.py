"""Recently opened folders and files, kept in QSettings (most recent first)."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from recviewer.core.catalog.walk import is_valid_utf8
from recviewer.core.samples import samples_dir

RECENT_KEY = "recent/paths"
LAST_FOLDER_KEY = "recent/last_folder"
LIMIT = 10


def default_path(last_folder: str | None) -> str | None:
    """Where to start without PATH: the last folder if it still exists, else the samples."""
    if last_folder and os.path.isdir(last_folder):
        return last_folder
    folder = os.fspath(samples_dir())
    return folder if os.path.isdir(folder) else None


def _as_list(value: object) -> list[str]:
    """QSettings returns a str for one entry, a list for several, None for none."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str) and v]
    return []


class RecentPaths:
    """The Open Recent list: add, list, clear; stored at once."""

    def __init__(self, settings: QSettings, limit: int = LIMIT) -> None:
        self._settings = settings
        self._limit = limit

    def paths(self) -> list[str]:
        return _as_list(self._settings.value(RECENT_KEY))[: self._limit]

    def add(self, path: str) -> list[str]:
        path = os.path.abspath(path)
        if not is_valid_utf8(path):  # settings store text: such a name would come back wrong
            return self.paths()
        paths = [path] + [p for p in self.paths() if p != path]
        self._settings.setValue(RECENT_KEY, paths[: self._limit])
        return self.paths()

    def clear(self) -> None:
        self._settings.remove(RECENT_KEY)

    def last_folder(self) -> str | None:
        value = self._settings.value(LAST_FOLDER_KEY)
        return value if isinstance(value, str) and value else None

    def set_last_folder(self, folder: str) -> None:
        if is_valid_utf8(folder):  # (see add)
            self._settings.setValue(LAST_FOLDER_KEY, os.path.abspath(folder))
