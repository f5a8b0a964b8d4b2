"""Edits of the compensation audit: import, add, change and delete pay rows."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import true

from ampdesk.framework.fairness import PayRow
from ampdesk.store.models import PayRecord
from ampdesk.store.row_images import Rows, Scope
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.edits.base import EditContext, RowEdit, counted


class ReplacePay(RowEdit):
    """An import: the whole audit replaced by the rows of a file."""

    def __init__(self, context: EditContext, rows: Sequence[PayRow]) -> None:
        super().__init__(context, f"Import {counted(len(rows), 'a pay row', 'pay rows')}")
        self.rows = tuple(rows)

    def scope(self) -> Scope:
        return (Rows(PayRecord, true()),)

    def perform(self, store: WorkshopStore) -> Scope:
        store.pay.replace(self.rows)
        return self.scope()


class AddPayRow(RowEdit):
    """One person typed into the audit."""

    def __init__(self, context: EditContext, row: PayRow) -> None:
        super().__init__(context, "Add a pay row")
        self.row = row

    def perform(self, store: WorkshopStore) -> Scope:
        record_id = store.pay.add(self.row)
        return (Rows(PayRecord, PayRecord.id == record_id),)


class UpdatePayRow(RowEdit):
    """One pay row changed (a cell edited)."""

    def __init__(self, context: EditContext, record_id: int, row: PayRow) -> None:
        super().__init__(context, "Edit a pay row")
        self.record_id, self.row = record_id, row

    def scope(self) -> Scope:
        return (Rows(PayRecord, PayRecord.id == self.record_id),)

    def perform(self, store: WorkshopStore) -> Scope:
        store.pay.update(self.record_id, self.row)
        return ()


class DeletePayRows(RowEdit):
    """Several people removed from the audit at once: one step to undo."""

    def __init__(self, context: EditContext, record_ids: Sequence[int]) -> None:
        super().__init__(context, f"Delete {counted(len(record_ids), 'a pay row', 'pay rows')}")
        self.record_ids = tuple(record_ids)

    def scope(self) -> Scope:
        return (Rows(PayRecord, PayRecord.id.in_(self.record_ids)),)

    def perform(self, store: WorkshopStore) -> Scope:
        store.pay.delete(self.record_ids)
        return ()
