"""The mistakes the rules flagged, and how the facilitator acknowledged each."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ampdesk.framework.messages import first_upper, step_words
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import TOP_LINES, clip, more_line, styles, text

# What was seen is quoted up to this length (a finding can quote many actions or notes).
SEEN_CHARS = 400


def build(ctx: ReportContext) -> list[Flowable]:
    """Each finding (at most TOP_LINES) with what was seen (at most SEEN_CHARS), why it
    matters, what to do, and the note kept."""
    s = styles()
    story: list[Flowable] = [Heading("Mistakes flagged")]
    if not ctx.evaluation.findings:
        return [*story, text("The rules flagged nothing.", s.body)]
    findings = ctx.evaluation.findings
    for finding in findings[:TOP_LINES]:
        note = ctx.acknowledgements.get(finding.id)
        seen = clip(finding.detected, SEEN_CHARS)
        if seen != finding.detected:
            seen += " (ampdesk check gives it whole)"
        story += [
            Heading(finding.title, 1),
            text(
                f"Seen: {seen}" + (f" To ask: {finding.question}" if finding.question else ""),
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
    if more := more_line(len(findings) - TOP_LINES, "ampdesk check lists every one"):
        story.append(more)
    return story
