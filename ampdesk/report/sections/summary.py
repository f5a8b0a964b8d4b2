"""The summary under the title on page 1, for people who read nothing else, in plain words:
what the pay check means for the workshop and what it needs, who took part, what the group
said (the pay statements as percent favourable with their spread and number of answers), what
it decided, what needs doing and by whom, and the next check-in."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ampdesk.framework.content import AUTONOMY_DIMENSIONS, AUTONOMY_LABELS
from ampdesk.framework.fairness import GateReason
from ampdesk.framework.followup import next_checkin
from ampdesk.framework.messages import gate_headline, gate_meaning
from ampdesk.framework.messages import text as text_of
from ampdesk.framework.pulse import STATEMENTS, ItemSummary
from ampdesk.framework.rounding import fixed, percent
from ampdesk.framework.state import FEEDBACK_RHYTHM, PURPOSE_STATEMENT
from ampdesk.report.context import ReportContext
from ampdesk.report.document import ContentsSlot, Heading
from ampdesk.report.sections.actions import by_due_date
from ampdesk.report.sections.autonomy import start_words
from ampdesk.report.styles import bullets, clip, date_text, more_line, plural, styles, text
from ampdesk.report.tables import table

TOP_ACTIONS = 3
TOP_REASONS = 3
# The pay statements in a few words each.
# The gate's reasons about pay against the market, and the kind of work each is about.
BELOW_MARKET = {
    "low_compa_ratio": "",
    "creative_below_market": " for creative work",
    "routine_below_market": " for routine work",
}
SHORT_STATEMENTS = {
    "peers": "I am paid fairly next to colleagues",
    "market": "I am paid fairly next to the market",
    "settled": "My pay lets me keep my mind on the work",
}


def gate_sentence(ctx: ReportContext, where: str = "in step 1") -> str:
    """The gate's state in words (the catalogue's), with how many reasons are listed
    (``where``: the lines the report's audience may read, so the count says no more than
    they do) and what the state means: the step 1 section's lead."""
    gate = ctx.evaluation.gate
    notes = [text_of("gate.overridden")] if gate.overridden else []
    lines = ctx.policy.reason_lines(gate.reasons, ctx.evaluation.roles)
    if lines:
        notes.append(f"{plural(len(lines), 'reason')}, listed {where}")
    headline = gate_headline(gate.state) + (f" ({'; '.join(notes)})" if notes else "")
    return f"{headline}. {gate_meaning(gate.state, gate.overridden)}"


def _sentence(value: str) -> str:
    return value[:1].upper() + value[1:]


def plain_reasons(group: Sequence[GateReason]) -> str:
    """The gate's reasons of one kind (one code) in a manager's words, with the workshop's own
    limit; several roles and levels in one line, with the furthest figure."""
    first, many = group[0], len(group) > 1
    values = [r.value for r in group if r.value is not None]
    limit = first.threshold
    if not values or limit is None:
        more = f" (and {len(group) - 1:,} more like it)" if many else ""
        return _sentence(first.message) + more
    who = (
        plural(len(group), "role and level", "roles and levels")
        if many
        else f"{first.role} ({first.level})"
        if first.role
        else ""
    )
    up_to = "up to " if many else ""
    if first.code in BELOW_MARKET:
        allowed = (
            f"this workshop's limit: {percent(1 - limit)} below"
            if limit < 1
            else "this workshop asks for at least the market rate"
            if limit == 1
            else f"this workshop asks for at least {percent(limit)} of the market rate"
        )
        return (
            f"{who} {'are' if many else 'is'} paid {up_to}{percent(1 - min(values))} below the "
            f"market rate{BELOW_MARKET[first.code]} ({allowed})"
        )
    if first.code == "wide_spread":
        return (
            f"In {who} the best paid earns {up_to}{fixed(max(values))} times what the lowest "
            f"paid earns (this workshop's limit: {fixed(limit)} times)"
        )
    if first.code == "group_gap":
        return (
            f"In {who} one group is paid {up_to}{percent(max(values), 1)} less than another "
            f"(this workshop reviews gaps from {percent(limit)})"
        )
    if first.code in ("peer_pulse_low_mean", "peer_pulse_below_comfort"):
        return (
            f"People rate their pay next to colleagues {fixed(values[0])} of 5 on average "
            f"(this workshop looks for at least {fixed(limit)})"
        )
    if first.code == "peer_pulse_disagreement":
        return (
            f"{percent(values[0])} of people feel paid unfairly next to colleagues (this "
            f"workshop's limit: {percent(limit)})"
        )
    return _sentence(first.message)


def reasons_in_words(ctx: ReportContext) -> list[str]:
    """The gate's reasons as this report's readers may see them (the disclosure policy's
    rule), one line per kind: a group under the anonymity threshold is neither named nor
    described, only said to need a decision."""
    policy = ctx.policy
    sizes: dict[tuple[str, str | None], int] = {
        (r.role, r.level): r.headcount for r in ctx.evaluation.roles
    }
    kinds: dict[str, list[GateReason]] = {}
    withheld: list[str] = []
    small = set()
    roles = ctx.evaluation.roles
    for reason in ctx.evaluation.gate.reasons:
        size = sizes.get((reason.role, reason.level)) if reason.role is not None else None
        if policy.shows_reason(reason, roles):
            kinds.setdefault(reason.code, []).append(reason)
        elif size is None or policy.names(size):
            line = policy.withheld_message(reason)
            if line not in withheld:
                withheld.append(line)
        else:
            small.add((reason.role, reason.level))
    lines = [plain_reasons(group) for group in kinds.values()] + withheld
    if small:
        groups = "One group's pay needs" if len(small) == 1 else f"{len(small)} groups' pay need"
        lines.append(f"{groups} a decision; the holder of the pay data has the details")
    return lines


def gate_in_words(ctx: ReportContext) -> tuple[str, list[str]]:
    """What the pay check means for the workshop, as a lead sentence, and what it needs."""
    gate = ctx.evaluation.gate
    reasons = reasons_in_words(ctx)
    override = ctx.inputs.override
    if gate.state == "pass":
        lead = (
            "Pay is not in the way: the pay audit and the group's view of its pay are within "
            "every limit this workshop set, so the work on autonomy, mastery and purpose goes "
            "ahead."
        )
    elif gate.state == "attention":
        lead = (
            "Pay does not hold the work back, but "
            + ("it needs a decision" if len(reasons) == 1 else "these points need decisions")
            + " from whoever sets pay."
        )
    elif gate.state == "blocked":
        lead = (
            "Pay has to be put right first: whoever sets pay needs to act on the points "
            "below, and the work on autonomy, mastery and purpose waits until they have."
        )
    else:
        lead = (
            "Whether pay is fair is not known yet, so the work on autonomy, mastery and "
            "purpose waits for a pay audit."
        )
    if override is not None:
        lead += (
            f" The facilitator went on all the same, because: “{clip(override.reason, 300)}”. "
            f"{override.owner} is to {clip(override.remediation, 300)} by "
            f"{date_text(override.due)}."
        )
    return lead, reasons


def pulse_figures(summary: ItemSummary, threshold: int) -> str:
    """One pay statement's answers as percent favourable, with the spread and the number of
    answers: "67% agree (8 of 12), 25% neither, 8% disagree"."""
    if summary.suppressed or summary.counts is None or not summary.n:
        return f"not shown, fewer than {threshold} answers"
    counts = summary.counts
    agree, neutral, disagree = counts[3] + counts[4], counts[2], counts[0] + counts[1]
    n = summary.n
    return (
        f"{percent(agree / n)} agree ({agree} of {n:,}), {percent(neutral / n)} neither, "
        f"{percent(disagree / n)} disagree"
    )


def what_was_said(ctx: ReportContext) -> list[str]:
    """The widest autonomy gap, the note with most dots and the pay statements (aggregates
    only; nothing from a group under the anonymity threshold)."""
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
            f"People want most say over {AUTONOMY_LABELS[d].lower()}: {fixed(now)} now, "
            f"{fixed(want)} wanted, on a scale of 1 to 5."
        )
    notes = [n for n in ctx.inputs.notes if not n.hidden]
    if notes:
        top = min(notes, key=lambda n: (-n.votes, n.id))
        dots = sum(n.votes for n in notes)
        sentence = f"The group wrote {plural(len(notes), 'note')} and gave {plural(dots, 'dot')}"
        if top.votes:
            sentence += f"; most went to “{clip(top.text, 110)}” ({plural(top.votes, 'dot')})"
        lines.append(sentence + ".")
    return [line for line in lines if line]


def pulse_table(ctx: ReportContext) -> Flowable:
    """The pay statements as percent favourable, neutral and unfavourable, with the number of
    answers (a statement with too few answers says so)."""
    rows = []
    for item, _ in STATEMENTS:
        summary = ctx.evaluation.pulse[item]
        counts, n = summary.counts, summary.n
        if summary.suppressed or counts is None or not n:
            rows.append([SHORT_STATEMENTS[item], "not shown", "", "", f"under {ctx.threshold}"])
            continue
        rows.append(
            [
                SHORT_STATEMENTS[item],
                percent((counts[3] + counts[4]) / n),
                percent(counts[2] / n),
                percent((counts[0] + counts[1]) / n),
                f"{n:,}",
            ]
        )
    return table(
        ("How people see their pay", "Agree", "Neither", "Disagree", "Answers"),
        rows,
        [90 * mm, 20 * mm, 20 * mm, 20 * mm, 20 * mm],
    )


def build(ctx: ReportContext) -> list[Flowable]:
    """The summary: page 1, under the title."""
    s = styles()
    decisions = ctx.inputs.decisions
    lead, reasons = gate_in_words(ctx)
    story: list[Flowable] = [Heading("Summary", style=s.h2), text(lead, s.lead)]
    story += bullets(reasons, "step 1 lists every one", TOP_REASONS)

    story.append(Heading("What the group said", 1))
    said = what_was_said(ctx)
    story += bullets(said, "", len(said))
    story.append(pulse_table(ctx))

    story.append(Heading("What the group decided", 1))
    start = start_words(ctx)
    key = [
        f"Autonomy: start with {start}."
        if start != "not chosen yet"
        else "Autonomy: no starting point chosen yet."
    ]
    if rhythm := decisions.get(FEEDBACK_RHYTHM):
        key.append(f"Feedback: {rhythm}.")
    if statement := decisions.get(PURPOSE_STATEMENT):
        key.append(f"Purpose: “{clip(statement.strip(), 400)}”")
    story += bullets(key, "", len(key))

    story.append(Heading("What needs doing, and by whom", 1))
    actions = by_due_date(ctx.inputs.actions)
    todo = [
        [a.owner or "to agree", clip(a.title, 160), date_text(a.due, "no date yet")]
        for a in actions[:TOP_ACTIONS]
    ]
    open_findings = [f for f in ctx.evaluation.findings if f.id not in ctx.acknowledgements]
    if open_findings:
        todo.append(
            [
                "Facilitator",
                f"Look at {plural(len(open_findings), 'possible mistake')} (“Mistakes flagged”)",
                "next check-in",
            ]
        )
    upcoming = next_checkin(
        ctx.details.held_on, [c.held_on for c in ctx.checkins], ctx.generated_on
    )
    held = ctx.details.held_on
    if upcoming and held:
        todo.append(
            [
                "Everyone",
                f"The {(upcoming - held).days}-day check-in: where the actions stand",
                date_text(upcoming),
            ]
        )
    story.append(
        table(("Who", "What", "By"), todo, [36 * mm, 96 * mm, 38 * mm])
        if todo
        else text("No actions were agreed, and no check-in is planned.", s.body)
    )
    if more := more_line(len(actions) - TOP_ACTIONS, "all of them are in the action plan"):
        story.append(more)
    story.append(ContentsSlot())
    return story
