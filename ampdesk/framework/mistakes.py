"""The automatic mistake checks: a workshop's state in, a list of findings out.

Every check is a plain heuristic that can be explained to the facilitator; the texts (why it
is a mistake, what to do instead, which cases illustrate it) live in ``checks.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ampdesk.framework.content import AUTONOMY_DIMENSIONS, Framework
from ampdesk.framework.fairness import GateResult, GateThresholds, RoleFigures
from ampdesk.framework.state import (
    FEEDBACK_RHYTHM,
    PURPOSE_STATEMENT,
    START_DIMENSION,
    ActionValue,
    NoteValue,
    StepStatus,
)

LATER_STEPS = ("autonomy", "mastery", "purpose")

_CONTINGENT_REWARD = re.compile(
    r"\b(bonus(es)?\s+(if|for|when|per|on)|prizes?\s+for|commissions?|incentives?\s+(if|for|when|"
    r"per|on|to)|if\b.{0,60}\bthen\b.{0,40}\b(bonus|reward|prize|pay)|rewards?\s+(if|when|for "
    r"(each|every|hitting|reaching|shipping|delivering)))",
    re.IGNORECASE,
)
_CONTROL = re.compile(
    r"\b(approv(al|als|e|ed)|sign[- ]?offs?|monitor(ing|ed)?|time[- ]tracking|track(ing)?\s+"
    r"(hours|time)|timesheets?|surveillance|keystroke|screen[- ]recording|daily status reports?|"
    r"micromanag\w*)\b",
    re.IGNORECASE,
)
_SUBSTITUTE = re.compile(
    r"\b(instead of|in lieu of|rather than|in place of)\s+(a\s+)?(pay|raises?|salar(y|ies)|"
    r"money|wages?|compensation)\b",
    re.IGNORECASE,
)
_MONEY_PURPOSE = re.compile(
    r"\b(shareholders?|share price|profits?|profitab\w*|revenues?|growth|market share|ebitda|"
    r"returns?|valuation|margins?|earnings)\b",
    re.IGNORECASE,
)
_ABSTRACT_PURPOSE = re.compile(
    r"\b(excellence|synergy|synergies|world[- ]class|best[- ]in[- ]class|leading|innovation|"
    r"integrity|value creation)\b",
    re.IGNORECASE,
)
_BENEFICIARY = re.compile(
    r"\b(customers?|clients?|patients?|users?|people|persons?|students?|pupils?|families|"
    r"children|kids|communit(y|ies)|neighbou?rs?|citizens?|residents?|readers?|travell?ers?|"
    r"passengers?|members?|farmers?|teachers?|nurses?|doctors?|colleagues?|someone|everyone|"
    r"lives|life|help(s|ing)?)\b",
    re.IGNORECASE,
)
# A gap of this many scale points between desired and current autonomy asks for an action.
AUTONOMY_GAP = 1.5


@dataclass(frozen=True, slots=True)
class MistakeInputs:
    """Everything the checks look at."""

    gate: GateResult
    roles: tuple[RoleFigures, ...]
    routine_share: float | None
    thresholds: GateThresholds
    step_statuses: dict[str, StepStatus]
    notes: tuple[NoteValue, ...]
    actions: tuple[ActionValue, ...]
    decisions: dict[str, str]
    autonomy_means: dict[str, tuple[float | None, float | None]]


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected mistake: what was seen, why it matters, what to do, which case helps."""

    id: str
    step: str
    title: str
    detected: str
    why: str
    instead: str
    mistake: str | None
    cases: tuple[str, ...]


def _texts(inputs: MistakeInputs) -> Iterable[tuple[str, str]]:
    """(label, text) of every action and visible note, as the text checks read them."""
    for action in inputs.actions:
        yield f"action '{action.title}'", f"{action.title} {action.measure}"
    for note in inputs.notes:
        if not note.hidden:
            yield f"{note.kind} '{note.text}'", note.text


def _check_if_then_creative(inputs: MistakeInputs) -> list[str]:
    creative_roles = {r.role.lower() for r in inputs.roles if r.work_type == "creative"}
    routine_roles = {r.role.lower() for r in inputs.roles if r.work_type == "routine"}
    found = []
    for label, text in _texts(inputs):
        if not _CONTINGENT_REWARD.search(text):
            continue
        lowered = text.lower()
        names_creative = any(role in lowered for role in creative_roles)
        names_routine = any(role in lowered for role in routine_roles)
        if names_creative or (creative_roles and not names_routine):
            found.append(f"The {label} ties a reward to performance in creative work.")
    return found


def _check_control(inputs: MistakeInputs) -> list[str]:
    found = [
        f"The action '{a.title}' adds approval or monitoring."
        for a in inputs.actions
        if _CONTROL.search(f"{a.title} {a.measure}")
    ]
    autonomy_actions = [a for a in inputs.actions if a.step == "autonomy"]
    autonomy_started = inputs.step_statuses.get("autonomy", "not_started") != "not_started"
    if not autonomy_actions and (autonomy_started or inputs.actions):
        gaps = [
            dim
            for dim, (current, desired) in inputs.autonomy_means.items()
            if current is not None and desired is not None and desired - current >= AUTONOMY_GAP
        ]
        if gaps:
            found.append(
                "The group wants clearly more autonomy over "
                + ", ".join(gaps)
                + ", and no autonomy action is planned."
            )
        else:
            found.append("No action gives the team more autonomy.")
    return found


def _check_fairness_ignored(inputs: MistakeInputs) -> list[str]:
    if inputs.gate.overridden:
        return ["The pay-fairness gate was overridden; the workshop went on without it passing."]
    if not inputs.gate.locks_steps:
        return []
    worked_on = [
        step
        for step in LATER_STEPS
        if inputs.step_statuses.get(step, "not_started") != "not_started"
        or any(n.step == step for n in inputs.notes)
        or any(a.step == step for a in inputs.actions)
    ]
    if not worked_on:
        return []
    return [
        f"Step(s) {', '.join(worked_on)} hold work while the pay-fairness gate is "
        f"'{inputs.gate.state.replace('_', ' ')}'."
    ]


def _check_substitute(inputs: MistakeInputs) -> list[str]:
    found = [
        f"The {label} offers something in place of pay."
        for label, text in _texts(inputs)
        if _SUBSTITUTE.search(text)
    ]
    pay_concerns = [r for r in inputs.gate.reasons if r.severity == "blocked"]
    fairness_actions = [a for a in inputs.actions if a.step == "fairness"]
    later_actions = [a for a in inputs.actions if a.step in LATER_STEPS]
    if pay_concerns and later_actions and not fairness_actions:
        found.append(
            "Pay falls short of the fairness gate, and actions for autonomy, mastery or purpose "
            "are planned with no action on pay."
        )
    return found


def _check_inauthentic_purpose(inputs: MistakeInputs) -> list[str]:
    statement = inputs.decisions.get(PURPOSE_STATEMENT, "").strip()
    if not statement or _BENEFICIARY.search(statement):
        return []
    if _MONEY_PURPOSE.search(statement):
        return ["The purpose statement speaks of financial results and names nobody it helps."]
    if _ABSTRACT_PURPOSE.search(statement):
        return ["The purpose statement uses abstract words and names nobody it helps."]
    return []


def _check_purpose_story(inputs: MistakeInputs) -> list[str]:
    started = inputs.step_statuses.get("purpose", "not_started") != "not_started"
    has_statement = bool(inputs.decisions.get(PURPOSE_STATEMENT, "").strip())
    stories = [n for n in inputs.notes if n.kind == "story" and not n.hidden]
    if (started or has_statement) and not stories:
        return ["Purpose is being worked on, but no specific story of impact was captured."]
    return []


def _check_annual_feedback(inputs: MistakeInputs) -> list[str]:
    if inputs.decisions.get(FEEDBACK_RHYTHM) == "annual":
        return ["The only feedback rhythm chosen is an annual review."]
    return []


def _check_all_dimensions(inputs: MistakeInputs) -> list[str]:
    chosen = {d.strip() for d in inputs.decisions.get(START_DIMENSION, "").split(",")}
    if set(AUTONOMY_DIMENSIONS) <= chosen:
        return ["All four autonomy dimensions (what, how, when, who) are to change at once."]
    return []


def _check_mostly_routine(inputs: MistakeInputs) -> list[str]:
    share = inputs.routine_share
    if share is not None and share > 0.5:
        return [f"{share:.0%} of the audited headcount does routine work."]
    return []


def _check_severe_underpayment(inputs: MistakeInputs) -> list[str]:
    limit = inputs.thresholds.blocked_median_compa
    low = [
        f"{r.role} / {r.level} ({r.median_compa_ratio:.2f})"
        for r in inputs.roles
        if r.median_compa_ratio < limit
    ]
    if low:
        return [f"Median compa-ratio under {limit:.2f} for " + ", ".join(low) + "."]
    return []


CHECKS: dict[str, Callable[[MistakeInputs], list[str]]] = {
    "if_then_reward_for_creative_work": _check_if_then_creative,
    "defaulting_to_control": _check_control,
    "ignoring_baseline_fairness": _check_fairness_ignored,
    "substitute_for_pay": _check_substitute,
    "inauthentic_purpose": _check_inauthentic_purpose,
    "purpose_without_story": _check_purpose_story,
    "annual_feedback_only": _check_annual_feedback,
    "all_autonomy_dimensions_at_once": _check_all_dimensions,
    "mostly_routine_work": _check_mostly_routine,
    "severe_underpayment": _check_severe_underpayment,
}


def find_mistakes(inputs: MistakeInputs, content: Framework) -> list[Finding]:
    """Run every check; one finding per check that fires, listing everything it saw."""
    findings = []
    for check_id, check in CHECKS.items():
        detected = check(inputs)
        if not detected:
            continue
        texts = content.check(check_id)
        findings.append(
            Finding(
                id=check_id,
                step=texts.step,
                title=texts.title,
                detected=" ".join(detected),
                why=texts.why,
                instead=texts.instead,
                mistake=texts.mistake,
                cases=texts.cases,
            )
        )
    return findings
