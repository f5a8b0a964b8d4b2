"""A Qt table model over the workshop's compensation audit (confidential: facilitator only)."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ampdesk.framework.fairness import PayRow
from ampdesk.framework.pay_import import WORK_TYPES
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.record_model import sync_rows

_Index = QModelIndex | QPersistentModelIndex

# (header, PayRow field or None for the derived compa-ratio)
COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("Person", "person"),
    ("Role", "role"),
    ("Level", "level"),
    ("Work type", "work_type"),
    ("Base pay", "pay"),
    ("Market median", "market_median"),
    ("FTE", "fte"),
    ("Compa-ratio", None),
    ("Group", "group"),
    ("Currency", "currency"),
)
COMPA_COLUMN = 7
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def _parse(field: str, text: str) -> Any:
    text = text.strip()
    if field in ("pay", "market_median", "fte"):
        value = float(text.replace(",", "."))
        if value <= 0 or (field == "fte" and value > 1.5):
            raise ValueError(f"{field}: out of range")
        return value
    if field == "work_type":
        if (work_type := WORK_TYPES.get(text.lower())) is None:
            raise ValueError("work type must be routine or creative")
        return work_type
    if field in ("role", "level") and not text:
        raise ValueError(f"{field} must not be empty")
    return text or None


class PayTableModel(QAbstractTableModel):
    """Rows of the audit; edits are validated and written to the file at once."""

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__()
        self.controller = controller
        self._records: list[tuple[int, PayRow]] = controller.pay_records()
        controller.changed.connect(self.reload)

    def reload(self) -> None:
        """Re-read the audit from the file when it changed, row by row in place."""
        if "pay_rows" in self.controller.changed_parts:
            sync_rows(self, self._records, self.controller.pay_records(), lambda r: r[0])

    def record_id(self, row: int) -> int:
        """The stored id of the record shown in ``row``."""
        return self._records[row][0]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Number of audit records."""
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, edit value, sort key and alignment."""
        if not index.isValid():
            return None
        _, row = self._records[index.row()]
        field = COLUMNS[index.column()][1]
        value: Any = row.compa_ratio if field is None else getattr(row, field)
        if role == SORT_ROLE:
            return value if value is not None else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if value is None:
                return ""
            if field is None:
                return f"{value:.2f}"
            if field in ("pay", "market_median"):
                return f"{value:,.0f}" if role == Qt.ItemDataRole.DisplayRole else f"{value:g}"
            if field == "fte":
                return f"{value:g}"
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and field in (
            None,
            "pay",
            "market_median",
            "fte",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Every stored column is editable; the compa-ratio is derived."""
        flags = super().flags(index)
        if index.isValid() and COLUMNS[index.column()][1] is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Validate an edit and write it to the file; invalid input changes nothing."""
        field = COLUMNS[index.column()][1]
        if role != Qt.ItemDataRole.EditRole or field is None:
            return False
        record_id, row = self._records[index.row()]
        try:
            changed = dataclasses.replace(row, **{field: _parse(field, str(value))})
        except ValueError:
            return False
        self.controller.update_pay(record_id, changed)
        return True
