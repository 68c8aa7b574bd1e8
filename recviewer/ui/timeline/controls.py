"""The transport row: buttons for the panel's actions, speed, pacing, labels."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from recviewer.ui.timeline.colours import TimelineColours
from recviewer.ui.timeline.marks import LEGEND
from recviewer.ui.timeline.playback import BASE_RATE, INSTANT, SPEEDS, Speed

REAL_TIMING = "recorded timing"
SYNTHETIC_TIMING = "synthetic pacing (no timing recorded)"
PACING_MODES = (("chunks", "chunks/s"), ("tokens", "tokens/s"))
PACING_TIP = ("Synthetic pacing: a steady number of chunks per second, or of\n"
              "tokens per second (tokens estimated as characters / 4)")
REAL_PACING_TIP = "The recording has timing: chunks arrive with their recorded gaps"


def speed_label(speed: Speed) -> str:
    return INSTANT if speed == INSTANT else f"{float(speed):g}×"


def position_text(position: int, length: int) -> str:
    return f"chunk {position:,} / {length:,}"


class TransportBar(QWidget):
    speedChosen = Signal(object)   # float or "instant"
    pacingChosen = Signal(str)     # "chunks" | "tokens"

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._real = False
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            lay.addWidget(button)
        self.position_label = QLabel(position_text(0, 0), self)
        lay.addWidget(self.position_label)
        lay.addSpacing(8)
        self.speed = QComboBox(self)
        self.speed.setToolTip(f"Playback speed (synthetic pacing: {BASE_RATE:g} per second × speed)")
        for s in (*SPEEDS, INSTANT):
            self.speed.addItem(speed_label(s), s)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.activated.connect(lambda i: self.speedChosen.emit(self.speed.itemData(i)))
        lay.addWidget(QLabel("speed", self))
        lay.addWidget(self.speed)
        self.pacing = QComboBox(self)
        self.pacing.setToolTip(PACING_TIP)
        for mode, label in PACING_MODES:
            self.pacing.addItem(label, mode)
        self.pacing.activated.connect(lambda i: self.pacingChosen.emit(self.pacing.itemData(i)))
        lay.addWidget(self.pacing)
        self.rate_label = QLabel(self)
        self.rate_label.setToolTip(f"Effective rate: {BASE_RATE:g} per second × speed")
        lay.addWidget(self.rate_label)
        lay.addSpacing(8)
        self.timing_label = QLabel(SYNTHETIC_TIMING, self)
        lay.addWidget(self.timing_label)
        lay.addStretch(1)
        self.legend = QLabel(self)
        self.legend.setToolTip("Markers on the scrubber")
        lay.addWidget(self.legend)
        self.refresh_legend()
        self._show_rate()
        # Optional labels: they never widen the row's minimum (so the panel fits
        # beside the test tree); resizeEvent drops them when there is no room.
        for label in (self.timing_label, self.legend):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_optional()

    def _fit_optional(self) -> None:
        """Show the timing label, then the legend, while they fit whole."""
        spacing = self.layout().spacing()
        spare = self.width() - self.layout().minimumSize().width()
        for label in (self.timing_label, self.legend):
            if not label.isHidden():
                spare += spacing  # its share of the minimum is only the spacing
        for label in (self.timing_label, self.legend):
            need = label.sizeHint().width() + spacing
            label.setVisible(spare >= need)
            if spare >= need:
                spare -= need

    def refresh_legend(self) -> None:
        colours = TimelineColours.for_palette(self.palette())
        items = [f'<span style="color:{getattr(colours, kind).name()}">■</span> {label}'
                 for kind, label in LEGEND]
        self.legend.setText("&nbsp;&nbsp;".join(items))

    def set_length(self, length: int) -> None:
        """Reserve the label width of the longest position text, so the row
        does not shift while playing."""
        widest = position_text(length, length).replace("1", "8")
        self.position_label.setMinimumWidth(self.fontMetrics().horizontalAdvance(widest) + 4)

    def show_position(self, position: int, length: int) -> None:
        self.position_label.setText(position_text(position, length))
        last = f"; the last is #{position}" if position > 0 else ""  # 1-based, as the list
        self.position_label.setToolTip(f"{position:,} of {length:,} chunks received{last}")

    def show_timing(self, real: bool) -> None:
        self._real = real
        self.timing_label.setText(REAL_TIMING if real else SYNTHETIC_TIMING)
        self.pacing.setEnabled(not real)
        self.pacing.setToolTip(REAL_PACING_TIP if real else PACING_TIP)
        self._show_rate()

    def show_speed(self, speed: Speed) -> None:
        _select(self.speed, speed)
        self._show_rate()

    def show_pacing(self, mode: str) -> None:
        _select(self.pacing, mode)
        self._show_rate()

    def _show_rate(self) -> None:
        speed = self.speed.currentData()
        unit = "tokens" if self.pacing.currentData() == "tokens" else "chunks"
        text = "" if speed == INSTANT else f"= {BASE_RATE * float(speed):g} {unit}/s"
        self.rate_label.setText(text)
        self.rate_label.setVisible(not self._real)


def _select(combo: QComboBox, value) -> None:
    i = combo.findData(value)
    if i >= 0:
        combo.setCurrentIndex(i)
