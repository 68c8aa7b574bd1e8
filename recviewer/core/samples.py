"""Where the bundled sample recordings are (``recviewer/samples``).

Found through ``importlib.resources`` so it works from a source checkout, an
editable install and an installed wheel alike.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLES_PACKAGE = "recviewer"
SAMPLES_FOLDER = "samples"


def samples_dir() -> Path:
    """The folder of bundled sample recordings (read-only data).

    Installed packages live on the file system, so the resource is a real
    folder; a zipped install (not supported) would give a path that does not
    exist, which callers report like any missing folder.
    """
    folder = resources.files(SAMPLES_PACKAGE).joinpath(SAMPLES_FOLDER)
    if isinstance(folder, Path):
        return folder
    return Path(str(folder))
