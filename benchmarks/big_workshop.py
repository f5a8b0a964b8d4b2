"""A large synthetic workshop: many people, notes, dots, role/levels, actions and check-ins.

Used by the report benchmark and by the tests that print documents of any size."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import insert

from ampdesk.demo import write_demo
from ampdesk.framework.content import AUTONOMY_DIMENSIONS
from ampdesk.framework.fairness import PayRow
from ampdesk.store.models import Answer, Note, Participant, Vote
from ampdesk.store.workshop_file import Workshop
from ampdesk.store.workshop_store import WorkshopStore

KINDS = (
    ("autonomy", "idea"),
    ("mastery", "skill"),
    ("mastery", "blocker"),
    ("mastery", "goal"),
    ("mastery", "marker"),
    ("purpose", "story"),
)
WORDS = (
    "customers",
    "release",
    "support rota",
    "planning",
    "code review",
    "on-call",
    "handover",
    "feedback",
    "tools",
    "hiring",
)
# Words in the scripts that need a font found on the system, shaping or right-to-left order.
MANY_SCRIPTS = ("客户 (customers)", "リリース", "ग्राहक सेवा", "לקוחות", "خدمة العملاء")


def write_big(
    path: Path,
    *,
    people: int = 500,
    notes: int = 5000,
    role_levels: int = 60,
    actions: int = 100,
    scripts: bool = False,
) -> Workshop:
    """The demo workshop grown to ``people`` participants (each answering every question),
    ``notes`` notes with dots, a pay audit of ``role_levels`` role/levels and ``actions``
    actions with two check-ins; returned open. With ``scripts`` half the notes name their
    subject in Chinese, Japanese, Hindi, Hebrew or Arabic."""
    words = WORDS + MANY_SCRIPTS * 2 if scripts else WORDS
    workshop = write_demo(path)
    repo = WorkshopStore(workshop)
    repo.details.update(
        title="A very long workshop title that goes on: the whole engineering, support and "
        "operations organisation's offsite on autonomy, mastery and purpose",
        organisation="Lindenhof Booking and Travel Services of Lake Constance (fictional) GmbH",
    )
    day = repo.details.get().held_on or dt.date(2026, 12, 3)
    roles = [f"Role with a longish name {n // 3 + 1}" for n in range(role_levels)]
    repo.pay.replace(
        [
            PayRow(
                role=roles[n % role_levels],
                level=f"L{n % role_levels % 3 + 1}",
                work_type="creative" if n % 4 else "routine",
                pay=float(40_000 + (n * 7919) % 30_000),
                market_median=52_000.0,
                fte=1.0 if n % 5 else 0.8,
                person=f"Person {n + 1}",
                group="AB"[n % 2],
                currency="EUR",
            )
            for n in range(max(people, role_levels * 2) + role_levels * 3)
        ]
    )
    items = ["peers", "market", "settled"]
    autonomy = [f"{d}.{w}" for d in AUTONOMY_DIMENSIONS for w in ("current", "desired")]
    with workshop.session() as s:
        s.execute(insert(Participant), [{"label": f"Participant {n + 13}"} for n in range(people)])
        rows = [
            {"activity": "fairness", "item": item, "value": 1 + (n * 7 + i) % 5}
            for i, item in enumerate(items)
            for n in range(people)
        ]
        rows += [
            {"activity": "autonomy", "item": item, "value": 1 + (n * 3 + i) % 5}
            for i, item in enumerate(autonomy)
            for n in range(people)
        ]
        s.execute(insert(Answer), rows)
        s.execute(
            insert(Note),
            [
                {
                    "step": KINDS[n % len(KINDS)][0],
                    "kind": KINDS[n % len(KINDS)][1],
                    "dimension": AUTONOMY_DIMENSIONS[n % 4] if n % len(KINDS) == 0 else None,
                    "text": f"Note {n + 1} about {words[n % len(words)]}: "
                    + "we would like more room to decide how we work. " * (1 + n % 3),
                    "hidden": n % 97 == 0,
                }
                for n in range(notes)
            ],
        )
    ids = [n.id for n in repo.notes.all()]
    with workshop.session() as s:
        s.execute(insert(Vote), [{"note_id": ids[(n * 31) % len(ids)]} for n in range(notes * 2)])
    steps = ("fairness", "autonomy", "mastery", "purpose")
    action_ids = [
        repo.actions.add(
            steps[n % 4],
            f"Action {n + 1}: agree a {WORDS[n % len(WORDS)]} change with the team",
            f"Owner {n % 17 + 1}",
            day + dt.timedelta(days=7 + (n * 13) % 120),
            "Seen in the next check-in",
        )
        for n in range(actions)
    ]
    statuses = ("on_track", "done", "dropped", "not_started")
    for offset in (30, 60):
        repo.checkins.add(
            day + dt.timedelta(days=offset),
            {a: (statuses[(a + offset) % 4], "") for a in action_ids},
        )
    return workshop
