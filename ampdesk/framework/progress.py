"""How far the workshop is, read from what it holds: step status, checklist rows the data
proves, and how many people took part. Plain Python.

What the facilitator sets always wins: a step status they chose, a checklist row they
unticked. These rules only fill in what was never touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ampdesk.framework.content import STEP_IDS
from ampdesk.framework.evaluation import WorkshopInputs
from ampdesk.framework.state import FEEDBACK_RHYTHM, PURPOSE_STATEMENT, StepStatus


def steps_with_content(inputs: WorkshopInputs) -> set[str]:
    """The steps the group has put something into (answers, notes, actions, decisions, pay)."""
    found = {note.step for note in inputs.notes}
    found |= {action.step for action in inputs.actions}
    found |= {key.split(".", 1)[0] for key in inputs.decisions}
    if inputs.pay_rows or inputs.pay_summary or any(inputs.fairness_answers.values()):
        found.add("fairness")
    if any(inputs.autonomy_answers.values()):
        found.add("autonomy")
    return found & set(STEP_IDS)


def step_statuses(
    stored: Mapping[str, StepStatus], inputs: WorkshopInputs
) -> dict[str, StepStatus]:
    """Each step's status: as the facilitator set it, else "in progress" once it has content."""
    content = steps_with_content(inputs)
    return {
        step: stored.get(step, "in_progress" if step in content else "not_started")
        for step in STEP_IDS
    }


def proven_checklist(inputs: WorkshopInputs) -> dict[str, set[str]]:
    """The checklist rows (by step) that the workshop's data shows are done."""
    fairness_actions = [a for a in inputs.actions if a.step == "fairness"]
    rhythm = inputs.decisions.get(FEEDBACK_RHYTHM, "")
    proven: dict[str, set[str]] = {step: set() for step in STEP_IDS}
    if inputs.pay_rows or inputs.pay_summary:
        proven["fairness"].add("audit_done")
    if fairness_actions and all(a.owner.strip() and a.due for a in fairness_actions):
        proven["fairness"].add("fixes_owned")
    if any(item.endswith(".current") and v for item, v in inputs.autonomy_answers.items()):
        proven["autonomy"].add("current_rated")
    if rhythm and rhythm != "annual":
        proven["mastery"].add("rhythm_set")
    if any(n.step == "purpose" and n.kind == "story" and not n.hidden for n in inputs.notes):
        proven["purpose"].add("story_shared")
    if inputs.decisions.get(PURPOSE_STATEMENT, "").strip():
        proven["purpose"].add("statement_drafted")
    return proven


def checklist(touched: Mapping[str, bool], proven: Iterable[str]) -> dict[str, bool]:
    """A step's ticked rows: those the data proves, then every row the facilitator touched."""
    return {**dict.fromkeys(proven, True), **touched}


def ticked_in(ticked: Iterable[str], step: str) -> dict[str, bool]:
    """A step's ticked rows, out of the whole workshop's ticked ``step.item`` keys."""
    prefix = f"{step}."
    return {key.removeprefix(prefix): True for key in ticked if key.startswith(prefix)}


def participants(phones: int, show_of_hands: Iterable[int]) -> int:
    """How many people took part: the phones that joined, or, where no phone was used, the
    most answers any one question got by show of hands."""
    return phones or max(show_of_hands, default=0)
