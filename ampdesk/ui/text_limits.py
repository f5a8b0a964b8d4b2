"""The window's text boxes stop at the length the store keeps
(:data:`ampdesk.framework.text_limits.TEXT_LIMITS`); their tooltip says how much fits."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QInputDialog, QLineEdit, QPlainTextEdit, QWidget

from ampdesk.framework.text_limits import TEXT_LIMITS, TextLimit


def _hint(rule: TextLimit) -> str:
    return f"Up to {rule.chars:,} characters"


def limit_line(edit: QLineEdit, key: str) -> QLineEdit:
    """Let ``edit`` take at most the characters of the column ``key``."""
    rule = TEXT_LIMITS[key]
    edit.setMaxLength(rule.chars)
    edit.setToolTip(_hint(rule))
    return edit


def limit_plain(edit: QPlainTextEdit, key: str | TextLimit) -> QPlainTextEdit:
    """Let ``edit`` keep at most the characters of ``key`` (a column, or a rule): typing or
    pasting beyond it is cut at the limit."""
    rule = TEXT_LIMITS[key] if isinstance(key, str) else key

    def cut() -> None:
        text = edit.toPlainText()
        if len(text) > rule.chars:
            cursor = edit.textCursor()
            position = min(cursor.position(), rule.chars)
            edit.setPlainText(text[: rule.chars])
            cursor = edit.textCursor()
            cursor.setPosition(position)
            edit.setTextCursor(cursor)

    edit.textChanged.connect(cut)
    edit.setToolTip(_hint(rule))
    return edit


def limit_cell_editor(editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> QWidget:
    """Limit a table cell's text line by its model's ``text_limits`` (column -> column key)."""
    limits: Mapping[int, str] = getattr(index.model(), "text_limits", {})
    if isinstance(editor, QLineEdit) and index.column() in limits:
        limit_line(editor, limits[index.column()])
    return editor


def ask_text(
    parent: QWidget, title: str, label: str, key: str, text: str = "", multi_line: bool = False
) -> tuple[str, bool]:
    """Like ``QInputDialog.getText`` (or ``getMultiLineText``), with the text box limited to
    the column ``key``; returns the text and whether it was accepted."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput, multi_line)
    dialog.setTextValue(text)
    if multi_line:
        limit_plain(dialog.findChild(QPlainTextEdit), key)  # type: ignore[arg-type]  # the dialog made it
    else:
        limit_line(dialog.findChild(QLineEdit), key)  # type: ignore[arg-type]  # the dialog made it
    accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
    return dialog.textValue(), accepted
