"""``recviewer --install-desktop`` / ``--uninstall-desktop`` and the application identity."""

from __future__ import annotations

import pytest

from recviewer.app import DESKTOP_FILE_NAME, build_parser, main
from recviewer.desktop_install import DESKTOP_ID


def test_install_and_uninstall_desktop_through_main(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("PATH", "")  # no update-desktop-database etc. to run
    assert main(["--install-desktop"]) == 0
    entry = tmp_path / "applications" / DESKTOP_ID
    assert entry.is_file() and "Exec=" in entry.read_text("utf-8")
    assert (tmp_path / "icons/hicolor/256x256/apps/recviewer.png").is_file()
    out = capsys.readouterr().out
    assert f"installed {entry}" in out
    assert main(["--uninstall-desktop"]) == 0
    assert not entry.exists()
    assert "removed" in capsys.readouterr().out


def test_install_and_uninstall_are_exclusive():
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--install-desktop", "--uninstall-desktop"])


def test_application_identity(qapp):
    from recviewer.app import _application

    app = _application("recviewer")
    assert app.desktopFileName() == DESKTOP_FILE_NAME == DESKTOP_ID.removesuffix(".desktop")
    assert app.applicationName() == "recviewer" and app.organizationName() == "recviewer"
    sizes = app.windowIcon().availableSizes()
    assert len(sizes) >= 6 and max(s.width() for s in sizes) >= 256
