"""The core must be usable headless: importing all of it never loads Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import recviewer.core


def test_importing_every_core_module_does_not_load_qt():
    names = [m.name for m in pkgutil.walk_packages(recviewer.core.__path__, "recviewer.core.")]
    assert "recviewer.core.model" in names and len(names) > 5
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}: importlib.import_module(n)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core loaded Qt modules: {out.stdout}"
