"""Build the workshop report PDF from a workshop file."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable

from ampdesk.report.context import ReportContext, gather
from ampdesk.report.document import Heading, write_pdf
from ampdesk.report.sections import (
    actions,
    autonomy,
    cases,
    checklists,
    confidentiality,
    cover,
    fairness,
    followups,
    mastery,
    method,
    mistakes,
    purpose,
    summary,
)
from ampdesk.report.styles import styles, text
from ampdesk.store.workshop_file import Workshop

SECTIONS = (
    cover,
    summary,
    fairness,
    autonomy,
    mastery,
    purpose,
    mistakes,
    actions,
    followups,
    checklists,
    cases,
    confidentiality,
    method,
)


def story(ctx: ReportContext) -> list[Flowable]:
    """Every section's flowables, in print order."""
    return [flowable for section in SECTIONS for flowable in section.build(ctx)]


def build_report(
    workshop: Workshop,
    target: Path | BinaryIO,
    paper: str = "a4",
    include_individual_pay: bool = False,
) -> None:
    """Write the report of ``workshop`` to ``target`` (a path or a binary stream)."""
    ctx = gather(workshop, include_individual_pay)
    details = ctx.details
    confidential = "CONFIDENTIAL · " if include_individual_pay else ""
    write_pdf(
        target,
        paper,
        lambda: story(ctx),
        title=f"{details.title}: workshop report",
        author=details.facilitator or "ampdesk",
        subject="Autonomy, Mastery, Purpose workshop report",
        header=f"{confidential}{details.title}",
        footer=f"{details.organisation or 'ampdesk'} · workshop report",
    )


def build_followup_report(workshop: Workshop, target: Path | BinaryIO, paper: str = "a4") -> None:
    """Write the short follow-up report: progress since the workshop, nothing else."""
    ctx = gather(workshop)
    details = ctx.details
    held = f" of {details.held_on:%d %B %Y}" if details.held_on else ""

    def intro() -> list[Flowable]:
        return [
            Heading(f"{details.title}: progress since the workshop{held}"),
            text(
                f"{details.organisation or 'ampdesk'} · printed {ctx.generated_on:%d %B %Y}. "
                "Pay figures and individual answers are never part of this report.",
                styles().body,
            ),
        ]

    write_pdf(
        target,
        paper,
        lambda: [*intro(), *followups.build(ctx)[1:]],
        title=f"{details.title}: follow-up report",
        author=details.facilitator or "ampdesk",
        subject="Autonomy, Mastery, Purpose follow-up report",
        header=details.title,
        footer=f"{details.organisation or 'ampdesk'} · follow-up report",
        cover=False,
    )
