"""The cases behind the workshop, with their sources, and the organisation's own stories."""

from __future__ import annotations

import re

from reportlab.platypus import Flowable

from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import styles, text


def reader_note(note: str) -> str:
    """A case's evidence note without what it tells content authors ("so don't quote ..."):
    the clause is cut, or the sentence left out where nothing else is in it."""
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", note.strip()):
        if "quote" not in sentence.lower():
            kept.append(sentence)
            continue
        head = re.split(r"[,;]\s*(?:so\s+)?(?:do not|don't)\s+quote", sentence, flags=re.I)[0]
        if head != sentence:
            kept.append(head.rstrip(" ,;") + ".")
    return " ".join(kept)


def build(ctx: ReportContext) -> list[Flowable]:
    """Each framework case with what happened, its lesson and sources; then the
    organisation's own."""
    s = styles()
    story: list[Flowable] = [Heading("Cases and sources")]
    for case in ctx.content.cases:
        story.append(Heading(case.title, 1))
        story.append(text(f"What happened: {case.outcome}", s.body))
        story.append(text(f"Lesson: {case.lesson}", s.body))
        if case.evidence_note:
            story.append(text(reader_note(case.evidence_note), s.small))
        for source_id in case.sources:
            story.append(text(f"Source: {ctx.content.source(source_id).citation}", s.reference))
    if ctx.own_cases:
        story.append(Heading("Our own stories", 1))
        for own in ctx.own_cases:
            story.append(text(f"{own.title}: {own.story}", s.body))
            if own.lesson:
                story.append(text(f"Lesson: {own.lesson}", s.small))
    return story
