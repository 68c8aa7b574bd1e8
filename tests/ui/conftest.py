"""UI test set-up: offscreen Qt, a private QSettings file, window helpers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from recviewer.ui.conversation.browser import SafeBrowser  # noqa: E402

# Re-exported so that ``from conftest import ...`` keeps working whichever
# conftest module pytest imported last under that name.
from tests.conftest import corpus_files  # noqa: E402,F401
from tests.corpus_paths import CORPUS, LARGEST, RECORDINGS, SEED  # noqa: E402,F401

CORPUS_ROOT = CORPUS / "recordings"


@pytest.fixture
def settings(tmp_path) -> QSettings:
    """Settings in a file under tmp_path: no test touches the user's settings."""
    s = QSettings(str(tmp_path / "settings" / "recviewer.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


@pytest.fixture
def make_window(qtbot, settings):
    """Create MainWindows on the test's settings; all are closed afterwards."""
    from recviewer.ui.window.main_window import MainWindow

    made = []

    def make(s: QSettings | None = None) -> MainWindow:
        window = MainWindow(s if s is not None else settings)
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.workers.shutdown(5000)


@pytest.fixture
def window(make_window):
    w = make_window()
    w.show()
    return w


@pytest.fixture
def open_and_wait(qtbot):
    """``open_and_wait(window, path)``: open and wait until the scan finished;
    returns the ScanResult."""

    def run(window, path, timeout: int = 30000):
        with qtbot.waitSignal(window.scan_finished, timeout=timeout) as blocker:
            assert window.open_path(os.fspath(path))
        return blocker.args[0]

    return run


@pytest.fixture
def load_spy(monkeypatch) -> list[str]:
    """Every URL any SafeBrowser is asked to load."""
    calls: list[str] = []
    original = SafeBrowser.loadResource

    def spy(self, kind, name):
        calls.append(name.toString())
        return original(self, kind, name)

    monkeypatch.setattr(SafeBrowser, "loadResource", spy)
    return calls
