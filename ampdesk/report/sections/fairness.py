"""Step 1: the role-level audit, compa-ratio chart, pulse, gate reasons and any override."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ampdesk.framework.disclosure import small_groups_line
from ampdesk.framework.fairness import PayRow
from ampdesk.framework.messages import role_words, step_heading
from ampdesk.framework.pulse import STATEMENTS
from ampdesk.framework.rounding import fixed, percent
from ampdesk.report.charts import horizontal_bars, stacked_distribution
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.sections.summary import gate_sentence, pulse_figures
from ampdesk.report.styles import (
    bullet,
    bullets,
    markup,
    more_line,
    paragraph,
    styles,
    text,
)
from ampdesk.report.tables import table

SHORT_LABELS = {
    "peers": "Fair next to peers",
    "market": "Fair next to market",
    "settled": "Pay is settled",
}


def build(ctx: ReportContext) -> list[Flowable]:
    """The evidence for the pay-fairness gate, at role level unless individuals were asked for."""
    s = styles()
    ev = ctx.evaluation
    width = 170 * mm
    story: list[Flowable] = [Heading(step_heading("fairness"))]
    override = ctx.inputs.override
    if override is not None:
        story.append(
            paragraph(
                "THE PAY-FAIRNESS GATE WAS OVERRIDDEN. "
                f"Reason: {markup(override.reason)}. Remediation: {markup(override.remediation)} "
                f"(owner: {markup(override.owner)}, due {override.due:%d %B %Y}).",
                s.alert,
            )
        )
    story.append(text(gate_sentence(ctx, "below"), s.lead))
    policy = ctx.policy
    story += bullets(
        policy.reason_lines(ev.gate.reasons, ev.roles),
        where="the table below gives each role's state, and ampdesk check lists every reason",
    )

    story.append(Heading("Pay by role and level", 1))
    listed, counted = policy.roles(ev.roles)
    if not ev.roles:
        story.append(text("No compensation audit was recorded.", s.body))
    else:
        rows = []
        for r in listed:
            gap = max((g.gap_share for g in r.gaps), default=None)
            rows.append(
                [
                    r.role,
                    r.level,
                    r.work_type,
                    str(r.headcount),
                    "not shown" if r.median_compa_ratio is None else fixed(r.median_compa_ratio, 2),
                    "—" if r.spread is None else fixed(r.spread, 2),
                    "—" if gap is None else percent(gap, 1),
                    role_words(r.state),
                ]
            )
        if counted:
            story.append(text(small_groups_line(counted), s.body))
        if rows:
            story.append(
                table(
                    ("Role", "Level", "Work", "People", "Compa-ratio", "Spread", "Gap", "Gate"),
                    rows,
                    [42 * mm, 16 * mm, 17 * mm, 14 * mm, 22 * mm, 16 * mm, 14 * mm, 29 * mm],
                )
            )
        story.append(
            text(
                "Compa-ratio: the median of pay divided by the market median (1.00 is the market "
                "median). "
                + (
                    ""
                    if ctx.individual_pay is not None
                    else f"Roles with fewer than {ctx.threshold} people are neither shown nor "
                    "named in this report, only counted where they have findings. "
                )
                + "Group gaps appear only where two groups each have enough people; this "
                f"workshop flags gaps of {percent(ctx.inputs.thresholds.attention_group_gap)} "
                "or more (the default, 5%, comes from the EU Pay Transparency Directive, which "
                "concerns gaps between women and men; applying it to other groupings is "
                "ampdesk's extension)."
                + (
                    " Spread: the highest pay over the lowest."
                    if policy.exact
                    else " So that no figure gives one person's pay away, compa-ratios and "
                    "spreads are rounded to 0.05 and gaps to whole percent; spread is the upper "
                    "quartile of pay over the lower, and no figure is shown for a role where one "
                    "person has more than half of its pay."
                ),
                s.small,
            )
        )
        shown = sorted(
            (r for r in listed if r.median_compa_ratio is not None),
            key=lambda r: (r.median_compa_ratio or 0, r.role, r.level),
        )  # the lowest paid against the market first
        if shown:
            ratios = [r.median_compa_ratio or 0 for r in shown]
            limit = ctx.inputs.thresholds.blocked_median_compa
            low, high = compa_scale(ratios, limit)
            cut = [ratio for ratio in ratios if ratio > high]
            story.append(Spacer(1, 4 * mm))
            story.append(
                horizontal_bars(
                    [f"{r.role} / {r.level}" for r in shown],
                    [ratios],
                    ["median compa-ratio"],
                    (low, high),
                    [(limit, f"gate blocks below {fixed(limit, 2)}"), (1.0, "market median")],
                    width,
                    axis=f"median compa-ratio (pay ÷ market median); the axis starts at "
                    f"{fixed(low, 2)}"
                    + (
                        f"; {len(cut)} bar{'s' if len(cut) > 1 else ''} cut at {high:g}"
                        if cut
                        else ""
                    ),
                )
            )

    story.append(Heading("How the group sees its pay", 1))
    pulse = ev.pulse
    visible = [(item, label) for item, label in STATEMENTS if not pulse[item].suppressed]
    story += [
        bullet(f"“{label.rstrip('.')}”: {pulse_figures(pulse[item], ctx.threshold)}.")
        for item, label in STATEMENTS
    ]
    if visible:
        story.append(
            stacked_distribution(
                [SHORT_LABELS[item] for item, _ in visible],
                [pulse[item].counts or (0, 0, 0, 0, 0) for item, _ in visible],
                width,
            )
        )

    if ctx.individual_pay is not None:
        story += individual_pay(ctx.individual_pay)
    return story


TOP_PEOPLE = 1000
# The compa-ratio axis ends at most this far past the market median; longer bars are cut.
COMPA_AXIS_END = 2.0


def compa_scale(ratios: Sequence[float], limit: float) -> tuple[float, float]:
    """The compa-ratio axis for ``ratios`` and the gate's ``limit``: from a quarter below the
    lowest of them (and of the limit) to a quarter above the highest, at most COMPA_AXIS_END,
    in steps of a quarter."""
    low = math.floor(min([*ratios, limit]) * 4 - 0.5) / 4
    high = math.ceil(max([*ratios, 1.0]) * 4 + 0.5) / 4
    return max(0.0, low), min(high, COMPA_AXIS_END)


def individual_pay(rows: Sequence[PayRow]) -> list[Flowable]:
    """Each person's pay (at most TOP_PEOPLE of them), the currency in the money headers."""
    story: list[Flowable] = [Heading("Individual pay (confidential)", 1)]
    currencies = {p.currency or "" for p in rows}
    one = currencies.pop() if len(currencies) == 1 else None
    money = f" ({one})" if one else ""

    def amount(value: float, currency: str | None) -> str:
        return f"{value:,.0f}" if one is not None else f"{value:,.0f} {currency or ''}".strip()

    story.append(
        table(
            (
                "Person",
                "Role",
                "Level",
                f"Pay{money}",
                f"Market median{money}",
                "FTE",
                "Compa-ratio",
            ),
            [
                [
                    p.person or "—",
                    p.role,
                    p.level,
                    amount(p.pay, p.currency),
                    amount(p.market_median, p.currency),
                    f"{p.fte:g}",
                    fixed(p.compa_ratio, 2),
                ]
                for p in rows[:TOP_PEOPLE]
            ],
            [25 * mm, 38 * mm, 16 * mm, 26 * mm, 28 * mm, 12 * mm, 22 * mm],
        )
    )
    if more := more_line(
        len(rows) - TOP_PEOPLE, "all of them are in the pay file that was imported"
    ):
        story.append(more)
    return story
