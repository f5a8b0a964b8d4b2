"""The action plan: action, owner, due date, step and how progress will be seen."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ampdesk.framework.state import ActionValue
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import date_text, more_line, styles, text
from ampdesk.report.tables import table

TOP = 40


def by_due_date(actions: Sequence[ActionValue]) -> list[ActionValue]:
    """Actions soonest due first; those without a date last, in the order agreed."""
    return sorted(actions, key=lambda a: (a.due is None, a.due or 0, a.id))


def build(ctx: ReportContext) -> list[Flowable]:
    """The actions soonest due first (at most TOP of them)."""
    story: list[Flowable] = [Heading("Action plan")]
    actions = by_due_date(ctx.inputs.actions)
    if not actions:
        return [*story, text("No actions were agreed.", styles().body)]
    rows = [
        [
            a.title,
            a.owner or "to agree",
            date_text(a.due, "—"),
            ctx.content.step(a.step).title,
            a.measure or "—",
        ]
        for a in actions[:TOP]
    ]
    story.append(
        table(
            ("Action", "Owner", "Due", "Step", "How progress is seen"),
            rows,
            [48 * mm, 26 * mm, 34 * mm, 24 * mm, 38 * mm],
        )
    )
    if more := more_line(len(actions) - TOP):
        story.append(more)
    return story
