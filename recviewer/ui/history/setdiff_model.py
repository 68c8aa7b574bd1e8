"""SetDiffModel: a set diff as a tree, test file → changed recordings.

Top rows are test files (the part of the test id before ``::``; recordings
without a test id are grouped by their folder) with their counts per class;
under each, one row per pair: its name (``old → new`` across a key change),
class and the one-line summary of what changed. Noise pairs are hidden
unless ``set_show_noise(True)``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from recviewer.core.catalog.walk import display_text
from recviewer.core.setdiff.compare import CLASSES, SetDiff, SetPair
from recviewer.ui.history.commit_model import safe_tip
from recviewer.ui.table_model import header_data

NAME, CLASS, SUMMARY = range(3)
HEADERS = ("Recording", "Change", "What changed")
PAIR_ROLE = Qt.ItemDataRole.UserRole + 1  # the SetPair of a pair row (None on a group)
CLASS_LABELS = {"noise": "noise", "response": "response", "request": "request",
                "added": "added", "removed": "removed"}
NO_TEST_ID = "(no test id)"

Index = QModelIndex | QPersistentModelIndex


def group_of(pair: SetPair) -> str:
    """The test file a pair belongs to."""
    if pair.test_id:
        return pair.test_id.split("::", 1)[0]
    return f"{NO_TEST_ID} {posixpath.dirname(pair.path)}"


def pair_name(pair: SetPair) -> str:
    old = posixpath.basename(pair.old) if pair.old else None
    new = posixpath.basename(pair.new) if pair.new else None
    if old and new and pair.old != pair.new:
        return display_text(f"{old} \u2192 {new}")
    return display_text(old or new or "")


def counts_text(counts: dict[str, int], classes=CLASSES) -> str:
    return ", ".join(f"{counts[c]:,} {CLASS_LABELS[c]}" for c in classes if counts.get(c))


@dataclass(slots=True)
class _Group:
    name: str
    pairs: list[SetPair] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


class SetDiffModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._diff: SetDiff | None = None
        self._show_noise = False
        self._groups: list[_Group] = []
        self._prefix = ""  # the folder every test file shares (not repeated on each row)

    # ------------------------------------------------------------ content
    def set_setdiff(self, diff: SetDiff | None) -> None:
        self.beginResetModel()
        self._diff = diff
        self._build()
        self.endResetModel()

    def set_show_noise(self, show: bool) -> None:
        if show == self._show_noise:
            return
        self.beginResetModel()
        self._show_noise = show
        self._build()
        self.endResetModel()

    @property
    def show_noise(self) -> bool:
        return self._show_noise

    def setdiff(self) -> SetDiff | None:
        return self._diff

    def _build(self) -> None:
        groups: dict[str, _Group] = {}
        for pair in self._diff.pairs if self._diff is not None else ():
            g = groups.setdefault(group_of(pair), _Group(group_of(pair)))
            g.counts[pair.cls] = g.counts.get(pair.cls, 0) + 1
            if pair.cls != "noise" or self._show_noise:
                g.pairs.append(pair)
        self._groups = [g for g in groups.values() if g.pairs]  # in index order (first pair)
        names = [g.name for g in self._groups if not g.name.startswith(NO_TEST_ID)]
        common = posixpath.commonpath(names) if len(names) > 1 else posixpath.dirname(
            names[0]) if names else ""
        self._prefix = f"{common}/" if common else ""  # said once, in the tooltip

    def group_count(self) -> int:
        return len(self._groups)

    def group_name(self, row: int) -> str:
        return self._groups[row].name

    def group_counts(self, row: int) -> dict[str, int]:
        return dict(self._groups[row].counts)

    def pairs(self) -> list[SetPair]:
        """The pairs shown, in row order."""
        return [p for g in self._groups for p in g.pairs]

    def index_of(self, pair: SetPair) -> QModelIndex:
        for gi, g in enumerate(self._groups):
            for pi, p in enumerate(g.pairs):
                if p is pair:
                    return self.index(pi, 0, self.index(gi, 0))
        return QModelIndex()

    # ------------------------------------------------------------ Qt
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= len(HEADERS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _TOP or parent.column() != 0:
            return QModelIndex()
        g = parent.row()
        if g >= len(self._groups) or row >= len(self._groups[g].pairs):
            return QModelIndex()
        return self.createIndex(row, column, g)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(child.internalId(), 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _TOP and parent.column() == 0 and parent.row() < len(self._groups):
            return len(self._groups[parent.row()].pairs)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return header_data(HEADERS, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = index.column()
        if index.internalId() == _TOP:
            if index.row() >= len(self._groups):
                return None
            g = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                if col == NAME:
                    return display_text(g.name.removeprefix(self._prefix))
                if col == CLASS:
                    return counts_text(g.counts)
                return None
            if role == Qt.ItemDataRole.ToolTipRole and col in (NAME, CLASS):
                return safe_tip(f"{display_text(g.name)}\n{counts_text(g.counts)}")
            return None
        gi = index.internalId()
        if gi >= len(self._groups) or index.row() >= len(self._groups[gi].pairs):
            return None
        pair = self._groups[gi].pairs[index.row()]
        if role == PAIR_ROLE:
            return pair
        if role == Qt.ItemDataRole.DisplayRole:
            if col == NAME:
                return pair_name(pair)
            if col == CLASS:
                return CLASS_LABELS[pair.cls] + (" (stale name)" if pair.stale else "")
            return display_text(pair.summary.splitlines()[0] if pair.summary else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [display_text(p) for p in (pair.old, pair.new) if p]
            if pair.old and pair.new and pair.old != pair.new:
                lines = [f"old: {display_text(pair.old)}", f"new: {display_text(pair.new)}"]
            if pair.test_id:
                lines.append(display_text(pair.test_id))
            if pair.stale:
                lines.append("The request changed in place: the file name no longer matches it")
            if pair.summary:
                lines.append(display_text(pair.summary))
            return safe_tip("\n".join(dict.fromkeys(lines)))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


_TOP = 0xFFFFFFFF  # internal id of a top row (pair rows hold their group's row)
