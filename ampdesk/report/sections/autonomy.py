"""Step 2: current versus desired autonomy, where to start, the ideas with most dots."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ampdesk.framework.content import AUTONOMY_DIMENSIONS, AUTONOMY_LABELS
from ampdesk.framework.messages import step_heading
from ampdesk.framework.state import START_DIMENSION
from ampdesk.report.charts import horizontal_bars
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.sections.notes import notes_table
from ampdesk.report.styles import styles, text


def start_words(ctx: ReportContext) -> str:
    """The dimensions the group chose to start with, in words."""
    chosen = [d for d in ctx.inputs.decisions.get(START_DIMENSION, "").split(",") if d]
    if not chosen:
        return "not chosen yet"
    return ", ".join(AUTONOMY_LABELS.get(d, d) for d in chosen)


def build(ctx: ReportContext) -> list[Flowable]:
    """Chart, starting dimension and top ideas."""
    s = styles()
    story: list[Flowable] = [Heading(step_heading("autonomy"))]
    autonomy = ctx.evaluation.autonomy
    shown = sorted(
        (
            d
            for d in AUTONOMY_DIMENSIONS
            if not autonomy[d]["current"].suppressed and not autonomy[d]["desired"].suppressed
        ),
        key=lambda d: (autonomy[d]["current"].mean or 0) - (autonomy[d]["desired"].mean or 0),
    )  # the widest gap first
    if shown:
        story.append(
            horizontal_bars(
                [AUTONOMY_LABELS[d] for d in shown],
                [
                    [autonomy[d]["current"].mean or 0 for d in shown],
                    [autonomy[d]["desired"].mean or 0 for d in shown],
                ],
                ["say we have now", "say we want"],
                (1, 5),
                [],
                170 * mm,
                axis="average rating: 1 no say at all, 3 some, 5 full say; widest gap first",
                places=1,
            )
        )
    else:
        story.append(text(f"Ratings are shown from {ctx.threshold} answers per dimension.", s.body))
    story.append(text(f"Where the group starts: {start_words(ctx)}.", s.body))
    story.append(Heading("Ideas, by dots", 1))
    story += notes_table(ctx, "autonomy", ("idea",), with_dimension=True)
    return story
