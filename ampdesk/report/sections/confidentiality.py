"""Anonymity and confidentiality: what was counted, what was held back and why."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.sections.fairness import SHORT_LABELS
from ampdesk.report.styles import plural, styles, text


def build(ctx: ReportContext) -> list[Flowable]:
    """Response counts and the suppression threshold."""
    s = styles()
    counts = ctx.counts
    per_statement = "; ".join(
        f"“{SHORT_LABELS.get(k, k)}”: {v.n}" for k, v in ctx.evaluation.pulse.items()
    )
    lines = [
        f"Answers are anonymous. Totals are shown only where at least {ctx.threshold} people "
        "answered; smaller groups are counted but not shown, and pay perceptions are never "
        "shown one by one.",
        f"Answers in the file: {counts.responses:,} (answers to the pay statements: "
        f"{per_statement}); {plural(counts.notes, 'note')} and {plural(counts.votes, 'dot')}.",
    ]
    people = plural(counts.pay_records, "person", "people")
    if ctx.individual_pay is not None:
        lines.append(
            f"Pay audit: {people}. This copy shows every role's figures and each person's pay, "
            "at the facilitator's explicit request; it is marked on every page."
        )
    else:
        lines.append(
            f"Pay audit: {people}, shown only as role-level figures; roles with fewer than "
            f"{ctx.threshold} people show no figures. No individual pay is printed in this copy."
        )
    return [Heading("Anonymity and confidentiality"), *(text(line, s.body) for line in lines)]
