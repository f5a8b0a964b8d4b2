"""Edits of the pay-fairness gate: an override and its withdrawal."""

from __future__ import annotations

from ampdesk.framework.fairness import GateOverride
from ampdesk.store.gate import OVERRIDE_ACTION_KEY
from ampdesk.store.models import ActionItem, GateOverrideRecord, Setting
from ampdesk.store.row_images import Rows, Scope
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.edits.base import EditContext, RowEdit

REMEDIATION_MEASURE = "The pay-fairness gate passes without the override."


def _link() -> Rows:
    """The setting that ties the override in force to its remediation action."""
    return Rows(Setting, Setting.key == OVERRIDE_ACTION_KEY)


class SetOverride(RowEdit):
    """Going on although the gate did not pass; the remediation becomes an action on the
    fairness step, linked to the override."""

    def __init__(self, context: EditContext, override: GateOverride) -> None:
        super().__init__(context, "Override the gate")
        self.override = override

    def scope(self) -> Scope:
        return (_link(),)

    def perform(self, store: WorkshopStore) -> Scope:
        o = self.override
        override_id = store.gate.set_override(o)
        action_id = store.actions.add(
            "fairness", o.remediation, o.owner, o.due, REMEDIATION_MEASURE
        )
        store.gate.link_override_action(override_id, action_id)
        return (
            Rows(GateOverrideRecord, GateOverrideRecord.id == override_id),
            Rows(ActionItem, ActionItem.id == action_id),
        )


class WithdrawOverride(RowEdit):
    """The override in force withdrawn: the gate applies again (the override stays on record)."""

    def __init__(self, context: EditContext) -> None:
        super().__init__(context, "Withdraw the override")

    def scope(self) -> Scope:
        return (Rows(GateOverrideRecord, GateOverrideRecord.withdrawn_at.is_(None)),)

    def perform(self, store: WorkshopStore) -> Scope:
        store.gate.withdraw_override()
        return ()
