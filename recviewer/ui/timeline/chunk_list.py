"""ChunkListModel: one row per stream chunk, "#37  'Hello'  · content_block_delta".

A flat list model over ``ChunkSummary`` values; the view shows it with
uniform row sizes so 1,399 rows cost nothing to lay out.

Numbering is 1-based everywhere the timeline shows a chunk (``chunk_number``):
chunk #132 is the 132nd chunk, and "chunk 132 / 151" means it was the last one
received. A row starts with what arrived (the text, the reasoning, the
tool-call argument fragment), so a narrow list shows it; the event type comes
last.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPixmap

from recviewer.core.replay import ChunkSummary
from recviewer.ui.timeline.colours import TimelineColours

SNIPPET = 48  # characters of delta text shown in a row
SWATCH = (5, 12)  # width, height of a row's colour swatch in pixels
ChunkIndexRole = Qt.ItemDataRole.UserRole + 1


def quoted(text: str, limit: int = SNIPPET) -> str:
    """``text`` in single quotes, newlines and tabs visible, cut to ``limit``."""
    shown = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f"'{shown}'"


def chunk_number(index: int) -> int:
    """The number a chunk is shown with (1-based) from its 0-based index."""
    return index + 1


def row_text(s: ChunkSummary) -> str:
    """One line saying what a chunk adds: what arrived first, the event type last."""
    bits: list[str] = []
    if s.text_delta:
        bits.append(quoted(s.text_delta))
    if s.reasoning_delta:
        bits.append(f"reasoning {quoted(s.reasoning_delta)}")
    if s.refusal_delta:
        bits.append(f"refusal {quoted(s.refusal_delta)}")
    for tc in s.tool_call_deltas:
        head = f"{tc.name}(" if tc.name else f"tool[{tc.index}] "
        bits.append(f"{head}{quoted(tc.arguments)}" if tc.arguments else head.rstrip(" ("))
    if s.role:
        bits.append(f"role={s.role}")
    bits.extend(s.flags())
    named = bool(s.label) and s.label != "chunk"
    if not bits:  # nothing arrived: the event type says what the chunk was (drawn muted)
        return f"#{chunk_number(s.index)}  {s.label if named else '(nothing)'}"
    label = f"  \u00b7 {s.label}" if named and s.label not in bits else ""
    return f"#{chunk_number(s.index)}  {'  '.join(bits)}{label}"


def row_kind(s: ChunkSummary) -> str | None:
    """Which marker colour a row's swatch takes (None: no swatch)."""
    if s.has_error:
        return "error"
    if s.finish_reason:
        return "finish"
    if s.tool_call_deltas:
        return "tool"
    if s.text_delta or s.refusal_delta:
        return "content"
    if s.reasoning_delta:
        return "reasoning"
    return None


def row_tooltip(s: ChunkSummary) -> str:
    lines = [f"chunk #{chunk_number(s.index)} ({s.label or 'chunk'}), {s.chars:,} characters added"]
    if s.time is not None:
        lines.append(f"received at {s.time:.3f} s")
    lines.append("click to show the stream after this chunk")
    return "\n".join(lines)


class ChunkListModel(QAbstractListModel):
    """Rows: DisplayRole the one-line summary, DecorationRole a swatch in the
    scrubber's marker colour, ChunkIndexRole the chunk index."""

    def __init__(self, parent=None, colours: TimelineColours | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChunkSummary] = []
        self._colours: TimelineColours | None = None
        self._swatches: dict[str | None, QPixmap] = {}
        if colours is not None:
            self.set_colours(colours)

    def set_colours(self, colours: TimelineColours) -> None:
        self._colours = colours
        self._swatches = {None: _swatch(QColor(0, 0, 0, 0))}  # keeps rows aligned
        for kind in ("content", "tool", "finish", "reasoning", "error"):
            self._swatches[kind] = _swatch(getattr(colours, kind))
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def set_summaries(self, summaries: list[ChunkSummary]) -> None:
        self.beginResetModel()
        self._rows = list(summaries)
        self.endResetModel()

    def summary(self, row: int) -> ChunkSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # ------------------------------------------------------------ Qt model API
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.parent().isValid():
            return None
        s = self.summary(index.row())
        if s is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row_text(s)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row_tooltip(s)
        if role == ChunkIndexRole:
            return s.index
        if self._colours is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return self._swatches[row_kind(s)]
        if role == Qt.ItemDataRole.ForegroundRole and s.is_empty:
            return QBrush(self._colours.muted)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def _swatch(colour: QColor) -> QPixmap:
    pixmap = QPixmap(*SWATCH)
    pixmap.fill(colour)
    return pixmap
