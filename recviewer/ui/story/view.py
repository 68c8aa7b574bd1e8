"""StoryView: a test as the sequence of its calls (issue 16).

The calls in story order as a compact table — the branch drawing (forks as
lanes), place, role of the last request message, the call's gist, tool calls
made, finish reason and tokens — and the calls outside any chain (embeddings,
model lists, tool runtime) listed apart. The story (``core.sequence.story_of``)
reads the test's files, so it is computed on the "story" worker lane; a newer
choice supersedes a pending one. Clicking a call emits ``call_activated``.
A group with several tests shows a chooser; the first test is shown at once.
"""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QTreeView, QVBoxLayout,
    QWidget,
)

from recviewer.core.catalog.scan import RecordingRef
from recviewer.core.sequence import Story, story_of
from recviewer.ui.appearance.follow import follow
from recviewer.ui.appearance.view_colours import Theme
from recviewer.ui.story.branches import BranchDelegate
from recviewer.ui.story.model import FILE, GRAPH, PATH_ROLE, PLACE, WHAT, StoryModel
from recviewer.ui.workers import JobControl, Workers

STORY_LANE = "story"  # detail pane: the selected test's story
MAX_TESTS = 500  # tests offered in the chooser of one group


def story_job(_control: JobControl, refs: Sequence[RecordingRef], test_id: str,
              read_bytes: Callable[[str], bytes] | None = None) -> Story | None:
    """Worker thread: the story of ``test_id`` among the folder's ``refs``
    (``read_bytes``: the files' bytes when not from the disk, e.g. a git revision)."""
    return story_of(refs, test_id, read_bytes=read_bytes)


def summary_text(story: Story) -> str:
    calls = len(story.calls)
    chains = sum(1 for c in story.calls if c.after is None)
    forks = len({c.after for c in story.calls if c.fork})
    parts = [f"{calls} call{'s' * (calls != 1)} in {chains} chain{'s' * (chains != 1)}"]
    if forks:
        parts.append(f"{forks} fork{'s' * (forks != 1)}")
    borrowed = sum(1 for c in story.calls if c.borrowed)
    if borrowed:
        parts.append(f"{borrowed} recorded under another parametrisation")
    parts.append(f"{len(story.unplaced)} outside any chain")
    return " · ".join(parts)


def _table(parent: QWidget, model: StoryModel) -> QTreeView:
    view = QTreeView(parent)
    view.setModel(model)
    view.setRootIsDecorated(False)
    view.setUniformRowHeights(True)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
    return view


class StoryView(QWidget):
    call_activated = Signal(object)  # absolute path of the clicked call (str)
    story_shown = Signal(object)  # Story | None, once on screen

    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self._refs: Sequence[RecordingRef] = ()
        self._gists: dict[str, str | None] = {}
        self.story: Story | None = None
        # where the files' bytes come from while the window shows a git revision
        # (set by ui/history/controller.py; None: the disk)
        self.read_bytes: Callable[[str], bytes] | None = None
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.chooser = QComboBox(self)
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(40)
        self.chooser.currentIndexChanged.connect(self._on_chosen)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.model = StoryModel(False, self)
        self.unplaced_model = StoryModel(True, self)
        self.calls = _table(self, self.model)
        self.calls.setObjectName("storyCalls")
        self.branches = BranchDelegate(self.calls)
        self.calls.setItemDelegateForColumn(GRAPH, self.branches)
        self.unplaced_label = QLabel(self)
        self.unplaced_label.setTextFormat(Qt.TextFormat.PlainText)
        self.unplaced = _table(self, self.unplaced_model)
        self.unplaced.setObjectName("storyUnplaced")
        self.unplaced.hideColumn(GRAPH)
        for view in (self.calls, self.unplaced):
            view.clicked.connect(self._on_clicked)
            view.activated.connect(self._on_clicked)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.chooser)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.calls, 3)
        layout.addWidget(self.unplaced_label)
        layout.addWidget(self.unplaced, 1)
        self._follow = follow(self, on_theme=self._apply_theme)
        self._apply_theme(self._follow.theme)

    # ------------------------------------------------------------ showing
    def show_tests(self, test_ids: Sequence[str], refs: Sequence[RecordingRef]) -> None:
        """Show the story of ``test_ids[0]`` (a chooser offers the others)."""
        self._refs = refs
        self._gists = {r.path: r.gist for r in refs}
        ids = list(test_ids)[:MAX_TESTS]
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for test_id in ids:
            self.chooser.addItem(test_id.rpartition("/")[2], test_id)
            self.chooser.setItemData(self.chooser.count() - 1, test_id, Qt.ItemDataRole.ToolTipRole)
        self.chooser.blockSignals(False)
        self.chooser.setVisible(len(ids) > 1)
        if ids:
            self._compute(ids[0])
        else:
            self._workers.drop(STORY_LANE)
            self._show(None, "")

    @property
    def test_id(self) -> str | None:
        data = self.chooser.currentData()
        return data if isinstance(data, str) else None

    @property
    def loading(self) -> bool:
        return self._workers.busy(STORY_LANE)

    def cancel(self) -> None:
        self._workers.drop(STORY_LANE)

    def _on_chosen(self, index: int) -> None:
        test_id = self.chooser.itemData(index)
        if isinstance(test_id, str):
            self._compute(test_id)

    def _compute(self, test_id: str) -> None:
        self.title.setText(test_id)
        own = sum(1 for r in self._refs if r.test_id == test_id)
        self.summary.setText(f"Reading {own} recording{'s' * (own != 1)} to order the calls…")
        self.model.set_story(None)
        self.unplaced_model.set_story(None)
        self._workers.submit(STORY_LANE, story_job, self._refs, test_id, self.read_bytes,
                             on_done=lambda story, t=test_id: self._show(story, t),
                             on_error=self._on_failed)

    def _show(self, story: Story | None, test_id: str) -> None:
        self.story = story
        self.model.set_story(story, self._gists)
        self.unplaced_model.set_story(story, self._gists)
        if story is None:
            self.summary.setText(f"No recordings of {test_id}." if test_id else "No test here.")
        else:
            self.summary.setText(summary_text(story))
        n = len(story.unplaced) if story else 0
        self.unplaced_label.setText(f"Outside any chain ({n}): embeddings, model lists, "
                                    "tool runtime, unreadable files" if n else
                                    "Outside any chain: none")
        self.unplaced.setVisible(n > 0)
        self.calls.resizeColumnToContents(GRAPH)
        self.calls.resizeColumnToContents(PLACE)
        self.story_shown.emit(story)

    def _on_failed(self, message: str) -> None:
        self.story = None
        self.model.set_story(None)
        self.unplaced_model.set_story(None)
        self.summary.setText(f"Could not order the calls: {message}")
        self.story_shown.emit(None)

    def _on_clicked(self, index: QModelIndex) -> None:
        path = index.siblingAtColumn(FILE).data(PATH_ROLE) if index.isValid() else None
        if path:
            self.call_activated.emit(path)

    def _apply_theme(self, theme: Theme) -> None:
        for model in (self.model, self.unplaced_model):
            model.set_colours(theme.error_fg, theme.muted)
