"""The folder overview: totals, bar charts, a size histogram and lists.

``OverviewView.set_stats(FolderStats)`` shows a folder at a glance (it can be
called again with fresh stats after a live reload). Every card, bar and row
emits ``filter_requested(FilterRequest)`` carrying the exact recordings
(absolute paths) it stands for, so the window can filter its tree to them.
All text from recordings goes into plain-text widgets or escaped tooltips.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from recviewer.core.stats import FAILED, STREAMED, FilterRequest, FolderStats, size_bins
from recviewer.core.units import human_bytes
from recviewer.ui.overview.bars import BarChart, mix
from recviewer.ui.overview.histogram import SizeHistogram

REQUEST_ROLE = Qt.ItemDataRole.UserRole + 1


class StatCard(QWidget):
    """A big number and a caption; a click asks for its recordings."""

    clicked = Signal(object)  # FilterRequest

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caption = caption
        self._value = ""
        self._request: FilterRequest | None = None
        self._hover = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_value(self, value: str, request: FilterRequest | None) -> None:
        self._value = value
        self._request = request
        self.setCursor(Qt.CursorShape.PointingHandCursor if request and request.paths
                       else Qt.CursorShape.ArrowCursor)
        self.setToolTip("click to show them in the tree" if request and request.paths else "")
        self.update()

    def value(self) -> str:
        return self._value

    def caption(self) -> str:
        return self._caption

    def _big(self) -> QFont:
        font = QFont(self.font())
        size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(size * 1.7)
        font.setBold(True)
        return font

    def sizeHint(self) -> QSize:
        fm, big = QFontMetrics(self.font()), QFontMetrics(self._big())
        width = max(fm.horizontalAdvance(self._caption), big.horizontalAdvance(self._value or "0"))
        return QSize(width + 24, big.height() + fm.height() + 16)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self.sizeHint().height())

    def paintEvent(self, event) -> None:  # noqa: N802
        pal = self.palette()
        window, text = pal.color(QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.WindowText)
        accent = pal.color(QPalette.ColorRole.Highlight)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(mix(window, text, 0.18))
        p.setBrush(mix(window, accent, 0.14 if self._hover else 0.06))
        p.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 6, 6)
        big = self._big()
        bh = QFontMetrics(big).height()
        p.setFont(big)
        p.setPen(text)
        p.drawText(QRect(12, 6, self.width() - 24, bh), Qt.AlignmentFlag.AlignLeft, self._value)
        p.setFont(self.font())
        p.setPen(mix(text, window, 0.3))
        fm = QFontMetrics(self.font())
        p.drawText(QRect(12, 6 + bh, self.width() - 24, fm.height() + 4), Qt.AlignmentFlag.AlignLeft,
                   fm.elidedText(self._caption, Qt.TextElideMode.ElideRight, self.width() - 24))

    def enterEvent(self, event) -> None:  # noqa: N802
        self._hover = bool(self._request and self._request.paths)
        self.update()

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._hover = False
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if (event.button() == Qt.MouseButton.LeftButton and self._request is not None
                and self._request.paths and self.rect().contains(event.position().toPoint())):
            self.clicked.emit(self._request)
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self.updateGeometry()
            self.update()
        return super().event(event)


class RowList(QWidget):
    """A titled list whose rows each carry a FilterRequest (plain text rows)."""

    filter_requested = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None, empty: str = "none") -> None:
        super().__init__(parent)
        self._empty = empty
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.title = QLabel(title)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.list = QListWidget()
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(1)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        layout.addWidget(self.title)
        layout.addWidget(self.list)

    def set_rows(self, rows: list[tuple[str, FilterRequest | None, str]]) -> None:
        """Rows of (text, request, tooltip)."""
        self.list.clear()
        for text, request, tip in rows:
            item = QListWidgetItem(text)
            item.setData(REQUEST_ROLE, request)
            item.setToolTip(tip)  # a plain string: set on the item, shown as text
            self.list.addItem(item)
        self.list.setCurrentRow(-1)
        if not rows:
            item = QListWidgetItem(self._empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)

    def show_rows(self, n: int) -> None:
        """Make the list exactly ``n`` rows high (whole rows, at this font)."""
        row = self.list.sizeHintForRow(0) if self.list.count() else -1
        if row <= 0:
            row = QFontMetrics(self.list.font()).height() + 2
        spacing = self.list.spacing()
        self.list.setFixedHeight(n * (row + 2 * spacing) + 2 * self.list.frameWidth())

    def set_title(self, text: str) -> None:
        self.title.setText(text)

    def _clicked(self, item: QListWidgetItem) -> None:
        request = item.data(REQUEST_ROLE)
        if isinstance(request, FilterRequest):
            self.filter_requested.emit(request)


_DUPLICATE_KINDS = {"response": "same response", "request": "same request",
                    "both": "same request and response"}


def _duplicate_row(stats: FolderStats, dup) -> str:
    """``"20 × same response · 5 tests · llama-guard3:1b"``: the count first, so
    eliding a long model name never hides it."""
    first = stats.ref(dup.paths[0])
    tests = len({r.test_id for r in map(stats.ref, dup.paths) if r is not None and r.test_id})
    about = (first.model or first.endpoint or "") if first is not None else ""
    parts = [f"{len(dup.paths)} × {_DUPLICATE_KINDS.get(dup.kind, dup.kind)}"]
    if tests > 1:
        parts.append(f"{tests} tests")
    if about:
        parts.append(about)
    return " · ".join(parts)


def _plain_tip(text: str) -> str:
    """Item tooltips are rich text when they look like HTML: keep them plain."""
    from html import escape

    return f"<p style='white-space:pre-wrap'>{escape(text)}</p>"


class OverviewView(QScrollArea):
    """Folder overview; ``filter_requested(FilterRequest)`` on every click."""

    filter_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stats: FolderStats | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setAutoFillBackground(False)
        self.setWidget(body)
        grid = QGridLayout(body)
        grid.setContentsMargins(16, 10, 16, 10)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(12)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.heading, 0, 0, 1, 3)

        self.cards: dict[str, StatCard] = {}
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for key, caption in (("recordings", "recordings"), ("tests", "tests"),
                             ("failed", "failed calls"), ("streamed", "streamed"),
                             ("duplicates", "in duplicate groups"),
                             ("no_test_id", "without a test id"), ("orphans", "orphans")):
            card = StatCard(caption)
            card.clicked.connect(self.filter_requested)
            self.cards[key] = card
            cards.addWidget(card)
        grid.addLayout(cards, 1, 0, 1, 3)

        self.charts: dict[str, BarChart] = {
            "provider": BarChart("recordings per provider", "provider"),
            "model": BarChart("recordings per model", "model"),
            "endpoint": BarChart("recordings per endpoint", "endpoint"),
            "test": BarChart("tests with the most recordings", "test"),
            "streamed": BarChart("streamed vs not", "streamed", max_bars=2),
            "failed": BarChart("calls: failed vs ok", "failed", max_bars=2),
            "key": BarChart("key status", "key", max_bars=4),
        }
        for chart in self.charts.values():
            chart.filter_requested.connect(self.filter_requested)
        grid.addWidget(self.charts["provider"], 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.charts["model"], 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.charts["endpoint"], 2, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.charts["test"], 3, 0, 1, 2, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        side.setSpacing(10)
        for name in ("streamed", "failed", "key"):
            side.addWidget(self.charts[name])
        side.addStretch(1)
        grid.addLayout(side, 3, 2)

        self.histogram = SizeHistogram("file sizes")
        self.histogram.filter_requested.connect(self.filter_requested)
        grid.addWidget(self.histogram, 4, 0, Qt.AlignmentFlag.AlignTop)
        self.duplicates = RowList("duplicates", empty="no duplicates")
        self.largest = RowList("largest files")
        self.orphans = RowList("orphans", empty="no orphans")
        self.failed_list = RowList("failed calls", empty="no failed calls")
        lists = [self.duplicates, self.largest, self.failed_list, self.orphans]
        for row_list in lists:
            row_list.filter_requested.connect(self.filter_requested)
        grid.addWidget(self.duplicates, 4, 1, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(self.largest)
        right.addWidget(self.failed_list)
        right.addWidget(self.orphans)
        right.addStretch(1)
        grid.addLayout(right, 4, 2)
        grid.setRowStretch(5, 1)
        for col in range(3):
            grid.setColumnStretch(col, 1)
        self._fit_lists()

    # ----------------------------------------------------------------- data
    def stats(self) -> FolderStats | None:
        return self._stats

    def set_stats(self, stats: FolderStats) -> None:
        self._stats = stats
        total = len(stats.recordings)
        self.heading.setText(f"Folder overview — {stats.root}    "
                             f"({human_bytes(stats.total_bytes)} in {total:,} recordings)")
        dup_paths = tuple(dict.fromkeys(p for d in stats.duplicates for p in d.paths))
        streamed = len(stats.streamed)
        values = {
            "recordings": (f"{total:,}", stats.request("all", "all")),
            "tests": (f"{stats.tests:,}", stats.request("all", "all")),
            "failed": (f"{len(stats.failed):,}", stats.request("failed", FAILED)),
            "streamed": (f"{100 * streamed / total:.0f}%" if total else "–",
                         stats.request("streamed", STREAMED)),
            "duplicates": (f"{len(dup_paths):,}", FilterRequest("duplicate", "all duplicates",
                                                                dup_paths)),
            "no_test_id": (f"{len(stats.no_test_id):,}",
                           FilterRequest("test", "(no test id)", stats.no_test_id)),
            "orphans": ("–" if stats.orphans is None else f"{len(stats.orphans):,}",
                        stats.request("orphan", "orphans")),
        }
        for key, (value, request) in values.items():
            self.cards[key].set_value(value, request)
        self.cards["orphans"].setVisible(stats.orphans is not None)
        for kind in ("provider", "model", "endpoint", "test", "streamed", "failed"):
            self.charts[kind].set_groups(stats.groups[kind], total)
        if stats.keys is not None:
            self.charts["key"].set_groups({k: v for k, v in stats.keys.items()}, total)
        self.charts["key"].setVisible(stats.keys is not None)
        self.histogram.set_bins(size_bins(stats))
        self.duplicates.set_title(f"duplicates ({len(stats.duplicates):,} groups)")
        self.duplicates.set_rows([
            (_duplicate_row(stats, d), FilterRequest("duplicate", d.what, d.paths),
             _plain_tip("\n".join((d.what, *d.rel_paths)))) for d in stats.duplicates])
        self.largest.set_rows([
            (f"{human_bytes(r.size):>9}  {r.rel_path}", FilterRequest("largest", r.rel_path, (r.path,)),
             _plain_tip(f"{r.rel_path}\n{r.test_id or '(no test id)'}")) for r in stats.largest(10)])
        failed = [stats.ref(p) for p in stats.failed]
        self.failed_list.set_title(f"failed calls ({len(failed):,})")
        self.failed_list.set_rows([
            (f"{r.status or 'exception'}  {r.test_id or r.rel_path}",
             FilterRequest("failed", r.rel_path, (r.path,)), _plain_tip(r.rel_path))
            for r in failed if r is not None])
        self.orphans.setVisible(stats.orphans is not None)
        if stats.orphans is not None:
            self.orphans.set_title(f"orphans ({len(stats.orphans):,}): test no longer collected")
            self.orphans.set_rows([
                (r.test_id or r.rel_path, FilterRequest("orphan", r.rel_path, (r.path,)),
                 _plain_tip(r.rel_path)) for r in stats.orphans])
        self._fit_lists()

    def _fit_lists(self) -> None:
        shown = 3 if self._stats is not None and self._stats.orphans is not None else 5
        for row_list, n in ((self.duplicates, 11), (self.largest, shown),
                            (self.failed_list, shown), (self.orphans, shown)):
            row_list.show_rows(n)
        title = self.duplicates.title.sizeHint().height() + 2
        self.histogram.setFixedHeight(self.duplicates.list.height() + title)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            self._fit_lists()
        return super().event(event)
