"""The facilitator's plan: agenda with timeboxes, prompts, checklists, cases, materials."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.sections.method import plan_appendix
from ampdesk.report.styles import date_text, styles, text
from ampdesk.report.tables import table


def build(ctx: ReportContext) -> list[Flowable]:
    """The plan's whole story (no answers, no pay: only what was prepared)."""
    s = styles()
    content = ctx.content
    details = ctx.details
    plan = ctx.plan
    start = dt.datetime.combine(dt.date.today(), dt.time(9, 0))
    rows, clock = [], start
    for item in plan.agenda:
        rows.append([clock.strftime("%H:%M"), item.title, f"{item.minutes} min"])
        clock += dt.timedelta(minutes=item.minutes)
    total = plan.total_minutes
    people = (
        f"{plan.expected_participants} people expected"
        if plan.expected_participants
        else "Number of people not set"
    )
    roster = ctx.roster
    where = " · ".join(
        part
        for part in (
            details.organisation,
            details.venue or "venue to confirm",
            date_text(details.held_on, "date to confirm"),
        )
        if part
    )
    story: list[Flowable] = [
        Heading("Facilitator's plan"),
        text(details.title, s.title),
        text(where, s.subtitle),
        Heading("Agenda", 1),
        table(("Time", "Item", "Timebox"), rows, [20 * mm, 125 * mm, 25 * mm]),
        text(
            f"Total: {total // 60} h {total % 60:02d} min, starting at 09:00 as an example.",
            s.small,
        ),
        text(f"{people}{': ' + ', '.join(roster) if roster else '.'}", s.body),
    ]
    for step in content.steps:
        story.append(Heading(f"Step {step.number} · {step.title}"))
        story.append(text(step.aim, s.body))
        minutes = plan.timebox(step.id)
        if minutes:
            story.append(text(f"Timebox: {minutes} min.", s.small))
        story.append(Heading("Ask the group", 1))
        for n, prompt in plan.prompts(step):
            story.append(text(f"{n}. {prompt}", s.body))
            if note := step.prompt_notes.get(n):
                story.append(text(f"For you, not the room: {note}", s.small))
        if not plan.step_plan(step.id).phones:
            story.append(text("Phones: not used in this step (capture by hand).", s.small))
        story.append(Heading("Checklist", 1))
        story += [text(f"☐ {item.text}", s.body) for item in step.checklist]
        cases = plan.cases(step.id, content)
        if cases:
            story.append(Heading("Case to tell", 1))
            story.append(text(f"{cases[0].title}: {cases[0].lesson}", s.body))
        story.append(text(f"Tip: {step.pro_tip}", s.small))
        if step.warning:
            story.append(text(f"Watch out: {step.warning}", s.small))
    story.append(Heading("Materials to bring"))
    story += [text(f"☐ {item}", s.body) for item in plan.materials]
    if plan.facilitator_notes:
        story.append(Heading("Private notes"))
        story.append(text(plan.facilitator_notes, s.body))
    story += plan_appendix(content)
    return story
