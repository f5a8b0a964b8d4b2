"""The title block at the top of page 1: what, who, where and when, in a few lines above the
summary (no cover page of its own: the first page is for the reader in a hurry)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import TITLE_CHARS, clip, date_text, full_title, plural, styles, text

# A title longer than this is set smaller, so that the summary still fits on page 1.
LONG_TITLE = 90


def build(ctx: ReportContext) -> list[Flowable]:
    """Title, then organisation, date, venue, facilitator and people in one line (and the
    confidential copy's warning)."""
    s = styles()
    d = ctx.details
    expected = ctx.plan.expected_participants
    facts = [
        d.organisation,
        date_text(d.held_on, "date not set"),
        d.venue,
        f"facilitated by {d.facilitator}" if d.facilitator else "",
        f"{plural(ctx.counts.participants, 'person', 'people')} took part"
        + (f" of {expected:,} expected" if expected else ""),
    ]
    story: list[Flowable] = []
    if ctx.individual_pay is not None:
        story.append(
            text(
                "Confidential: individual pay. This copy lists each person's pay; keep it to "
                "the people entitled to see pay, and do not circulate it.",
                s.alert,
            )
        )
    story += [
        Heading(clip(d.title, TITLE_CHARS), style=s.title if len(d.title) <= LONG_TITLE else s.h1),
        *full_title(d.title),
        text(
            "Autonomy, Mastery, Purpose workshop report · "
            + " · ".join(fact for fact in facts if fact)
            + f" · printed {date_text(ctx.generated_on)}",
            s.subtitle,
        ),
    ]
    return story
