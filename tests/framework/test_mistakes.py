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
from ampdesk.framework.mistakes import MistakeInputs, feedback_rhythm, find_mistakes
from ampdesk.framework.pulse import summarize
from ampdesk.framework.state import (
    FEEDBACK_RHYTHM,
    PURPOSE_STATEMENT,
    START_DIMENSION,
    ActionValue,
    NoteValue,
    OwnCaseValue,
)

CREATIVE = PayRow("Designer", "Mid", "creative", 52_000, 50_000)
ROUTINE = PayRow("Support", "Agent", "routine", 38_000, 37_000)
GOOD_PULSE = summarize([4, 4, 4, 5, 4], 5)


DUE = dt.date(2027, 1, 15)


def action(step: str, title: str, measure: str = "Reviewed at the next retro") -> ActionValue:
    return ActionValue(id=1, step=step, title=title, owner="Ana", due=DUE, measure=measure)


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


def test_a_warning_belongs_to_the_step_where_its_cause_was_seen() -> None:
    idea = inputs(notes=(note("autonomy", "idea", "Bonus for every feature shipped on time"),))
    (reward,) = [f for f in find_mistakes(idea, framework()) if f.id.startswith("if_then")]
    assert reward.step == "autonomy"  # the idea's step, not the check's own (step 1)
    override = GateOverride("Budget later", "Raise pay", "CFO", dt.date(2027, 3, 1))
    overridden = inputs(gate=evaluate_gate((), None, override=override))
    (ignored,) = [f for f in find_mistakes(overridden, framework()) if f.id.startswith("ignoring")]
    assert ignored.step == "fairness"  # nothing seen in a step: the check's own step


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


STARTED = {s: "in_progress" for s in ("fairness", "autonomy", "mastery", "purpose")}


def test_defaulting_to_control() -> None:
    weekly = (action("mastery", "Weekly review"),)
    assert "defaulting_to_control" in found(inputs(actions=weekly, step_statuses=STARTED))
    approvals = inputs(actions=(action("autonomy", "Manager approval for every deploy"),))
    assert "defaulting_to_control" in found(approvals)
    removed = inputs(actions=(action("autonomy", "Drop the manager approval for every deploy"),))
    assert "defaulting_to_control" not in found(removed)
    gap = inputs(actions=weekly, autonomy_means={"how": (2.0, 4.2)}, step_statuses=STARTED)
    (finding,) = [f for f in find_mistakes(gap, framework()) if f.id == "defaulting_to_control"]
    assert "how" in finding.detected


def test_ignoring_baseline_fairness() -> None:
    blocked = evaluate_gate(role_figures([PayRow("D", "M", "creative", 40_000, 50_000)]), None)
    worked_on = inputs(gate=blocked, notes=(note("autonomy", "idea", "Flexible hours"),))
    assert "ignoring_baseline_fairness" in found(worked_on)
    override = GateOverride("Budget later", "Raise pay", "CFO", dt.date(2027, 3, 1))
    overridden = inputs(gate=evaluate_gate((), None, override=override))
    assert "ignoring_baseline_fairness" in found(overridden)


def test_no_autonomy_action_is_said_only_once_step_2_has_started() -> None:
    first_step_only = inputs(actions=(action("fairness", "Raise pay for designers to market"),))
    assert "defaulting_to_control" not in found(first_step_only)
    started = dataclasses.replace(first_step_only, step_statuses={"autonomy": "in_progress"})
    assert "defaulting_to_control" in found(started)


def test_substitute_for_pay() -> None:
    text = inputs(actions=(action("autonomy", "More flexible hours instead of a raise"),))
    assert "substitute_for_pay" in found(text)
    swap = inputs(actions=(action("autonomy", "Thanks rather than money prizes"),))
    assert "substitute_for_pay" not in found(swap)


def test_one_underpaid_role_gives_one_warning_without_its_figure() -> None:
    blocked = evaluate_gate(role_figures([PayRow("D", "M", "creative", 40_000, 50_000)]), None)
    nothing_later = inputs(gate=blocked, actions=(action("fairness", "Raise pay for D to market"),))
    assert found(nothing_later) == set()
    later = inputs(gate=blocked, actions=(action("purpose", "Invite a customer to the retro"),))
    findings = find_mistakes(later, framework())
    assert [f.id for f in findings] == ["ignoring_baseline_fairness"]
    assert "no action on pay" in findings[0].detected
    assert "0.8" not in findings[0].detected
    with_pay_action = inputs(
        gate=blocked,
        actions=(
            action("purpose", "Invite a customer to the retro"),
            action("fairness", "Raise pay for D to market"),
        ),
    )
    (finding,) = find_mistakes(with_pay_action, framework())
    assert "no action on pay" not in finding.detected


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


def test_an_own_case_about_purpose_counts_as_a_story() -> None:
    statement = {PURPOSE_STATEMENT: "Help patients get care sooner"}
    own = OwnCaseValue(1, "The night nurse", "She booked a scan at 2 am.", "Be there", "purpose")
    assert "purpose_without_story" not in found(inputs(decisions=statement, own_cases=(own,)))
    elsewhere = dataclasses.replace(own, step="mastery")
    assert "purpose_without_story" in found(inputs(decisions=statement, own_cases=(elsewhere,)))


def test_purpose_without_story() -> None:
    state = inputs(decisions={PURPOSE_STATEMENT: "Help patients get care sooner"})
    assert "purpose_without_story" in found(state)
    hidden_story = inputs(
        decisions={PURPOSE_STATEMENT: "Help patients get care sooner"},
        notes=(note("purpose", "story", "A nurse told us", hidden=True),),
    )
    assert "purpose_without_story" in found(hidden_story)


@pytest.mark.parametrize(
    ("rhythm", "flagged"),
    [
        ("annual", True),
        ("quarterly", True),
        ("monthly", True),
        ("fortnightly", False),
        ("weekly", False),
    ],
)
def test_feedback_rhythm_slower_than_fortnightly(rhythm: str, flagged: bool) -> None:
    chosen = inputs(decisions={FEEDBACK_RHYTHM: rhythm})
    assert ("annual_feedback_only" in found(chosen)) is flagged


def test_a_chosen_fast_rhythm_outweighs_a_slow_action() -> None:
    slow = (action("mastery", "Quarterly career conversation"),)
    assert "annual_feedback_only" in found(inputs(actions=slow))
    fast = inputs(actions=slow, decisions={FEEDBACK_RHYTHM: "weekly"})
    assert "annual_feedback_only" not in found(fast)


def test_autonomy_without_structure_unless_the_checklist_says_it_was_agreed() -> None:
    bare = inputs(actions=(action("autonomy", "Let people choose their hours", measure=""),))
    assert "autonomy_without_structure" in found(bare)
    agreed = dataclasses.replace(
        bare, ticked=frozenset({"autonomy.limits_agreed", "autonomy.review_date_set"})
    )
    assert "autonomy_without_structure" not in found(agreed)


def test_actions_without_an_owner_or_a_date() -> None:
    nobody = dataclasses.replace(action("mastery", "Weekly review"), owner="the team")
    undated = dataclasses.replace(action("mastery", "Weekly review"), due=None)
    for value in (nobody, undated):
        assert "action_without_owner_or_date" in found(inputs(actions=(value,)))


def test_annual_feedback_and_all_dimensions_at_once() -> None:
    all_four = inputs(decisions={START_DIMENSION: "what,how,when,who"})
    assert "all_autonomy_dimensions_at_once" in found(all_four)
    assert "all_autonomy_dimensions_at_once" not in found(
        inputs(decisions={START_DIMENSION: "how"})
    )


def test_not_ideal_for_situations() -> None:
    mostly_routine = inputs(rows=(ROUTINE, ROUTINE, CREATIVE))
    assert "mostly_routine_work" in found(mostly_routine)


def test_every_check_has_its_texts_and_a_valid_step() -> None:
    content = framework()
    state = inputs(decisions={FEEDBACK_RHYTHM: "annual"})
    for finding in find_mistakes(state, content):
        assert finding.why and finding.instead
        content.step(finding.step)


def test_a_reward_with_no_condition_asks_rather_than_stays_silent() -> None:
    state = inputs(actions=(action("fairness", "Spot bonus for the designers"),))
    (finding,) = [f for f in find_mistakes(state, framework()) if f.id.startswith("if_then")]
    assert finding.question == "Is this reward promised in advance, for reaching a result?"
    sure = inputs(actions=(action("fairness", "Bonus for designers if the redesign ships"),))
    (finding,) = [f for f in find_mistakes(sure, framework()) if f.id.startswith("if_then")]
    assert finding.question is None


def test_a_finding_is_sure_once_any_of_its_causes_is() -> None:
    state = inputs(
        actions=(
            action("fairness", "Spot bonus for the designers"),
            action("fairness", "Bonus for designers if the redesign ships"),
        )
    )
    (finding,) = [f for f in find_mistakes(state, framework()) if f.id.startswith("if_then")]
    assert finding.question is None
    assert "names a reward" in finding.detected and "promises a reward" in finding.detected


@pytest.mark.parametrize(
    ("title", "control"),
    [
        ("Every PR needs sign-off from a director", True),
        ("Any two teammates approve a merge", False),
        ("Engineers log their hours against each ticket", True),
        ("Learning hours logged by the team", False),
        ("Scope changes have to be cleared with the PMO first", True),
        ("Talk in the retro about whether approvals slow us down", False),
        ("Kill the timesheet requirement", False),
    ],
)
def test_control_from_above_in_its_forms(title: str, control: bool) -> None:
    state = inputs(actions=(action("autonomy", title),))
    assert ("defaulting_to_control" in found(state)) is control


@pytest.mark.parametrize(
    ("title", "if_then"),
    [
        ("Extra day off for engineers who ship on time", True),
        ("Top performer in the design team gets a trip to Lisbon", True),
        ("Performance-related pay for developers", True),
        ("Give designers an extra day off at Christmas", False),
    ],
)
def test_prizes_other_than_money_where_a_condition_names_who_gets_them(
    title: str, if_then: bool
) -> None:
    state = inputs(actions=(action("fairness", title),))
    assert ("if_then_reward_for_creative_work" in found(state)) is if_then


def test_a_purpose_naming_nobody_asks_whom_it_helps() -> None:
    unclear = inputs(decisions={PURPOSE_STATEMENT: "Make booking a table as easy as a text"})
    (finding,) = [f for f in find_mistakes(unclear, framework()) if f.id == "inauthentic_purpose"]
    assert finding.question == "Who is better off because of this work, and how?"
    named = inputs(decisions={PURPOSE_STATEMENT: "We make accounting painless for freelancers"})
    assert "inauthentic_purpose" not in found(named)
    money = inputs(decisions={PURPOSE_STATEMENT: "Grow faster than anyone else in the segment"})
    (finding,) = [f for f in find_mistakes(money, framework()) if f.id == "inauthentic_purpose"]
    assert finding.question is None


@pytest.mark.parametrize(
    ("title", "substitute"),
    [
        ("Pay review postponed to next year, so launch a mentoring programme", True),
        ("Raises are on hold; offer a four-day week meanwhile", True),
        ("The pay rise is delayed until Q3 because of the audit", False),
        ("Pay rises go ahead in April; in the meantime everyone gets a training budget", False),
    ],
)
def test_pay_declined_in_other_words(title: str, substitute: bool) -> None:
    state = inputs(actions=(action("fairness", title),))
    assert ("substitute_for_pay" in found(state)) is substitute


@pytest.mark.parametrize(
    ("title", "control"),
    [
        ("Monitoring of production servers with alerts to the on-call engineer", False),
        ("Set up uptime monitoring for the booking API", False),
        ("Install monitoring software on every laptop", True),
        ("Track who is idle on the support dashboard", True),
    ],
)
def test_watching_machines_is_no_surveillance_of_people(title: str, control: bool) -> None:
    state = inputs(actions=(action("autonomy", title),))
    assert ("defaulting_to_control" in found(state)) is control


def test_a_cue_before_in_favour_of_does_not_take_away_what_follows() -> None:
    assert feedback_rhythm("Scrap the yearly appraisal in favour of fortnightly feedback") == "fast"


def test_a_report_upwards_asks_whether_the_team_chose_it() -> None:
    title = "Introduce a daily end-of-day report on tasks completed, sent to the team lead"
    state = inputs(actions=(action("autonomy", title),))
    (finding,) = [f for f in find_mistakes(state, framework()) if f.id == "defaulting_to_control"]
    assert finding.question is not None and "did not choose" in finding.question
    peers = inputs(actions=(action("autonomy", "A short update to each other, lead included"),))
    assert "defaulting_to_control" not in found(peers)


@pytest.mark.parametrize(
    ("title", "free"),
    [
        ("Engineers can work whatever hours they want", True),
        ("No more set working hours for developers", True),
        ("Engineers choose their hours within core hours", False),
    ],
)
def test_freedom_granted_by_removing_a_limit(title: str, free: bool) -> None:
    state = inputs(actions=(action("autonomy", title, measure=""),))
    assert ("autonomy_without_structure" in found(state)) is free


@pytest.mark.parametrize(
    "title",
    [
        "Tie the designers' bonus to feature adoption",
        "Designers who deliver the rebrand before Q3 get a £2k bonus",
        "Announce a hackathon prize up front for the best prototype",
    ],
)
def test_conditions_in_any_position_make_a_sure_finding(title: str) -> None:
    state = inputs(actions=(action("fairness", title),))
    (finding,) = [f for f in find_mistakes(state, framework()) if f.id.startswith("if_then")]
    assert finding.question is None


@pytest.mark.parametrize(
    ("check", "step", "title", "measure", "fires"),
    [
        (
            "defaulting_to_control",
            "autonomy",
            "Rota set by head office rather than the team",
            "",
            True,
        ),
        (
            "substitute_for_pay",
            "fairness",
            "Compensate unpaid overtime with a project day",
            "",
            True,
        ),
        (
            "substitute_for_pay",
            "fairness",
            "We won't use training as an excuse to skip raises",
            "",
            False,
        ),
        (
            "annual_feedback_only",
            "mastery",
            "Every six months, present progress to the lab head",
            "",
            True,
        ),
        (
            "autonomy_without_structure",
            "autonomy",
            "Writers use whatever tools they want",
            "Happier team",
            True,
        ),
        (
            "autonomy_without_structure",
            "autonomy",
            "Writers use whatever tools they want",
            "Two tools tried",
            False,
        ),
    ],
)
def test_classes_round_c_exposed(
    check: str, step: str, title: str, measure: str, fires: bool
) -> None:
    state = inputs(actions=(action(step, title, measure=measure),))
    assert (check in found(state)) is fires


def test_a_value_word_built_on_customers_names_no_one() -> None:
    state = inputs(decisions={PURPOSE_STATEMENT: "Passion, agility and customer-centricity"})
    assert "inauthentic_purpose" in found(state)
