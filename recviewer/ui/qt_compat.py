"""Work around a PySide6 reference-count bug that crashes the interpreter.

In PySide6 6.12.0 on CPython < 3.12, every ``SignalInstance.emit()`` called
from Python returns ``True`` without taking a reference to it, so each emit
drops one reference that ``True`` never had. After a few thousand emits
(``True`` starts with roughly that many) CPython aborts with "Fatal Python
error: bool_dealloc", often at exit. A rarer loss of references to ``None``
was also seen with the same PySide6 ("none_dealloc" at exit after scanning
thousands of files). CPython 3.12+ made these singletons immortal, so there
the bugs are harmless.

``guard_bool_refcounts()`` measures the emit leak with a private signal and,
only when it is present, gives ``True``, ``False`` and ``None`` a very large
reserve of references, which is what 3.12 does for every build. Call it once,
before the first emit. The real fix is a PySide6 without the bug (or
Python 3.12+); this module can then go.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

RESERVE = 1 << 40  # references added to True: ~10^12 emits before it could run out
_PROBE_EMITS = 4
_state = {"checked": False, "patched": False}


class _Probe(QObject):
    ping = Signal()


def emit_leak_per_call() -> int:
    """References to ``True`` lost per Python ``emit()`` (0 on a sound PySide6)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBE_EMITS):
        probe.ping.emit()
    return max(0, (before - sys.getrefcount(True)) // _PROBE_EMITS)


def _add_references(obj: object, count: int) -> bool:
    """Raise ``obj``'s reference count by ``count``; False if that cannot be done safely."""
    if sys.implementation.name != "cpython" or hasattr(sys, "gettotalrefcount"):
        return False  # other layouts (PyPy, debug builds) are not touched
    field = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field
    before = sys.getrefcount(obj)
    field.value += count
    if sys.getrefcount(obj) - before != count:
        field.value -= count
        return False
    return True


def guard_bool_refcounts() -> bool:
    """Apply the work-around if this PySide6 needs it; True when applied (once)."""
    if not _state["checked"]:
        _state["checked"] = True
        if sys.version_info < (3, 12) and emit_leak_per_call() > 0:
            _state["patched"] = all([_add_references(obj, RESERVE) for obj in (True, False, None)])
    return _state["patched"]
