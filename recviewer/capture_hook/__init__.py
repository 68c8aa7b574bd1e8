"""The hook ``recviewer-cli capture`` puts on a test run's ``PYTHONPATH``.

This folder holds a ``sitecustomize.py`` that Python imports at start-up in
every process whose ``PYTHONPATH`` names the folder (child processes inherit
the variable). It imports nothing of recviewer; see its docstring.
"""

from __future__ import annotations

import os

ENV_DIR = "RECVIEWER_CAPTURE_DIR"


def hook_dir() -> str:
    """The folder to prepend to ``PYTHONPATH``."""
    return os.path.dirname(os.path.abspath(__file__))
