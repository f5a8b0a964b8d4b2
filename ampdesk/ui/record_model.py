"""What the tables of records share (actions, agenda items, a check-in's statuses): one row
per record, a fixed title over each column, and lists of choices edited by value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ampdesk.ui.text_limits import limit_cell_editor

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """A flat table: a row per record of :meth:`records`, a column per title of ``headers``."""

    headers: tuple[str, ...] = ()
    text_limits: ClassVar[
        Mapping[int, str]
    ] = {}  # column -> the text limit of the column that keeps it

    def records(self) -> Sequence[object]:
        """The records shown, one per row."""
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The number of records."""
        return 0 if parent.isValid() else len(self.records())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The number of columns."""
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class ChoiceDelegate(QStyledItemDelegate):
    """Cells edited with a list of choices (a combo box whose items carry their values) load
    and store the value, not the words shown; text lines stop at the column's text limit."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """The usual editor; a text line limited by the model's ``text_limits``."""
        return limit_cell_editor(super().createEditor(parent, option, index), index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """Load the cell's value into the editor."""
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Store the editor's value through the model (and so the undo stack)."""
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)
