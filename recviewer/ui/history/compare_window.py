"""SetDiffWindow: Tools ▸ Compare Revisions… / Compare Folders… — a whole recording set.

The set diff (core ``setdiff.compare_sources``) runs on a worker with a
progress bar and Cancel; the result is a tree by test file with counts per
class (noise hidden unless "Show noise"). Selecting a pair shows it side by
side (``DiffView``, both sides' bytes read from their sources); an added or
removed file shows as a conversation. Enter or a double-click opens the pair
in its own ``DiffWindow``. F7 / Shift+F7 (in the tree) go to the next /
previous changed recording; in the diff they step through its changes.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QHeaderView, QLabel, QMainWindow,
                               QProgressBar, QPushButton, QSplitter, QTreeView, QVBoxLayout,
                               QWidget)

from recviewer.core.catalog.walk import display_text
from recviewer.core.errors import RecordingError
from recviewer.core.model import Recording
from recviewer.core.setdiff.compare import COUNT_KEYS, SetPair
from recviewer.ui.diff.window import DiffWindow, add_close_action
from recviewer.ui.history.jobs import (SetDiffOutcome, Spec, close_sources, pair_job,
                                       setdiff_job)
from recviewer.ui.history.pair_pages import PairPages, set_body, title_label
from recviewer.ui.history.setdiff_model import (CLASS, NAME, PAIR_ROLE, SetDiffModel,
                                                counts_text, pair_name)
from recviewer.ui.workers import Workers


class SetDiffWindow(QMainWindow):
    finished = Signal()  # the set diff is on screen (or failed, or was cancelled)
    pair_shown = Signal(object)  # SetPair, once its side-by-side (or single side) shows

    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workers = workers
        self._lane = f"setdiff-{id(self):x}"
        self._pair_lane = f"setdiff-pair-{id(self):x}"
        self._outcome: SetDiffOutcome | None = None
        self._shown_pair: SetPair | None = None
        self.resize(1400, 860)
        self.setWindowTitle("Compare recording sets")
        self.title = title_label(self)
        self.counts = QLabel(self)
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.counts.setWordWrap(True)
        self.show_noise = QCheckBox("List noise-only recordings", self)
        self.show_noise.setToolTip("Also list recordings that differ only by normalisation "
                                   "noise (ids, timestamps, fingerprints, scores, usage)")
        self.show_noise.toggled.connect(self._on_show_noise)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.setMaximumWidth(260)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel)
        self.model = SetDiffModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("setDiffTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CLASS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(NAME, 330)
        header.resizeSection(CLASS, 190)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.tree.activated.connect(self._on_activated)
        self.next_action = self._step_action("Next changed recording", Qt.Key.Key_F7, 1)
        self.previous_action = self._step_action(
            "Previous changed recording", Qt.Modifier.SHIFT | Qt.Key.Key_F7, -1)
        self.pages = PairPages(workers, self)
        self.diff, self.single, self.single_label = (self.pages.diff, self.pages.single,
                                                     self.pages.single_label)
        top = QWidget(self)
        row = QHBoxLayout()
        row.addWidget(self.counts, 1)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        row.addWidget(self.show_noise)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(8, 6, 8, 6)
        top_layout.addWidget(self.title)
        top_layout.addLayout(row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([660, 740])
        set_body(self, top, self.splitter)
        add_close_action(self)
        self._set_placeholder("")

    def _step_action(self, text: str, key, step: int) -> QAction:
        action = QAction(text, self.tree)
        seq = QKeySequence(key)
        action.setShortcut(seq)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # the diff has its own F7
        action.setToolTip(f"{text} ({seq.toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(lambda: self.step_pair(step))
        self.tree.addAction(action)
        return action

    # ------------------------------------------------------------ running
    def start(self, old: Spec, new: Spec, title: str) -> None:
        """Compare ``old`` with ``new`` on a worker (progress, Cancel)."""
        self.setWindowTitle(f"{title} \u2014 recviewer")
        self.title.setText(title)
        self.counts.setText("Comparing\u2026")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self._release()
        self.model.set_setdiff(None)
        self._set_placeholder("Comparing\u2026")
        self.workers.submit(self._lane, setdiff_job, old, new, on_progress=self._on_progress,
                            on_done=self._on_done, on_error=self._on_error)

    def busy(self) -> bool:
        return self.workers.busy(self._lane)

    def cancel(self) -> None:
        """Stop comparing: what was classified so far is shown, marked partial."""
        self.workers.cancel(self._lane)
        self.cancel_button.setEnabled(False)

    def _on_progress(self, value: tuple[int, int]) -> None:
        done, total = value
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done:,} of {total:,} files")

    def _on_done(self, outcome: SetDiffOutcome | RecordingError) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        if isinstance(outcome, RecordingError):
            self.counts.setText(f"Cannot compare: {display_text(outcome.reason)}")
            self._set_placeholder(f"Cannot compare: {display_text(outcome.reason)}")
            self.finished.emit()
            return
        self._outcome = outcome
        self.model.set_setdiff(outcome.diff)
        self._update_counts()
        self.tree.expandAll()
        if not self.step_pair(1):
            self._set_placeholder("No recording changed" if not outcome.diff.pairs else
                                  "Only normalisation noise changed (Show noise lists it)")
        self.finished.emit()

    def _on_error(self, message: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.counts.setText(f"Cannot compare: {message}")
        self._set_placeholder(f"Cannot compare: {message}")
        self.finished.emit()

    def _update_counts(self) -> None:
        diff = self.model.setdiff()
        if diff is None:
            return
        parts = [f"{diff.counts.get(k, 0):,} {k}" for k in COUNT_KEYS]
        text = " \u00b7 ".join(parts)
        if diff.cancelled:
            text = "Cancelled: partial result \u2014 " + text
        if not self.model.show_noise and diff.counts.get("noise"):
            text += "   (noise hidden)"
        self.counts.setText(text)

    # ------------------------------------------------------------ pairs
    def outcome(self) -> SetDiffOutcome | None:
        return self._outcome

    def current_pair(self) -> SetPair | None:
        index = self.tree.currentIndex()
        return index.siblingAtColumn(0).data(PAIR_ROLE) if index.isValid() else None

    def shown_pair(self) -> SetPair | None:
        return self._shown_pair

    def select_pair(self, pair: SetPair) -> bool:
        index = self.model.index_of(pair)
        if not index.isValid():
            return False
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(index)
        return True

    def step_pair(self, step: int) -> bool:
        """Select the next (step > 0) or previous pair row; False at the end."""
        pairs = self.model.pairs()
        if not pairs:
            return False
        current = self.current_pair()
        if current is None:
            at = -1 if step > 0 else len(pairs)
        else:
            at = next((i for i, p in enumerate(pairs) if p is current), -1)
        target = at + (1 if step > 0 else -1)
        if not 0 <= target < len(pairs):
            return False
        return self.select_pair(pairs[target])

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        pair = current.siblingAtColumn(0).data(PAIR_ROLE) if current.isValid() else None
        if pair is None:
            if current.isValid():
                row = current.siblingAtColumn(0)
                self._set_placeholder(f"{row.data()}\n{counts_text(self.model.group_counts(row.row()))}")
            return
        self._show_pair(pair)

    def _show_pair(self, pair: SetPair) -> None:
        outcome = self._outcome
        if outcome is None:
            return
        self._set_placeholder(f"Reading {pair_name(pair)}\u2026")
        self.workers.submit(self._pair_lane, pair_job, outcome, pair,
                            on_done=lambda sides, p=pair: self._on_pair(p, sides),
                            on_error=lambda m: self._set_placeholder(f"Cannot read: {m}"))

    def _on_pair(self, pair: SetPair, sides) -> None:
        old, new = sides
        self._shown_pair = pair
        if isinstance(old, Recording) and isinstance(new, Recording):
            self.pages.show_pair(old, new)
        elif old is not None and new is not None:
            self.pages.show_errors((("old", old), ("new", new)))
        else:
            one = new if new is not None else old
            where = "Added" if new is not None else "Removed"
            self.pages.show_single(one, f"{where}: {pair.path}"
                                   + (f"  \u00b7  {pair.test_id}" if pair.test_id else ""))
        self.pair_shown.emit(pair)

    def _on_activated(self, index: QModelIndex) -> None:
        pair = index.siblingAtColumn(0).data(PAIR_ROLE)
        if pair is not None:
            self.open_pair_window(pair)

    def open_pair_window(self, pair: SetPair) -> DiffWindow | None:
        """The pair in its own diff window (both sides must exist)."""
        outcome = self._outcome
        if outcome is None or pair.old is None or pair.new is None:
            return None
        win = DiffWindow(self, self.workers)
        win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        win.setWindowTitle(f"{pair_name(pair)} \u2014 {outcome.diff.old_label} \u2194 "
                           f"{outcome.diff.new_label}")
        win.show()
        self.workers.submit(f"setdiff-open-{id(win):x}", pair_job, outcome, pair,
                            on_done=lambda sides, w=win: _fill_window(w, sides))
        return win

    def _on_show_noise(self, show: bool) -> None:
        current = self.current_pair()
        self.model.set_show_noise(show)
        self.tree.expandAll()
        self._update_counts()
        if current is not None and not self.select_pair(current):
            self.step_pair(1)

    def _set_placeholder(self, text: str) -> None:
        self.pages.show_placeholder(text)

    # ------------------------------------------------------------ closing
    def _release(self) -> None:
        outcome, self._outcome = self._outcome, None
        if outcome is not None:
            close_sources(outcome.old, outcome.new)

    def closeEvent(self, event: QCloseEvent) -> None:
        for lane in (self._lane, self._pair_lane):
            self.workers.drop(lane)
        self.diff.cancel()
        self._release()
        super().closeEvent(event)


def _fill_window(win: DiffWindow, sides) -> None:
    old, new = sides
    try:
        if isinstance(old, Recording) and isinstance(new, Recording):
            win.view.set_recordings(old, new)
        else:
            win.view.show_errors([(s, r) for s, r in (("old", old), ("new", new))
                                  if isinstance(r, RecordingError)])
    except RuntimeError:  # the window was closed before the files were read
        pass
