"""The pay-fairness gate's settings: its thresholds, and the decision to go on although it did
not pass (the override, with the action that carries out its remediation)."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

from sqlalchemy import select

from ampdesk.framework.fairness import GateOverride, GateThresholds
from ampdesk.store.actions import new_action
from ampdesk.store.models import ActionItem, GateOverrideRecord, Setting
from ampdesk.store.row_images import Keys, Rows, Scope
from ampdesk.store.workshop_file import Workshop

OVERRIDE_ACTION_KEY = "override.action"  # "override id:action id" of the remediation action
REMEDIATION_MEASURE = "The pay-fairness gate passes without the override."


def link_rows() -> Scope:
    """The setting that ties the override in force to its remediation action."""
    return (Rows(Setting, Setting.key == OVERRIDE_ACTION_KEY),)


def active_override_rows() -> Scope:
    """The override in force (withdrawing it changes these rows)."""
    return (Rows(GateOverrideRecord, GateOverrideRecord.withdrawn_at.is_(None)),)


class GateStore:
    """Reads and changes the gate's thresholds and override; every call is one transaction."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    # -- the override ----------------------------------------------------------------------
    def override(self, override: GateOverride) -> Keys:
        """Record the decision to go on although the gate did not pass, its remediation as an
        action on the fairness step and the link between them, in one transaction; returns
        the keys of the rows written."""
        with self.workshop.session() as s:
            record = GateOverrideRecord(
                reason=override.reason,
                remediation=override.remediation,
                owner=override.owner,
                due=override.due,
            )
            action = new_action(
                "fairness", override.remediation, override.owner, override.due, REMEDIATION_MEASURE
            )
            s.add_all([record, action])
            s.flush()
            s.merge(Setting(key=OVERRIDE_ACTION_KEY, value=f"{record.id}:{action.id}"))
        return (
            (GateOverrideRecord.__tablename__, (record.id,)),
            (ActionItem.__tablename__, (action.id,)),
            (Setting.__tablename__, (OVERRIDE_ACTION_KEY,)),
        )

    def active_override_id(self) -> int | None:
        """The id of the override in force, if any."""
        query = (
            select(GateOverrideRecord.id)
            .where(GateOverrideRecord.withdrawn_at.is_(None))
            .order_by(GateOverrideRecord.id.desc())
        )
        with self.workshop.reading() as s:
            return s.scalars(query).first()

    def active_override(self) -> GateOverride | None:
        """The override in force, if any."""
        query = (
            select(GateOverrideRecord)
            .where(GateOverrideRecord.withdrawn_at.is_(None))
            .order_by(GateOverrideRecord.id.desc())
        )
        with self.workshop.reading() as s:
            record = s.scalars(query).first()
            if record is None:
                return None
            return GateOverride(
                reason=record.reason,
                remediation=record.remediation,
                owner=record.owner,
                due=record.due,
            )

    def withdraw_override(self) -> Keys:
        """Withdraw the override in force (it stays in the file's history); returns the keys
        of the rows changed (none when no override is in force)."""
        withdrawn = []
        with self.workshop.session() as s:
            for record in s.scalars(
                select(GateOverrideRecord).where(GateOverrideRecord.withdrawn_at.is_(None))
            ):
                record.withdrawn_at = dt.datetime.now()
                withdrawn.append(record.id)
        return tuple((GateOverrideRecord.__tablename__, (i,)) for i in withdrawn)

    def override_action_id(self) -> int | None:
        """The action that carries out the active override's remediation, if any."""
        with self.workshop.reading() as s:
            text = s.scalar(select(Setting.value).where(Setting.key == OVERRIDE_ACTION_KEY))
        if text is None:
            return None
        override_id, _, action_id = text.partition(":")
        if int(override_id) != self.active_override_id():
            return None
        return int(action_id)

    # -- thresholds ------------------------------------------------------------------------
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
        with self.workshop.reading() as s:
            return {
                row.key: row.value
                for row in s.scalars(select(Setting).where(Setting.key.in_(names)))
            }
