"""The content's factual points, each with its source: the slips of earlier versions stay fixed."""

from __future__ import annotations

import re

from ampdesk.framework.content import framework
from ampdesk.resources_path import resources_dir


def test_self_determination_theory_cites_its_primary_source() -> None:
    content = framework()
    source = content.source("ryan2000")
    assert "American Psychologist, 55(1), 68-78" in source.citation
    assert "ryan2000" in content.step("autonomy").sources
    assert "Ryan and Deci" in content.step("autonomy").explanation


def test_the_ehrc_rule_is_cited_for_gaps_between_groups_not_for_market_position() -> None:
    readme = (resources_dir().parent / "README.md").read_text(encoding="utf-8")
    (routine_row,) = [line for line in readme.splitlines() if "`attention_routine_compa`" in line]
    assert "not cited here" in routine_row
    (gap_row,) = [line for line in readme.splitlines() if "`attention_group_gap`" in line]
    assert "EHRC" in gap_row and "equal work" in gap_row
    assert "ehrc_equal_pay_audit" in framework().step("fairness").sources


def test_step_1_gives_the_directive_scope_small_samples_and_co_determination() -> None:
    content = framework()
    text = content.step("fairness").explanation
    assert "100 or more workers" in text and "workers' representatives" in text
    assert "one person can move a small group's average" in text
    assert "works council" in text and "87(1) nos. 10-11" in text
    assert "betrvg87" in content.step("fairness").sources
    assert content.source("betrvg87").kind == "law"


def test_the_fun_theory_began_in_2009_and_the_speed_camera_case_is_the_counter_example() -> None:
    content = framework()
    case = content.case("speed_camera_lottery")
    assert "began The Fun Theory in 2009" in case.story
    assert content.source("funtheory2009").year == 2009
    assert case.mistakes == ()
    assert "speed_camera_lottery" not in content.mistake("if_then_for_creative_work").cases
    assert "speed_camera_lottery" in content.check("mostly_routine_work").cases


def test_the_overview_is_no_more_certain_than_the_evidence() -> None:
    overview = framework().overview
    assert "often make performance worse" not in overview
    assert "can make" in overview and "replication" in overview


def test_a_gentler_purpose_prompt_for_times_of_restructuring() -> None:
    """The gentler prompt is asked of the room; when to ask it is the facilitator's note."""
    purpose = framework().step("purpose")
    (number,) = [n for n, note in purpose.prompt_notes.items() if re.search("restructuring", note)]
    assert "went a little better" in purpose.prompts[number - 1]
    assert not any(re.search("restructuring", p) for p in purpose.prompts)
