"""Every PDF ampdesk writes, as variants of one document: the leadership report, its copy with
individual pay, the team handout, the follow-up report and the facilitator's plan. Each
variant is a list of sections (functions of one ReportContext), and what a variant may show
follows from the one disclosure rule the context carries, never from a copy of a section."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable

from ampdesk.report import plan
from ampdesk.report.context import ReportContext, gather, strings
from ampdesk.report.document import Heading, write_pdf
from ampdesk.report.scripts import left_out, prepare_fonts
from ampdesk.report.sections import (
    actions,
    autonomy,
    cases,
    checklists,
    confidentiality,
    fairness,
    followups,
    handout,
    mastery,
    method,
    mistakes,
    purpose,
    summary,
    title,
)
from ampdesk.report.styles import TITLE_CHARS, clip, date_text, full_title, styles, text
from ampdesk.store.workshop_file import Workshop

Section = Callable[[ReportContext], list[Flowable]]


def followup_intro(ctx: ReportContext) -> list[Flowable]:
    """The follow-up report's opening lines, where the full report has its title block."""
    d = ctx.details
    held = f" of {date_text(d.held_on)}" if d.held_on else ""
    return [
        Heading(f"{clip(d.title, TITLE_CHARS)}: progress since the workshop{held}"),
        *full_title(d.title),
        text(
            f"{d.organisation or 'ampdesk'} · printed {date_text(ctx.generated_on)}. "
            "Pay figures and individual answers are never part of this report.",
            styles().body,
        ),
    ]


def followup_body(ctx: ReportContext) -> list[Flowable]:
    """The progress section without its own top heading (the intro carries it)."""
    return followups.build(ctx)[1:]


@dataclass(frozen=True)
class Variant:
    """One kind of document: its name, its sections and how its pages are marked."""

    name: str
    sections: tuple[Section, ...]
    subject: str
    mark: str = ""
    individual_pay: bool = False


REPORT_SECTIONS: tuple[Section, ...] = (
    title.build,
    summary.build,
    fairness.build,
    autonomy.build,
    mastery.build,
    purpose.build,
    mistakes.build,
    actions.build,
    followups.build,
    checklists.build,
    cases.build,
    confidentiality.build,
    method.build,
)
REPORT = Variant(
    "workshop report",
    REPORT_SECTIONS,
    "Autonomy, Mastery, Purpose workshop report",
    mark="Internal",
)
INDIVIDUAL_PAY = Variant(
    "workshop report with individual pay",
    REPORT_SECTIONS,
    "Autonomy, Mastery, Purpose workshop report with individual pay",
    mark="Confidential: individual pay",
    individual_pay=True,
)
HANDOUT = Variant("team handout", (handout.build,), "Autonomy, Mastery, Purpose team handout")
FOLLOWUP = Variant(
    "follow-up report",
    (followup_intro, followup_body),
    "Autonomy, Mastery, Purpose follow-up report",
    mark="Internal",
)
PLAN = Variant("facilitator's plan", (plan.build,), "Autonomy, Mastery, Purpose workshop plan")


def write_variant(
    variant: Variant, workshop: Workshop, target: Path | BinaryIO, paper: str = "a4"
) -> list[str]:
    """Write ``variant`` of ``workshop`` to ``target`` (a path or a binary stream); return the
    names of the scripts left out because no font on this computer shows them."""
    ctx = gather(workshop, variant.individual_pay)
    prepare_fonts(list(strings(ctx)))
    with left_out() as scripts:
        _write(variant, ctx, target, paper)
    return sorted(scripts)


def _write(variant: Variant, ctx: ReportContext, target: Path | BinaryIO, paper: str) -> None:
    details = ctx.details
    write_pdf(
        target,
        paper,
        lambda: [flowable for section in variant.sections for flowable in section(ctx)],
        title=f"{details.title}: {variant.name}",
        author=details.facilitator or "ampdesk",
        subject=variant.subject,
        header=details.title,
        footer=f"{details.organisation or 'ampdesk'} · {variant.name}",
        mark=variant.mark,
    )


def build_report(
    workshop: Workshop,
    target: Path | BinaryIO,
    paper: str = "a4",
    include_individual_pay: bool = False,
) -> list[str]:
    """Write the leadership report (with individual pay only when explicitly asked for)."""
    return write_variant(
        INDIVIDUAL_PAY if include_individual_pay else REPORT, workshop, target, paper
    )


def build_followup_report(
    workshop: Workshop, target: Path | BinaryIO, paper: str = "a4"
) -> list[str]:
    """Write the short follow-up report: progress since the workshop, nothing else."""
    return write_variant(FOLLOWUP, workshop, target, paper)


def build_handout(workshop: Workshop, target: Path | BinaryIO, paper: str = "a4") -> list[str]:
    """Write the team handout."""
    return write_variant(HANDOUT, workshop, target, paper)


def build_plan(workshop: Workshop, target: Path | BinaryIO, paper: str = "a4") -> list[str]:
    """Write the facilitator's plan."""
    return write_variant(PLAN, workshop, target, paper)
