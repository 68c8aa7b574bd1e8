"""Keep PySide6 6.12.0 on CPython 3.11 alive long enough to be measured.

PySide6 6.12.0 built for CPython 3.11 drops one reference to ``True`` on every
``SignalInstance.emit()`` and one to ``None`` on every call of a method that
returns nothing (``beginInsertRows``, ``setObjectName``, ``QTimer.setInterval``…).
CPython 3.12+ has immortal singletons and does not care; on 3.11 the
interpreter aborts ("bool_dealloc" / "none_dealloc: … refcount error in a C
extension") after a few hundred emits or a few thousand calls — a folder scan
of a few thousand files is enough. PySide6 6.11.3 does not have the bug.

``singleton_leaks()`` measures the leak; ``guard()`` gives ``True``, ``False``
and ``None`` a very large reference count (what 3.12's immortal objects do) so
the benchmark can run. A measurement aid only: the application needs a fixed
PySide6 (or Python 3.12+).
"""

from __future__ import annotations

import ctypes
import sys

_BANK = 1 << 40
_applied: list[dict[str, int]] = []  # the leaks found when guard() first ran


def singleton_leaks(calls: int = 100) -> dict[str, int]:
    """References lost by ``calls`` signal emits (True) and void calls (None)."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(calls):
        probe.ping.emit()
    emit = before - sys.getrefcount(True)
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("probe")
    void = before - sys.getrefcount(None)
    return {"emit_true": emit, "void_none": void}


def guard() -> dict[str, int]:
    """Apply the guard (once) when the bug is present; the leaks found."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return {"emit_true": 0, "void_none": 0}
    if not _applied:
        leaks = singleton_leaks()
        if any(v > 0 for v in leaks.values()):
            for obj in (True, False, None):
                ctypes.c_ssize_t.from_address(id(obj)).value += _BANK
        _applied.append(leaks)
    return _applied[0]
