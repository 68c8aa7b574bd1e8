"""Qt-free model layer: recordings, adapters, catalog, replay, diff.

Nothing in this package may import Qt (tests/core/test_no_qt.py enforces it).
"""
