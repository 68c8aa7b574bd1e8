"""Before Qt starts on X11: are the system libraries of its xcb plugin there?

Qt's xcb platform plugin needs a set of system libraries (``libxcb-cursor0``
and friends) that a fresh desktop often lacks. Without them Qt aborts the
process with "Could not load the Qt platform plugin" and advice to reinstall
the application, which does not help. This module reads the plugin's ELF
dependencies (``DT_NEEDED``, transitively) without loading anything, looks
each library up the way the dynamic linker would (``LD_LIBRARY_PATH``, Qt's
own lib folder, ``/etc/ld.so.cache``, the standard folders) and names the
packages that provide the missing ones. No Qt import, no subprocess.
"""

from __future__ import annotations

import os
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

# library → (Debian/Ubuntu package, Fedora package)
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
}

_STANDARD_DIRS = ("/lib", "/usr/lib", "/lib64", "/usr/lib64", "/usr/local/lib",
                  "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
                  "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu")
_MAX_LIBRARIES = 400  # a bound on the transitive walk


@dataclass(slots=True, frozen=True)
class LibraryCheck:
    """What the xcb plugin needs and cannot find (empty: all there)."""

    plugin: str | None
    missing: tuple[str, ...]

    def message(self) -> str:
        """One line for stderr naming what to install."""
        names = ", ".join(self.missing)
        debian = sorted({PACKAGES[m][0] for m in self.missing if m in PACKAGES})
        fedora = sorted({PACKAGES[m][1] for m in self.missing if m in PACKAGES})
        unknown = [m for m in self.missing if m not in PACKAGES]
        advice = []
        if debian:
            advice.append(f"Debian/Ubuntu: sudo apt install {' '.join(debian)}")
            advice.append(f"Fedora: sudo dnf install {' '.join(fedora)}")
        if unknown:
            advice.append(f"and the package that provides {', '.join(unknown)}")
        return (f"recviewer: Qt's X11 (xcb) display plugin cannot start: missing system "
                f"libraries {names}; install them ({'; '.join(advice)}) "
                f"or set QT_QPA_PLATFORM=wayland on a Wayland desktop")


def needed_libraries(data: bytes) -> list[str]:
    """The ``DT_NEEDED`` names of an ELF shared object (empty for non-ELF data)."""
    if len(data) < 64 or data[:4] != b"\x7fELF":
        return []
    is64 = data[4] == 2
    end = "<" if data[5] == 1 else ">"
    try:
        if is64:
            shoff, = struct.unpack_from(end + "Q", data, 0x28)
            shentsize, shnum = struct.unpack_from(end + "HH", data, 0x3A)
        else:
            shoff, = struct.unpack_from(end + "I", data, 0x20)
            shentsize, shnum = struct.unpack_from(end + "HH", data, 0x2E)
        sections = []
        for i in range(shnum):
            base = shoff + i * shentsize
            if is64:
                _, stype, _, _, off, size, link, _, _, entsize = struct.unpack_from(
                    end + "IIQQQQIIQQ", data, base)
            else:
                _, stype, _, _, off, size, link, _, _, entsize = struct.unpack_from(
                    end + "IIIIIIIIII", data, base)
            sections.append((stype, off, size, link, entsize))
        names: list[str] = []
        for stype, off, size, link, entsize in sections:
            if stype != 6 or link >= len(sections):  # SHT_DYNAMIC
                continue
            strtab = sections[link][1]
            fmt, step = (end + "qQ", 16) if is64 else (end + "iI", 8)
            for pos in range(off, off + size, step):
                tag, val = struct.unpack_from(fmt, data, pos)
                if tag == 0:  # DT_NULL
                    break
                if tag == 1:  # DT_NEEDED
                    stop = data.index(b"\0", strtab + val)
                    names.append(data[strtab + val:stop].decode("utf-8", "replace"))
        return names
    except (struct.error, ValueError, IndexError):
        return []


@dataclass(slots=True)
class LibraryFinder:
    """Where the dynamic linker would look, as plain data (tests pass their own)."""

    dirs: tuple[str, ...]
    ld_cache: bytes

    @classmethod
    def for_system(cls, qt_lib_dir: str | None, env: dict[str, str]) -> LibraryFinder:
        dirs = [d for d in env.get("LD_LIBRARY_PATH", "").split(":") if d]
        if qt_lib_dir:
            dirs.append(qt_lib_dir)
        dirs.extend(_STANDARD_DIRS)
        try:
            cache = Path("/etc/ld.so.cache").read_bytes()
        except OSError:
            cache = b""
        return cls(tuple(dirs), cache)

    def find(self, name: str) -> str | None:
        """The file of a library, "" when only the linker cache knows it, None when absent."""
        for folder in self.dirs:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        if name.encode() + b"\0" in self.ld_cache:
            return ""
        return None


def missing_libraries(plugin: str, finder: LibraryFinder) -> tuple[str, ...]:
    """Libraries the plugin needs (transitively, as far as files are found) that are absent."""
    missing: list[str] = []
    seen: set[str] = set()
    todo = [plugin]
    while todo and len(seen) < _MAX_LIBRARIES:
        path = todo.pop()
        try:
            data = Path(path).read_bytes()
        except OSError:
            continue
        for name in needed_libraries(data):
            if name in seen:
                continue
            seen.add(name)
            found = finder.find(name)
            if found is None:
                missing.append(name)
            elif found:
                todo.append(found)
    return tuple(missing)


def platform_is_xcb(env: dict[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will try its xcb plugin first with this environment."""
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    wayland = env.get("XDG_SESSION_TYPE") == "wayland" and bool(env.get("WAYLAND_DISPLAY"))
    return not wayland


def qt_folder() -> Path | None:
    """PySide6's ``Qt`` folder, found on ``sys.path`` without importing PySide6."""
    for entry in sys.path:
        candidate = Path(entry or ".") / "PySide6" / "Qt"
        if (candidate / "plugins").is_dir():
            return candidate
    return None


def check_xcb(env: dict[str, str] | None = None, qt: Path | None = None) -> LibraryCheck:
    """What Qt's xcb plugin misses on this machine (nothing when not on xcb)."""
    env = dict(os.environ) if env is None else env
    if not platform_is_xcb(env):
        return LibraryCheck(None, ())
    qt = qt_folder() if qt is None else qt
    plugin = qt / "plugins" / "platforms" / "libqxcb.so" if qt else None
    if plugin is None or not plugin.is_file():
        return LibraryCheck(None, ())  # a build without the plugin: let Qt say so
    finder = LibraryFinder.for_system(os.fspath(qt / "lib"), env)
    return LibraryCheck(os.fspath(plugin), missing_libraries(os.fspath(plugin), finder))
