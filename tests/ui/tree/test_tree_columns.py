"""Tree column widths on a real folder: counts are not cut, the name column
keeps room, and showing the Key column is not mistaken for a user's drag."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from recviewer.ui.tree.cells import ENDPOINT, KEY, NAME
from recviewer.ui.window.main_window import MainWindow
from tests.corpus_paths import RECORDINGS


def test_counts_fit_and_the_name_keeps_room_after_the_key_column_appears(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    header = window.tree.view.header()
    with qtbot.waitSignal(window.scanner.finished, timeout=60000):
        window.open_folder(str(RECORDINGS.parent.parent))
    qtbot.waitUntil(lambda: not header.isSectionHidden(KEY), timeout=60000)
    assert window.tree.columns.auto  # showing a column is not a user's choice
    view = window.tree.view
    assert header.sectionSize(ENDPOINT) >= view.sizeHintForColumn(ENDPOINT)
    assert header.sectionSize(NAME) >= 0.35 * view.viewport().width()
