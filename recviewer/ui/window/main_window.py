"""MainWindow: test tree on the left, conversation/raw tabs in the centre.

Composes the parts (TreePane, DetailPane, StatusPanel, ScanController, menus)
and keeps the window state in the QSettings object it is given. Every feature
is an attribute declared on the class and made in ``__init__``; the menus are
the ones ``recviewer.ui.menus.Menu`` declares, and each feature adds its
actions to the menu it is handed.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QMimeData, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QSplitter, QWidget

from recviewer.core.catalog.lookup import find_ref
from recviewer.core.catalog.scan import RecordingRef
from recviewer.core.catalog.walk import display_text
from recviewer.ui.appearance.markdown_toggle import MarkdownToggle
from recviewer.ui.appearance.theme_mode import Appearance
from recviewer.ui.appearance.zoom import FontZoom
from recviewer.ui.detail.folder_pages import FolderPages
from recviewer.ui.detail.load_status import LoadStatus
from recviewer.ui.detail.pane import DetailPane
from recviewer.ui.detail.playback_menu import PlaybackMenu, install_playback_menu
from recviewer.ui.find.actions import FindActions
from recviewer.ui.find.bar import FindBar, find_bar_for
from recviewer.ui.keys.actions import KeyTools
from recviewer.ui.history.controller import HistoryController
from recviewer.ui.live.reload import LiveReload
from recviewer.ui.menus import Menu, MenuBar
from recviewer.ui.search.actions import SearchActions
from recviewer.ui.tree.context_menu import TreeContextMenu
from recviewer.ui.tree.navigation import Navigation
from recviewer.ui.tree.pane import TreePane
from recviewer.ui.tree.pane_share import PaneShare
from recviewer.ui.window.about_box import show_about
from recviewer.ui.window.actions import WindowActions, install_actions
from recviewer.ui.window.compare_actions import CompareController
from recviewer.ui.window.export_actions import ExportActions
from recviewer.ui.window.recent_paths import RecentPaths
from recviewer.ui.window.scan_controller import ScanController, ScanResult
from recviewer.ui.window.shortcuts_dialog import install_shortcuts_action
from recviewer.ui.window.start_selection import StartSelection
from recviewer.ui.window.status_bar import StatusPanel
from recviewer.ui.workers import Workers

_GEOMETRY, _SPLITTER, _HEADER = "window/geometry", "window/splitter", "window/tree_header"
TREE_SHARE = 0.42  # of the window width, until the user moves the splitter


def dropped_paths(mime: QMimeData) -> list[str]:
    """Local folders and .json files among dropped URLs."""
    paths = []
    for url in mime.urls() if mime.hasUrls() else ():
        path = url.toLocalFile()
        if path and (os.path.isdir(path) or path.lower().endswith(".json")):
            paths.append(path)
    return paths


class MainWindow(QMainWindow):
    scan_finished = Signal(object)  # ScanResult
    recording_shown = Signal(object)  # path (str, kept exact) of the recording (or error) now on screen

    # The window's parts and features, all made in __init__ (nothing is added from outside).
    settings: QSettings
    recent: RecentPaths
    workers: Workers
    tree: TreePane
    detail: DetailPane
    status: StatusPanel
    tree_share: PaneShare            # the tree's fraction of the window width
    scanner: ScanController
    menus: MenuBar                   # File, Edit, View, Playback, Tools, Help (Menu order)
    menu_actions: WindowActions      # open, recent, reload, close, quit, filter, about
    playback_menu: PlaybackMenu      # Playback: the stream timeline's transport
    comparer: CompareController      # Tools ▸ Compare (Ctrl+D), Compare With…
    tools_menu: QMenu
    live: LiveReload                 # the tree follows the files on disk
    load_status: LoadStatus          # "Loading big.json (53 MB)…"
    appearance: Appearance           # View ▸ Theme
    zoom: FontZoom                   # View ▸ Zoom
    markdown_toggle: MarkdownToggle  # View ▸ Render Markdown
    navigation: Navigation           # next / previous recording, full screen
    exporter: ExportActions          # File ▸ Export…, Edit ▸ Copy as Markdown
    tree_menu: TreeContextMenu       # the tree's right-click menu
    shortcuts_action: QAction        # Help ▸ Keyboard Shortcuts
    folder_pages: FolderPages        # story of a test, View ▸ Folder Overview, the home page
    search: SearchActions            # Edit ▸ Search Recordings… (Ctrl+Shift+F), a dock
    key_tools: KeyTools              # Tools ▸ Verify Keys…, Explain Replay Miss…; File ▸ Open Capture Folder…
    find_actions: FindActions        # Edit ▸ Find…, Find Next (F3), Find Previous (Shift+F3)
    start_selection: StartSelection  # the showcase on first launch, then the last recording shown
    history: HistoryController       # File ▸ Open Revision…, Tools ▸ Compare Revisions…, History

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.recent = RecentPaths(settings)
        self.start_selection = StartSelection(settings, self)
        self.workers = Workers(self)
        self.tree = TreePane(self)
        self.tree.use_workers(self.workers)  # story order and key status after a scan
        self.detail = DetailPane(self.workers, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.tree_share = PaneShare(self.splitter, settings)  # proportional, remembered
        self.status = StatusPanel(self.statusBar())
        self.status.attach_tree(self.tree.counts)  # recordings, tests, failed, unreadable, other
        self.scanner = ScanController(self.workers, self)
        self.menus = MenuBar(self)
        self.menu_actions = install_actions(self, self.menus, self, self.recent)
        self.playback_menu = install_playback_menu(self.menus[Menu.PLAYBACK], self.detail.stream)
        self.detail.stream.use_settings(settings)  # remembers the timeline height
        self.comparer = CompareController(self, self.tree, self.workers)
        self.tools_menu = self.comparer.install_menu(self.menus[Menu.TOOLS])
        self._pending_select: str | None = None
        self.setAcceptDrops(True)
        self._connect()
        view_menu = self.menus[Menu.VIEW]
        self.live = LiveReload(self, view_menu)
        self.load_status = LoadStatus(self)
        self._restore_state()
        self._update_title()
        self._install_desktop_features(view_menu)
        self.tree.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _install_desktop_features(self, view_menu: QMenu) -> None:
        """Theme, zoom, Markdown, navigation, export, the tree's menu, the shortcuts list."""
        settings, detail = self.settings, self.detail
        view_menu.addSeparator()
        self.appearance = Appearance(self, settings, view_menu)
        self.zoom = FontZoom(self, settings, [self.tree, detail, detail.conversation.browser,
                                              detail.raw.editor], view_menu)  # every view
        self.markdown_toggle = MarkdownToggle(self, settings, detail.conversation, view_menu)
        self.navigation = Navigation(self, self.tree.view, view_menu)
        self.exporter = ExportActions(self, settings, self.menus[Menu.FILE], self.menus[Menu.EDIT],
                                      before=self.menu_actions.close_window)
        self.tree_menu = TreeContextMenu(  # (looked up when chosen, so they can be replaced)
            self, self.tree.view, export=lambda rows: self.exporter.export_dialog(rows),
            compare=lambda path: self.compare_with_dialog(path),
            history=lambda ref: self.history.show_history(ref))
        self.history = HistoryController(self, self.menus, before=self.menu_actions.reload)
        self.find_actions = FindActions(self, self.current_find_bar, self.menus[Menu.EDIT])
        self.shortcuts_action = install_shortcuts_action(self, self.menus[Menu.HELP])
        self.search = SearchActions(self, self.menus[Menu.EDIT])
        self.folder_pages = FolderPages(self, view_menu, search=self.search.open)
        self.key_tools = KeyTools(self, self.menus[Menu.TOOLS], self.menus[Menu.FILE])
        for page in (detail.story, detail.overview, detail.home):
            self.zoom.follow(page)

    def _connect(self) -> None:
        self.scanner.started.connect(self._on_scan_started)
        self.scanner.batch.connect(self._on_batch)
        self.scanner.progress.connect(self.status.scan_progress)
        self.scanner.finished.connect(self._on_scan_finished)
        self.scanner.gists.connect(self.tree.set_gists)  # rows listed first, their gists after
        self.status.cancel_requested.connect(self.scanner.cancel)
        self.tree.recording_selected.connect(self._on_recording_selected)
        self.tree.group_selected.connect(self._on_group_selected)
        self.tree.filter_changed.connect(self._update_counts)  # "12 match"
        self.tree.path_filter_changed.connect(self._update_counts)
        self.detail.shown.connect(self.recording_shown)
        self.recording_shown.connect(self.start_selection.remember)
        self.scan_finished.connect(self._expand_first_samples)

    # ------------------------------------------------------------ opening
    @property
    def root(self) -> str | None:
        return self.scanner.root

    def open_path(self, path: str) -> bool:
        """A folder is scanned; a file opens its folder and is selected."""
        path = os.path.abspath(path)
        if os.path.isdir(path):
            self.open_folder(path, select=self.start_selection.choice(path))
        elif os.path.isfile(path):
            self.open_file(path)
        else:
            self.status.bar.showMessage(f"Not found: {path}", 8000)
            return False
        self.recent.add(path)
        return True

    def open_folder(self, folder: str, select: str | None = None) -> None:
        self._pending_select = os.path.abspath(select) if select else None
        self.scanner.start(folder)

    def open_file(self, path: str) -> None:
        self.tree.set_filter("")  # the file must be visible to be selected
        self.open_folder(os.path.dirname(os.path.abspath(path)), select=path)

    def reload(self) -> None:
        if self.history.reload():  # a git revision is read again, not the disk
            return
        if self.root:
            current = self.tree.current_ref()  # None when the filter hides the open one
            self.open_folder(self.root, select=current.path if current else self.detail.path)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open Folder", self.root or "")
        if folder:
            self.open_path(folder)

    def choose_recording(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Recording", self.root or "",
                                              "Recordings (*.json);;All files (*)")
        if path:
            self.open_path(path)

    def select_recording(self, query: str) -> RecordingRef | None:
        """Select by path, file name or test id; the ref selected, or None."""
        ref = find_ref(sorted(self.tree.model.refs(), key=lambda r: r.rel_path), query)
        if ref is None:
            return None
        if not self.tree.select_path(ref.path):
            self.tree.set_filter("")
            if not self.tree.select_path(ref.path):
                return None
        return ref

    def focus_filter(self) -> None:
        self.tree.focus_filter()

    def _expand_first_samples(self, _result: object) -> None:
        if self.start_selection.expand_all:  # the first launch on the samples: show them all
            self.start_selection.expand_all = False
            self.tree.view.expandAll()

    def current_find_bar(self) -> FindBar | None:
        """The find bar of the view with the focus, else of the detail tab on show."""
        return find_bar_for(self.focusWidget()) or find_bar_for(self.detail.tabs.currentWidget())

    def show_about(self) -> None:
        show_about(self)

    def compare_paths(self, a: str, b: str):
        """Open a diff window on two recording files (returns the DiffWindow)."""
        return self.comparer.compare_paths(a, b)

    def compare_with_dialog(self, path: str | None = None):
        """Compare ``path`` (default: the current recording) with a file chosen
        in a dialog; returns the DiffWindow, or None when cancelled."""
        return self.comparer.compare_with_dialog(path)

    # ------------------------------------------------------------ scan events
    def _on_scan_started(self, root: str) -> None:
        self.tree.clear(root)
        self.detail.clear()
        self.status.set_folder(root)
        self.status.set_selected_size(None)
        self._update_counts()
        self.status.scan_started()
        self._update_title()

    def _on_batch(self, refs: list[RecordingRef], terms: dict[str, str]) -> None:
        self.tree.add_refs(refs, terms)
        self._update_counts()
        if self._pending_select and self.tree.select_path(self._pending_select):
            self._pending_select = None

    def _on_scan_finished(self, result: ScanResult) -> None:
        self.tree.flush()
        if not result.error:
            self.tree.compute_facts(self.detail.byte_reader)
        message = ""  # a finished scan speaks through the counts
        if result.error:
            message = f"Scan failed: {result.error}"
        elif result.cancelled:
            message = f"Scan cancelled after {result.count} recordings"
        else:
            if os.path.isdir(result.root):
                self.recent.set_last_folder(result.root)
        self.status.scan_finished(message)
        if self._pending_select:
            if self.tree.has_path(self._pending_select):  # filtered out, not gone: keep it open
                self._on_recording_selected(self.tree.ref_for_path(self._pending_select))
            else:
                self.status.bar.showMessage(f"Not in the scanned folder: {self._pending_select}",
                                            8000)
            self._pending_select = None
        self.scan_finished.emit(result)

    def _update_counts(self) -> None:
        self.status.set_counts()  # from the tree (StatusPanel.attach_tree)

    def _update_title(self) -> None:
        root = self.root
        self.setWindowTitle(f"{display_text(os.path.basename(root) or root)} — recviewer"
                            if root else "recviewer")

    # ------------------------------------------------------------ selection
    def _on_recording_selected(self, ref: RecordingRef) -> None:
        self.status.set_selected_size(ref.size)
        self.detail.load(ref.path)

    def _on_group_selected(self, labels: tuple) -> None:
        self.status.set_selected_size(None)
        self.folder_pages.show_group(labels)  # a test's story, else the home page

    # ------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.handle_drop(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def handle_drop(self, mime: QMimeData) -> bool:
        paths = dropped_paths(mime)
        return self.open_path(paths[0]) if paths else False

    # ------------------------------------------------------------ state
    def _restore_state(self) -> None:
        geometry = self.settings.value(_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        splitter = self.settings.value(_SPLITTER)
        self._split_pending = splitter is None or not self.splitter.restoreState(splitter)
        header = self.settings.value(_HEADER)
        if header is not None and self.tree.view.header().restoreState(header):
            self.tree.columns.auto = False  # the user's widths from last time

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._split_pending:  # first run: share the width, tree a bit narrower
            self._split_pending = False
            width = max(self.splitter.width(), 2)
            self.splitter.setSizes([int(width * TREE_SHARE), width - int(width * TREE_SHARE)])

    def save_state(self) -> None:
        self.settings.setValue(_GEOMETRY, self.saveGeometry())
        self.settings.setValue(_SPLITTER, self.splitter.saveState())
        self.settings.setValue(_HEADER, self.tree.view.header().saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.workers.shutdown(3000)
        super().closeEvent(event)
