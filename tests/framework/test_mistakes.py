"""The mistake checks: each fires on the situation it describes, and stays quiet otherwise."""

import dataclasses
import datetime as dt

import pytest

from ampdesk.framework.content import framework
from ampdesk.framework.fairness import (
    GateOverride,
    GateThresholds,
    PayRow,
    evaluate_gate,
    role_figures,
)
from ampdesk.framework.mistakes import MistakeInputs, find_mistakes
from ampdesk.framework.pulse import summarize
from ampdesk.framework.state import (
    FEEDBACK_RHYTHM,
    PURPOSE_STATEMENT,
    START_DIMENSION,
    ActionValue,
    NoteValue,
)

CREATIVE = PayRow("Designer", "Mid", "creative", 52_000, 50_000)
ROUTINE = PayRow("Support", "Agent", "routine", 38_000, 37_000)
GOOD_PULSE = summarize([4, 4, 4, 5, 4], 5)


def action(step: str, title: str, measure: str = "") -> ActionValue:
    return ActionValue(id=1, step=step, title=title, owner="Ana", due=None, measure=measure)


def note(step: str, kind: str, text: str, hidden: bool = False) -> NoteValue:
    return NoteValue(1, step, kind, None, text, hidden, 0)  # type: ignore[arg-type]


def inputs(rows: tuple[PayRow, ...] = (CREATIVE,), **changes: object) -> MistakeInputs:
    roles = role_figures(rows)
    base = MistakeInputs(
        gate=evaluate_gate(roles, GOOD_PULSE),
        roles=roles,
        routine_share=sum(r.work_type == "routine" for r in rows) / len(rows) if rows else None,
        thresholds=GateThresholds(),
        step_statuses={s: "not_started" for s in ("fairness", "autonomy", "mastery", "purpose")},
        notes=(),
        actions=(action("autonomy", "Teams choose their estimation method"),),
        decisions={},
        autonomy_means={},
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def found(state: MistakeInputs) -> set[str]:
    return {f.id for f in find_mistakes(state, framework())}


def test_a_healthy_workshop_raises_nothing() -> None:
    assert found(inputs()) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Bonus for every design shipped on time",
        "Commission on new features",
        "Prize for the best idea",
    ],
)
def test_if_then_rewards_for_creative_work(text: str) -> None:
    state = inputs(actions=(action("autonomy", "Own estimation"), action("fairness", text)))
    assert "if_then_reward_for_creative_work" in found(state)


def test_if_then_rewards_for_routine_roles_and_now_that_rewards_pass() -> None:
    routine = inputs(
        rows=(CREATIVE, ROUTINE),
        actions=(
            action("autonomy", "Own estimation"),
            action("fairness", "Support bonus per ticket solved"),
        ),
    )
    assert "if_then_reward_for_creative_work" not in found(routine)
    thanks = inputs(
        actions=(
            action("autonomy", "Own estimation"),
            action("purpose", "Thank people after a launch"),
        )
    )
    assert "if_then_reward_for_creative_work" not in found(thanks)


def test_defaulting_to_control() -> None:
    assert "defaulting_to_control" in found(inputs(actions=(action("mastery", "Weekly review"),)))
    approvals = inputs(actions=(action("autonomy", "Manager approval for every deploy"),))
    assert "defaulting_to_control" in found(approvals)
    gap = inputs(actions=(action("mastery", "Weekly review"),), autonomy_means={"how": (2.0, 4.2)})
    (finding,) = [f for f in find_mistakes(gap, framework()) if f.id == "defaulting_to_control"]
    assert "how" in finding.detected


def test_ignoring_baseline_fairness() -> None:
    blocked = evaluate_gate(role_figures([PayRow("D", "M", "creative", 40_000, 50_000)]), None)
    worked_on = inputs(gate=blocked, notes=(note("autonomy", "idea", "Flexible hours"),))
    assert "ignoring_baseline_fairness" in found(worked_on)
    override = GateOverride("Budget later", "Raise pay", "CFO", dt.date(2027, 3, 1))
    overridden = inputs(gate=evaluate_gate((), None, override=override))
    assert "ignoring_baseline_fairness" in found(overridden)


def test_substitute_for_pay() -> None:
    text = inputs(actions=(action("autonomy", "More flexible hours instead of a raise"),))
    assert "substitute_for_pay" in found(text)
    blocked = evaluate_gate(role_figures([PayRow("D", "M", "creative", 40_000, 50_000)]), None)
    no_pay_action = inputs(gate=blocked, actions=(action("purpose", "Customer visit"),))
    assert "substitute_for_pay" in found(no_pay_action)
    with_pay_action = inputs(
        gate=blocked, actions=(action("purpose", "Customer visit"), action("fairness", "Raise pay"))
    )
    assert "substitute_for_pay" not in found(with_pay_action)


@pytest.mark.parametrize(
    ("statement", "flagged"),
    [
        ("Maximise shareholder returns and revenue growth", True),
        ("Excellence and synergy in everything", True),
        ("Help small shops spend evenings with their families", False),
    ],
)
def test_inauthentic_purpose(statement: str, flagged: bool) -> None:
    story = (note("purpose", "story", "A customer told us"),)
    state = inputs(decisions={PURPOSE_STATEMENT: statement}, notes=story)
    assert ("inauthentic_purpose" in found(state)) is flagged


def test_purpose_without_story() -> None:
    state = inputs(decisions={PURPOSE_STATEMENT: "Help patients get care sooner"})
    assert "purpose_without_story" in found(state)
    hidden_story = inputs(
        decisions={PURPOSE_STATEMENT: "Help patients get care sooner"},
        notes=(note("purpose", "story", "A nurse told us", hidden=True),),
    )
    assert "purpose_without_story" in found(hidden_story)


def test_annual_feedback_and_all_dimensions_at_once() -> None:
    assert "annual_feedback_only" in found(inputs(decisions={FEEDBACK_RHYTHM: "annual"}))
    assert "annual_feedback_only" not in found(inputs(decisions={FEEDBACK_RHYTHM: "weekly"}))
    all_four = inputs(decisions={START_DIMENSION: "what,how,when,who"})
    assert "all_autonomy_dimensions_at_once" in found(all_four)
    assert "all_autonomy_dimensions_at_once" not in found(
        inputs(decisions={START_DIMENSION: "how"})
    )


def test_not_ideal_for_situations() -> None:
    mostly_routine = inputs(rows=(ROUTINE, ROUTINE, CREATIVE))
    assert "mostly_routine_work" in found(mostly_routine)
    underpaid = (PayRow("D", "M", "creative", 40_000, 50_000),)
    assert "severe_underpayment" in found(inputs(rows=underpaid))


def test_every_check_has_its_texts_and_a_valid_step() -> None:
    content = framework()
    state = inputs(decisions={FEEDBACK_RHYTHM: "annual"})
    for finding in find_mistakes(state, content):
        assert finding.why and finding.instead
        content.step(finding.step)
