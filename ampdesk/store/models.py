"""SQLAlchemy 2.0 typed models: the tables of one workshop file (the newest schema).

Older files are brought to this shape by :mod:`ampdesk.store.migrations`; a test checks that a
migrated file and a freshly created one have identical tables, columns and indexes.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    ColumnElement,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of every workshop table."""


class WorkshopDetails(Base):
    """The workshop itself: always exactly one row, id 1."""

    __tablename__ = "workshop"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_workshop"),
        CheckConstraint("anonymity_threshold >= 3", name="anonymity_threshold_min"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(Text, default="")
    held_on: Mapped[dt.date | None] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(Text, default="")
    facilitator: Mapped[str] = mapped_column(Text, default="")
    anonymity_threshold: Mapped[int] = mapped_column(Integer, default=5)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class Participant(Base):
    """Someone in the room. Anonymous by default: a label, and a name only if given. A phone
    keeps only its token's hash, and the hour it joined (schema 5)."""

    __tablename__ = "participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    token: Mapped[str | None] = mapped_column(String(64), unique=True)
    joined_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class PayRecord(Base):
    """One row of the compensation audit (confidential)."""

    __tablename__ = "pay_record"
    __table_args__ = (
        CheckConstraint("work_type IN ('routine', 'creative')", name="work_type_known"),
        CheckConstraint("pay > 0 AND market_median > 0", name="pay_positive"),
        CheckConstraint("fte > 0 AND fte <= 1.5", name="fte_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(Text)
    work_type: Mapped[str] = mapped_column(String(16))
    pay: Mapped[float]
    market_median: Mapped[float]
    fte: Mapped[float] = mapped_column(default=1.0)
    group_name: Mapped[str | None] = mapped_column(Text)
    currency: Mapped[str | None] = mapped_column(String(8))


class Answer(Base):
    """One anonymous answer on a 1-5 scale (a pulse statement or an autonomy rating).

    ``ballot`` (schema 5) is a phone's pseudonym for one activity, so that answering again
    replaces: derived from the phone's token, which the file does not hold, it matches nothing
    else in the file (not the phone, not its notes, not its dots, not its other activities).
    Answering again finds the answer it replaces by ballot and item (an index, schema 6)."""

    __tablename__ = "answer"
    __table_args__ = (
        CheckConstraint("value BETWEEN 1 AND 5", name="value_on_scale"),
        Index("ix_answer_ballot_item", "ballot", "item"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity: Mapped[str] = mapped_column(String(32), index=True)
    item: Mapped[str] = mapped_column(String(32))
    value: Mapped[int]
    source: Mapped[str] = mapped_column(String(16), default="facilitator")
    ballot: Mapped[str | None] = mapped_column(String(64))
    checkin_id: Mapped[int | None] = mapped_column(ForeignKey("checkin.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


def given_at(checkin_id: int | None) -> ColumnElement[bool]:
    """Answers given at the workshop (``None``) or at one follow-up check-in."""
    if checkin_id is None:
        return Answer.checkin_id.is_(None)
    return Answer.checkin_id == checkin_id


class Note(Base):
    """A piece of group input: an idea, a story, a skill, a blocker, a goal. No author is kept
    (schema 5)."""

    __tablename__ = "note"

    id: Mapped[int] = mapped_column(primary_key=True)
    step: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    dimension: Mapped[str | None] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    hidden: Mapped[bool] = mapped_column(default=False)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("note.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    votes: Mapped[list[Vote]] = relationship(back_populates="note", cascade="all, delete-orphan")


class Vote(Base):
    """One dot on a note, one row per dot. ``ballot`` (schema 5) is a phone's pseudonym for one
    vote, so that voting again replaces its dots; the facilitator's dots have none. It matches
    nothing else in the file."""

    __tablename__ = "vote"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("note.id", ondelete="CASCADE"), index=True)
    ballot: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    note: Mapped[Note] = relationship(back_populates="votes")


class StepState(Base):
    """How far the group is with one step."""

    __tablename__ = "step_state"
    __table_args__ = (
        CheckConstraint("status IN ('not_started', 'in_progress', 'done')", name="status_known"),
    )

    step: Mapped[str] = mapped_column(String(16), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="not_started")


class ChecklistState(Base):
    """Whether one checklist item of one step is ticked."""

    __tablename__ = "checklist_state"

    step: Mapped[str] = mapped_column(String(16), primary_key=True)
    item: Mapped[str] = mapped_column(String(64), primary_key=True)
    done: Mapped[bool] = mapped_column(default=False)


class Decision(Base):
    """A decision the group made, keyed like ``autonomy.start_dimension``."""

    __tablename__ = "decision"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class GateOverrideRecord(Base):
    """The facilitator's decision to go on although the pay-fairness gate did not pass."""

    __tablename__ = "gate_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    remediation: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text)
    due: Mapped[dt.date] = mapped_column(Date)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ActionItem(Base):
    """One agreed action: who does what by when, and how progress will be seen."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    step: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[dt.date | None] = mapped_column(Date)
    measure: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class CheckIn(Base):
    """A follow-up check-in after the workshop (weekly review, 30/60/90 days)."""

    __tablename__ = "checkin"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    statuses: Mapped[list[CheckInStatus]] = relationship(
        back_populates="checkin", cascade="all, delete-orphan"
    )


class CheckInStatus(Base):
    """The status of one action at one check-in."""

    __tablename__ = "checkin_status"
    __table_args__ = (
        CheckConstraint(
            "status IN ('not_started', 'on_track', 'done', 'dropped')", name="status_known"
        ),
    )

    checkin_id: Mapped[int] = mapped_column(
        ForeignKey("checkin.id", ondelete="CASCADE"), primary_key=True
    )
    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")

    checkin: Mapped[CheckIn] = relationship(back_populates="statuses")


class Setting(Base):
    """A per-workshop setting, such as a gate threshold (schema 2)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Acknowledgement(Base):
    """The facilitator's note on a mistake warning; the warning stays (schema 2)."""

    __tablename__ = "acknowledgement"

    check_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    note: Mapped[str] = mapped_column(Text)
    acknowledged_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class OwnCase(Base):
    """A story from the organisation itself, told beside the framework's cases (schema 2)."""

    __tablename__ = "own_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    story: Mapped[str] = mapped_column(Text)
    lesson: Mapped[str] = mapped_column(Text, default="")
    step: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class Submission(Base):
    """A phone's submission, kept so that a retry is answered, not redone. ``key`` (schema 5)
    is a pseudonym of the phone's token and its idempotency key: it names no phone."""

    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    status: Mapped[int]
    response: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class AgendaRow(Base):
    """One block of the agenda, in order (schema 4)."""

    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    minutes: Mapped[int]
    step: Mapped[str | None] = mapped_column(String(16))


class PlanRecord(Base):
    """The rest of the plan, one row (schema 4): per-step choices and materials as JSON, the
    facilitator's private notes, the expected number of people and an optional roster."""

    __tablename__ = "workshop_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    steps: Mapped[str] = mapped_column(Text, default="{}")
    materials: Mapped[str] = mapped_column(Text, default="[]")
    facilitator_notes: Mapped[str] = mapped_column(Text, default="")
    expected_participants: Mapped[int | None]
    roster: Mapped[str] = mapped_column(Text, default="")
