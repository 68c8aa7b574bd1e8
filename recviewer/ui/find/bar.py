"""FindBar: find in page for one view (Conversation, Raw, diff).

A slim bar above the view: the search field, "3 of 17", previous / next and
close. Typing searches (after a short pause), Enter / Shift+Enter and F3 /
Shift+F3 move, Esc closes and hands the focus back to the view. Every match is
highlighted (only those on screen are painted, repainted on scroll), the
current one stronger and selected. A document that changes under the bar (a
stream frame, a fold opened, another recording) is searched again.

``find(text)`` opens the bar on ``text`` and goes to the first match;
``find_terms(terms)`` highlights any of several words (what a search panel
calls when it opens a hit). ``install_ctrl_f(host, bar)`` lets Ctrl+F open
the bar while the focus is anywhere inside ``host`` (the window's Ctrl+F,
the tree filter, keeps the key everywhere else).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from recviewer.ui.find.matches import (
    MAX_MATCHES, Span, bytes_pattern_of, count_in, count_text, find_spans, index_after,
    pattern_of, spans_between,
)
from recviewer.ui.find.target import TextTarget

DEBOUNCE_MS = 120
REFRESH_MS = 250
FIND_KEY = QKeySequence("Ctrl+F")


def _is(event: QKeyEvent, sequence: QKeySequence) -> bool:
    return event.keyCombination().toCombined() == sequence[0].toCombined()


class _FieldKeys(QObject):
    """Esc closes the bar (before a window's Esc shortcut sees it); Enter moves."""

    def __init__(self, bar: FindBar) -> None:
        super().__init__(bar)
        self._bar = bar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape:
                event.accept()  # ours, not the diff window's Close
                return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self._bar.close_bar()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._bar.previous() if back else self._bar.next()
                return True
        return False


class FindBar(QWidget):
    """Find in page over one ``TextTarget``."""

    searched = Signal()  # matches (re)computed: count and highlights are current

    def __init__(self, target: TextTarget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.target = target
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in page")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(220)
        self.count = QLabel("", self)
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("88,888 of 88,888+"))
        self.previous_button = self._button("\u25b2", "Previous match (Shift+F3)", self.previous)
        self.next_button = self._button("\u25bc", "Next match (F3)", self.next)
        self.close_button = self._button("\u2715", "Close (Esc)", self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 0)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self.edit.installEventFilter(_FieldKeys(self))
        self.edit.textEdited.connect(self._on_edited)
        self._typing = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._typing.timeout.connect(lambda: self.search(move=True))
        self._changed = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._changed.timeout.connect(lambda: self.search(move=False))
        self._terms: list[str] = []  # what is searched (one phrase, or several words)
        self.spans: list[Span] = []
        self.more = 0  # matches in pages not shown yet
        self.current: int | None = None
        editor = target.editor
        editor.verticalScrollBar().valueChanged.connect(self._repaint)
        editor.horizontalScrollBar().valueChanged.connect(self._repaint)
        editor.document().contentsChanged.connect(self._on_document_changed)
        self.hide()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # ------------------------------------------------------------ public API
    @property
    def total(self) -> int:
        return len(self.spans) + self.more

    def open(self) -> None:
        """Show the bar with the field focused (the view's single-line selection as text)."""
        selected = self.target.selected_text()
        if selected and "\u2029" not in selected and len(selected) <= 200 and not self.isVisible():
            self.edit.setText(selected)
            self._terms = [selected]
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.edit.text() and not self.spans:
            self.search(move=True)

    def find(self, text: str) -> int:
        """Open on ``text``, go to its first match; the number of matches."""
        self.edit.setText(text)
        self._terms = [text]
        self.show()
        self.search(move=True, from_start=True)
        return self.total

    def find_terms(self, terms: list[str]) -> int:
        """Highlight any of ``terms`` (the field shows them), go to the first."""
        words = [t for t in terms if t and t.strip()]
        self.edit.setText(" ".join(words))
        self._terms = words
        self.show()
        self.search(move=True, from_start=True)
        return self.total

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def close_bar(self) -> None:
        self._typing.stop()
        self._changed.stop()
        self.hide()
        self.target.editor.setExtraSelections([])
        self.target.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def count_label(self) -> str:
        return self.count.text()

    # ------------------------------------------------------------ searching
    def _on_edited(self, text: str) -> None:
        self._terms = [text]
        self._typing.start()

    def _on_document_changed(self) -> None:
        if self.isVisible() and self._terms and not self._typing.isActive():
            self._changed.start()

    def search(self, move: bool, from_start: bool = False) -> None:
        """Find every match again; ``move``: go to the first one from the cursor."""
        self._typing.stop()
        self._changed.stop()
        pattern = pattern_of(self._terms)
        old = self.current
        self.spans = find_spans(self.target.text(), pattern)
        rest = self.target.remaining()
        self.more = 0
        if rest and len(self.spans) < MAX_MATCHES:
            self.more = count_in(rest, pattern, bytes_pattern_of(self._terms),
                                 MAX_MATCHES - len(self.spans))
        if not self.spans:
            self.current = None
            if move and self.more:
                self._load_until(0)
        elif move:
            start = 0 if from_start else self.target.cursor_position()
            self.current = index_after(self.spans, start) % len(self.spans)
            self.target.select(self.spans[self.current])
        else:
            self.current = None if old is None else min(old, len(self.spans) - 1)
        self._show_state()
        self.searched.emit()

    def _load_until(self, index: int) -> bool:
        """Load pages until span ``index`` is in the document."""
        pattern = pattern_of(self._terms)
        while index >= len(self.spans) and self.more:
            if not self.target.load_more():
                return False
            self.spans = find_spans(self.target.text(), pattern)
            rest = self.target.remaining()
            self.more = count_in(rest, pattern, bytes_pattern_of(self._terms)) if rest else 0
        if index < len(self.spans):
            self.current = index
            self.target.select(self.spans[index])
            return True
        return False

    def _step(self, delta: int) -> None:
        if not self.isVisible():
            self.open()
            if not self.edit.text():
                return
        if self._typing.isActive() or self._changed.isActive() or (self._terms and not self.spans
                                                                   and not self.more):
            self.search(move=False)
        if not self.spans and not self.more:
            self._show_state()
            return
        if self.current is None:
            position = self.target.cursor_position()
            index = index_after(self.spans, position + (1 if delta > 0 else 0))
            index = index if delta > 0 else index - 1
        else:
            index = self.current + delta
        if index >= len(self.spans):
            if self.more and self._load_until(index):
                self._show_state()
                return
            index = 0  # wrap to the top
        elif index < 0:
            index = len(self.spans) - 1  # wrap to the last match shown
        if self.spans:
            self.current = index
            self.target.select(self.spans[index])
        self._show_state()

    # ------------------------------------------------------------ drawing
    def _show_state(self) -> None:
        if not self._terms or not "".join(self._terms):
            self.count.setText("")
        else:
            self.count.setText(count_text(self.current, self.total, False))
        self._repaint()

    def _repaint(self, *_: object) -> None:
        if not self.isVisible() or not self.spans:
            if self.target.editor.extraSelections():
                self.target.editor.setExtraSelections([])
            return
        start, end = self.target.visible_range()
        self.target.paint(self.spans, spans_between(self.spans, start, end), self.current)


class _CtrlF(QObject):
    """Ctrl+F inside ``host`` opens its find bar instead of the window's filter."""

    def __init__(self, host: QWidget, bar: FindBar) -> None:
        super().__init__(host)
        self._bar = bar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and _is(event, FIND_KEY)):
            event.accept()
            self._bar.open()
            return True
        return False


def install_ctrl_f(host: QWidget, bar: FindBar) -> None:
    """Ctrl+F with the focus in ``host`` (or a child) opens ``bar``."""
    host.installEventFilter(_CtrlF(host, bar))


def find_bar_for(widget: QWidget | None) -> FindBar | None:
    """The find bar of the view ``widget`` is in (a parent with a ``find_bar``)."""
    while widget is not None:
        bar = getattr(widget, "find_bar", None)
        if isinstance(bar, FindBar):
            return bar
        widget = widget.parentWidget()
    return None
