"""Step 1: the role-level audit, compa-ratio chart, pulse, gate reasons and any override."""

from __future__ import annotations

from html import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ampdesk.framework.disclosure import small_groups_line
from ampdesk.framework.pulse import STATEMENTS
from ampdesk.report.charts import horizontal_bars, stacked_distribution
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import styles, text
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
    story: list[Flowable] = [Heading("Step 1 · Baseline fairness")]
    override = ctx.inputs.override
    if override is not None:
        story.append(
            Paragraph(
                "THE PAY-FAIRNESS GATE WAS OVERRIDDEN. "
                f"Reason: {escape(override.reason)}. Remediation: {escape(override.remediation)} "
                f"(owner: {escape(override.owner)}, due {override.due:%d %B %Y}).",
                s.alert,
            )
        )
    story.append(text(f"Gate state: {ev.gate.state.replace('_', ' ')}.", s.body))
    policy = ctx.policy
    story += [text(f"• {line}", s.body) for line in policy.reason_lines(ev.gate.reasons, ev.roles)]

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
                    "withheld" if r.median_compa_ratio is None else f"{r.median_compa_ratio:.2f}",
                    "—" if r.spread is None else f"{r.spread:.2f}",
                    "—" if gap is None else f"{gap:.1%}",
                    r.state,
                ]
            )
        if counted:
            story.append(text(small_groups_line(counted), s.body))
        if rows:
            story.append(
                table(
                    ("Role", "Level", "Work", "People", "Median compa", "Spread", "Gap", "State"),
                    rows,
                    [40 * mm, 18 * mm, 18 * mm, 16 * mm, 25 * mm, 18 * mm, 14 * mm, 21 * mm],
                )
            )
        story.append(
            text(
                f"Roles with fewer than {ctx.threshold} people are neither shown nor named in "
                "this report, only counted where they have findings. "
                "Group gaps appear only where two groups each have enough people; the 5% "
                "threshold comes from the EU Pay Transparency Directive, which concerns gaps "
                "between women and men; applying it to other groupings is ampdesk's extension.",
                s.small,
            )
        )
        shown = [r for r in listed if r.median_compa_ratio is not None]
        if shown:
            story.append(Spacer(1, 4 * mm))
            story.append(
                horizontal_bars(
                    [f"{r.role} / {r.level}" for r in shown],
                    [[r.median_compa_ratio for r in shown if r.median_compa_ratio is not None]],
                    ["median compa-ratio"],
                    (0.5, 1.5),
                    [(0.85, "0.85 blocked below"), (1.0, "1.00 market")],
                    width,
                )
            )

    story.append(Heading("How the group sees its pay", 1))
    pulse = ev.pulse
    visible = [(item, label) for item, label in STATEMENTS if not pulse[item].suppressed]
    for item, label in STATEMENTS:
        summary = pulse[item]
        if summary.suppressed:
            line = f"{label} — not shown: fewer than {ctx.threshold} answers."
        else:
            line = f"{label} — {summary.n} answers, average {summary.mean:.1f} of 5."
        story.append(text(line, s.body))
    if visible:
        story.append(
            stacked_distribution(
                [SHORT_LABELS[item] for item, _ in visible],
                [pulse[item].counts or (0, 0, 0, 0, 0) for item, _ in visible],
                width,
            )
        )

    if ctx.individual_pay is not None:
        story.append(Heading("Individual pay (confidential)", 1))
        story.append(
            table(
                ("Person", "Role", "Level", "Pay", "Market median", "FTE", "Compa-ratio"),
                [
                    [
                        p.person or "—",
                        p.role,
                        p.level,
                        f"{p.pay:,.0f} {p.currency or ''}",
                        f"{p.market_median:,.0f}",
                        f"{p.fte:g}",
                        f"{p.compa_ratio:.2f}",
                    ]
                    for p in ctx.individual_pay
                ],
                [25 * mm, 38 * mm, 20 * mm, 27 * mm, 24 * mm, 12 * mm, 22 * mm],
            )
        )
    return story
