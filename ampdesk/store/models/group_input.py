"""The group's input: anonymous answers, notes and their dots, and phones' submission
records."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    ColumnElement,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ampdesk.store.models.base import Base


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
