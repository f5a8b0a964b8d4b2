"""Appendix: the method, its principles and steps, and every source cited."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import SCRIPTS, styles, text


def build(ctx: ReportContext) -> list[Flowable]:
    """The framework in brief, for readers who were not in the room."""
    s = styles()
    content = ctx.content
    story: list[Flowable] = [Heading("Appendix · The method"), text(content.overview, s.body)]
    story.append(Heading("Principles", 1))
    story += [text(f"{p.number}. {p.text}", s.body) for p in content.principles]
    story.append(Heading("The four steps", 1))
    story += [text(f"{step.number}. {step.title}: {step.aim}", s.body) for step in content.steps]
    story.append(Heading("Sources", 1))
    story += [text(source.citation, s.small) for source in content.sources]
    story.append(
        text(
            f"This report is set in DejaVu Sans, embedded in the file; it shows {SCRIPTS}.",
            s.small,
        )
    )
    return story
