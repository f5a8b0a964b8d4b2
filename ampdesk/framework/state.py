"""Plain values describing a workshop, as the rules (gate, mistake checks) see it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

StepStatus = Literal["not_started", "in_progress", "done"]
STEP_STATUSES: tuple[StepStatus, ...] = ("not_started", "in_progress", "done")
NoteKind = Literal["idea", "story", "skill", "blocker", "goal", "marker"]
NOTE_KIND_LABELS: dict[str, str] = {
    "idea": "Idea",
    "story": "Story of impact",
    "skill": "Skill to grow",
    "blocker": "Blocker",
    "goal": "Stretch goal",
    "marker": "Marker of progress",
}

# Keys of the group's decisions, stored per workshop.
START_DIMENSION = "autonomy.start_dimension"
FEEDBACK_RHYTHM = "mastery.feedback_rhythm"
PURPOSE_STATEMENT = "purpose.statement"
AUTHENTICITY_NOTE = "purpose.authenticity_note"
FEEDBACK_RHYTHMS = ("weekly", "fortnightly", "monthly", "quarterly", "annual")


@dataclass(frozen=True, slots=True)
class Details:
    """The workshop's details as shown on the cover of the report."""

    title: str
    organisation: str
    held_on: dt.date | None
    venue: str
    facilitator: str
    anonymity_threshold: int


@dataclass(frozen=True, slots=True)
class NoteValue:
    """A piece of group input with its dot votes."""

    id: int
    step: str
    kind: NoteKind
    dimension: str | None
    text: str
    hidden: bool
    votes: int


@dataclass(frozen=True, slots=True)
class ActionValue:
    """An agreed action."""

    id: int
    step: str
    title: str
    owner: str
    due: dt.date | None
    measure: str


@dataclass(frozen=True, slots=True)
class Counts:
    """How much the workshop holds (reported by ``ampdesk check``)."""

    participants: int
    responses: int
    notes: int
    votes: int
    actions: int
    pay_records: int
    checkins: int


@dataclass(frozen=True, slots=True)
class OwnCaseValue:
    """A story from the organisation itself, to tell beside the framework's cases."""

    id: int
    title: str
    story: str
    lesson: str
    step: str | None
