"""The queries and edits the app needs, in plain domain values. Each call is one transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace

from sqlalchemy import ColumnElement, and_, delete, func, insert, select

from ampdesk.framework import progress
from ampdesk.framework.content import STEP_IDS, framework
from ampdesk.framework.evaluation import WorkshopInputs
from ampdesk.framework.fairness import GateOverride, GateThresholds, PayRow, PaySummary
from ampdesk.framework.followup import (
    CHECKIN_ITEMS,
    ActionStatus,
    CheckInValue,
    TrendPoint,
    point,
)
from ampdesk.framework.plan import (
    AgendaItem,
    WorkshopPlan,
    check_plan,
    half_day,
    steps_from_data,
    steps_to_data,
)
from ampdesk.framework.pulse import check_threshold, counts_to_values
from ampdesk.framework.reveal import shown_values
from ampdesk.framework.state import (
    ActionValue,
    Counts,
    Details,
    NoteKind,
    NoteValue,
    OwnCaseValue,
    StepStatus,
)
from ampdesk.store.live import SOURCE as PHONE_SOURCE
from ampdesk.store.live import is_revealed, phone_counts, reveal_answers, shown
from ampdesk.store.models import (
    Acknowledgement,
    ActionItem,
    AgendaRow,
    Answer,
    CheckIn,
    CheckInStatus,
    ChecklistState,
    Decision,
    GateOverrideRecord,
    Note,
    OwnCase,
    Participant,
    PayRecord,
    PlanRecord,
    Setting,
    StepState,
    Vote,
    WorkshopDetails,
    given_at,
)
from ampdesk.store.private import owner_only
from ampdesk.store.workshop_file import Workshop


@dataclass(frozen=True, slots=True)
class CheckInSnapshot:
    """A deleted check-in, kept so that undo can put it back."""

    checkin: CheckInValue
    answers: tuple[tuple[str, str, int, str, str | None], ...]


@dataclass(frozen=True, slots=True)
class ActionSnapshot:
    """A deleted action with its check-in statuses, kept so that undo can put it back."""

    action: ActionValue
    statuses: tuple[tuple[int, str, str], ...]  # (check-in id, status, note)


PAY_SUMMARY_KEY = "handover.pay_summary"
OVERRIDE_ACTION_KEY = "override.action"  # "override id:action id" of the remediation action
STEP_SECONDS_PREFIX = "timer.seconds."  # seconds the group spent on a step, per step id


class Repository:
    """Reads and writes one open workshop; every method commits before it returns."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    # -- details -------------------------------------------------------------------------
    def details(self) -> Details:
        """The workshop's details."""
        with self.workshop.session() as s:
            row = s.get_one(WorkshopDetails, 1)
            return Details(
                title=row.title,
                organisation=row.organisation,
                held_on=row.held_on,
                venue=row.venue,
                facilitator=row.facilitator,
                anonymity_threshold=row.anonymity_threshold,
            )

    def update_details(self, **changes: object) -> None:
        """Change some of the workshop's details (keyword names as in :class:`Details`)."""
        allowed = set(Details.__dataclass_fields__)
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"unknown workshop detail(s): {', '.join(sorted(unknown))}")
        if "anonymity_threshold" in changes:
            check_threshold(changes["anonymity_threshold"])  # type: ignore[arg-type]
        with self.workshop.session() as s:
            row = s.get_one(WorkshopDetails, 1)
            for key, value in changes.items():
                setattr(row, key, value)

    # -- participants --------------------------------------------------------------------
    def add_participant(self, name: str | None = None, token: str | None = None) -> int:
        """Register a participant; anonymous unless a name is given. Returns its id."""
        with self.workshop.session() as s:
            count = s.scalar(select(func.count(Participant.id))) or 0
            participant = Participant(label=f"Participant {count + 1}", name=name, token=token)
            s.add(participant)
            s.flush()
            return participant.id

    # -- compensation audit --------------------------------------------------------------
    def replace_pay(self, rows: Sequence[PayRow]) -> None:
        """Replace the whole compensation audit with ``rows`` in one transaction; a file that
        holds individual pay is made readable by its owner only."""
        with self.workshop.session() as s:
            s.execute(delete(PayRecord))
            if rows:
                s.execute(insert(PayRecord), [_pay_columns(r) for r in rows])
        if rows:
            owner_only(self.workshop.path)

    def add_pay(self, row: PayRow) -> int:
        """Add one person to the compensation audit (the file becomes readable by its owner
        only); returns the record's id."""
        with self.workshop.session() as s:
            record = PayRecord(**_pay_columns(row))
            s.add(record)
            s.flush()
            record_id = record.id
        owner_only(self.workshop.path)
        return record_id

    def update_pay(self, record_id: int, row: PayRow) -> None:
        """Replace one record of the compensation audit."""
        with self.workshop.session() as s:
            record = s.get_one(PayRecord, record_id)
            for key, value in _pay_columns(row).items():
                setattr(record, key, value)

    def delete_pay(self, record_id: int) -> None:
        """Remove one record from the compensation audit."""
        with self.workshop.session() as s:
            s.execute(delete(PayRecord).where(PayRecord.id == record_id))

    def pay_records(self) -> list[tuple[int, PayRow]]:
        """The compensation audit with record ids, in the order it was entered."""
        query = select(
            PayRecord.id,
            PayRecord.role,
            PayRecord.level,
            PayRecord.work_type,
            PayRecord.pay,
            PayRecord.market_median,
            PayRecord.fte,
            PayRecord.person,
            PayRecord.group_name,
            PayRecord.currency,
        ).order_by(PayRecord.id)
        with self.workshop.session() as s:
            return [(r[0], PayRow(*r[1:])) for r in s.execute(query)]

    def pay_rows(self) -> tuple[PayRow, ...]:
        """The compensation audit, in the order it was entered."""
        return tuple(row for _, row in self.pay_records())

    # -- answers -------------------------------------------------------------------------
    def add_answers(
        self,
        activity: str,
        item: str,
        values: Iterable[int],
        *,
        source: str = "facilitator",
        ballot: str | None = None,
        checkin_id: int | None = None,
    ) -> None:
        """Store anonymous 1-5 answers to one item of an activity."""
        with self.workshop.session() as s:
            s.add_all(
                Answer(
                    activity=activity,
                    item=item,
                    value=v,
                    source=source,
                    ballot=ballot,
                    checkin_id=checkin_id,
                )
                for v in values
            )

    def facilitator_counts(
        self, activity: str, item: str, checkin_id: int | None = None
    ) -> list[int]:
        """How many facilitator-entered answers of each scale point 1-5 one item has (at the
        workshop, or at one check-in)."""
        query = (
            select(Answer.value, func.count(Answer.id))
            .where(_facilitator_answers(activity, item, checkin_id))
            .group_by(Answer.value)
        )
        with self.workshop.session() as s:
            found = {value: count for value, count in s.execute(query)}
        return [found.get(value, 0) for value in range(1, 6)]

    def set_facilitator_counts(
        self, activity: str, item: str, counts: Sequence[int], checkin_id: int | None = None
    ) -> None:
        """Replace the facilitator-entered answers to one item by counts per scale point 1-5."""
        values = counts_to_values(counts)
        with self.workshop.session() as s:
            s.execute(delete(Answer).where(_facilitator_answers(activity, item, checkin_id)))
            s.add_all(
                Answer(
                    activity=activity,
                    item=item,
                    value=value,
                    source="facilitator",
                    checkin_id=checkin_id,
                )
                for value in values
            )

    # -- notes and votes -----------------------------------------------------------------
    def add_note(
        self,
        step: str,
        kind: NoteKind,
        text: str,
        *,
        dimension: str | None = None,
    ) -> int:
        """Capture a piece of group input; returns its id."""
        if not text.strip():
            raise ValueError("a note needs some text")
        with self.workshop.session() as s:
            note = Note(step=step, kind=kind, text=text, dimension=dimension)
            s.add(note)
            s.flush()
            return note.id

    def delete_note(self, note_id: int) -> None:
        """Remove a note and its votes."""
        with self.workshop.session() as s:
            s.delete(s.get_one(Note, note_id))

    def set_note_hidden(self, note_id: int, hidden: bool) -> None:
        """Hide a note from the projector and the report, or show it again."""
        with self.workshop.session() as s:
            s.get_one(Note, note_id).hidden = hidden

    def edit_note_text(self, note_id: int, text: str) -> str:
        """Correct a note's text (a typo); returns the text it had."""
        if not text.strip():
            raise ValueError("a note needs some text")
        with self.workshop.session() as s:
            note = s.get_one(Note, note_id)
            before, note.text = note.text, text
            return before

    def merge_note(self, note_id: int, into: int | None) -> None:
        """Fold a duplicate into another note (its dots count there), or undo that with None."""
        if into == note_id:
            raise ValueError("a note cannot be merged into itself")
        with self.workshop.session() as s:
            s.get_one(Note, note_id).merged_into_id = into

    def add_vote(self, note_id: int) -> int:
        """Place one dot on a note; returns the vote's id."""
        with self.workshop.session() as s:
            vote = Vote(note_id=note_id)
            s.add(vote)
            s.flush()
            return vote.id

    def delete_vote(self, vote_id: int) -> None:
        """Take one dot back."""
        with self.workshop.session() as s:
            s.execute(delete(Vote).where(Vote.id == vote_id))

    def notes(self, step: str | None = None) -> list[NoteValue]:
        """Notes (optionally of one step) with their dots; a merged note's dots count for the
        note it was merged into, and the merged note itself is left out."""
        target = func.coalesce(Note.merged_into_id, Note.id)
        # Counted apart and matched in Python: SQLite joins notes to a grouped subquery by
        # scanning it once per note (15 s for 20,000 notes).
        votes = select(target, func.count(Vote.id)).join(Vote, Vote.note_id == Note.id)
        query = select(Note).where(Note.merged_into_id.is_(None)).order_by(Note.id)
        if step is not None:
            query = query.where(Note.step == step)
            votes = votes.where(Note.step == step)
        with self.workshop.session() as s:
            counts: dict[int, int] = {note: n for note, n in s.execute(votes.group_by(target))}
            return [
                NoteValue(
                    id=n.id,
                    step=n.step,
                    kind=n.kind,  # type: ignore[arg-type]
                    dimension=n.dimension,
                    text=n.text,
                    hidden=n.hidden,
                    votes=counts.get(n.id, 0),
                )
                for n in s.scalars(query)
            ]

    # -- steps, checklists, decisions ----------------------------------------------------
    def set_step_status(self, step: str, status: StepStatus | None) -> None:
        """Record how far the group is with a step (None: leave it to the data again)."""
        with self.workshop.session() as s:
            if status is None:
                s.execute(delete(StepState).where(StepState.step == step))
            else:
                s.merge(StepState(step=step, status=status))

    def stored_step_statuses(self) -> dict[str, StepStatus]:
        """The step statuses the facilitator set (steps never set are missing)."""
        with self.workshop.session() as s:
            return {r.step: r.status for r in s.scalars(select(StepState))}  # type: ignore[misc]

    def step_statuses(self) -> dict[str, StepStatus]:
        """Every step's status: as set, else "in progress" once it has content, else not started."""
        return self.inputs().step_statuses

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
        with self.workshop.session() as s:
            rows = s.scalars(select(ChecklistState).where(ChecklistState.step == step))
            return {r.item: r.done for r in rows}

    def checklist(self, step: str) -> dict[str, bool]:
        """The step's ticked items: those the data proves, and every item touched by hand."""
        proven = progress.proven_checklist(self._raw_inputs())[step]
        return progress.checklist(self.touched_checklist(step), proven)

    def set_decision(self, key: str, value: str) -> None:
        """Record one of the group's decisions (an empty value clears it)."""
        with self.workshop.session() as s:
            if value.strip():
                s.merge(Decision(key=key, value=value))
            else:
                s.execute(delete(Decision).where(Decision.key == key))

    def decisions(self) -> dict[str, str]:
        """Every recorded decision."""
        with self.workshop.session() as s:
            return {d.key: d.value for d in s.scalars(select(Decision))}

    # -- gate override -------------------------------------------------------------------
    def set_override(self, override: GateOverride) -> int:
        """Record the decision to go on although the gate did not pass; returns its id."""
        with self.workshop.session() as s:
            record = GateOverrideRecord(
                reason=override.reason,
                remediation=override.remediation,
                owner=override.owner,
                due=override.due,
            )
            s.add(record)
            s.flush()
            return record.id

    def active_override_id(self) -> int | None:
        """The id of the override in force, if any."""
        query = (
            select(GateOverrideRecord.id)
            .where(GateOverrideRecord.withdrawn_at.is_(None))
            .order_by(GateOverrideRecord.id.desc())
        )
        with self.workshop.session() as s:
            return s.scalars(query).first()

    def link_override_action(self, override_id: int | None, action_id: int | None) -> None:
        """Remember which action carries out an override's remediation (None: forget it)."""
        with self.workshop.session() as s:
            if override_id is None or action_id is None:
                s.execute(delete(Setting).where(Setting.key == OVERRIDE_ACTION_KEY))
            else:
                s.merge(Setting(key=OVERRIDE_ACTION_KEY, value=f"{override_id}:{action_id}"))

    def override_action_id(self) -> int | None:
        """The action that carries out the active override's remediation, if any."""
        with self.workshop.session() as s:
            text = s.scalar(select(Setting.value).where(Setting.key == OVERRIDE_ACTION_KEY))
        if text is None:
            return None
        override_id, _, action_id = text.partition(":")
        if int(override_id) != self.active_override_id():
            return None
        return int(action_id)

    def withdraw_override(self) -> None:
        """Withdraw the active override (it stays in the file's history)."""
        with self.workshop.session() as s:
            for record in s.scalars(
                select(GateOverrideRecord).where(GateOverrideRecord.withdrawn_at.is_(None))
            ):
                record.withdrawn_at = dt.datetime.now()

    def active_override(self) -> GateOverride | None:
        """The override in force, if any."""
        query = (
            select(GateOverrideRecord)
            .where(GateOverrideRecord.withdrawn_at.is_(None))
            .order_by(GateOverrideRecord.id.desc())
        )
        with self.workshop.session() as s:
            record = s.scalars(query).first()
            if record is None:
                return None
            return GateOverride(
                reason=record.reason,
                remediation=record.remediation,
                owner=record.owner,
                due=record.due,
            )

    # -- actions and check-ins -----------------------------------------------------------
    def add_action(
        self,
        step: str,
        title: str,
        owner: str = "",
        due: dt.date | None = None,
        measure: str = "",
        action_id: int | None = None,
    ) -> int:
        """Add an agreed action (with ``action_id``: under that id again); returns its id."""
        if not title.strip():
            raise ValueError("an action needs a title")
        with self.workshop.session() as s:
            action = ActionItem(
                id=action_id, step=step, title=title, owner=owner, due=due, measure=measure
            )
            s.add(action)
            s.flush()
            return action.id

    def update_action(self, action_id: int, **changes: object) -> dict[str, object]:
        """Change some of an action's fields; returns what they were."""
        if "title" in changes and not str(changes["title"]).strip():
            raise ValueError("an action needs a title")
        with self.workshop.session() as s:
            action = s.get_one(ActionItem, action_id)
            before = {key: getattr(action, key) for key in changes}
            for key, value in changes.items():
                setattr(action, key, value)
            return before

    def delete_action(self, action_id: int) -> ActionSnapshot:
        """Remove an action and its check-in statuses; returns what undo needs to restore it."""
        action = next(a for a in self.actions() if a.id == action_id)
        with self.workshop.session() as s:
            query = select(CheckInStatus).where(CheckInStatus.action_id == action_id)
            statuses = tuple((r.checkin_id, r.status, r.note) for r in s.scalars(query))
            s.execute(delete(CheckInStatus).where(CheckInStatus.action_id == action_id))
            s.execute(delete(ActionItem).where(ActionItem.id == action_id))
        return ActionSnapshot(action, statuses)

    def restore_action(self, snapshot: ActionSnapshot) -> None:
        """Put a deleted action back under its id, with its check-in statuses."""
        a = snapshot.action
        self.add_action(a.step, a.title, a.owner, a.due, a.measure, action_id=a.id)
        with self.workshop.session() as s:
            s.add_all(
                CheckInStatus(checkin_id=c, action_id=a.id, status=status, note=note)
                for c, status, note in snapshot.statuses
            )

    def actions(self) -> list[ActionValue]:
        """Every action, in the order they were agreed."""
        with self.workshop.session() as s:
            return [
                ActionValue(
                    id=a.id, step=a.step, title=a.title, owner=a.owner, due=a.due, measure=a.measure
                )
                for a in s.scalars(select(ActionItem).order_by(ActionItem.id))
            ]

    def add_checkin(
        self, held_on: dt.date, statuses: dict[int, tuple[str, str]], note: str = ""
    ) -> int:
        """Record a follow-up check-in: ``statuses`` maps action id to (status, note)."""
        with self.workshop.session() as s:
            checkin = CheckIn(held_on=held_on, note=note)
            checkin.statuses = [
                CheckInStatus(action_id=action_id, status=status, note=status_note)
                for action_id, (status, status_note) in statuses.items()
            ]
            s.add(checkin)
            s.flush()
            return checkin.id

    def checkins(self) -> list[CheckInValue]:
        """Every check-in, oldest first, with the actions' statuses."""
        with self.workshop.session() as s:
            return [
                CheckInValue(
                    id=c.id,
                    held_on=c.held_on,
                    note=c.note,
                    statuses={
                        st.action_id: (st.status, st.note)  # type: ignore[misc]
                        for st in c.statuses
                    },
                )
                for c in s.scalars(select(CheckIn).order_by(CheckIn.held_on, CheckIn.id))
            ]

    def set_checkin_status(
        self, checkin_id: int, action_id: int, status: ActionStatus, note: str
    ) -> tuple[ActionStatus, str] | None:
        """Set one action's status at a check-in; returns what it was (None: not recorded)."""
        with self.workshop.session() as s:
            row = s.get(CheckInStatus, (checkin_id, action_id))
            if row is None:
                s.add(
                    CheckInStatus(
                        checkin_id=checkin_id, action_id=action_id, status=status, note=note
                    )
                )
                return None
            before = (row.status, row.note)
            row.status, row.note = status, note
            return before  # type: ignore[return-value]

    def clear_checkin_status(self, checkin_id: int, action_id: int) -> None:
        """Forget one action's status at a check-in."""
        with self.workshop.session() as s:
            s.execute(
                delete(CheckInStatus).where(
                    CheckInStatus.checkin_id == checkin_id, CheckInStatus.action_id == action_id
                )
            )

    def delete_checkin(self, checkin_id: int) -> CheckInSnapshot:
        """Remove a check-in with its statuses and pulse answers; returns what was removed."""
        with self.workshop.session() as s:
            checkin = s.get_one(CheckIn, checkin_id)
            answers = s.execute(
                select(Answer.activity, Answer.item, Answer.value, Answer.source, Answer.ballot)
                .where(Answer.checkin_id == checkin_id)
                .order_by(Answer.id)
            ).all()
            snapshot = CheckInSnapshot(
                CheckInValue(
                    checkin.id,
                    checkin.held_on,
                    checkin.note,
                    {st.action_id: (st.status, st.note) for st in checkin.statuses},  # type: ignore[misc]
                ),
                tuple(tuple(row) for row in answers),  # type: ignore[misc]
            )
            s.execute(delete(Answer).where(Answer.checkin_id == checkin_id))
            s.delete(checkin)
            return snapshot

    def restore_checkin(self, snapshot: CheckInSnapshot) -> None:
        """Put back a deleted check-in, with its id, statuses and answers."""
        value = snapshot.checkin
        with self.workshop.session() as s:
            checkin = CheckIn(id=value.id, held_on=value.held_on, note=value.note)
            checkin.statuses = [
                CheckInStatus(action_id=action_id, status=status, note=note)
                for action_id, (status, note) in value.statuses.items()
            ]
            s.add(checkin)
            s.flush()  # the check-in's row first: the answers refer to it
            s.add_all(
                Answer(
                    activity=activity,
                    item=item,
                    value=v,
                    source=source,
                    ballot=ballot,
                    checkin_id=value.id,
                )
                for activity, item, v, source, ballot in snapshot.answers
            )

    def checkin_answers(self, checkin_id: int | None) -> dict[str, list[int]]:
        """The pulse answers of a check-in (None: of the workshop) by check-in item."""
        found = {
            **self.answers_shown("autonomy", checkin_id),
            **self.answers_shown("fairness", checkin_id),
        }
        return {item: found[item] for item, _ in CHECKIN_ITEMS if item in found}

    def trend(self) -> list[TrendPoint]:
        """The workshop and then every check-in, aggregated for the trend."""
        details = self.details()
        threshold = details.anonymity_threshold
        points = [point("Workshop", details.held_on, self.checkin_answers(None), threshold)]
        action_ids = [action.id for action in self.actions()]
        for checkin in self.checkins():
            points.append(
                point(
                    f"{checkin.held_on:%d %b %Y}",
                    checkin.held_on,
                    self.checkin_answers(checkin.id),
                    threshold,
                    checkin.statuses,
                    action_ids,
                )
            )
        return points

    def answers_shown(self, activity: str, checkin_id: int | None = None) -> dict[str, list[int]]:
        """The answers of one activity as the rules and every output see them: the
        facilitator's, and phones' as far as they were revealed (see framework/reveal.py)."""
        if not is_revealed(activity, checkin_id):
            return self.answers_by_item(activity, checkin_id)
        query = select(Answer.item, Answer.value).where(
            Answer.activity == activity, Answer.source != PHONE_SOURCE, given_at(checkin_id)
        )
        grouped: dict[str, list[int]] = {}
        with self.workshop.session() as s:
            for item, value in s.execute(query.order_by(Answer.id)):
                grouped.setdefault(item, []).append(value)
            for item, seen in shown(s, activity, checkin_id).items():
                grouped.setdefault(item, []).extend(shown_values(seen))
        return grouped

    def reveal(self, activity: str, checkin_id: int | None = None) -> int:
        """Show phones' current answers of an activity (the facilitator's reveal); returns how
        many are shown. Raises RevealError while no item has enough answers."""
        threshold = self.details().anonymity_threshold
        with self.workshop.session() as s:
            return reveal_answers(s, activity, checkin_id, threshold)

    def unrevealed(self, activity: str, checkin_id: int | None = None) -> int:
        """How many phone answers of an activity are not shown yet."""
        with self.workshop.session() as s:
            current = phone_counts(s, activity, checkin_id)
            seen = shown(s, activity, checkin_id)
        total = sum(sum(c) for c in current.values())
        return total - sum(sum(v.counts) for v in seen.values()) if seen else total

    def answers_by_item(self, activity: str, checkin_id: int | None = None) -> dict[str, list[int]]:
        """Every answer of one activity, grouped by item."""
        query = select(Answer.item, Answer.value).where(Answer.activity == activity)
        query = query.where(given_at(checkin_id))
        grouped: dict[str, list[int]] = {}
        with self.workshop.session() as s:
            for item, value in s.execute(query.order_by(Answer.id)):
                grouped.setdefault(item, []).append(value)
        return grouped

    def inputs(self) -> WorkshopInputs:
        """What the framework's rules need to evaluate this workshop: step statuses and ticked
        checklist rows as set by hand, filled in from the data where never touched."""
        raw = self._raw_inputs()
        proven = progress.proven_checklist(raw)
        ticked = frozenset(
            f"{step}.{item}"
            for step in STEP_IDS
            for item, done in progress.checklist(self.touched_checklist(step), proven[step]).items()
            if done
        )
        return replace(
            raw,
            step_statuses=progress.step_statuses(self.stored_step_statuses(), raw),
            ticked=ticked,
        )

    def _raw_inputs(self) -> WorkshopInputs:
        return WorkshopInputs(
            anonymity_threshold=self.details().anonymity_threshold,
            thresholds=self.thresholds(),
            pay_rows=self.pay_rows(),
            fairness_answers=self.answers_shown("fairness"),
            autonomy_answers=self.answers_by_item("autonomy"),
            notes=tuple(self.notes()),
            actions=tuple(self.actions()),
            decisions=self.decisions(),
            step_statuses={step: "not_started" for step in STEP_IDS},
            override=self.active_override(),
            pay_summary=self.pay_summary(),
            own_cases=tuple(self.own_cases()),
            ticked=frozenset(),
        )

    def pay_summary(self) -> PaySummary | None:
        """The audit's figures kept when the workshop was handed over without its rows."""
        with self.workshop.session() as s:
            text = s.scalar(select(Setting.value).where(Setting.key == PAY_SUMMARY_KEY))
        return None if text is None else PaySummary.from_json(text)

    def replace_pay_by_summary(self, summary: PaySummary) -> None:
        """Drop every pay row and keep only ``summary`` (the hand-over without individual pay)."""
        with self.workshop.session() as s:
            s.execute(delete(PayRecord))
            s.merge(Setting(key=PAY_SUMMARY_KEY, value=summary.to_json()))

    # -- the plan ------------------------------------------------------------------------
    def plan(self) -> WorkshopPlan:
        """The workshop's plan (a half-day plan until one is saved)."""
        with self.workshop.session() as s:
            rows = s.scalars(select(AgendaRow).order_by(AgendaRow.position)).all()
            record = s.get(PlanRecord, 1)
            if not rows:
                return half_day(framework())
            agenda = tuple(
                AgendaItem(r.kind, r.title, r.minutes, r.step)  # type: ignore[arg-type]
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

    def set_plan(self, plan: WorkshopPlan) -> None:
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
        with self.workshop.session() as s:
            record = s.get(PlanRecord, 1)
            return [n for n in (record.roster if record else "").splitlines() if n.strip()]

    def set_roster(self, names: Sequence[str]) -> None:
        """Replace the roster."""
        if not self._has_plan():
            self.set_plan(self.plan())  # the roster is kept with the plan: store the default
        with self.workshop.session() as s:
            s.get_one(PlanRecord, 1).roster = "\n".join(n.strip() for n in names if n.strip())

    def _has_plan(self) -> bool:
        with self.workshop.session() as s:
            return s.get(PlanRecord, 1) is not None

    # -- settings and acknowledgements ---------------------------------------------------
    def thresholds(self) -> GateThresholds:
        """The gate's thresholds: the defaults, with this workshop's changes applied."""
        return GateThresholds.from_mapping(self._stored_thresholds())

    def set_thresholds(self, values: dict[str, float]) -> None:
        """Change gate thresholds together; any unknown key or bad value changes nothing."""
        current = {**self._stored_thresholds(), **{k: str(v) for k, v in values.items()}}
        GateThresholds.from_mapping(current)  # validates before anything is written
        with self.workshop.session() as s:
            for key, value in values.items():
                s.merge(Setting(key=key, value=str(value)))

    def _stored_thresholds(self) -> dict[str, str]:
        names = [field.name for field in fields(GateThresholds)]
        with self.workshop.session() as s:
            return {
                row.key: row.value
                for row in s.scalars(select(Setting).where(Setting.key.in_(names)))
            }

    def step_seconds(self) -> dict[str, int]:
        """How long the group really spent on each step, in seconds (timed steps only)."""
        with self.workshop.session() as s:
            rows = s.scalars(select(Setting).where(Setting.key.startswith(STEP_SECONDS_PREFIX)))
            return {r.key.removeprefix(STEP_SECONDS_PREFIX): int(r.value) for r in rows}

    def set_step_seconds(self, step: str, seconds: int) -> None:
        """Record how long the group has spent on a step so far."""
        with self.workshop.session() as s:
            s.merge(Setting(key=f"{STEP_SECONDS_PREFIX}{step}", value=str(max(seconds, 0))))

    def acknowledge(self, check_id: str, note: str) -> None:
        """Keep the facilitator's note on a mistake warning (replacing an earlier note)."""
        if not note.strip():
            raise ValueError("an acknowledgement needs a note")
        with self.workshop.session() as s:
            s.merge(Acknowledgement(check_id=check_id, note=note.strip()))

    def remove_acknowledgement(self, check_id: str) -> None:
        """Take a note on a mistake warning back (undo)."""
        with self.workshop.session() as s:
            s.execute(delete(Acknowledgement).where(Acknowledgement.check_id == check_id))

    def acknowledgements(self) -> dict[str, str]:
        """The facilitator's notes on mistake warnings, by check id."""
        with self.workshop.session() as s:
            return {a.check_id: a.note for a in s.scalars(select(Acknowledgement))}

    # -- the organisation's own cases -------------------------------------------------------
    def add_own_case(
        self, title: str, story: str, lesson: str = "", step: str | None = None
    ) -> int:
        """Add a story of the organisation's own; returns its id."""
        if not title.strip() or not story.strip():
            raise ValueError("a case needs a title and a story")
        with self.workshop.session() as s:
            case = OwnCase(
                title=title.strip(), story=story.strip(), lesson=lesson.strip(), step=step
            )
            s.add(case)
            s.flush()
            return case.id

    def delete_own_case(self, case_id: int) -> None:
        """Remove one of the organisation's own cases."""
        with self.workshop.session() as s:
            s.execute(delete(OwnCase).where(OwnCase.id == case_id))

    def own_cases(self) -> list[OwnCaseValue]:
        """The organisation's own cases, oldest first."""
        with self.workshop.session() as s:
            return [
                OwnCaseValue(c.id, c.title, c.story, c.lesson, c.step)
                for c in s.scalars(select(OwnCase).order_by(OwnCase.id))
            ]

    # -- summary -------------------------------------------------------------------------
    def counts(self) -> Counts:
        """How many participants, answers, notes, votes, actions and pay rows the file holds."""

        def count(column: object) -> int:
            return s.scalar(select(func.count(column))) or 0  # type: ignore[arg-type]

        hands = (
            select(func.count(Answer.id))
            .where(Answer.source == "facilitator", Answer.checkin_id.is_(None))
            .group_by(Answer.activity, Answer.item)
        )
        with self.workshop.session() as s:
            return Counts(
                participants=progress.participants(count(Participant.id), s.scalars(hands)),
                responses=count(Answer.id),
                notes=count(Note.id),
                votes=count(Vote.id),
                actions=count(ActionItem.id),
                pay_records=count(PayRecord.id),
                checkins=count(CheckIn.id),
            )


def _facilitator_answers(activity: str, item: str, checkin_id: int | None) -> ColumnElement[bool]:
    """The facilitator-entered answers to one item, at the workshop or at one check-in."""
    return and_(
        Answer.activity == activity,
        Answer.item == item,
        Answer.source == "facilitator",
        given_at(checkin_id),
    )


def _pay_columns(row: PayRow) -> dict[str, object]:
    return {
        "person": row.person,
        "role": row.role,
        "level": row.level,
        "work_type": row.work_type,
        "pay": row.pay,
        "market_median": row.market_median,
        "fte": row.fte,
        "group_name": row.group,
        "currency": row.currency,
    }
