"""A table of the group's notes of one step, most dots first, hidden notes left out."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ampdesk.framework.state import NOTE_KIND_LABELS
from ampdesk.report.context import ReportContext
from ampdesk.report.styles import styles, text
from ampdesk.report.tables import table


def notes_table(
    ctx: ReportContext, step: str, kinds: tuple[str, ...], with_dimension: bool = False
) -> Flowable:
    """The visible notes of ``step`` of the given kinds."""
    notes = sorted(
        (n for n in ctx.inputs.notes if n.step == step and n.kind in kinds and not n.hidden),
        key=lambda n: (-n.votes, n.id),
    )
    if not notes:
        return text("Nothing was captured.", styles().body)
    if with_dimension:
        return table(
            ("Dimension", "Idea", "Dots"),
            [[n.dimension or "—", n.text, str(n.votes)] for n in notes],
            [28 * mm, 127 * mm, 15 * mm],
        )
    return table(
        ("Kind", "What the group said", "Dots"),
        [[NOTE_KIND_LABELS[n.kind], n.text, str(n.votes)] for n in notes],
        [32 * mm, 123 * mm, 15 * mm],
    )
