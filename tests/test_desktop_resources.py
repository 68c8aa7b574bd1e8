"""Icon, .desktop entry, AppStream metainfo and PyInstaller spec (Qt-free checks)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET

import pytest

from recviewer.desktop_install import DESKTOP_ID, ICON_SIZES, icon_files, icon_path, resource_path
from tests.conftest import ROOT

RESOURCES = ROOT / "resources"
SVG = RESOURCES / "icons" / "recviewer.svg"
METAINFO = RESOURCES / "io.github.recviewer.metainfo.xml"
SPEC = RESOURCES / "recviewer.spec"


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


def test_svg_is_well_formed_and_square():
    root = ET.parse(SVG).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    x, y, w, h = map(float, root.get("viewBox").split())
    assert w == h > 0


@pytest.mark.parametrize("size", ICON_SIZES)
def test_rendered_png_has_its_size_and_is_packaged(size):
    themed = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "recviewer.png"
    assert png_size(themed) == (size, size)
    assert resource_path(f"recviewer-{size}.png").read_bytes() == themed.read_bytes()


def test_package_copies_match_the_sources():
    assert resource_path("recviewer.svg").read_bytes() == SVG.read_bytes()
    assert resource_path(DESKTOP_ID).read_bytes() == (RESOURCES / DESKTOP_ID).read_bytes()
    assert png_size(icon_path()) == (256, 256)
    assert [png_size(p)[0] for p in icon_files()] == list(ICON_SIZES)


def test_desktop_entry_keys():
    lines = (RESOURCES / DESKTOP_ID).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    values = dict(line.split("=", 1) for line in lines[1:] if line)
    assert values["Exec"] == "recviewer %F" and values["TryExec"] == "recviewer"
    assert values["Icon"] == "recviewer" and values["Terminal"] == "false"
    assert values["MimeType"] == "application/json;inode/directory;"
    assert "Development" in values["Categories"].split(";")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (apt install desktop-file-utils)")
def test_desktop_entry_validates():
    out = subprocess.run(["desktop-file-validate", str(RESOURCES / DESKTOP_ID)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_metainfo_names_the_desktop_entry():
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") + ".desktop" == DESKTOP_ID
    assert root.find("launchable").text == DESKTOP_ID
    assert root.findtext("project_license") == "MIT"


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli not installed (apt install appstream)")
def test_metainfo_validates():
    out = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def run_spec() -> dict:
    """Execute the spec with stand-ins for PyInstaller's build classes."""
    calls: dict[str, tuple] = {}

    class Recorder:
        def __init__(self, *args, **kwargs):
            calls[type(self).__name__] = (args, kwargs)
            self.pure, self.scripts, self.binaries, self.datas = [], [], [], []

    names = {n: type(n, (Recorder,), {}) for n in ("Analysis", "PYZ", "EXE", "COLLECT")}
    code = compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")
    exec(code, {"__name__": "__main__", "SPECPATH": str(RESOURCES), **names})
    return calls


def test_pyinstaller_spec_is_python_and_points_at_existing_paths():
    calls = run_spec()
    (scripts,), analysis = calls["Analysis"]
    assert [s.replace("\\", "/") for s in scripts] == [str(ROOT / "recviewer/__main__.py")]
    datas = analysis["datas"]
    assert {dest for _src, dest in datas} == {"recviewer/samples", "recviewer/resources"}
    for src, _dest in datas:
        assert (ROOT / src).is_dir(), src
    assert "PySide6.QtWidgets" not in analysis["excludes"]
    assert "PySide6.QtQuick" in analysis["excludes"]
    exe = calls["EXE"][1]
    assert exe["name"] == "recviewer" and exe["console"] is False
    assert png_size(ROOT / exe["icon"]) == (256, 256)
    assert calls["COLLECT"][1]["name"] == "recviewer"
