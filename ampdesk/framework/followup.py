"""Follow-ups after the workshop: check-ins with the actions' statuses and a short pulse, and
the trend from the workshop through every check-in. Plain Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ampdesk.framework.content import AUTONOMY_DIMENSIONS, AUTONOMY_LABELS
from ampdesk.framework.pulse import STATEMENTS, summarize

ActionStatus = Literal["not_started", "on_track", "done", "dropped"]
ACTION_STATUSES: tuple[ActionStatus, ...] = ("not_started", "on_track", "done", "dropped")
ACTION_STATUS_LABELS: dict[str, str] = {
    "not_started": "Not started",
    "on_track": "On track",
    "done": "Done",
    "dropped": "Dropped",
}

# The check-in pulse: the three fairness statements and today's say per autonomy dimension.
CHECKIN_ITEMS: tuple[tuple[str, str], ...] = (
    *STATEMENTS,
    *(
        (f"{dim}.current", f"{AUTONOMY_LABELS[dim]}: how much say we have now")
        for dim in AUTONOMY_DIMENSIONS
    ),
)
# What the trend follows: each fairness statement and the average say over the dimensions.
SERIES: tuple[tuple[str, str], ...] = (
    ("peers", "Fair compared with colleagues"),
    ("market", "Fair compared with the market"),
    ("settled", "Pay settled enough to focus"),
    ("autonomy", "Say over our work (average)"),
)


def stored_activity(item: str) -> str:
    """Where a check-in item's answers are kept (the answer table's ``activity``)."""
    return "fairness" if item in dict(STATEMENTS) else "autonomy"


@dataclass(frozen=True, slots=True)
class CheckInValue:
    """One check-in: when, a note, and each action's status with a note."""

    id: int
    held_on: dt.date
    note: str
    statuses: Mapping[int, tuple[ActionStatus, str]]


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """The group's figures at the workshop or one check-in; None where too few answered."""

    label: str
    held_on: dt.date | None
    means: Mapping[str, float | None]  # by SERIES id
    answered: int  # the most answers any item got
    statuses: Mapping[str, int]  # actions per status (empty for the workshop)


def point(
    label: str,
    held_on: dt.date | None,
    answers: Mapping[str, Sequence[int]],
    threshold: int,
    statuses: Mapping[int, tuple[ActionStatus, str]] | None = None,
    action_ids: Sequence[int] = (),
) -> TrendPoint:
    """Aggregate one moment's answers (by item id) and the statuses of ``action_ids`` (an
    action without a recorded status counts as not started)."""
    means: dict[str, float | None] = {}
    for item, _ in STATEMENTS:
        means[item] = summarize(list(answers.get(item, ())), threshold).mean
    dimension_means = [
        summarize(list(answers.get(f"{dim}.current", ())), threshold).mean
        for dim in AUTONOMY_DIMENSIONS
    ]
    known = [m for m in dimension_means if m is not None]
    means["autonomy"] = sum(known) / len(known) if known else None
    counts: dict[str, int] = {s: 0 for s in ACTION_STATUSES} if statuses is not None else {}
    if statuses is not None:
        for action_id in action_ids:
            counts[statuses.get(action_id, ("not_started", ""))[0]] += 1
    answered = max((len(values) for values in answers.values()), default=0)
    return TrendPoint(label, held_on, means, answered, counts)


def change_text(first: float | None, last: float | None) -> str:
    """ "2.4 → 3.1 (+0.7)", the change computed from the values shown; or why there is no
    comparison."""
    if first is None or last is None:
        return "not enough answers to compare"
    shown_first, shown_last = round(first, 1), round(last, 1)
    return f"{shown_first:.1f} → {shown_last:.1f} ({shown_last - shown_first:+.1f})"


def progress_lines(points: Sequence[TrendPoint]) -> list[str]:
    """What moved from the workshop (first point) to the latest check-in, one line each."""
    if len(points) < 2:
        return []
    first, last = points[0], points[-1]
    lines = [f"{label}: {change_text(first.means[s], last.means[s])}" for s, label in SERIES]
    total = sum(last.statuses.values())
    lines.append(f"Actions done: {last.statuses.get('done', 0)} of {total}")
    return lines


CHECKIN_DAYS = (30, 60, 90)  # the fuller check-ins after the workshop day


def next_checkin(
    held_on: dt.date | None, recorded: Sequence[dt.date], today: dt.date
) -> dt.date | None:
    """The next of the 30, 60 and 90-day check-ins: the first one after the latest recorded
    check-in that is not already past; None when there is none (or no workshop date)."""
    if held_on is None:
        return None
    after = max([*recorded, today - dt.timedelta(days=1)])
    for days in CHECKIN_DAYS:
        due = held_on + dt.timedelta(days=days)
        if due > after:
            return due
    return None
