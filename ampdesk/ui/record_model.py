"""What the tables of records share (actions, agenda items, a check-in's statuses): one row
per record and a fixed title over each column."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """A flat table: a row per record of :meth:`records`, a column per title of ``headers``."""

    headers: tuple[str, ...] = ()

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
