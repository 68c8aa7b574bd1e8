"""Real corpus files copied into a test's tmp folder, for tests that change,
add or delete files (the corpus itself is never written)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path


def copy_files(dest: Path, files: Iterable[Path], keep_parent: bool = False) -> Path:
    """Copy ``files`` into ``dest`` (made if missing) and return ``dest``.

    With ``keep_parent`` each file lands in a folder named like its own
    (``dest/recordings/NAME``), as in a recordings tree; otherwise flat."""
    dest.mkdir(parents=True, exist_ok=True)
    for src in files:
        target = dest / src.parent.name / src.name if keep_parent else dest / src.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    return dest
