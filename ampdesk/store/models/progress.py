"""How far the group is: step states, checklist ticks, decisions, notes on warnings, the gate
override, and the agreed actions with their check-ins."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ampdesk.store.models.base import Base


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


class Acknowledgement(Base):
    """The facilitator's note on a mistake warning; the warning stays (schema 2)."""

    __tablename__ = "acknowledgement"

    check_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    note: Mapped[str] = mapped_column(Text)
    acknowledged_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


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
