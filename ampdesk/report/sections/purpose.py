"""Step 4: stories of impact, the purpose statement and its authenticity check."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ampdesk.framework.messages import step_heading
from ampdesk.framework.state import AUTHENTICITY_NOTE, PURPOSE_STATEMENT
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.sections.notes import notes_table
from ampdesk.report.styles import styles, text


def build(ctx: ReportContext) -> list[Flowable]:
    """Stories first, then the statement they support."""
    s = styles()
    decisions = ctx.inputs.decisions
    return [
        Heading(step_heading("purpose")),
        Heading("Stories of impact", 1),
        *notes_table(ctx, "purpose", ("story",)),
        Heading("Purpose statement", 1),
        text(decisions.get(PURPOSE_STATEMENT, "No statement was drafted."), s.body),
        Heading("Authenticity check", 1),
        text(decisions.get(AUTHENTICITY_NOTE, "Not recorded."), s.body),
    ]
