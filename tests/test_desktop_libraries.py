"""The launch check for Qt's xcb plugin libraries, without a display."""

from __future__ import annotations

from pathlib import Path

import pytest

from recviewer import app
from recviewer.desktop_libraries import (
    LibraryCheck, LibraryFinder, check_xcb, missing_libraries, needed_libraries,
    platform_is_xcb, qt_folder,
)

QT = qt_folder()
PLUGIN = QT / "plugins" / "platforms" / "libqxcb.so"


def test_reads_the_real_xcb_plugin_dependencies():
    needed = needed_libraries(PLUGIN.read_bytes())
    assert "libxcb-cursor.so.0" in needed
    assert "libQt6XcbQpa.so.6" in needed


def test_non_elf_and_truncated_data_need_nothing():
    assert needed_libraries(b"not an elf file at all" * 4) == []
    assert needed_libraries(PLUGIN.read_bytes()[:200]) == []


def test_a_machine_without_the_xcb_set_misses_libxcb_cursor():
    # Only Qt's own folder: every system library is missing, found transitively
    # through libQt6XcbQpa.so.6, which Qt ships.
    finder = LibraryFinder((str(QT / "lib"),), b"")
    missing = missing_libraries(str(PLUGIN), finder)
    assert {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxkbcommon-x11.so.0"} <= set(missing)
    assert "libQt6Gui.so.6" not in missing


def test_the_linker_cache_counts_as_found(tmp_path):
    needed = needed_libraries(PLUGIN.read_bytes())
    cache = b"\0".join(n.encode() for n in needed) + b"\0"
    finder = LibraryFinder((str(QT / "lib"),), cache)
    assert "libxcb-cursor.so.0" not in missing_libraries(str(PLUGIN), finder)


def test_the_message_names_debian_and_fedora_packages_on_one_line():
    text = LibraryCheck(str(PLUGIN), ("libxcb-cursor.so.0", "libxcb-icccm.so.4")).message()
    assert "\n" not in text
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in text
    assert "sudo dnf install xcb-util-cursor xcb-util-wm" in text


def test_an_unknown_library_is_still_named():
    text = LibraryCheck(None, ("libweird.so.3",)).message()
    assert "libweird.so.3" in text


@pytest.mark.parametrize(("env", "platform", "xcb"), [
    ({}, "linux", True),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
    ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"XDG_SESSION_TYPE": "wayland"}, "linux", True),
    ({}, "darwin", False),
])
def test_which_environments_start_the_xcb_plugin(env, platform, xcb):
    assert platform_is_xcb(env, platform) is xcb


def test_offscreen_is_never_checked():
    assert check_xcb({"QT_QPA_PLATFORM": "offscreen"}).missing == ()


def test_check_xcb_against_a_qt_folder_whose_libraries_are_gone(tmp_path, monkeypatch):
    # A Qt folder with the real plugin but no lib folder beside it and a linker
    # cache that knows nothing: everything the plugin needs is reported.
    platforms = tmp_path / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (platforms / "libqxcb.so").write_bytes(PLUGIN.read_bytes())
    monkeypatch.setattr(LibraryFinder, "for_system", classmethod(
        lambda cls, qt_lib_dir, env: cls((qt_lib_dir,), b"")))
    check = check_xcb({"QT_QPA_PLATFORM": "xcb"}, qt=tmp_path / "Qt")
    assert "libxcb-cursor.so.0" in check.missing
    assert "libQt6XcbQpa.so.6" in check.missing


def test_the_app_exits_non_zero_with_one_line_before_qt_starts(monkeypatch, capsys):
    monkeypatch.setattr(app, "display_problem", lambda env=None: "recviewer: missing libxcb")
    monkeypatch.setattr(app, "_application", lambda argv0: pytest.fail("Qt was started"))
    assert app.main([]) == 1
    err = capsys.readouterr().err
    assert err == "recviewer: missing libxcb\n"


def test_display_problem_is_none_offscreen():
    assert app.display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
