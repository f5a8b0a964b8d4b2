"""Edits of the pay-fairness gate: an override and its withdrawal (each one store
transaction, see :class:`ampdesk.store.gate.GateStore`)."""

from __future__ import annotations

from ampdesk.framework.fairness import GateOverride
from ampdesk.store.gate import active_override_rows, link_rows
from ampdesk.store.row_images import Scope, keyed
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.edits.base import EditContext, RowEdit


class SetOverride(RowEdit):
    """Going on although the gate did not pass; the remediation becomes an action on the
    fairness step, linked to the override."""

    def __init__(self, context: EditContext, override: GateOverride) -> None:
        super().__init__(context, "Override the gate")
        self.override = override

    def scope(self) -> Scope:
        return link_rows()

    def perform(self, store: WorkshopStore) -> Scope:
        return keyed(store.gate.override(self.override))


class WithdrawOverride(RowEdit):
    """The override in force withdrawn: the gate applies again (the override stays on record)."""

    def __init__(self, context: EditContext) -> None:
        super().__init__(context, "Withdraw the override")

    def scope(self) -> Scope:
        return active_override_rows()

    def perform(self, store: WorkshopStore) -> Scope:
        return keyed(store.gate.withdraw_override())
