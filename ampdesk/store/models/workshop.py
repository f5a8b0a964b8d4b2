"""The workshop itself, the people in it, its pay audit and its key-value settings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from ampdesk.framework.thresholds import DEFAULT_THRESHOLD, MIN_THRESHOLD
from ampdesk.store.models.base import Base


class WorkshopDetails(Base):
    """The workshop itself: always exactly one row, id 1."""

    __tablename__ = "workshop"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_workshop"),
        CheckConstraint(f"anonymity_threshold >= {MIN_THRESHOLD}", name="anonymity_threshold_min"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(Text, default="")
    held_on: Mapped[dt.date | None] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(Text, default="")
    facilitator: Mapped[str] = mapped_column(Text, default="")
    anonymity_threshold: Mapped[int] = mapped_column(Integer, default=DEFAULT_THRESHOLD)
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


class Setting(Base):
    """A per-workshop setting, such as a gate threshold (schema 2)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
