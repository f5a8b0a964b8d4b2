"""Edits of the plan: agenda, per-step choices, materials, notes and the roster."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import true

from ampdesk.framework.plan import WorkshopPlan
from ampdesk.store.models import AgendaRow, PlanRecord
from ampdesk.store.row_images import Rows, Scope
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.edits.base import EditContext, RowEdit

_PLAN_ROWS: Scope = (Rows(AgendaRow, true()), Rows(PlanRecord, PlanRecord.id == 1))


class SetPlan(RowEdit):
    """The plan replaced (each editor of the plan names its change)."""

    def __init__(self, context: EditContext, plan: WorkshopPlan, text: str) -> None:
        super().__init__(context, text)
        self.plan = plan

    def scope(self) -> Scope:
        return _PLAN_ROWS

    def perform(self, store: WorkshopStore) -> Scope:
        store.plan.set(self.plan)
        return ()


class SetRoster(RowEdit):
    """The list of people expected replaced (kept with the plan, stored first if need be)."""

    def __init__(self, context: EditContext, names: Sequence[str]) -> None:
        super().__init__(context, "Change the roster")
        self.names = tuple(names)

    def scope(self) -> Scope:
        return _PLAN_ROWS

    def perform(self, store: WorkshopStore) -> Scope:
        store.plan.set_roster(self.names)
        return ()
