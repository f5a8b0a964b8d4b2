"""Checklist status per step."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ampdesk.framework.messages import progress_words
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import styles, text
from ampdesk.report.tables import table


def build(ctx: ReportContext) -> list[Flowable]:
    """Every checklist item with done or open."""
    rows = []
    statuses = ctx.inputs.step_statuses
    for step in ctx.content.steps:
        ticked = ctx.checklists.get(step.id, {})
        for number, item in enumerate(step.checklist):
            rows.append(
                [  # the step named on its first item only
                    f"{step.number} {step.title} ({progress_words(statuses[step.id])})"
                    if number == 0
                    else "",
                    item.text,
                    "done" if ticked.get(item.id) else "open",
                ]
            )
    return [
        Heading("Checklists"),
        *_times(ctx),
        table(("Step", "Item", "Status"), rows, [48 * mm, 104 * mm, 18 * mm]),
    ]


def _times(ctx: ReportContext) -> list[Flowable]:
    """One line per timed step: the plan's timebox and the time the step really took."""
    lines = []
    for step in ctx.content.steps:
        if step.id not in ctx.step_times:
            continue
        planned, seconds = ctx.step_times[step.id]
        plan = f"planned {planned} min, " if planned else ""
        lines.append(f"{step.title}: {plan}took {round(seconds / 60)} min")
    return [text("Time per step: " + "; ".join(lines) + ".", styles().body)] if lines else []
