"""What a window selects when it opens a folder without being told.

The first launch on the bundled samples expands them and selects the
showcase recording (``SHOWCASE``: the streamed knowledge_search call with
citations), so a new user sees a conversation at once. Afterwards the last
recording shown is remembered (QSettings ``LAST_SELECTION_KEY``) and selected
again when a folder holding it opens, if the file still exists.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QSettings

from recviewer.core.catalog.walk import is_valid_utf8
from recviewer.core.samples import samples_dir

LAST_SELECTION_KEY = "recent/last_selection"
SHOWCASE = ("tests/integration/responses/recordings/"
            "e30bc6408e187b53410bc3eabdac9c9beeb98bab989d49120681b0633e8a7d83.json")


def _file_of(path: str) -> str:
    """A cassette interaction ``FILE#N`` lives in FILE."""
    base, hash_, index = path.rpartition("#")
    return base if hash_ and index.isdigit() else path


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([os.path.abspath(path), os.path.abspath(folder)]) \
            == os.path.abspath(folder)
    except ValueError:
        return False


def showcase_path() -> str:
    return os.path.join(os.fspath(samples_dir()), *SHOWCASE.split("/"))


class StartSelection(QObject):
    """Remembers the recording on screen; says what to select when a folder opens."""

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.expand_all = False  # the folder being opened is the samples, the first time

    def remember(self, path: object) -> None:
        """The recording now on screen (``MainWindow.recording_shown``)."""
        if isinstance(path, str) and path and is_valid_utf8(path):
            self._settings.setValue(LAST_SELECTION_KEY, path)

    def last(self) -> str | None:
        value = self._settings.value(LAST_SELECTION_KEY)
        return value if isinstance(value, str) and value else None

    def choice(self, folder: str) -> str | None:
        """The recording to select after scanning ``folder`` (None: nothing)."""
        last = self.last()
        samples = os.path.abspath(os.fspath(samples_dir()))
        self.expand_all = last is None and os.path.abspath(folder) == samples
        if last is not None:
            if _inside(last, folder) and os.path.isfile(_file_of(last)):
                return last
            return None
        if self.expand_all and os.path.isfile(showcase_path()):
            return showcase_path()
        return None
