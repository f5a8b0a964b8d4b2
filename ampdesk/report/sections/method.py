"""Appendix: the method, its principles and steps, where it fits and where its evidence is
thin, and every source cited."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ampdesk.framework.content import Framework
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.scripts import SCRIPTS
from ampdesk.report.styles import bullet, markup, paragraph, styles, text


def build(ctx: ReportContext) -> list[Flowable]:
    """The framework in brief, for readers who were not in the room."""
    s = styles()
    content = ctx.content
    story: list[Flowable] = [Heading("Appendix · The method"), text(content.overview, s.body)]
    story.append(Heading("Principles", 1))
    story += [text(f"{p.number}. {p.text}", s.body) for p in content.principles]
    story.append(Heading("The four steps", 1))
    story += [text(f"{step.number}. {step.title}: {step.aim}", s.body) for step in content.steps]
    story += fit_and_evidence(content)
    story.append(Heading("Sources", 1))
    story += [text(source.citation, s.reference) for source in content.sources]
    story.append(
        text(
            f"This report is set in DejaVu Sans ({SCRIPTS}); text in other scripts is set in "
            "a font found on the computer that printed it, and text that no font there can "
            "show is named where it would be. Only the characters used are embedded.",
            s.small,
        )
    )
    return story


def plan_appendix(content: Framework) -> list[Flowable]:
    """The method in brief for the facilitator's plan: principles, fit, mistakes, evidence."""
    s = styles()
    story: list[Flowable] = [Heading("Appendix · About the method"), text(content.overview, s.body)]
    story.append(Heading("Five principles", 1))
    story += [text(f"{p.number}. {p.text}", s.body) for p in content.principles]
    story.append(Heading("Three common mistakes", 1))
    for mistake in content.mistakes:
        story.append(paragraph(f"<b>{markup(mistake.title)}.</b> {markup(mistake.why)}", s.body))
        story.append(text(f"Instead: {mistake.instead}", s.small))
    return story + fit_and_evidence(content)


def fit_and_evidence(content: Framework) -> list[Flowable]:
    """Where the method fits and where it does not, and where its evidence is thin: for the
    reader who was not in the room (the report) and the facilitator (the plan)."""
    story: list[Flowable] = [Heading("Best for", 1)]
    story += [bullet(item) for item in content.best_for]
    story.append(Heading("Not ideal for", 1))
    story += [bullet(item) for item in content.not_ideal_for]
    story.append(Heading("Where the evidence is thin", 1))
    story += [bullet(limit) for limit in content.evidence_limits]
    return story
