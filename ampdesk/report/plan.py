"""The facilitator's plan: agenda with timeboxes, prompts, checklists, cases, materials."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ampdesk.framework.content import framework
from ampdesk.framework.state import DEFAULT_TIMEBOX_MINUTES
from ampdesk.report.document import Heading, write_pdf
from ampdesk.report.styles import styles, text
from ampdesk.report.tables import table
from ampdesk.store.repository import Repository
from ampdesk.store.workshop_file import Workshop

OPENING_MINUTES = 15
BREAK_MINUTES = 15
ACTIONS_MINUTES = 30
MATERIALS = (
    "Laptop with ampdesk and this workshop file, charger, and a spare copy of the file",
    "Projector cable or adapter; a second screen for the presenter window if you have one",
    "The pay audit, reviewed beforehand (confidential: keep it off the projector)",
    "Sticky notes, markers and sticky dots for voting (if phones are not used)",
    "A printed copy of this plan",
)


def agenda() -> list[tuple[str, int]]:
    """(item, minutes) for a half-day workshop with the default timeboxes."""
    steps = framework().steps
    items = [("Opening: why we are here, how answers stay anonymous", OPENING_MINUTES)]
    for step in steps:
        items.append((f"Step {step.number} · {step.title}", DEFAULT_TIMEBOX_MINUTES[step.id]))
        if step.number == 2:
            items.append(("Break", BREAK_MINUTES))
    items.append(("Actions: owners, dates, how progress will be seen", ACTIONS_MINUTES))
    return items


def build_plan(workshop: Workshop, target: Path | BinaryIO, paper: str = "a4") -> None:
    """Write the facilitator's plan of ``workshop`` to ``target``."""
    s = styles()
    content = framework()
    details = Repository(workshop).details()
    start = dt.datetime.combine(dt.date.today(), dt.time(9, 0))
    rows, clock = [], start
    for item, minutes in agenda():
        rows.append([clock.strftime("%H:%M"), item, f"{minutes} min"])
        clock += dt.timedelta(minutes=minutes)
    total = sum(minutes for _, minutes in agenda())
    story: list[Flowable] = [
        Heading("Facilitator's plan"),
        text(details.title, s.title),
        text(
            f"{details.organisation or ''} · {details.venue or 'venue to confirm'} · "
            f"{details.held_on:%d %B %Y}"
            if details.held_on
            else details.organisation or "",
            s.subtitle,
        ),
        Heading("Agenda", 1),
        table(("Time", "Item", "Timebox"), rows, [20 * mm, 125 * mm, 25 * mm]),
        text(
            f"Total: {total // 60} h {total % 60:02d} min, starting at 09:00 as an example.",
            s.small,
        ),
    ]
    for step in content.steps:
        story.append(Heading(f"Step {step.number} · {step.title}"))
        story.append(text(step.aim, s.body))
        story.append(Heading("Ask the group", 1))
        story += [text(f"{n}. {prompt}", s.body) for n, prompt in enumerate(step.prompts, 1)]
        story.append(Heading("Checklist", 1))
        story += [text(f"☐ {item.text}", s.body) for item in step.checklist]
        cases = [c for c in content.cases if step.id in c.steps]
        if cases:
            story.append(Heading("Case to tell", 1))
            story.append(text(f"{cases[0].title}: {cases[0].lesson}", s.body))
        story.append(text(f"Tip: {step.pro_tip}", s.small))
        if step.warning:
            story.append(text(f"Watch out: {step.warning}", s.small))
    story.append(Heading("Materials to bring"))
    story += [text(f"☐ {item}", s.body) for item in MATERIALS]
    write_pdf(
        target,
        paper,
        story,
        title=f"{details.title}: facilitator's plan",
        author=details.facilitator or "ampdesk",
        subject="Autonomy, Mastery, Purpose workshop plan",
        header=f"{details.title} · facilitator's plan",
        footer="ampdesk",
    )
