"""Anonymity and confidentiality: what was counted, what was held back and why."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import styles, text


def build(ctx: ReportContext) -> list[Flowable]:
    """Response counts and the suppression threshold."""
    s = styles()
    counts = ctx.counts
    per_statement = ", ".join(f"{k}: {v.n}" for k, v in ctx.evaluation.pulse.items())
    lines = [
        f"Answers are anonymous. Totals are shown only where at least {ctx.threshold} people "
        "answered; smaller groups are counted but not shown, and pay perceptions are never "
        "shown one by one.",
        f"Responses in the file: {counts.responses} ({per_statement} on the fairness "
        f"statements); {counts.notes} notes and {counts.votes} dots.",
        f"Pay audit: {counts.pay_records} people, shown only as role-level figures; roles with "
        f"fewer than {ctx.threshold} people show no figures.",
    ]
    if ctx.individual_pay is not None:
        lines.append("This copy includes individual pay at the facilitator's explicit request.")
    else:
        lines.append("No individual pay is printed in this copy.")
    return [Heading("Anonymity and confidentiality"), *(text(line, s.body) for line in lines)]
