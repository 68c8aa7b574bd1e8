"""Qt user interface (PySide6). Only this package imports Qt."""

from recviewer.ui.qt_compat import guard_bool_refcounts

guard_bool_refcounts()  # before any signal is emitted (see qt_compat)
