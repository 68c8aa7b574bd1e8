"""Numbers as people read them, shared by the command line and the window."""

from __future__ import annotations


def human_bytes(n: int) -> str:
    """A byte count in 1000-based units: ``812 B``, ``2.4 KB``, ``1.0 MB``, ``3.2 GB``."""
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{n} B"
