"""Where recviewer keeps caches: never inside a recordings folder or a repository.

``$RECVIEWER_CACHE_DIR`` when set (tests point it at a temporary folder), else
``$XDG_CACHE_HOME/recviewer``, else the platform's user cache folder
(``~/Library/Caches/recviewer`` on macOS, ``%LOCALAPPDATA%\\recviewer\\Cache`` on
Windows, ``~/.cache/recviewer`` elsewhere).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV = "RECVIEWER_CACHE_DIR"


def cache_dir(create: bool = True) -> Path:
    """The cache folder (made, private to the user, when ``create``)."""
    explicit = os.environ.get(ENV)
    if explicit:
        path = Path(explicit)
    elif os.environ.get("XDG_CACHE_HOME"):
        path = Path(os.environ["XDG_CACHE_HOME"]) / "recviewer"
    elif sys.platform == "darwin":
        path = Path.home() / "Library" / "Caches" / "recviewer"
    elif sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        path = Path(os.environ["LOCALAPPDATA"]) / "recviewer" / "Cache"
    else:
        path = Path.home() / ".cache" / "recviewer"
    if create:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
