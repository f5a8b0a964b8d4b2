"""The workshop's plan (agenda, per-step choices, materials, notes) and its roster."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import delete, select

from ampdesk.framework.content import framework
from ampdesk.framework.plan import (
    AgendaItem,
    WorkshopPlan,
    check_plan,
    half_day,
    steps_from_data,
    steps_to_data,
)
from ampdesk.store.models import AgendaRow, PlanRecord
from ampdesk.store.workshop_file import Workshop


class PlanStore:
    """Reads and replaces the plan and the roster; every call is one transaction."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    def get(self) -> WorkshopPlan:
        """The workshop's plan (a half-day plan until one is saved)."""
        with self.workshop.reading() as s:
            rows = s.scalars(select(AgendaRow).order_by(AgendaRow.position)).all()
            record = s.get(PlanRecord, 1)
            if not rows:
                return half_day(framework())
            agenda = tuple(
                AgendaItem(r.kind, r.title, r.minutes, r.step)  # type: ignore[arg-type]  # kind: CHECK holds an AgendaKind
                for r in rows
            )
            if record is None:
                return WorkshopPlan(agenda)
            return WorkshopPlan(
                agenda=agenda,
                steps=steps_from_data(json.loads(record.steps)),
                materials=tuple(json.loads(record.materials)),
                facilitator_notes=record.facilitator_notes,
                expected_participants=record.expected_participants,
            )

    def set(self, plan: WorkshopPlan) -> None:
        """Replace the plan (checked first: nothing is written if it is not valid)."""
        check_plan(plan, framework())
        with self.workshop.session() as s:
            s.execute(delete(AgendaRow))
            s.add_all(
                AgendaRow(position=n, kind=i.kind, title=i.title, minutes=i.minutes, step=i.step)
                for n, i in enumerate(plan.agenda)
            )
            record = s.get(PlanRecord, 1) or PlanRecord(id=1, roster="")
            record.steps = json.dumps(steps_to_data(plan.steps))
            record.materials = json.dumps(list(plan.materials), ensure_ascii=False)
            record.facilitator_notes = plan.facilitator_notes
            record.expected_participants = plan.expected_participants
            s.merge(record)

    def roster(self) -> list[str]:
        """The names of the people expected (optional; never part of a template)."""
        with self.workshop.reading() as s:
            record = s.get(PlanRecord, 1)
            return [n for n in (record.roster if record else "").splitlines() if n.strip()]

    def set_roster(self, names: Sequence[str]) -> None:
        """Replace the roster."""
        if not self._has_plan():
            self.set(self.get())  # the roster is kept with the plan: store the default
        with self.workshop.session() as s:
            s.get_one(PlanRecord, 1).roster = "\n".join(n.strip() for n in names if n.strip())

    def _has_plan(self) -> bool:
        with self.workshop.reading() as s:
            return s.get(PlanRecord, 1) is not None
