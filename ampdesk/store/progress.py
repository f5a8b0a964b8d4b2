"""How far the group is: step statuses, ticked checklist items, decisions, notes on mistake
warnings (acknowledgements) and the time spent per step."""

from __future__ import annotations

from sqlalchemy import delete, select

from ampdesk.framework.state import StepStatus
from ampdesk.store.models import Acknowledgement, ChecklistState, Decision, Setting, StepState
from ampdesk.store.workshop_file import Workshop

STEP_SECONDS_PREFIX = "timer.seconds."  # seconds the group spent on a step, per step id
STEP_EXTRA_PREFIX = "timer.extra."  # seconds given to a step beyond its timebox, per step id


class ProgressStore:
    """Reads and records the group's progress as set by hand; every call is one transaction.
    (The statuses and checklists filled in from the data are
    :meth:`ampdesk.store.workshop_store.WorkshopStore.step_statuses` and ``checklist``.)"""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    # -- steps and checklists --------------------------------------------------------------
    def set_step_status(self, step: str, status: StepStatus | None) -> None:
        """Record how far the group is with a step (None: leave it to the data again)."""
        with self.workshop.session() as s:
            if status is None:
                s.execute(delete(StepState).where(StepState.step == step))
            else:
                s.merge(StepState(step=step, status=status))

    def stored_step_statuses(self) -> dict[str, StepStatus]:
        """The step statuses the facilitator set (steps never set are missing)."""
        with self.workshop.reading() as s:
            return {r.step: r.status for r in s.scalars(select(StepState))}  # type: ignore[misc]  # status: CHECK holds a StepStatus

    def set_checklist_item(self, step: str, item: str, done: bool | None) -> None:
        """Tick or untick one checklist item (None: leave it to the data again)."""
        with self.workshop.session() as s:
            if done is None:
                s.execute(
                    delete(ChecklistState).where(
                        ChecklistState.step == step, ChecklistState.item == item
                    )
                )
            else:
                s.merge(ChecklistState(step=step, item=item, done=done))

    def touched_checklist(self, step: str) -> dict[str, bool]:
        """The step's checklist items the facilitator ticked or unticked."""
        return self.touched_checklists().get(step, {})

    def touched_checklists(self) -> dict[str, dict[str, bool]]:
        """Every step's checklist items the facilitator ticked or unticked, by step."""
        touched: dict[str, dict[str, bool]] = {}
        with self.workshop.reading() as s:
            for row in s.scalars(select(ChecklistState)):
                touched.setdefault(row.step, {})[row.item] = row.done
        return touched

    # -- decisions -------------------------------------------------------------------------
    def set_decision(self, key: str, value: str) -> None:
        """Record one of the group's decisions (an empty value clears it)."""
        with self.workshop.session() as s:
            if value.strip():
                s.merge(Decision(key=key, value=value))
            else:
                s.execute(delete(Decision).where(Decision.key == key))

    def decisions(self) -> dict[str, str]:
        """Every recorded decision."""
        with self.workshop.reading() as s:
            return {d.key: d.value for d in s.scalars(select(Decision))}

    # -- acknowledgements ------------------------------------------------------------------
    def acknowledge(self, check_id: str, note: str) -> None:
        """Keep the facilitator's note on a mistake warning (replacing an earlier note)."""
        if not note.strip():
            raise ValueError("an acknowledgement needs a note")
        with self.workshop.session() as s:
            s.merge(Acknowledgement(check_id=check_id, note=note.strip()))

    def acknowledgements(self) -> dict[str, str]:
        """The facilitator's notes on mistake warnings, by check id."""
        with self.workshop.reading() as s:
            return {a.check_id: a.note for a in s.scalars(select(Acknowledgement))}

    # -- time spent ------------------------------------------------------------------------
    def step_seconds(self) -> dict[str, int]:
        """How long the group really spent on each step, in seconds (timed steps only)."""
        with self.workshop.reading() as s:
            rows = s.scalars(select(Setting).where(Setting.key.startswith(STEP_SECONDS_PREFIX)))
            return {r.key.removeprefix(STEP_SECONDS_PREFIX): int(r.value) for r in rows}

    def set_step_seconds(self, step: str, seconds: int) -> None:
        """Record how long the group has spent on a step so far."""
        with self.workshop.session() as s:
            s.merge(Setting(key=f"{STEP_SECONDS_PREFIX}{step}", value=str(max(seconds, 0))))

    def step_extra_seconds(self) -> dict[str, int]:
        """Seconds given to each step beyond its planned timebox (or taken off, negative)."""
        with self.workshop.reading() as s:
            rows = s.scalars(select(Setting).where(Setting.key.startswith(STEP_EXTRA_PREFIX)))
            return {r.key.removeprefix(STEP_EXTRA_PREFIX): int(r.value) for r in rows}

    def set_step_extra_seconds(self, step: str, seconds: int) -> None:
        """Record the time given to a step beyond its timebox (0: as planned)."""
        with self.workshop.session() as s:
            if seconds:
                s.merge(Setting(key=f"{STEP_EXTRA_PREFIX}{step}", value=str(seconds)))
            else:
                s.execute(delete(Setting).where(Setting.key == f"{STEP_EXTRA_PREFIX}{step}"))
