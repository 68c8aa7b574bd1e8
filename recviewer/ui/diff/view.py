"""DiffView: two recordings side by side, and their structural JSON changes.

``set_recordings(a, b)`` diffs in the background (``ui.workers``, a lane of
its own); a newer call supersedes an older one, whose result is dropped. The
"Side by side" tab is one safe QTextBrowser whose page aligns every row pair
in a table row (so both columns scroll together by construction); the
"Structural JSON" tab lists ``diff_json`` of the two documents. F7 / Shift+F7
jump to the next / previous changed row.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from recviewer.core.errors import RecordingError
from recviewer.core.model import Recording
from recviewer.ui.conversation.browser import SafeBrowser
from recviewer.ui.conversation.context import RenderContext, ToolLinks
from recviewer.ui.conversation.folding import TOGGLE
from recviewer.ui.diff import anchors
from recviewer.ui.diff.cells import DiffContext
from recviewer.ui.diff.colours import diff_colors
from recviewer.ui.diff.compute import DiffResult, compute_diff, read_pair
from recviewer.ui.diff.page import ANCHOR, REFOLD, UNFOLD, Page, diff_page, errors_page
from recviewer.ui.diff.structural import StructuralModel, structural_table
from recviewer.ui.diff.summary_bar import SummaryBar
from recviewer.ui.appearance.follow import follow
from recviewer.ui.appearance.view_colours import Theme
from recviewer.ui.find.bar import FindBar, install_ctrl_f
from recviewer.ui.find.target import TextTarget
from recviewer.ui.workers import Workers, diff_lane


class _NamesOnly(ToolLinks):
    """Tool names for result cards, but no call/result anchors: both columns
    hold the same ids, and anchors must be unique in one page."""

    def call_anchor(self, call_id: str | None) -> str | None:
        return None

    def result_anchor(self, call_id: str | None) -> str | None:
        return None


def _drop_quietly(workers: Workers, lane: str) -> None:
    try:
        workers.drop(lane)
    except RuntimeError:  # the Workers object was deleted first
        pass


class DiffView(QWidget):
    diff_shown = Signal()  # a result (or an error page) is now on screen

    def __init__(self, parent: QWidget | None = None, workers: Workers | None = None) -> None:
        super().__init__(parent)
        self.workers = workers if workers is not None else Workers(self)
        self._lane = diff_lane(self)
        # a shared Workers outlives this view: drop our job when we go
        self.destroyed.connect(lambda *_, w=self.workers, lane=self._lane: _drop_quietly(w, lane))
        self.next_action = self._action("Next change", QKeySequence(Qt.Key.Key_F7), 1)
        self.previous_action = self._action(
            "Previous change", QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F7), -1)
        self.bar = SummaryBar(self.previous_action, self.next_action, self)
        self.bar.show_noise.toggled.connect(self._on_show_noise)
        self.browser = SafeBrowser(self)
        self.browser.anchorClicked.connect(self._on_anchor)
        self.structural = StructuralModel(self)
        self.table = structural_table(self.structural, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.browser, "Side by side")
        self.tabs.addTab(self.table, "Structural JSON")
        self.find_bar = FindBar(TextTarget(self.browser), self)  # searches the side-by-side page
        self.find_bar.edit.textEdited.connect(self._show_side_by_side)
        install_ctrl_f(self, self.find_bar)
        # View ▸ Zoom sets the browser's font (the main window follows it): the rest follows
        self._zoom = follow(self.browser, on_zoom=self._on_zoom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.tabs, 1)
        self._follow = follow(self, on_theme=self._apply_theme)
        self._theme: Theme = self._follow.theme
        self._result: DiffResult | None = None
        self._page = Page()
        self._current: int | None = None
        self._unfolded: set[str] = set()
        self._expanded: set[str] = set()
        self.clear()

    def _on_zoom(self, font: QFont) -> None:
        for widget in (self.bar, self.find_bar, self.table, self.tabs.tabBar()):
            widget.setFont(font)

    def _show_side_by_side(self, *_: object) -> None:
        self.tabs.setCurrentWidget(self.browser)

    def _action(self, text: str, key: QKeySequence, step: int) -> QAction:
        action = QAction(text, self)
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text} ({key.toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(lambda: self.step_change(step))
        self.addAction(action)
        return action

    # ------------------------------------------------------------ public API
    def set_recordings(self, a: Recording, b: Recording) -> None:
        """Diff ``a`` (left) and ``b`` (right) off the GUI thread, then show it."""
        self._begin("Comparing\u2026")
        self.workers.submit(self._lane, compute_diff, a, b, on_done=self._on_result,
                            on_error=self._on_failure)

    def load_paths(self, path_a: str, path_b: str) -> None:
        """Read both files off the GUI thread, then diff them (or show why not)."""
        self._begin("Reading files\u2026")
        self.workers.submit(self._lane, read_pair, path_a, path_b, on_done=self._on_read,
                            on_error=self._on_failure)

    def show_errors(self, errors: list[tuple[str, RecordingError]]) -> None:
        """An error page: ``errors`` are (side label, error) pairs."""
        self.cancel()
        self._reset()
        names = ", ".join(side for side, _ in errors)
        self.bar.set_summary(f"Cannot compare: {names} could not be read")
        self.browser.set_page(errors_page(errors, self._render_context()))
        self.diff_shown.emit()

    def clear(self) -> None:
        self.cancel()
        self._reset()
        self.bar.set_summary("")
        self.browser.clear()

    def cancel(self) -> None:
        """Stop a diff or read in progress; its result will be dropped."""
        self.workers.drop(self._lane)

    def set_show_noise(self, show: bool) -> None:
        self.bar.show_noise.setChecked(show)

    def show_noise(self) -> bool:
        return self.bar.show_noise.isChecked()

    def step_change(self, step: int) -> bool:
        """Scroll to the next (step > 0) or previous changed row; False at the end."""
        if self.tabs.currentWidget() is not self.browser:
            self.tabs.setCurrentWidget(self.browser)
        found = anchors.anchor_tops(self.browser.document(), ANCHOR)  # laid out now
        tops = [found[name] for name in self._page.anchors if name in found]
        bar = self.browser.verticalScrollBar()
        pick = anchors.next_index if step > 0 else anchors.previous_index
        index = pick(tops, bar.value(), bar.maximum(), self._current)
        if index is None:
            return False
        self._current = index
        bar.setValue(anchors.scroll_target(tops[index], bar.maximum()))
        self.bar.set_position(index, len(tops))
        return True

    def next_change(self) -> bool:
        return self.step_change(1)

    def previous_change(self) -> bool:
        return self.step_change(-1)

    def current_change(self) -> int | None:
        return self._current

    def change_count(self) -> int:
        return len(self._page.anchors)

    def result(self) -> DiffResult | None:
        return self._result

    def busy(self) -> bool:
        return self.workers.busy(self._lane)

    def summary_text(self) -> str:
        return self.bar.summary.text()

    def page_html(self) -> str:
        """The HTML last given to the side-by-side browser (for tests)."""
        return self._page.html

    def set_theme(self, theme: Theme) -> None:
        self._follow.set_theme(theme)

    # ------------------------------------------------------------ internals
    def _reset(self) -> None:
        self._result = None
        self._page = Page()
        self._current = None
        self._unfolded.clear()
        self._expanded.clear()
        self.browser.forget_images()
        self.structural.set_changes(())
        self._update_tab()
        self.bar.set_position(None, 0)
        self._enable_steps()

    def _enable_steps(self) -> None:
        for action in (self.next_action, self.previous_action):
            action.setEnabled(bool(self._page.anchors))

    def _begin(self, message: str) -> None:
        self._reset()
        self.bar.set_summary(message)
        self.browser.clear()

    def _on_read(self, pair) -> None:
        if pair is None:
            return
        errors = [(side, r) for side, r in zip(("A", "B"), pair) if isinstance(r, RecordingError)]
        if errors:
            self.show_errors(errors)
        else:
            self.set_recordings(*pair)

    def _on_result(self, result: DiffResult | None) -> None:
        if result is None:
            return
        self._reset()
        self._result = result
        self.structural.set_changes(result.structural)
        self.structural.set_show_noise(self.show_noise())
        self._update_tab()
        self._render(keep_scroll=False)
        self.diff_shown.emit()

    def _on_failure(self, message: str) -> None:
        self._reset()
        self.bar.set_summary(f"Cannot compare: {message}")
        self.browser.clear()
        self.diff_shown.emit()

    def _render_context(self) -> RenderContext:
        links = ToolLinks()
        if self._result is not None:
            ex_a, ex_b = self._result.a.exchange, self._result.b.exchange
            built = ToolLinks.build(ex_a.request_messages + ex_a.response_messages
                                    + ex_b.request_messages + ex_b.response_messages)
            links = _NamesOnly(names=built.names)
        return RenderContext(self._theme, True, frozenset(self._expanded), links,
                             self.browser.thumb_for)

    def _render(self, keep_scroll: bool) -> None:
        result = self._result
        if result is None:
            return
        dc = DiffContext(self._render_context(), diff_colors(self._theme), self.show_noise())
        self._page = diff_page(result.a, result.b, result.diff, dc, frozenset(self._unfolded))
        bar = self.browser.verticalScrollBar()
        old = bar.value()
        self.browser.set_page(self._page.html)
        bar.setValue(old if keep_scroll else 0)
        noise = 0 if self.show_noise() else sum(1 for c in result.diff.changes if c.noise)
        same = self._theme.role("assistant").label if result.diff.equivalent else None
        self.bar.set_summary(result.summary, noise, same)
        if self._current is not None and self._current >= len(self._page.anchors):
            self._current = None
        self.bar.set_position(self._current, len(self._page.anchors))
        self._enable_steps()

    def _update_tab(self) -> None:
        n = self.structural.rowCount()
        self.tabs.setTabText(1, f"Structural JSON ({n:,})" if self._result else "Structural JSON")

    def _on_show_noise(self, show: bool) -> None:
        self.structural.set_show_noise(show)
        self._update_tab()
        self._current = None
        self._render(keep_scroll=True)

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(UNFOLD):
            self._unfolded.add(text[len(UNFOLD):])
        elif text.startswith(REFOLD):
            self._unfolded.discard(text[len(REFOLD):])
        elif text.startswith(TOGGLE):
            self._expanded.symmetric_difference_update({text[len(TOGGLE):]})
        else:
            return  # links in file text are never followed
        self._render(keep_scroll=True)

    def _apply_theme(self, theme: Theme) -> None:
        if theme != self._theme:
            self._theme = theme
            self._render(keep_scroll=True)
