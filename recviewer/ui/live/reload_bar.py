"""ReloadBar: "This recording changed on disk. [Reload] [Dismiss]".

A thin bar shown above a view of the open recording when its file changed or
was deleted while it was on screen. It only reports; what Reload does is up
to whoever listens to ``reload_requested``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

CHANGED_TEXT = "This recording changed on disk."
DELETED_TEXT = "This recording was deleted from disk; what was loaded is still shown."


class ReloadBar(QFrame):
    reload_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reloadBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.palette().ColorRole.ToolTipBase)
        self.setForegroundRole(self.palette().ColorRole.ToolTipText)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setForegroundRole(self.palette().ColorRole.ToolTipText)
        self.reload_button = QPushButton("Reload", self)
        self.reload_button.setToolTip("Read the file again and show what it holds now")
        self.dismiss_button = QPushButton("Dismiss", self)
        self.reload_button.clicked.connect(self.reload_requested)
        self.dismiss_button.clicked.connect(self._dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button)
        layout.addWidget(self.dismiss_button)
        self.kind: str | None = None  # "changed" | "deleted" | None (hidden)
        self.hide()

    def show_changed(self, at: str) -> None:
        self._show("changed", f"{CHANGED_TEXT} (at {at})", reload=True)

    def show_deleted(self, at: str) -> None:
        self._show("deleted", f"{DELETED_TEXT} (at {at})", reload=False)

    def dismiss(self) -> None:
        self.kind = None
        self.hide()

    def text(self) -> str:
        return self.label.text() if self.kind else ""

    def _show(self, kind: str, text: str, reload: bool) -> None:
        self.kind = kind
        self.label.setText(text)
        self.reload_button.setVisible(reload)
        self.show()

    def _dismiss(self) -> None:
        self.dismiss()
        self.dismissed.emit()
