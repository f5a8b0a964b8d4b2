"""One open workshop's queries and edits, by aggregate, and what the framework's rules need
to evaluate it, read in one consistent snapshot."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ampdesk.framework import progress as rules
from ampdesk.framework.content import STEP_IDS
from ampdesk.framework.evaluation import WorkshopInputs
from ampdesk.framework.state import Counts, StepStatus
from ampdesk.store.actions import ActionsStore
from ampdesk.store.answers import AnswersStore
from ampdesk.store.cases import CasesStore
from ampdesk.store.checkins import CheckInsStore
from ampdesk.store.details import DetailsStore
from ampdesk.store.gate import GateStore
from ampdesk.store.models import ActionItem, Answer, CheckIn, Note, Participant, PayRecord, Vote
from ampdesk.store.notes import NotesStore
from ampdesk.store.pay import PayStore
from ampdesk.store.plan import PlanStore
from ampdesk.store.progress import ProgressStore
from ampdesk.store.workshop_file import Workshop


class WorkshopStore:
    """Reads and writes one open workshop. Each attribute holds one aggregate's queries and
    edits (``store.pay.update(record_id, row)``); every call is one transaction, and reads
    inside :meth:`snapshot` all see one state of the file."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self.details = DetailsStore(workshop)
        self.pay = PayStore(workshop)
        self.answers = AnswersStore(workshop)
        self.notes = NotesStore(workshop)
        self.progress = ProgressStore(workshop)
        self.gate = GateStore(workshop)
        self.actions = ActionsStore(workshop)
        self.checkins = CheckInsStore(workshop)
        self.plan = PlanStore(workshop)
        self.cases = CasesStore(workshop)

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """One read transaction: every read in the block sees the file as it was at the
        first, whatever another connection (the live server) commits meanwhile."""
        with self.workshop.reading() as session:
            yield session

    def inputs(self) -> WorkshopInputs:
        """What the framework's rules need to evaluate this workshop, read in one snapshot:
        step statuses and ticked checklist rows as set by hand, filled in from the data where
        never touched."""
        with self.snapshot():
            raw = self._raw_inputs()
            proven = rules.proven_checklist(raw)
            touched = self.progress.touched_checklists()
            ticked = frozenset(
                f"{step}.{item}"
                for step in STEP_IDS
                for item, done in rules.checklist(touched.get(step, {}), proven[step]).items()
                if done
            )
            return replace(
                raw,
                step_statuses=rules.step_statuses(self.progress.stored_step_statuses(), raw),
                ticked=ticked,
            )

    def _raw_inputs(self) -> WorkshopInputs:
        return WorkshopInputs(
            anonymity_threshold=self.details.get().anonymity_threshold,
            thresholds=self.gate.thresholds(),
            pay_rows=self.pay.rows(),
            fairness_answers=self.answers.shown("fairness"),
            autonomy_answers=self.answers.by_item("autonomy"),
            notes=tuple(self.notes.all()),
            actions=tuple(self.actions.all()),
            decisions=self.progress.decisions(),
            step_statuses={step: "not_started" for step in STEP_IDS},
            override=self.gate.active_override(),
            pay_summary=self.pay.summary(),
            own_cases=tuple(self.cases.all()),
            ticked=frozenset(),
        )

    def step_statuses(self) -> dict[str, StepStatus]:
        """Every step's status: as set, else "in progress" once it has content, else not started."""
        return self.inputs().step_statuses

    def checklist(self, step: str) -> dict[str, bool]:
        """The step's ticked items: those the data proves, and every item touched by hand."""
        with self.snapshot():
            proven = rules.proven_checklist(self._raw_inputs())[step]
            return rules.checklist(self.progress.touched_checklist(step), proven)

    def counts(self) -> Counts:
        """How many participants, answers, notes, votes, actions and pay rows the file holds."""

        def count(column: InstrumentedAttribute[int]) -> int:
            return s.scalar(select(func.count(column))) or 0

        hands = (
            select(func.count(Answer.id))
            .where(Answer.source == "facilitator", Answer.checkin_id.is_(None))
            .group_by(Answer.activity, Answer.item)
        )
        with self.workshop.reading() as s:
            return Counts(
                participants=rules.participants(count(Participant.id), s.scalars(hands)),
                responses=count(Answer.id),
                notes=count(Note.id),
                votes=count(Vote.id),
                actions=count(ActionItem.id),
                pay_records=count(PayRecord.id),
                checkins=count(CheckIn.id),
            )
