"""SQLAlchemy 2.0 typed models: the tables of one workshop file (the newest schema).

Older files are brought to this shape by :mod:`ampdesk.store.migrations`; a test checks that a
migrated file and a freshly created one have identical tables, columns and indexes.
"""

from ampdesk.store.models.base import Base
from ampdesk.store.models.group_input import Answer, Note, Submission, Vote, given_at
from ampdesk.store.models.plan import AgendaRow, OwnCase, PlanRecord
from ampdesk.store.models.progress import (
    Acknowledgement,
    ActionItem,
    CheckIn,
    CheckInStatus,
    ChecklistState,
    Decision,
    GateOverrideRecord,
    StepState,
)
from ampdesk.store.models.workshop import Participant, PayRecord, Setting, WorkshopDetails

__all__ = [
    "Acknowledgement",
    "ActionItem",
    "AgendaRow",
    "Answer",
    "Base",
    "CheckIn",
    "CheckInStatus",
    "ChecklistState",
    "Decision",
    "GateOverrideRecord",
    "Note",
    "OwnCase",
    "Participant",
    "PayRecord",
    "PlanRecord",
    "Setting",
    "StepState",
    "Submission",
    "Vote",
    "WorkshopDetails",
    "given_at",
]
