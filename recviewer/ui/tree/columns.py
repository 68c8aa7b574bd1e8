"""Column widths of the test tree: the name column keeps a fair share.

The detail columns have ideal widths; when the tree is narrow they give way
(down to a minimum) so the name stays readable. Once the user drags a column
(or a saved header state is restored) the widths are theirs and left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTreeView

NAME_SHARE = 0.45  # of the tree's width kept for the name column, at least
MIN_WIDTH = 30


def fitted_widths(available: int, ideal: dict[int, tuple[int, int]],
                  name_share: float = NAME_SHARE) -> dict[int, int]:
    """Widths for the detail columns so that the name column keeps its share.

    ``ideal`` maps column → (ideal, minimum) in the order columns give way:
    the first one shrinks to its minimum before the next one starts."""
    widths = {column: best for column, (best, _least) in ideal.items()}
    excess = sum(widths.values()) - (available - int(available * name_share))
    for column, (best, least) in ideal.items():
        if excess <= 0:
            break
        cut = min(excess, best - least)
        widths[column] = best - cut
        excess -= cut
    return widths


class ColumnFitter(QObject):
    def __init__(self, view: QTreeView, name_column: int,
                 ideal: dict[int, tuple[int, int]]) -> None:
        super().__init__(view)
        self._view, self._ideal = view, dict(ideal)
        self._least = {column: least for column, (_best, least) in ideal.items()}
        self.auto = True
        self._fitting = False
        header = view.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(MIN_WIDTH)
        header.setSectionResizeMode(name_column, QHeaderView.ResizeMode.Stretch)
        for column in ideal:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._on_section_resized)
        view.viewport().installEventFilter(self)
        self.fit()

    def set_ideal(self, widths: dict[int, int], keep: frozenset[int] = frozenset()) -> None:
        """New ideal widths (measured from the content); the columns in
        ``keep`` never shrink below them, the others down to their minimums."""
        for column, best in widths.items():
            least = best if column in keep else min(self._least[column], best)
            self._ideal[column] = (best, least)
        self.fit()

    def fit(self) -> None:
        if not self.auto:
            return
        header = self._view.header()
        shown = {c: w for c, w in self._ideal.items() if not header.isSectionHidden(c)}
        self._fitting = True
        try:
            for column, width in fitted_widths(self._view.viewport().width(), shown).items():
                header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _on_section_resized(self, column: int, old: int, new: int) -> None:
        # A section shown or hidden (0 on one side) is not the user's choice.
        if (not self._fitting and column in self._ideal and self._view.isVisible()
                and old > 0 and new > 0):
            self.auto = False  # the user chose a width

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
