"""Plans and templates without files: agendas, choices, the template format and its errors."""

import json
from dataclasses import replace

import pytest

from ampdesk.framework.content import framework
from ampdesk.framework.plan import (
    AgendaItem,
    PlanError,
    StepPlan,
    Template,
    check_plan,
    full_day,
    half_day,
    template_from_json,
    template_to_json,
)

CONTENT = framework()


def _template() -> Template:
    plan = replace(
        half_day(CONTENT),
        steps={"fairness": StepPlan(prompts=(0, 2), case="candle_problem", phones=False)},
        materials=("Markers",),
        facilitator_notes="Start with the pulse.",
        expected_participants=14,
    )
    return Template("Our half day", "Team offsite", 4, plan)


def test_standard_agendas_cover_every_step_with_their_timeboxes() -> None:
    for plan in (half_day(CONTENT), full_day(CONTENT)):
        assert [i.step for i in plan.agenda if i.kind == "step"] == [s.id for s in CONTENT.steps]
        assert check_plan(plan, CONTENT) is plan
    assert half_day(CONTENT).total_minutes == 230
    assert full_day(CONTENT).total_minutes > 6 * 60
    assert half_day(CONTENT).timebox("autonomy") == 50
    assert half_day(CONTENT).timebox("plan") is None


def test_chosen_prompts_keep_their_numbers_and_the_planned_case_comes_first() -> None:
    plan = _template().plan
    step = CONTENT.step("fairness")
    assert plan.prompts(step) == [(1, step.prompts[0]), (3, step.prompts[2])]
    assert plan.cases("fairness", CONTENT)[0].id == "candle_problem"
    assert len(plan.prompts(CONTENT.step("mastery"))) == 5  # nothing chosen: all prompts


def test_a_template_round_trips_through_its_file_format() -> None:
    template = _template()
    text = template_to_json(template)
    assert template_from_json(text, CONTENT) == template
    assert template_to_json(template_from_json(text, CONTENT)) == text


def _broken(**changes: object) -> str:
    data = json.loads(template_to_json(_template()))
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ("[]", "JSON object"),
        (json.dumps({"format": "ampdesk-workshop", "tables": {}}), "whole workshop"),
        (_broken(version=2), "version 2"),
        (_broken(pay_rows=[]), "unknown field 'pay_rows'"),
        (_broken(steps={"autonomy": {"prompts": None, "case": "nope", "phones": True}}), "'nope'"),
        (
            _broken(steps={"autonomy": {"prompts": [9], "case": None, "phones": True}}),
            "prompts 1 to 5",
        ),
        (
            _broken(steps={"teamwork": {"prompts": None, "case": None, "phones": True}}),
            "unknown step",
        ),
        (_broken(agenda=[]), "agenda is empty"),
        (_broken(agenda=[{"kind": "break", "title": "Break", "minutes": 0, "step": None}]), "1 to"),
        (
            _broken(agenda=[{"kind": "step", "title": "S", "minutes": 5, "step": None}]),
            "names its step",
        ),
        (_broken(anonymity_threshold=2), "below 3"),
        (_broken(anonymity_threshold=True), "must be int"),
        (_broken(materials=[1]), "materials must be texts"),
    ],
)
def test_bad_templates_are_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        template_from_json(text, CONTENT)


def test_check_plan_refuses_what_a_file_could_not_hold() -> None:
    bad = replace(half_day(CONTENT), agenda=(AgendaItem("other", " ", 10),))
    with pytest.raises(PlanError, match="title is empty"):
        check_plan(bad, CONTENT)
    with pytest.raises(PlanError, match="expected participants"):
        check_plan(replace(half_day(CONTENT), expected_participants=0), CONTENT)
