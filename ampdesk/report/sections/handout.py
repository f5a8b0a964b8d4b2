"""The team handout: two to four pages for the people who were in the room. What we said
(aggregates from the anonymity threshold up, the notes with most dots), what we decided, our
actions with owners and dates, when we check in next. No pay figure, no role, no gate, no
mistake warning and no facilitator note is part of it."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ampdesk.framework.content import AUTONOMY_DIMENSIONS, AUTONOMY_LABELS
from ampdesk.framework.followup import next_checkin
from ampdesk.framework.pulse import STATEMENTS
from ampdesk.framework.rounding import fixed
from ampdesk.framework.state import FEEDBACK_RHYTHM, PURPOSE_STATEMENT
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.sections.actions import by_due_date
from ampdesk.report.sections.autonomy import start_words
from ampdesk.report.sections.notes import notes_table
from ampdesk.report.styles import (
    TITLE_CHARS,
    bullet,
    clip,
    date_text,
    full_title,
    more_line,
    plural,
    styles,
    text,
)
from ampdesk.report.tables import table

TOP_NOTES = 5
TOP_ACTIONS = 20


def build(ctx: ReportContext) -> list[Flowable]:
    """The handout's whole story."""
    s = styles()
    d = ctx.details
    held = f" on {date_text(d.held_on)}" if d.held_on else ""
    story: list[Flowable] = [
        Heading("What we said and what we do next"),
        text(clip(d.title, TITLE_CHARS), s.subtitle),
        *full_title(d.title),
        text(
            f"{d.organisation or 'Our workshop'}{held}. "
            f"{plural(ctx.counts.participants, 'person', 'people')} took part. Averages are "
            f"shown only where at least {ctx.threshold} people answered.",
            s.body,
        ),
        Heading("What we said", 1),
    ]
    rows = []
    autonomy = ctx.evaluation.autonomy
    for dim in AUTONOMY_DIMENSIONS:
        now, want = autonomy[dim]["current"], autonomy[dim]["desired"]
        if now.mean is not None and want.mean is not None:
            rows.append(
                [f"Say over {AUTONOMY_LABELS[dim].lower()}", fixed(now.mean), fixed(want.mean)]
            )
    if rows:
        story.append(
            table(("Autonomy, 1 to 5", "We have now", "We want"), rows, [90 * mm, 40 * mm, 40 * mm])
        )
    statements = [
        [label, f"{fixed(ctx.evaluation.pulse[item].mean or 0)} of 5"]
        for item, label in STATEMENTS
        if ctx.evaluation.pulse[item].mean is not None
    ]
    if statements:
        story += [
            Spacer(1, 3 * mm),
            table(("How we see our pay", "Average"), statements, [140 * mm, 30 * mm]),
        ]
    for title, step, kinds in (
        ("Our ideas for more autonomy", "autonomy", ("idea",)),
        ("Skills to grow and what blocks us", "mastery", ("skill", "blocker")),
        ("Goals and markers of progress", "mastery", ("goal", "marker")),
        ("Stories of impact", "purpose", ("story",)),
    ):
        story.append(Heading(title, 2))
        story += notes_table(ctx, step, kinds, limit=TOP_NOTES)

    story.append(Heading("What we decided", 1))
    decisions = ctx.inputs.decisions
    story.append(bullet(f"Autonomy: we start with {start_words(ctx)}."))
    if rhythm := decisions.get(FEEDBACK_RHYTHM):
        story.append(bullet(f"Feedback: {rhythm}."))
    if statement := decisions.get(PURPOSE_STATEMENT):
        story.append(bullet(f"Our purpose: “{statement.strip()}”"))

    story.append(Heading("Our actions", 1))
    actions = by_due_date(ctx.inputs.actions)
    if actions:
        story.append(
            table(
                ("Action", "Owner", "Due"),
                [
                    [a.title, a.owner or "to agree", date_text(a.due, "—")]
                    for a in actions[:TOP_ACTIONS]
                ],
                [102 * mm, 36 * mm, 32 * mm],
            )
        )
        if more := more_line(len(actions) - TOP_ACTIONS, "the facilitator has the full list"):
            story.append(more)
    else:
        story.append(text("No actions were agreed.", s.body))

    story.append(Heading("When we check in next", 1))
    upcoming = next_checkin(d.held_on, [c.held_on for c in ctx.checkins], ctx.generated_on)
    story.append(
        text(
            date_text(upcoming) + "." if upcoming else "The facilitator will let us know.",
            s.body,
        )
    )
    return story
