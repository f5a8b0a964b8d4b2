"""Progress since the workshop: the trend over the check-ins and where each action stands."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ampdesk.framework.followup import ACTION_STATUS_LABELS, SERIES, progress_lines
from ampdesk.report.charts import trend_lines
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import styles, text
from ampdesk.report.tables import table

CHART_WIDTH = 170 * mm


def build(ctx: ReportContext) -> list[Flowable]:
    """The trend chart, what moved, each check-in's figures and each action's latest status."""
    story: list[Flowable] = [Heading("Progress since the workshop")]
    body = styles().body
    if not ctx.checkins:
        return [
            *story,
            text(
                "No check-ins are recorded yet. Weekly progress reviews and 30, 60 and 90-day "
                "check-ins are recorded in the app's Follow-ups step; this section then shows "
                "the trend.",
                body,
            ),
        ]
    points = ctx.trend
    story.append(
        text(
            f"{len(ctx.checkins)} check-in{'s' if len(ctx.checkins) != 1 else ''} since the "
            "workshop. Averages on the 1 to 5 scale, shown only where at least "
            f"{ctx.threshold} people answered.",
            body,
        )
    )
    story.append(Heading("The trend", 1))
    story.append(
        trend_lines(
            [p.label for p in points],
            [(label, [p.means[s] for p in points]) for s, label in SERIES],
            CHART_WIDTH,
        )
    )
    story.append(Spacer(1, 3 * mm))
    for line in progress_lines(points):
        story.append(text(f"• {line}", body))
    story.append(Heading("Check-ins", 1))
    rows = [
        [
            p.label,
            str(p.answered),
            *(str(p.statuses.get(status, 0)) for status in ACTION_STATUS_LABELS),
        ]
        for p in points[1:]
    ]
    story.append(
        table(
            ("Check-in", "Answers", *ACTION_STATUS_LABELS.values()),
            rows,
            [34 * mm, 20 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm],
        )
    )
    latest = ctx.checkins[-1]
    story.append(Heading("Where each action stands", 1))
    story.append(text(f"As of the check-in of {latest.held_on:%d %B %Y}.", body))
    rows = []
    for action in ctx.inputs.actions:
        status, note = latest.statuses.get(action.id, ("not_started", ""))
        rows.append([action.title, action.owner or "—", ACTION_STATUS_LABELS[status], note or "—"])
    story.append(
        table(("Action", "Owner", "Status", "Note"), rows, [70 * mm, 32 * mm, 24 * mm, 44 * mm])
    )
    return story
