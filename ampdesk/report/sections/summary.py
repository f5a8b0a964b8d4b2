"""The page after the cover, for people who read nothing else: who took part, the gate in
words, what the group said, what it decided, the top actions and the next check-in."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from ampdesk.framework.content import AUTONOMY_DIMENSIONS, AUTONOMY_LABELS
from ampdesk.framework.followup import next_checkin
from ampdesk.framework.messages import gate_headline, gate_meaning
from ampdesk.framework.messages import text as text_of
from ampdesk.framework.pulse import STATEMENTS
from ampdesk.framework.state import FEEDBACK_RHYTHM, PURPOSE_STATEMENT
from ampdesk.report.context import ReportContext
from ampdesk.report.document import ContentsSlot, Heading
from ampdesk.report.sections.actions import by_due_date
from ampdesk.report.sections.autonomy import start_words
from ampdesk.report.styles import clip, date_text, more_line, plural, styles, text
from ampdesk.report.tables import table

TOP_ACTIONS = 5


def gate_sentence(ctx: ReportContext, where: str = "in step 1") -> str:
    """The gate's state in words (the catalogue's), with how many reasons are listed
    (``where``: the lines the report's audience may read, so the count says no more than
    they do) and what the state means."""
    gate = ctx.evaluation.gate
    notes = [text_of("gate.overridden")] if gate.overridden else []
    lines = ctx.policy.reason_lines(gate.reasons, ctx.evaluation.roles)
    if lines:
        notes.append(f"{plural(len(lines), 'reason')}, listed {where}")
    headline = gate_headline(gate.state) + (f" ({'; '.join(notes)})" if notes else "")
    return f"{headline}. {gate_meaning(gate.state, gate.overridden)}"


def what_was_said(ctx: ReportContext) -> list[str]:
    """Two or three sentences drawn from the answers and notes (aggregates shown in the
    report only; nothing from a group under the anonymity threshold)."""
    lines = []
    autonomy = ctx.evaluation.autonomy
    means = {d: (autonomy[d]["current"].mean, autonomy[d]["desired"].mean) for d in autonomy}
    gaps = [
        (want - now, d, now, want)
        for d in AUTONOMY_DIMENSIONS
        for now, want in [means[d]]
        if now is not None and want is not None
    ]
    if gaps:
        _gap, d, now, want = max(gaps)
        lines.append(
            f"The widest gap between the say people have and the say they want is over "
            f"{AUTONOMY_LABELS[d].lower()}: {now:.1f} now against {want:.1f} wanted, on a 1 to 5 "
            "scale."
        )
    notes = [n for n in ctx.inputs.notes if not n.hidden]
    if notes:
        top = min(notes, key=lambda n: (-n.votes, n.id))
        dots = sum(n.votes for n in notes)
        sentence = f"The group wrote {plural(len(notes), 'note')} and gave {plural(dots, 'dot')}"
        if top.votes:
            sentence += f"; most dots went to “{clip(top.text, 110)}” ({plural(top.votes, 'dot')})"
        lines.append(sentence + ".")
    pulse = [
        (ctx.evaluation.pulse[item], label)
        for item, label in STATEMENTS
        if ctx.evaluation.pulse[item].mean is not None
    ]
    if pulse:
        low, label = min(pulse, key=lambda p: p[0].mean or 0)
        lines.append(
            f"Of the statements about pay, the one people agreed with least was “{label}” "
            f"(average {low.mean:.1f} of 5, {plural(low.n, 'answer')})."
        )
    return lines


def participation(ctx: ReportContext) -> list[Flowable]:
    """People who joined against people expected, and answers per step."""
    s = styles()
    expected = ctx.plan.expected_participants
    joined = ctx.counts.participants
    line = f"{plural(joined, 'person', 'people')} took part"
    line += f", of {expected:,} expected." if expected else "."
    pulse_n = max((v.n for v in ctx.evaluation.pulse.values()), default=0)
    rated = max(
        (v.n for d in ctx.evaluation.autonomy.values() for v in d.values()),
        default=0,
    )
    notes = [n for n in ctx.inputs.notes if not n.hidden]
    rows = []
    for step in ctx.content.steps:
        step_notes = [n for n in notes if n.step == step.id]
        answered = {"fairness": pulse_n, "autonomy": rated}.get(step.id)
        rows.append(
            [
                f"{step.number} · {step.title}",
                "—" if answered is None else f"{answered:,}",
                f"{len(step_notes):,}",
                f"{sum(n.votes for n in step_notes):,}",
            ]
        )
    return [
        text(line, s.body),
        table(
            ("Step", "People who answered", "Notes", "Dots"),
            rows,
            [80 * mm, 40 * mm, 25 * mm, 25 * mm],
        ),
    ]


def build(ctx: ReportContext) -> list[Flowable]:
    """The headline page."""
    s = styles()
    decisions = ctx.inputs.decisions
    story: list[Flowable] = [Heading("Summary"), text(gate_sentence(ctx), s.lead)]
    story += participation(ctx)

    said = what_was_said(ctx)
    story.append(Heading("What the group said", 1))
    story += [text(line, s.body) for line in said] or [text("Nothing was collected yet.", s.body)]

    story.append(Heading("What the group decided", 1))
    key = [f"Autonomy: start with {start_words(ctx)}."]
    if rhythm := decisions.get(FEEDBACK_RHYTHM):
        key.append(f"Feedback rhythm: {rhythm}.")
    if statement := decisions.get(PURPOSE_STATEMENT):
        key.append(f"Purpose statement: “{statement.strip()}”")
    story += [text(f"• {line}", s.body) for line in key]

    story.append(Heading("Top actions", 1))
    actions = by_due_date(ctx.inputs.actions)
    story += [
        text(
            f"• {date_text(a.due, 'no date yet')}: {clip(a.title, 160)} "
            f"({a.owner or 'owner to agree'})",
            s.body,
        )
        for a in actions[:TOP_ACTIONS]
    ] or [text("No actions were agreed.", s.body)]
    if more := more_line(
        len(actions) - TOP_ACTIONS, "all of them are in the action plan and the CSV export"
    ):
        story.append(more)

    upcoming = next_checkin(
        ctx.details.held_on, [c.held_on for c in ctx.checkins], ctx.generated_on
    )
    held = ctx.details.held_on
    story.append(Heading("Next check-in", 1))
    story.append(
        text(
            f"{date_text(upcoming)}: the {(upcoming - held).days}-day check-in."
            if upcoming and held
            else "None is planned: the 90-day check-in is past, or the workshop has no date.",
            s.body,
        )
    )
    open_findings = [f for f in ctx.evaluation.findings if f.id not in ctx.acknowledgements]
    if open_findings:
        story.append(
            text(
                f"{plural(len(open_findings), 'mistake warning')} not yet acknowledged; see "
                "“Mistakes flagged”.",
                s.small,
            )
        )
    story += [ContentsSlot(), PageBreak()]
    return story
