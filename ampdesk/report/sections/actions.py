"""The action plan: step, action, owner, due date and how progress will be seen."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import styles, text
from ampdesk.report.tables import table


def build(ctx: ReportContext) -> list[Flowable]:
    """Every action, in step order."""
    story: list[Flowable] = [Heading("Action plan")]
    actions = sorted(ctx.inputs.actions, key=lambda a: (ctx.content.step(a.step).number, a.id))
    if not actions:
        return [*story, text("No actions were agreed.", styles().body)]
    rows = [
        [
            str(ctx.content.step(a.step).number),
            a.title,
            a.owner or "—",
            a.due.strftime("%d %b %Y") if a.due else "—",
            a.measure or "—",
        ]
        for a in actions
    ]
    story.append(
        table(
            ("Step", "Action", "Owner", "Due", "How progress is seen"),
            rows,
            [14 * mm, 56 * mm, 30 * mm, 22 * mm, 48 * mm],
        )
    )
    return story
