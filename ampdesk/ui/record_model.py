"""What the tables of records share (actions, agenda items, a check-in's statuses): one row
per record, a fixed title over each column, and lists of choices edited by value."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar, TypeVar

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
T = TypeVar("T")


def sync_rows(
    model: QAbstractTableModel, rows: list[T], new: Sequence[T], key: Callable[[T], object]
) -> None:
    """Make ``rows`` (the list ``model`` shows) equal to ``new`` in place, telling the views
    row by row (removed, inserted, changed) so that selections and scroll positions stay;
    only rows whose order changed reset the model."""
    new_keys = {key(r) for r in new}
    for row in reversed(range(len(rows))):
        if key(rows[row]) not in new_keys:
            model.beginRemoveRows(QModelIndex(), row, row)
            del rows[row]
            model.endRemoveRows()
    kept = {key(r) for r in rows}
    if [key(r) for r in rows] != [key(r) for r in new if key(r) in kept]:
        model.beginResetModel()
        rows[:] = new
        model.endResetModel()
        return
    for row, record in enumerate(new):
        if row >= len(rows) or key(rows[row]) != key(record):
            model.beginInsertRows(QModelIndex(), row, row)
            rows.insert(row, record)
            model.endInsertRows()
        elif rows[row] != record:
            rows[row] = record
            last = model.columnCount() - 1
            model.dataChanged.emit(model.index(row, 0), model.index(row, last))


class RecordTableModel(QAbstractTableModel):
    """A flat table: a row per record of :meth:`records`, a column per title of ``headers``.

    While a cell is being edited (:meth:`editing_started` .. :meth:`editing_ended`, told by
    :class:`ChoiceDelegate`) the model does not change: a refresh is kept for afterwards, so
    that what is being typed is never replaced or closed.
    """

    headers: tuple[str, ...] = ()
    text_limits: ClassVar[
        Mapping[int, str]
    ] = {}  # column -> the text limit of the column that keeps it

    editors = 0  # cell editors open on this model
    refresh_waiting = False  # a refresh came while a cell was edited

    def records(self) -> Sequence[object]:
        """The records shown, one per row."""
        raise NotImplementedError

    def reload(self) -> None:
        """Show the records as they are in the file now (see :meth:`refresh`)."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload now, or once the cell being edited is closed."""
        if self.editors:
            self.refresh_waiting = True
        else:
            self.reload()

    def editing_started(self) -> None:
        """A cell editor opened."""
        self.editors += 1

    def editing_ended(self) -> None:
        """A cell editor closed: a refresh kept for it happens now."""
        self.editors = max(self.editors - 1, 0)
        if not self.editors and self.refresh_waiting:
            self.refresh_waiting = False
            self.reload()

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
        """The editor of :meth:`make_editor`; the model holds its refreshes until it closes."""
        model = index.model()
        if isinstance(model, RecordTableModel):
            model.editing_started()
        return self.make_editor(parent, option, index)

    def make_editor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """The usual editor; a text line limited by the model's ``text_limits``."""
        return limit_cell_editor(super().createEditor(parent, option, index), index)

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        """The editor closed (stored or dropped): the model may refresh again."""
        super().destroyEditor(editor, index)
        model = index.model()
        if isinstance(model, RecordTableModel):
            model.editing_ended()

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
