"""Help ▸ About: version, licence, Qt/PySide6 versions."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from recviewer import __version__


def about_text() -> str:
    return (
        f"<h3>recviewer {__version__}</h3>"
        "<p>A viewer for recorded LLM interactions (record/replay test fixtures).</p>"
        "<p>Licence: MIT</p>"
        f"<p>Qt {qVersion()} · PySide6 {PySide6.__version__}"
        f" · Python {platform.python_version()}</p>"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About recviewer", about_text())
