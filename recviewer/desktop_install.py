"""Put recviewer into the desktop's application menu (per user), or take it out.

Qt-free: the icon and the ``.desktop`` entry ship as package data in
``recviewer/resources/`` (so this works from a wheel or a frozen build) and are
copied into ``$XDG_DATA_HOME`` (default ``~/.local/share``):

    applications/io.github.recviewer.desktop
    icons/hicolor/<N>x<N>/apps/recviewer.png, icons/hicolor/scalable/apps/recviewer.svg

``install_desktop`` and ``uninstall_desktop`` are idempotent; ``run_desktop_command``
is the ``recviewer --install-desktop`` / ``--uninstall-desktop`` entry for app.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import TextIO

DESKTOP_ID = "io.github.recviewer.desktop"
ICON_NAME = "recviewer"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
LAUNCHER = "recviewer"
MARKER = "# Installed by `recviewer --install-desktop`; removed by `--uninstall-desktop`.\n"

# Characters that force quoting of an Exec argument (Desktop Entry spec, "The Exec key").
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


# ----------------------------------------------------------------- package data
def resource_path(name: str) -> Path:
    """A file of ``recviewer/resources`` (package data) as a filesystem path."""
    return Path(str(files("recviewer").joinpath("resources", name)))


def icon_path() -> Path:
    """The 256 px application icon, e.g. for ``QApplication.setWindowIcon``."""
    return resource_path(f"{ICON_NAME}-256.png")


def icon_files() -> tuple[Path, ...]:
    """Every packaged PNG size, smallest first (for a multi-size ``QIcon``)."""
    return tuple(resource_path(f"{ICON_NAME}-{n}.png") for n in ICON_SIZES)


def desktop_entry_path() -> Path:
    return resource_path(DESKTOP_ID)


# ----------------------------------------------------------------- locations
def data_home(env: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_DATA_HOME``, or ``$HOME/.local/share`` when unset or not absolute."""
    xdg = env.get("XDG_DATA_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg)
    home = env.get("HOME") or str(Path.home())
    return Path(home) / ".local" / "share"


def _targets(env: Mapping[str, str]) -> list[tuple[Path, Path | None]]:
    """(installed path, packaged source) pairs; the .desktop file has no plain source."""
    root = data_home(env)
    hicolor = root / "icons" / "hicolor"
    pairs: list[tuple[Path, Path | None]] = [(root / "applications" / DESKTOP_ID, None)]
    for n in ICON_SIZES:
        pairs.append((hicolor / f"{n}x{n}" / "apps" / f"{ICON_NAME}.png",
                      resource_path(f"{ICON_NAME}-{n}.png")))
    pairs.append((hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg",
                  resource_path(f"{ICON_NAME}.svg")))
    return pairs


# ----------------------------------------------------------------- the entry
def find_launcher(env: Mapping[str, str] = os.environ) -> str | None:
    """Absolute path of the ``recviewer`` launcher: beside the running interpreter
    (a venv's bin/, or the frozen executable's folder) first, then on ``$PATH``."""
    search = os.pathsep.join(p for p in (str(Path(sys.executable).parent), env.get("PATH", "")) if p)
    found = shutil.which(LAUNCHER, path=search)
    return os.path.abspath(found) if found else None


def exec_quote(arg: str) -> str:
    """One Exec argument, quoted and escaped as the Desktop Entry spec requires."""
    s = arg.replace("%", "%%")
    if any(c in _EXEC_RESERVED for c in s):
        inner = "".join("\\" + c if c in '"`$\\' else c for c in s)
        s = f'"{inner}"'
    return s.replace("\\", "\\\\")  # the string-value escape is applied on top


def desktop_entry_text(launcher: str | None) -> str:
    """The packaged entry with Exec/TryExec pointing at ``launcher`` when given."""
    if launcher and ("\n" in launcher or "\r" in launcher):
        launcher = None  # cannot be written into a desktop entry; rely on $PATH
    lines = [MARKER]
    for line in desktop_entry_path().read_text(encoding="utf-8").splitlines(keepends=True):
        if launcher and line.startswith("Exec="):
            line = f"Exec={exec_quote(launcher)} %F\n"
        elif launcher and line.startswith("TryExec="):
            line = "TryExec=" + launcher.replace("\\", "\\\\") + "\n"
        lines.append(line)
    return "".join(lines)


# ----------------------------------------------------------------- install / uninstall
def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def _run_quietly(*cmd: str) -> None:
    """Refresh a desktop cache if the tool exists; failures do not matter."""
    if shutil.which(cmd[0]) is None:
        return
    try:
        subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        pass


def _refresh_caches(env: Mapping[str, str]) -> None:
    root = data_home(env)
    apps = root / "applications"
    if apps.is_dir():
        _run_quietly("update-desktop-database", "-q", str(apps))
    hicolor = root / "icons" / "hicolor"
    if (hicolor / "icon-theme.cache").exists():  # only keep an existing cache fresh
        _run_quietly("gtk-update-icon-cache", "-q", "-t", "-f", str(hicolor))


def install_desktop(home_env: Mapping[str, str] = os.environ, *,
                    run_tools: bool = True) -> list[Path]:
    """Write the menu entry and icons for this user; returns the paths written.

    Raises OSError when a file cannot be written (the caller reports it)."""
    written = []
    launcher = find_launcher(home_env)
    for target, source in _targets(home_env):
        if source is None:
            data = desktop_entry_text(launcher).encode("utf-8")
        else:
            data = source.read_bytes()
        _write_atomic(target, data)
        written.append(target)
    if run_tools:
        _refresh_caches(home_env)
    return written


def uninstall_desktop(home_env: Mapping[str, str] = os.environ, *,
                      run_tools: bool = True) -> list[Path]:
    """Remove what ``install_desktop`` writes; returns the paths that were removed.

    Size folders left empty (``48x48/apps``, ``48x48``) are removed too; the
    shared ``applications`` and ``icons/hicolor`` folders are kept."""
    removed = []
    for target, _source in _targets(home_env):
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        removed.append(target)
        if target.suffix != ".desktop":
            for folder in (target.parent, target.parent.parent):  # apps/, <N>x<N>/
                try:
                    folder.rmdir()
                except OSError:
                    break
    if run_tools:
        _refresh_caches(home_env)
    return removed


def run_desktop_command(uninstall: bool = False, env: Mapping[str, str] = os.environ,
                        out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``--install-desktop`` / ``--uninstall-desktop``: print the paths, exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        paths = uninstall_desktop(env) if uninstall else install_desktop(env)
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"recviewer: cannot {'uninstall' if uninstall else 'install'} the desktop entry:"
              f"{where} {exc.strerror or exc}", file=err)
        return 1
    verb = "removed" if uninstall else "installed"
    for p in paths:
        print(f"{verb} {p}", file=out)
    if not paths:
        print("nothing to remove" if uninstall else "nothing installed", file=out)
    return 0
