"""The group's notes of one step as a table: the most dotted first, hidden notes left out, at
most TOP of them (the rest counted, all of them in the CSV export)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ampdesk.framework.content import AUTONOMY_LABELS
from ampdesk.framework.state import NOTE_KIND_LABELS, NoteValue
from ampdesk.report.context import ReportContext
from ampdesk.report.styles import more_line, styles, text
from ampdesk.report.tables import table

TOP = 12


def top_notes(ctx: ReportContext, step: str, kinds: tuple[str, ...]) -> list[NoteValue]:
    """The visible notes of ``step`` of the given kinds, most dots first."""
    return sorted(
        (n for n in ctx.inputs.notes if n.step == step and n.kind in kinds and not n.hidden),
        key=lambda n: (-n.votes, n.id),
    )


def notes_table(
    ctx: ReportContext,
    step: str,
    kinds: tuple[str, ...],
    with_dimension: bool = False,
    limit: int = TOP,
) -> list[Flowable]:
    """The top notes of ``step`` of the given kinds, and how many more there are."""
    notes = top_notes(ctx, step, kinds)
    if not notes:
        return [text("Nothing was captured.", styles().body)]
    shown = notes[:limit]
    if with_dimension:
        listing = table(
            ("Dimension", "Idea", "Dots"),
            [[AUTONOMY_LABELS.get(n.dimension or "", "—"), n.text, str(n.votes)] for n in shown],
            [30 * mm, 125 * mm, 15 * mm],
        )
    else:
        listing = table(
            ("Kind", "What the group said", "Dots"),
            [[NOTE_KIND_LABELS[n.kind], n.text, str(n.votes)] for n in shown],
            [32 * mm, 123 * mm, 15 * mm],
        )
    more = more_line(len(notes) - len(shown))
    return [listing, more] if more else [listing]
