"""The cover: what, who, where and when."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import TITLE_CHARS, clip, date_text, full_title, styles, text


def build(ctx: ReportContext) -> list[Flowable]:
    """Title, organisation, date, venue, facilitator, participants (and Confidential)."""
    s = styles()
    d = ctx.details
    lines = [
        ("Organisation", d.organisation),
        ("Date", date_text(d.held_on)),
        ("Venue", d.venue),
        ("Facilitator", d.facilitator),
        ("Participants", str(ctx.counts.participants)),
    ]
    story: list[Flowable] = [Spacer(1, 30 * mm)]
    if ctx.individual_pay is not None:
        story.append(
            text(
                "Confidential: individual pay. This copy lists each person's pay; keep it to "
                "the people entitled to see pay, and do not circulate it.",
                s.alert,
            )
        )
    story += [
        Heading("Workshop report"),
        text(clip(d.title, TITLE_CHARS), s.title),
        *full_title(d.title),
        Spacer(1, 4 * mm),
        text("Autonomy, Mastery, Purpose: a motivation workshop", s.subtitle),
        Spacer(1, 14 * mm),
    ]
    story += [text(f"{label}: {value or '—'}", s.body) for label, value in lines]
    story += [
        Spacer(1, 20 * mm),
        text(f"Printed by ampdesk on {date_text(ctx.generated_on)}.", s.small),
        PageBreak(),
    ]
    return story
