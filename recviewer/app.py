"""GUI entry point: ``recviewer [PATH ...]`` and the headless ``--screenshot``.

Qt is imported only after the arguments are parsed, so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

from recviewer import __version__

APP_NAME = ORG_NAME = "recviewer"
DESKTOP_FILE_NAME = "io.github.recviewer"  # recviewer/resources/io.github.recviewer.desktop


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1280x800, not {text!r}")
    return int(match.group(1)), int(match.group(2))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="recviewer",
        description="View recorded LLM interactions (VCR-style test recordings).")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="a folder to scan or a recording file to open "
                        "(default: the last folder, or the bundled samples)")
    p.add_argument("--version", action="version", version=f"recviewer {__version__}")
    p.add_argument("--new-window", action="store_true",
                   help="open in a new recviewer even if one is running "
                        "(by default a running recviewer shows PATH)")
    shot = p.add_argument_group("headless screenshot")
    shot.add_argument("--screenshot", metavar="OUT.png",
                      help="open PATH, wait until it is shown, save a PNG of the window, exit")
    shot.add_argument("--select", metavar="TEST_ID_OR_FILE",
                      help="with --screenshot: the recording to select")
    shot.add_argument("--tab", choices=("conversation", "raw"), default="conversation",
                      help="with --screenshot: the tab to show (default: conversation)")
    shot.add_argument("--size", type=_size, default=(1280, 800), metavar="WxH",
                      help="with --screenshot: window size (default: 1280x800)")
    shot.add_argument("--seek", type=int, metavar="N",
                      help="with --screenshot: move the stream timeline to chunk N first")
    shot.add_argument("--theme", choices=("system", "light", "dark"),
                      help="with --screenshot: the theme to show (default: system)")
    shot.add_argument("--timeout", type=float, default=60.0, help=argparse.SUPPRESS)
    desktop = p.add_mutually_exclusive_group()
    desktop.add_argument("--install-desktop", action="store_true",
                         help="add recviewer to the desktop's application menu (this user) and exit")
    desktop.add_argument("--uninstall-desktop", action="store_true",
                         help="remove what --install-desktop added and exit")
    p.add_argument("--diff", nargs=2, metavar=("A", "B"),
                   help="compare two recording files in a diff window "
                        "(with --screenshot: save a PNG of it and exit)")
    return p


def display_problem(env: dict[str, str] | None = None) -> str | None:
    """One line naming the system packages Qt's X11 plugin misses, or None."""
    from recviewer.desktop_libraries import check_xcb

    check = check_xcb(env)
    return check.message() if check.missing else None


def _application(argv0: str):
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([argv0])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE_NAME)  # Wayland/X11 match the window to the .desktop entry
    app.setWindowIcon(_icon(QIcon))
    return app


def _icon(icon_class):
    """The application icon in every packaged size (PNG: no image plugin needed)."""
    from recviewer.desktop_install import icon_files

    icon = icon_class()
    for path in icon_files():
        if path.is_file():
            icon.addFile(os.fspath(path))
    return icon


def _diff(args: argparse.Namespace) -> int:
    """``--diff A B`` [``--screenshot OUT.png``]: the diff window, standalone."""
    if args.paths:
        print("recviewer: --diff takes no PATH", file=sys.stderr)
        return 2
    from recviewer.ui.window.diff_app import missing_path  # Qt, but only once arguments are fine

    problem = missing_path(args.diff)
    if problem:
        print(f"recviewer: {problem}", file=sys.stderr)
        return 1
    _application(sys.argv[0] if sys.argv else "recviewer")
    from recviewer.ui.window.diff_app import run_diff, run_diff_screenshot

    if args.screenshot:
        return run_diff_screenshot(*args.diff, args.screenshot, size=args.size,
                                   timeout=args.timeout)
    return run_diff(*args.diff)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.install_desktop or args.uninstall_desktop:  # no Qt needed
        from recviewer.desktop_install import run_desktop_command

        return run_desktop_command(uninstall=args.uninstall_desktop)
    problem = display_problem()
    if problem:  # Qt would abort with advice that does not help
        print(problem, file=sys.stderr)
        return 1
    if args.diff:
        return _diff(args)
    if args.screenshot and len(args.paths) > 1:
        print("recviewer: --screenshot takes one PATH", file=sys.stderr)
        return 2
    for path in args.paths:
        if not os.path.exists(path):
            print(f"recviewer: {path}: no such file or folder", file=sys.stderr)
            return 1
    app = _application(sys.argv[0] if sys.argv else "recviewer")
    if args.screenshot:
        from recviewer.ui.window.screenshot import run_screenshot

        return run_screenshot(args.paths[0] if args.paths else None, args.screenshot,
                              select=args.select, tab=args.tab, size=args.size, seek=args.seek,
                              timeout=args.timeout, theme=args.theme)
    from PySide6.QtCore import QSettings

    from recviewer.ui.window import single_instance
    from recviewer.ui.window.recent_paths import RecentPaths, default_path
    from recviewer.ui.window.router import WindowRouter

    paths = [os.path.abspath(p) for p in args.paths]
    name = single_instance.server_name()
    if not args.new_window and single_instance.forward(paths, name):
        return 0  # the running recviewer shows them
    settings = QSettings()
    router = WindowRouter(settings, lambda: default_path(RecentPaths(settings).last_folder()))
    router.show_paths(paths)
    server = single_instance.InstanceServer(name, app) if not args.new_window else None
    if server is not None:
        server.pathsReceived.connect(router.show_paths)
    return app.exec()
