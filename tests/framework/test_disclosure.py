"""The disclosure policy: who may see which pay figure and which small group."""

import datetime as dt

import pytest

from ampdesk.framework.disclosure import Policy
from ampdesk.framework.fairness import (
    GateThresholds,
    GroupGap,
    PayRow,
    evaluate_gate,
    role_figures,
    summarize_pay,
)
from ampdesk.framework.thresholds import MIN_THRESHOLD

LEAD = [PayRow("Team lead", "Lead", "creative", 41_500, 50_000, person="lead")]  # 0.83
DEVS = [PayRow("Dev", "Mid", "creative", 60_000 + i, 58_000, person=f"d{i}") for i in range(6)]


def test_the_threshold_is_never_under_three() -> None:
    with pytest.raises(ValueError, match="cannot be under 3"):
        Policy("report", MIN_THRESHOLD - 1)
    with pytest.raises(ValueError):
        GateThresholds(min_group_size=2)
    assert Policy("report").threshold == 5


@pytest.mark.parametrize(
    ("audience", "figures", "named"),
    [
        ("manager", True, True),
        ("individual_pay_copy", True, True),
        ("handover", False, True),
        ("check_json", False, True),
        ("report", False, False),
        ("projector", False, False),
        ("phones", False, False),
        ("export", False, False),
    ],
)
def test_who_sees_a_small_groups_figure_and_name(audience: str, figures: bool, named: bool) -> None:
    policy = Policy(audience)  # type: ignore[arg-type]
    assert policy.shows_figures(1) is figures
    assert policy.names(1) is named
    assert policy.shows_figures(5) is (audience != "phones")


def test_report_counts_small_groups_and_shows_no_figure() -> None:
    roles = role_figures(LEAD + DEVS)
    gate = evaluate_gate(roles, None)
    lines = Policy("report").reason_lines(gate.reasons, roles)
    assert not any("Team lead" in line or "0.83" in line for line in lines)
    assert "1 small group has findings; see the confidential copy." in lines
    listed, counted = Policy("report").roles(roles)
    assert [v.role for v in listed] == ["Dev"] and counted == 1
    manager = Policy("manager").reason_lines(gate.reasons, roles)
    assert any("Team lead / Lead: median compa-ratio 0.83" in line for line in manager)


def test_handover_names_a_small_group_with_its_state_but_no_figure() -> None:
    roles = role_figures(LEAD + DEVS)
    gate = evaluate_gate(roles, None)
    policy = Policy("handover")
    (line,) = [x for x in policy.reason_lines(gate.reasons, roles) if "Team lead" in x]
    assert "0.83" not in line and "withheld" in line
    (lead,) = [d for d in Policy("check_json").role_data(roles) if d["role"] == "Team lead"]
    assert lead["state"] == "blocked" and lead["median_compa_ratio"] is None
    (reason,) = [d for d in policy.reason_data(gate.reasons, roles) if d["role"] == "Team lead"]
    assert reason["value"] is None and "0.83" not in reason["message"]


def test_a_summary_stores_no_figure_of_a_small_group_and_keeps_its_state() -> None:
    summary = summarize_pay(LEAD + DEVS, GateThresholds(), dt.date(2026, 12, 1))
    lead = next(r for r in summary.roles if r.role == "Team lead")
    assert lead.median_compa_ratio is None and lead.spread is None and lead.currency is None
    assert lead.withheld_reasons == ("low_compa_ratio",)
    assert "0.83" not in summary.to_json() and "41500" not in summary.to_json()
    gate = evaluate_gate(summary.roles, None)
    assert gate.state == "blocked"  # the gate still works from the state kept
    stored = type(summary).from_json(summary.to_json())
    assert stored == summary


def test_group_gaps_are_hidden_where_either_group_is_small() -> None:
    figures = role_figures(DEVS)[0]
    gaps = (
        GroupGap("A", "B", 0.1, 6, 7),
        GroupGap("A", "C", 0.2, 6, 4),
        GroupGap("B", "D", 0.1, 7, 8),
    )
    policy = Policy("handover")
    assert policy.shows_gap(gaps[0]) and not policy.shows_gap(gaps[1])
    view = policy.role(type(figures)(**{**_fields(figures), "group_gaps": gaps}))
    # C is small; A, the smallest other group, goes too (complementary suppression)
    assert view.gaps == (gaps[2],) and view.gaps_withheld
    assert Policy("manager").shows_gap(gaps[1])


def test_complementary_suppression_hides_a_second_part() -> None:
    policy = Policy("report")
    parts = {"A": 9, "B": 6, "C": 2}
    # with the total shown, hiding only C would let C = total - A - B: B goes too
    assert policy.hidden_parts(parts, total_shown=True) == {"B", "C"}
    assert policy.hidden_parts(parts, total_shown=False) == {"C"}
    assert policy.hidden_parts({"A": 9, "B": 2, "C": 1}, total_shown=True) == {"B", "C"}
    assert Policy("manager").hidden_parts(parts, total_shown=True) == set()


def test_one_small_group_among_big_ones_hides_another_groups_gaps() -> None:
    rows = [
        PayRow("Dev", "Mid", "creative", 60_000, 58_000, person=f"a{i}", group="A")
        for i in range(6)
    ]
    rows += [
        PayRow("Dev", "Mid", "creative", 50_000, 58_000, person=f"b{i}", group="B")
        for i in range(5)
    ]
    rows += [
        PayRow("Dev", "Mid", "creative", 55_000, 58_000, person=f"c{i}", group="C")
        for i in range(6)
    ]
    rows += [PayRow("Dev", "Mid", "creative", 40_000, 58_000, person="x", group="D")]
    (figures,) = role_figures(rows)
    assert len(figures.group_gaps) == 3 and figures.suppressed_groups == 1
    view = Policy("report").role(figures)
    assert all("B" not in (g.higher_group, g.lower_group) for g in view.gaps)
    assert view.gaps and view.gaps_withheld


def _fields(figures: object) -> dict[str, object]:
    return {name: getattr(figures, name) for name in figures.__slots__}  # type: ignore[attr-defined]
