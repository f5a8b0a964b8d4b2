"""A text box that saves itself (undoably) when typing pauses, on leaving it, and before
anything reads the file (a report, a hand-over)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit

from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.text_limits import limit_plain

SAVE_AFTER_MS = 700


class SavedText(QPlainTextEdit):
    """Shows ``read()`` and calls ``write(text)`` with the trimmed text when it changed; with
    ``limit`` (a column key of the text limits) it keeps no more than that column holds."""

    def __init__(
        self,
        controller: WorkshopController,
        read: Callable[[], str],
        write: Callable[[str], None],
        placeholder: str,
        height: int = 72,
        limit: str | None = None,
    ) -> None:
        super().__init__()
        if limit is not None:
            limit_plain(self, limit)
        self.read, self.write = read, write
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(placeholder)
        self.setFixedHeight(height)
        self.setTabChangesFocus(True)  # Tab moves on to the next field, as in a form
        self._pause = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._pause.timeout.connect(self.save)
        self.textChanged.connect(self._pause.start)
        controller.changed.connect(self.load)
        controller.flush_requested.connect(self.save)
        self.load()

    def load(self) -> None:
        """Show the stored text unless the user is typing."""
        if self._pause.isActive():
            return
        stored = self.read()
        if stored != self.toPlainText().strip():
            self.blockSignals(True)
            self.setPlainText(stored)
            self.blockSignals(False)

    def save(self) -> None:
        """Store the text now, if it differs from what is stored."""
        self._pause.stop()
        text = self.toPlainText().strip()
        if text != self.read():
            self.write(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Save on leaving the box."""
        self.save()
        super().focusOutEvent(event)
