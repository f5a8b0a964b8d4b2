"""The mistakes the rules flagged, and how the facilitator acknowledged each."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ampdesk.framework.messages import first_upper, step_words
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import styles, text


def build(ctx: ReportContext) -> list[Flowable]:
    """Each finding with what was seen, why it matters, what to do, and the note kept."""
    s = styles()
    story: list[Flowable] = [Heading("Mistakes flagged")]
    if not ctx.evaluation.findings:
        return [*story, text("The rules flagged nothing.", s.body)]
    for finding in ctx.evaluation.findings:
        note = ctx.acknowledgements.get(finding.id)
        story += [
            Heading(finding.title, 1),
            text(
                f"Seen: {finding.detected}"
                + (f" To ask: {finding.question}" if finding.question else ""),
                s.body,
            ),
            text(f"Why it matters: {finding.why}", s.body),
            text(f"Instead: {finding.instead}", s.body),
            text(
                f"{first_upper(step_words(finding.step))}. "
                + (f"Acknowledged: {note}" if note else "Not acknowledged."),
                s.small,
            ),
        ]
    return story
