"""The transport row: buttons for the panel's actions, speed, pacing, labels."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget

from recviewer.ui.timeline.colours import TimelineColours
from recviewer.ui.timeline.marks import LEGEND
from recviewer.ui.timeline.playback import INSTANT, SPEEDS, Speed

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

    def __init__(self, actions: list[QAction | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        for action in actions:
            if action is None:
                lay.addSpacing(6)
                continue
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            lay.addWidget(button)
        self.position_label = QLabel(position_text(0, 0), self)
        self.position_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("chunk 88,888 / 88,888"))
        lay.addWidget(self.position_label)
        lay.addSpacing(8)
        self.speed = QComboBox(self)
        self.speed.setToolTip("Playback speed (base rate 30 per second × speed)")
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
        self.timing_label = QLabel(SYNTHETIC_TIMING, self)
        lay.addWidget(self.timing_label)
        lay.addStretch(1)
        self.legend = QLabel(self)
        self.legend.setToolTip("Markers on the scrubber")
        lay.addWidget(self.legend)
        self.refresh_legend()

    def refresh_legend(self) -> None:
        colours = TimelineColours.for_palette(self.palette())
        items = [f'<span style="color:{getattr(colours, kind).name()}">■</span> {label}'
                 for kind, label in LEGEND]
        self.legend.setText("&nbsp;&nbsp;".join(items))

    def show_position(self, position: int, length: int) -> None:
        self.position_label.setText(position_text(position, length))
        last = f"; the last is #{position - 1}" if position > 0 else ""
        self.position_label.setToolTip(f"{position:,} of {length:,} chunks received{last}")

    def show_timing(self, real: bool) -> None:
        self.timing_label.setText(REAL_TIMING if real else SYNTHETIC_TIMING)
        self.pacing.setEnabled(not real)
        self.pacing.setToolTip(REAL_PACING_TIP if real else PACING_TIP)

    def show_speed(self, speed: Speed) -> None:
        i = self.speed.findData(speed)
        if i >= 0:
            self.speed.setCurrentIndex(i)
