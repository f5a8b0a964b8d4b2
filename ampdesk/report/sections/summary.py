"""One page for people who read nothing else: gate, decisions, actions, open warnings."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from ampdesk.framework.state import FEEDBACK_RHYTHM, PURPOSE_STATEMENT, START_DIMENSION
from ampdesk.report.context import ReportContext
from ampdesk.report.document import Heading
from ampdesk.report.styles import styles, text

GATE_WORDS = {
    "pass": "passed",
    "attention": "passed with points needing attention",
    "blocked": "blocked",
    "not_assessed": "not assessed",
}


def build(ctx: ReportContext) -> list[Flowable]:
    """Gate outcome, three to five key decisions, top actions, open warnings."""
    s = styles()
    gate = ctx.evaluation.gate
    decisions = ctx.inputs.decisions
    story: list[Flowable] = [Heading("Summary")]
    outcome = f"Pay-fairness gate: {GATE_WORDS[gate.state]}"
    if gate.overridden:
        outcome += " — OVERRIDDEN by the facilitator (see step 1)"
    story.append(text(outcome + f" ({len(gate.reasons)} reason(s) listed in step 1).", s.body))

    story.append(Heading("Key decisions", 1))
    key = []
    if start := decisions.get(START_DIMENSION):
        key.append(f"Autonomy starts with: {start.replace(',', ', ')}.")
    ideas = sorted(
        (n for n in ctx.inputs.notes if n.step == "autonomy" and not n.hidden),
        key=lambda n: -n.votes,
    )
    if ideas:
        key.append(f"Most supported idea: {ideas[0].text} ({ideas[0].votes} dots).")
    if rhythm := decisions.get(FEEDBACK_RHYTHM):
        key.append(f"Feedback rhythm: {rhythm}.")
    if statement := decisions.get(PURPOSE_STATEMENT):
        key.append(f"Purpose statement: {statement}")
    if gate.overridden and ctx.inputs.override is not None:
        key.append(f"Go on despite the gate: {ctx.inputs.override.reason}")
    story += [text(f"• {line}", s.body) for line in key[:5]] or [text("None recorded.", s.body)]

    story.append(Heading("Top actions", 1))
    actions = sorted(ctx.inputs.actions, key=lambda a: (a.due is None, a.due))[:5]
    story += [
        text(f"• {a.title} — {a.owner or 'owner to agree'}, due {a.due or 'not set'}", s.body)
        for a in actions
    ] or [text("No actions recorded.", s.body)]

    story.append(Heading("Open warnings", 1))
    open_findings = [f for f in ctx.evaluation.findings if f.id not in ctx.acknowledgements]
    story += [text(f"• {f.title}: {f.detected}", s.body) for f in open_findings] or [
        text("None: every warning was acknowledged, or none was raised.", s.body)
    ]
    story.append(PageBreak())
    return story
