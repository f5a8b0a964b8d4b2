"""The words for ampdesk's states: the gate, a role's part in it, a step and its progress, and
where a warning belongs.

The window, the report and ``ampdesk check`` all ask here, so one state reads the same
everywhere. Every text is keyed; a second language is another table with the same keys
(:data:`ENGLISH` is the one there is, and :func:`text` reads the table in use).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ampdesk.framework.content import STEP_IDS

ENGLISH: Mapping[str, str] = {
    # The gate's state as a label: "Pay-fairness gate: blocked".
    "gate.pass": "passed",
    "gate.attention": "needs attention",
    "gate.blocked": "blocked",
    "gate.not_assessed": "not assessed",
    "gate.headline": "Pay-fairness gate: {state}",
    "gate.overridden": "overridden by the facilitator",
    # What the state means for the workshop, as a sentence after the label.
    "gate.pass.meaning": "Motivation work goes on.",
    "gate.attention.meaning": "Motivation work goes on; some points need attention.",
    "gate.blocked.meaning": "Pay has to be put right before motivation work goes on; "
    "steps 2-4 wait.",
    "gate.not_assessed.meaning": "No pay audit was recorded yet; steps 2-4 wait.",
    "gate.overridden.meaning": "The facilitator went on without it passing.",
    # Why a step waits (the rail's tooltip, the step's banner).
    "gate.holds_step": "Held back by the pay-fairness gate ({state}).",
    # A finding: later steps worked on while the gate holds them.
    "finding.step_held": "{steps} holds work while the pay-fairness gate is {state}",
    "finding.steps_held": "{steps} hold work while the pay-fairness gate is {state}",
    # A role's part in the gate (the report's table, check --json).
    "role.pass": "passes",
    "role.attention": "needs attention",
    "role.blocked": "blocks",
    # A step's progress.
    "progress.not_started": "not started",
    "progress.in_progress": "in progress",
    "progress.done": "done",
    # The steps by short name, and a step in a sentence.
    "step.fairness": "Baseline fairness",
    "step.autonomy": "Autonomy",
    "step.mastery": "Mastery",
    "step.purpose": "Purpose",
    "step.one": "step {number} ({name})",
    "step.heading": "Step {number} · {name}",
    "step.many": "steps {first} and {last}",
    "step.many_tail": "{number} ({name})",
}

_catalogue: Mapping[str, str] = ENGLISH


def text(key: str, **values: object) -> str:
    """The text kept under ``key``, with ``values`` filled in."""
    return _catalogue[key].format(**values)


def gate_words(state: str) -> str:
    """A gate state as a label: "passed", "needs attention", "blocked", "not assessed"."""
    return text(f"gate.{state}")


def gate_headline(state: str, overridden: bool = False) -> str:
    """ "Pay-fairness gate: blocked", with the override when there is one."""
    headline = text("gate.headline", state=gate_words(state))
    return f"{headline} ({text('gate.overridden')})" if overridden else headline


def gate_meaning(state: str, overridden: bool = False) -> str:
    """What the gate's state means for the workshop, as one sentence."""
    return text("gate.overridden.meaning" if overridden else f"gate.{state}.meaning")


def gate_holds_step(state: str) -> str:
    """Why a step waits for the gate, as one sentence."""
    return text("gate.holds_step", state=gate_words(state))


def role_words(state: str) -> str:
    """A role's part in the gate: "passes", "needs attention", "blocks"."""
    return text(f"role.{state}")


def progress_words(status: str) -> str:
    """A step's progress: "not started", "in progress", "done"."""
    return text(f"progress.{status}")


def step_name(step_id: str) -> str:
    """A step's short name: "Baseline fairness", "Autonomy"..."""
    return text(f"step.{step_id}")


def step_words(step_id: str) -> str:
    """A step in a sentence: "step 2 (Autonomy)"."""
    return text("step.one", number=STEP_IDS.index(step_id) + 1, name=step_name(step_id))


def step_heading(step_id: str) -> str:
    """A step as a heading: "Step 2 · Autonomy"."""
    return text("step.heading", number=STEP_IDS.index(step_id) + 1, name=step_name(step_id))


def steps_words(step_ids: Sequence[str]) -> str:
    """Several steps in a sentence: "steps 2 (Autonomy) and 3 (Mastery)"."""
    if len(step_ids) == 1:
        return step_words(step_ids[0])
    parts = [
        text("step.many_tail", number=STEP_IDS.index(s) + 1, name=step_name(s)) for s in step_ids
    ]
    return text("step.many", first=", ".join(parts[:-1]), last=parts[-1])


def steps_held_words(step_ids: Sequence[str], state: str) -> str:
    """A finding: "Steps 2 (Autonomy) and 3 (Mastery) hold work while the gate is blocked"."""
    key = "finding.step_held" if len(step_ids) == 1 else "finding.steps_held"
    return text(key, steps=first_upper(steps_words(step_ids)), state=gate_words(state))


def first_upper(words: str) -> str:
    """``words`` with its first letter upper-case, to start a sentence or a choice."""
    return words[:1].upper() + words[1:]
