"""Checklist status per step."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.tables import table


def build(ctx: ReportContext) -> list[Flowable]:
    """Every checklist item with done or open."""
    rows = []
    statuses = ctx.inputs.step_statuses
    for step in ctx.content.steps:
        ticked = ctx.checklists.get(step.id, {})
        for item in step.checklist:
            rows.append(
                [
                    f"{step.number} {step.title} ({statuses[step.id].replace('_', ' ')})",
                    item.text,
                    "done" if ticked.get(item.id) else "open",
                ]
            )
    return [
        Heading("Checklists"),
        table(("Step", "Item", "Status"), rows, [48 * mm, 104 * mm, 18 * mm]),
    ]
