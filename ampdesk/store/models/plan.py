"""The plan (agenda rows and the per-step choices) and the organisation's own cases."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from ampdesk.store.models.base import Base


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


class OwnCase(Base):
    """A story from the organisation itself, told beside the framework's cases (schema 2)."""

    __tablename__ = "own_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    story: Mapped[str] = mapped_column(Text)
    lesson: Mapped[str] = mapped_column(Text, default="")
    step: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
