"""Small building blocks shared by the pages: headings, plain labels, callouts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

HEADING_SIZES = {1: 20, 2: 14, 3: 12}


DATE_FORMAT = "d MMM yyyy"


def python_date(date: QDate) -> dt.date:
    """``date`` as a Python date (``QDate.toPython`` is typed as returning any object)."""
    return dt.date(date.year(), date.month(), date.day())


def date_edit(initial: QDate) -> QDateEdit:
    """A date field with a calendar popup and an unambiguous format (3 Dec 2026)."""
    edit = QDateEdit(initial)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit


class ScrollPage(QScrollArea):
    """A page that scrolls as a whole; widgets go into :attr:`content`."""

    def __init__(
        self, margins: tuple[int, int, int, int] = (32, 24, 32, 24), spacing: int = 12
    ) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.content = QVBoxLayout(body)
        self.content.setContentsMargins(*margins)
        self.content.setSpacing(spacing)
        self.setWidget(body)


def clear_layout(layout: QLayout) -> None:
    """Remove every item of ``layout``; its widgets disappear at once and are deleted later."""
    while (item := layout.takeAt(0)) is not None:
        if (widget := item.widget()) is not None:
            widget.hide()
            widget.deleteLater()


def heading(text: str, level: int) -> QLabel:
    """A bold heading (level 1 to 3), shown as plain text."""
    label = plain_label(text)
    font = label.font()
    font.setPointSize(HEADING_SIZES[level])
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def plain_label(text: str) -> QLabel:
    """A word-wrapped label that never interprets its text as markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def callout(html: str, kind: str) -> QLabel:
    """A tinted box (kind: tip, warning, locked, ok); ``html`` must already be escaped."""
    label = QLabel(html)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setObjectName(f"callout-{kind}")
    label.setProperty("callout", kind)
    label.setMargin(12)
    return label


class _ClickableLabel(QLabel):
    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self._box = box

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click on the text toggles the box, as on a checkbox's own label."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._box.toggle()


class WrappingCheckBox(QWidget):
    """A checkbox whose (plain) text wraps; ``box`` is the real QCheckBox."""

    def __init__(self, text: str) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 2)
        self.box = QCheckBox()
        self.box.setAccessibleName(text)
        label = _ClickableLabel(text, self.box)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(label, 1)


class Collapsible(QWidget):
    """A titled section that the facilitator opens when needed."""

    def __init__(self, title: str, content: QWidget, opened: bool = False) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton()
        self.toggle.setText(title)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.content = content
        self.toggle.toggled.connect(self._show)
        layout.addWidget(self.toggle)
        layout.addWidget(content)
        self.toggle.setChecked(opened)
        self._show(opened)

    def set_content(self, content: QWidget) -> None:
        """Replace what the section holds."""
        layout = self.layout()
        assert layout is not None  # made in __init__
        layout.replaceWidget(self.content, content)
        self.content.deleteLater()
        self.content = content
        self._show(self.toggle.isChecked())

    def _show(self, opened: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        self.content.setVisible(opened)
