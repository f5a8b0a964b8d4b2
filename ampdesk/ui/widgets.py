"""Small building blocks shared by the pages: headings, plain labels, callouts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

HEADING_SIZES = {1: 20, 2: 14, 3: 12}


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
