"""Progress since the workshop: the trend over the check-ins and where each action stands."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ampdesk.framework.followup import ACTION_STATUS_LABELS, SERIES, TrendPoint, progress_lines
from ampdesk.report.charts import trend_lines
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.sections.actions import TOP, by_due_date
from ampdesk.report.styles import bullet, date_text, more_line, styles, text
from ampdesk.report.tables import table

CHART_WIDTH = 170 * mm


def _label(point: TrendPoint) -> str:
    return date_text(point.held_on) if point.label != "Workshop" and point.held_on else point.label


def _days(points: Sequence[TrendPoint]) -> list[int] | None:
    """Each point's days since the first, or None if a point has no date."""
    dates = [p.held_on for p in points]
    if any(d is None for d in dates) or not dates:
        return None
    first = dates[0]
    return [(d - first).days for d in dates if d is not None and first is not None]


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
            [_label(p) for p in points],
            [(label, [p.means[s] for p in points]) for s, label in SERIES],
            CHART_WIDTH,
            days=_days(points),
        )
    )
    story.append(Spacer(1, 3 * mm))
    for line in progress_lines(points):
        story.append(bullet(line))
    story.append(Heading("Check-ins", 1))
    rows = [
        [
            _label(p),
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
    story.append(
        text(f"As of the check-in of {date_text(latest.held_on)}, soonest due first.", body)
    )
    actions = by_due_date(ctx.inputs.actions)
    rows = []
    for action in actions[:TOP]:
        status, note = latest.statuses.get(action.id, ("not_started", ""))
        rows.append(
            [
                action.title,
                action.owner or "to agree",
                date_text(action.due, "—"),
                ACTION_STATUS_LABELS[status],
                note or "—",
            ]
        )
    story.append(
        table(
            ("Action", "Owner", "Due", "Status", "Note"),
            rows,
            [52 * mm, 26 * mm, 34 * mm, 20 * mm, 38 * mm],
        )
    )
    if more := more_line(len(actions) - TOP):
        story.append(more)
    return story
