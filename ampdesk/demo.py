"""A realistic, fully filled sample workshop: a fictional product team of twelve.

Every screen and the report have something real to show, including a few mistakes for the
warnings panel to catch. All people and the organisation are invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from ampdesk.framework.content import framework
from ampdesk.framework.fairness import PayRow, WorkType
from ampdesk.framework.followup import stored_activity
from ampdesk.framework.state import (
    AUTHENTICITY_NOTE,
    FEEDBACK_RHYTHM,
    PURPOSE_STATEMENT,
    START_DIMENSION,
    NoteKind,
)
from ampdesk.store.creation import create_whole
from ampdesk.store.templates import load_template
from ampdesk.store.workshop_file import Workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore

WORKSHOP_DAY = dt.date(2026, 12, 3)

_PAY: tuple[tuple[str, str, str, WorkType, int, int, float, str], ...] = (
    # person, role, level, work type, annual base pay, market median, fte, group
    ("Heron", "Software engineer", "Senior", "creative", 78_500, 76_000, 1.0, "Site A"),
    ("Otter", "Software engineer", "Senior", "creative", 74_000, 76_000, 1.0, "Site B"),
    ("Lynx", "Software engineer", "Senior", "creative", 63_000, 76_000, 0.8, "Site A"),
    ("Finch", "Software engineer", "Mid", "creative", 58_000, 61_000, 1.0, "Site A"),
    ("Marten", "Software engineer", "Mid", "creative", 56_500, 61_000, 1.0, "Site B"),
    ("Wren", "Software engineer", "Mid", "creative", 62_500, 61_000, 1.0, "Site B"),
    ("Ibis", "Product designer", "Mid", "creative", 57_000, 57_500, 1.0, "Site A"),
    ("Stoat", "Product designer", "Mid", "creative", 44_000, 57_500, 0.75, "Site B"),
    ("Plover", "Customer support", "Agent", "routine", 36_500, 37_000, 1.0, "Site A"),
    ("Vole", "Customer support", "Agent", "routine", 37_800, 37_000, 1.0, "Site B"),
    ("Tern", "Customer support", "Agent", "routine", 27_000, 37_000, 0.75, "Site B"),
    ("Égret", "Team lead", "Lead", "creative", 86_000, 84_000, 1.0, "Site A"),
)

# Twelve anonymous answers per statement, 1 (strongly disagree) to 5 (strongly agree).
_FAIRNESS = {
    "peers": (4, 4, 3, 5, 4, 3, 4, 2, 4, 5, 3, 4),
    "market": (3, 3, 4, 2, 3, 4, 3, 3, 2, 4, 3, 3),
    "settled": (4, 4, 4, 3, 5, 4, 3, 4, 4, 4, 3, 4),
}
_AUTONOMY = {
    "what.current": (2, 2, 3, 2, 1, 2, 3, 2, 2, 3, 2, 2),
    "what.desired": (3, 4, 3, 3, 3, 4, 3, 3, 4, 3, 3, 3),
    "how.current": (2, 3, 2, 2, 3, 2, 2, 3, 2, 2, 3, 2),
    "how.desired": (4, 5, 4, 4, 5, 4, 4, 4, 5, 4, 4, 4),
    "when.current": (3, 3, 4, 3, 3, 4, 3, 3, 3, 4, 3, 3),
    "when.desired": (4, 4, 4, 4, 5, 4, 4, 4, 4, 4, 5, 4),
    "who.current": (2, 2, 2, 3, 2, 2, 2, 2, 3, 2, 2, 2),
    "who.desired": (3, 3, 3, 3, 2, 3, 3, 3, 3, 3, 3, 4),
}
# (step, kind, dimension, text, dots)
_NOTES: tuple[tuple[str, NoteKind, str | None, str, int], ...] = (
    ("autonomy", "idea", "how", "Teams choose their own way of estimating work", 7),
    ("autonomy", "idea", "how", "Drop the mandatory code-review checklist for small fixes", 4),
    ("autonomy", "idea", "when", "Core hours 10:00-15:00, the rest of the day is ours", 6),
    ("autonomy", "idea", "what", "One Friday a month for self-chosen improvements", 9),
    ("autonomy", "idea", "who", "Let people ask to pair with someone from another squad", 2),
    ("autonomy", "idea", "how", "Bonus for every feature shipped before the deadline", 1),
    ("mastery", "skill", None, "Accessibility testing with screen readers", 3),
    ("mastery", "skill", None, "Writing better support macros in Greek and Ukrainian", 2),
    ("mastery", "skill", None, "Performance profiling of the booking API", 4),
    ("mastery", "blocker", None, "Sprint reviews show output, never what we learned", 5),
    ("mastery", "blocker", None, "No budget or time for courses during release months", 6),
    ("mastery", "goal", None, "Every engineer runs one profiling session a month", 0),
    ("mastery", "marker", None, "A shared 'things we got better at' board, updated weekly", 0),
    (
        "purpose",
        "story",
        None,
        "A bakery owner in Thessaloniki (Κατερίνα) wrote that online booking gave her Sunday "
        "mornings back with her children.",
        6,
    ),
    (
        "purpose",
        "story",
        None,
        "After our outage fix, a physiotherapy practice in Lviv (Оксана) stopped double-booking "
        "patients in pain.",
        4,
    ),
    ("purpose", "story", None, "A blind user told support the new labels let her book alone.", 5),
)
_ACTIONS = (
    (
        "fairness",
        "Propose to the works council to bring mid-level software engineers up to market pay",
        "Head of People",
        28,
        "Median FTE-adjusted compa-ratio of mid-level engineers at 1.00 or above in January",
    ),
    (
        "autonomy",
        "Pilot team-chosen estimation methods in both squads",
        "Team lead",
        14,
        "Each squad names its method in the next retro",
    ),
    (
        "autonomy",
        "One self-directed improvement Friday a month",
        "Engineering manager",
        30,
        "Two Fridays held and their results demoed",
    ),
    (
        "mastery",
        "Weekly 15-minute progress review per squad",
        "Squad leads",
        7,
        "Review held every week; skills board updated",
    ),
    (
        "mastery",
        "Protect four learning hours a month, release months included",
        "Engineering manager",
        21,
        "Learning hours logged by the team, not by managers",
    ),
    (
        "purpose",
        "Invite one customer a month to tell their story to the team",
        "Customer support lead",
        35,
        "Three customer visits before March",
    ),
)


# Show-of-hands counts (people at each point 1-5) at the first and the 45-day check-in.
_CHECKIN_COUNTS = {
    "peers": ([1, 3, 4, 3, 1], [0, 2, 4, 4, 2]),
    "market": ([2, 4, 3, 2, 1], [1, 2, 5, 3, 1]),
    "settled": ([1, 2, 5, 3, 1], [0, 1, 5, 4, 2]),
    "what.current": ([2, 5, 3, 2, 0], [1, 4, 4, 3, 0]),
    "how.current": ([1, 3, 5, 3, 0], [0, 1, 4, 5, 2]),
    "when.current": ([0, 3, 5, 3, 1], [0, 2, 5, 4, 1]),
    "who.current": ([2, 4, 4, 2, 0], [1, 4, 4, 3, 0]),
}


DEMO_TITLE = "Making good work feel good: team offsite"


def write_demo(path: Path) -> Workshop:
    """Create the sample workshop at ``path`` (complete or not at all) and return it open."""
    create_whole(path, DEMO_TITLE, _fill_demo)
    return open_workshop(path)


def _fill_demo(workshop: Workshop) -> None:
    store = WorkshopStore(workshop)
    store.details.update(
        organisation="Lindenhof Booking (fictional)",
        held_on=WORKSHOP_DAY,
        venue="Harbour Room, Seeblick Hotel, Konstanz",
        facilitator="Zoë Ferreira-Nowak",
    )
    for _ in range(12):
        store.details.add_participant()
    store.pay.replace(
        [
            PayRow(
                role=role,
                level=level,
                work_type=work_type,
                pay=float(pay),
                market_median=float(median),
                fte=fte,
                person=person,
                group=group,
                currency="EUR",
            )
            for person, role, level, work_type, pay, median, fte, group in _PAY
        ]
    )
    for item, values in _FAIRNESS.items():
        store.answers.add("fairness", item, values)
    for item, values in _AUTONOMY.items():
        store.answers.add("autonomy", item, values)
    for step, kind, dimension, text, dots in _NOTES:
        note_id = store.notes.add(step, kind, text, dimension=dimension)
        for _ in range(dots):
            store.notes.add_vote(note_id)
    store.progress.set_decision(START_DIMENSION, "how")
    store.progress.set_decision(FEEDBACK_RHYTHM, "weekly")
    store.progress.set_decision(
        PURPOSE_STATEMENT,
        "We give small businesses their evenings and weekends back, so owners spend time with "
        "their families and customers instead of with paperwork.",
    )
    store.progress.set_decision(
        AUTHENTICITY_NOTE,
        "Checked against three customer stories told in the room; nobody felt it was a slogan.",
    )
    action_ids = [
        store.actions.add(step, title, owner, WORKSHOP_DAY + dt.timedelta(days=days), measure)
        for step, title, owner, days, measure in _ACTIONS
    ]
    content = framework()
    for framework_step in content.steps:
        step_id = framework_step.id
        store.progress.set_step_status(step_id, "in_progress" if step_id == "purpose" else "done")
        ticked = framework_step.checklist[: 2 if step_id == "purpose" else None]
        for checklist_item in ticked:
            store.progress.set_checklist_item(step_id, checklist_item.id, True)
    store.checkins.add(
        WORKSHOP_DAY + dt.timedelta(days=14),
        {
            action_ids[0]: ("on_track", "Works council agreed the pay proposal; budget approved."),
            action_ids[1]: ("done", "Both squads chose their method."),
            action_ids[3]: ("on_track", "Held twice."),
        },
        note="First weekly progress review after the offsite.",
    )
    second = store.checkins.add(
        WORKSHOP_DAY + dt.timedelta(days=45),
        {
            action_ids[0]: ("done", "New salaries paid from January."),
            action_ids[1]: ("done", "Both squads chose their method."),
            action_ids[2]: ("on_track", "First Friday held; two small tools fixed."),
            action_ids[3]: ("on_track", "Held every week."),
        },
        note="45-day check-in.",
    )
    first = store.checkins.all()[0].id
    for checkin, shift in ((first, 0), (second, 1)):
        for item, counts in _CHECKIN_COUNTS.items():
            store.answers.set_facilitator_counts(
                stored_activity(item), item, counts[shift], checkin
            )
    template = load_template("half-day")
    store.plan.set(replace(template.plan, expected_participants=12))
