"""Record every Python-level open for writing (tests then assert there was none)."""

from __future__ import annotations

import builtins
import io
import os
from typing import Callable

import pytest

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def guard_writes(monkeypatch: pytest.MonkeyPatch,
                 watched: Callable[[object], bool] = lambda path: True) -> list[str]:
    """Patch open() / io.open() / os.open(): each request to write a ``watched``
    path is appended to the returned list (and still carried out)."""
    writes: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file, mode="r", *args, **kwargs):
        if isinstance(mode, str) and set(mode) & set("wax+") and watched(file):
            writes.append(f"open({file!r}, {mode!r})")
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        if flags & WRITE_FLAGS and watched(path):
            writes.append(f"os.open({path!r}, {flags:#o})")
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    return writes
