"""Qt user interface (PySide6). Only this package imports Qt.

PySide6 6.12 on Python 3.11 loses references to ``None``/``True`` and aborts
the interpreter; pyproject.toml excludes that pairing and
tests/ui/test_timeline_playback.py fails if it is ever installed again.
"""
