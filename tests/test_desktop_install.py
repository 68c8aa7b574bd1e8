"""Per-user desktop integration: install, validate, uninstall (into tmp_path)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import pytest

from recviewer.desktop_install import (
    DESKTOP_ID, ICON_SIZES, data_home, desktop_entry_text, exec_quote, find_launcher,
    install_desktop, resource_path, run_desktop_command, uninstall_desktop,
)


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    return {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path / "home"),
            "PATH": os.environ.get("PATH", "")}


def entry_values(path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


def expected_paths(root) -> set:
    hicolor = root / "icons" / "hicolor"
    return ({root / "applications" / DESKTOP_ID, hicolor / "scalable/apps/recviewer.svg"}
            | {hicolor / f"{n}x{n}/apps/recviewer.png" for n in ICON_SIZES})


def test_install_writes_entry_and_every_icon(env, tmp_path):
    written = install_desktop(env)
    root = tmp_path / "data"
    assert set(written) == expected_paths(root) and len(written) == len(ICON_SIZES) + 2
    png = root / "icons/hicolor/48x48/apps/recviewer.png"
    assert png.read_bytes() == resource_path("recviewer-48.png").read_bytes()
    values = entry_values(root / "applications" / DESKTOP_ID)
    assert values["Icon"] == "recviewer" and values["Type"] == "Application"
    exe = values["Exec"].removesuffix(" %F")
    launcher = find_launcher(env)
    assert values["Exec"].endswith(" %F")
    if launcher is not None and exec_quote(launcher) == launcher:
        assert exe == launcher and os.path.isabs(exe) and values["TryExec"] == launcher
    elif launcher is None:
        assert exe == "recviewer"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (apt install desktop-file-utils)")
def test_installed_entry_passes_desktop_file_validate(env, tmp_path):
    install_desktop(env, run_tools=False)
    out = subprocess.run(["desktop-file-validate", str(tmp_path / "data/applications" / DESKTOP_ID)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "error" not in out.stdout.lower()


def test_install_twice_is_idempotent(env, tmp_path):
    first = install_desktop(env)
    contents = {p: p.read_bytes() for p in first}
    second = install_desktop(env)
    assert second == first
    assert {p: p.read_bytes() for p in second} == contents
    leftovers = [p for p in (tmp_path / "data").rglob("*") if ".tmp-" in p.name]
    assert leftovers == []


def test_uninstall_removes_exactly_what_install_wrote(env, tmp_path):
    root = tmp_path / "data"
    other = root / "applications" / "other.desktop"
    other_icon = root / "icons/hicolor/48x48/apps/other.png"
    for p in (other, other_icon):
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("keep me")
    written = install_desktop(env)
    removed = uninstall_desktop(env)
    assert sorted(removed) == sorted(written)
    assert not any(p.exists() for p in written)
    assert other.read_text() == "keep me" and other_icon.read_text() == "keep me"
    assert not (root / "icons/hicolor/16x16").exists()  # size folders we created are gone
    assert (root / "icons/hicolor/48x48/apps").is_dir()  # ...but not one that still holds a file
    assert uninstall_desktop(env) == []


def test_xdg_data_home_default_and_relative_value(tmp_path):
    assert data_home({"HOME": str(tmp_path)}) == tmp_path / ".local/share"
    assert data_home({"HOME": str(tmp_path), "XDG_DATA_HOME": "relative/dir"}) == tmp_path / ".local/share"
    assert data_home({"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "x")}) == tmp_path / "x"


@pytest.mark.parametrize("arg, quoted", [
    ("/usr/bin/recviewer", "/usr/bin/recviewer"),
    ("/opt/my apps/recviewer", '"/opt/my apps/recviewer"'),
    ("/a$b/r", '"/a\\\\$b/r"'),          # \$ inside quotes, then the backslash doubled
    ("/100%/r", "/100%%/r"),
])
def test_exec_quote_follows_the_desktop_entry_spec(arg, quoted):
    assert exec_quote(arg) == quoted


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed")
def test_entry_for_a_launcher_path_with_spaces_validates(tmp_path):
    target = tmp_path / "entry.desktop"
    target.write_text(desktop_entry_text("/opt/my apps/bin/recviewer"), encoding="utf-8")
    values = entry_values(target)
    assert values["Exec"] == '"/opt/my apps/bin/recviewer" %F'
    out = subprocess.run(["desktop-file-validate", str(target)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout


def test_command_reports_paths_and_errors(env, tmp_path):
    out = io.StringIO()
    assert run_desktop_command(env=env, out=out) == 0
    assert f"installed {tmp_path / 'data/applications' / DESKTOP_ID}" in out.getvalue()
    out = io.StringIO()
    assert run_desktop_command(uninstall=True, env=env, out=out) == 0
    assert out.getvalue().count("removed ") == len(ICON_SIZES) + 2
    blocker = tmp_path / "file"
    blocker.write_text("")
    err = io.StringIO()
    assert run_desktop_command(env={**env, "XDG_DATA_HOME": str(blocker)}, out=io.StringIO(),
                               err=err) == 1
    assert err.getvalue().startswith("recviewer: cannot install the desktop entry:")
    assert err.getvalue().count("\n") == 1


@pytest.mark.parametrize("launcher", [None, "/bad\npath/recviewer"])
def test_entry_falls_back_to_the_command_name(launcher):
    text = desktop_entry_text(launcher)
    assert "\nExec=recviewer %F\n" in text and "\nTryExec=recviewer\n" in text
    assert text.startswith("# Installed by")
