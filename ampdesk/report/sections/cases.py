"""The cases behind the workshop, with their sources, and the organisation's own stories."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import styles, text


def build(ctx: ReportContext) -> list[Flowable]:
    """Each framework case with its lesson and sources; then the organisation's own."""
    s = styles()
    story: list[Flowable] = [Heading("Cases and sources")]
    for case in ctx.content.cases:
        story.append(Heading(case.title, 1))
        story.append(text(f"Lesson: {case.lesson}", s.body))
        if case.evidence_note:
            story.append(text(case.evidence_note, s.small))
        for source_id in case.sources:
            story.append(text(f"Source: {ctx.content.source(source_id).citation}", s.small))
    if ctx.own_cases:
        story.append(Heading("Our own stories", 1))
        for own in ctx.own_cases:
            story.append(text(f"{own.title}: {own.story}", s.body))
            if own.lesson:
                story.append(text(f"Lesson: {own.lesson}", s.small))
    return story
