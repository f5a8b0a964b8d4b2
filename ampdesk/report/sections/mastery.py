"""Step 3: skills, blockers, feedback rhythm, goals and markers of progress."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ampdesk.framework.messages import step_heading
from ampdesk.framework.state import FEEDBACK_RHYTHM
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.sections.notes import notes_table
from ampdesk.report.styles import styles, text


def build(ctx: ReportContext) -> list[Flowable]:
    """What the group wants to get better at, what stands in the way, and how progress shows."""
    s = styles()
    rhythm = ctx.inputs.decisions.get(FEEDBACK_RHYTHM, "not chosen yet")
    return [
        Heading(step_heading("mastery")),
        text(f"Feedback rhythm: {rhythm}.", s.body),
        Heading("Skills to grow and blockers", 1),
        *notes_table(ctx, "mastery", ("skill", "blocker")),
        Heading("Goals and markers of progress", 1),
        *notes_table(ctx, "mastery", ("goal", "marker")),
    ]
