"""Pay figures and the gate, against numbers worked out by hand."""

import datetime as dt

import pytest

from ampdesk.framework.fairness import (
    GateOverride,
    GateThresholds,
    PayRow,
    advice,
    evaluate_gate,
    role_figures,
    routine_share,
)
from ampdesk.framework.pulse import summarize


def row(pay: float, median: float, **kw: object) -> PayRow:
    values: dict[str, object] = {"role": "Designer", "level": "Mid", "work_type": "creative"}
    values.update(kw)
    return PayRow(pay=pay, market_median=median, **values)  # type: ignore[arg-type]


def test_compa_ratio_worked_examples() -> None:
    # FACTS.md: 45,000 / 50,000 = 0.90; 72,000 and 88,000 against 80,000 = 0.90 and 1.10
    assert row(45_000, 50_000).compa_ratio == pytest.approx(0.90)
    assert row(72_000, 80_000).compa_ratio == pytest.approx(0.90)
    assert row(88_000, 80_000).compa_ratio == pytest.approx(1.10)


def test_part_time_pay_is_scaled_to_full_time() -> None:
    # 30,000 at 0.6 FTE is 50,000 full time; against 50,000 that is exactly at market
    part_timer = row(30_000, 50_000, fte=0.6)
    assert part_timer.adjusted_pay == pytest.approx(50_000)
    assert part_timer.compa_ratio == pytest.approx(1.0)


def test_role_figures_median_and_spread() -> None:
    rows = [row(72_000, 80_000), row(88_000, 80_000), row(80_000, 80_000)]
    (figures,) = role_figures(rows)
    assert figures.headcount == 3
    assert figures.median_compa_ratio == pytest.approx(1.00)  # median of 0.90, 1.00, 1.10
    assert figures.spread == pytest.approx(88_000 / 72_000)  # 1.222...
    assert figures.group_gaps == ()
    assert figures.state == "pass"  # 1.00 is at market; spread 1.22 is under 1.5


def test_group_gap_needs_five_in_each_group() -> None:
    # FACTS.md: mean gap 60,000 versus 54,000 = 10% of the higher
    rows = [row(60_000, 60_000, group="A") for _ in range(5)]
    rows += [row(54_000, 60_000, group="B") for _ in range(5)]
    (figures,) = role_figures(rows)
    (gap,) = figures.group_gaps
    assert (gap.higher_group, gap.lower_group) == ("A", "B")
    assert gap.gap_share == pytest.approx(0.10)
    assert figures.suppressed_groups == 0

    small = rows[:-1]  # group B has only four people now
    (figures,) = role_figures(small)
    assert figures.group_gaps == ()
    assert figures.suppressed_groups == 1


def test_routine_share() -> None:
    rows = [row(1, 1, work_type="routine"), row(1, 1), row(1, 1), row(1, 1, work_type="routine")]
    assert routine_share(rows) == pytest.approx(0.5)
    assert routine_share([]) is None


def _codes(result: object) -> set[str]:
    return {r.code for r in result.reasons}  # type: ignore[attr-defined]


def pulse(*values: int) -> object:
    return summarize(list(values), 5)


def test_gate_not_assessed_without_audit_or_pulse() -> None:
    result = evaluate_gate((), None)
    assert result.state == "not_assessed"
    assert result.locks_steps


def test_gate_blocked_by_low_median_compa_ratio() -> None:
    # 40,000 / 50,000 = 0.80 < 0.85
    roles = role_figures([row(40_000, 50_000)])
    result = evaluate_gate(roles, pulse(4, 4, 4, 4, 4))
    assert result.state == "blocked"
    assert _codes(result) == {"low_compa_ratio"}
    (reason,) = result.reasons
    assert reason.role == "Designer" and reason.level == "Mid"
    assert reason.value == pytest.approx(0.80) and reason.threshold == 0.85
    assert "0.80" in reason.message and "0.85" in reason.message
    assert result.locks_steps


def test_gate_blocked_by_the_peer_pulse() -> None:
    roles = role_figures([row(52_000, 50_000)])
    # mean (1+1+2+3+4)/5 = 2.2 < 2.5 and 3 of 5 = 60% disagree >= 40%
    result = evaluate_gate(roles, pulse(1, 1, 2, 3, 4))
    assert result.state == "blocked"
    assert _codes(result) == {"peer_pulse_low_mean", "peer_pulse_disagreement"}


def test_gate_attention_reasons() -> None:
    t = GateThresholds()
    creative = [row(49_000, 50_000)]  # 0.98 < 1.00 for creative work
    routine = [row(46_000, 50_000, role="Support", work_type="routine")]  # 0.92 < 0.95
    wide = [row(40_000, 45_000, role="Analyst"), row(65_000, 45_000, role="Analyst")]
    # spread 65,000 / 40,000 = 1.625 > 1.5 (median compa (0.889 + 1.444) / 2 = 1.17)
    roles = role_figures(creative + routine + wide, t)
    # mean (3+3+4+4+3)/5 = 3.4 < 3.5, nobody disagrees
    result = evaluate_gate(roles, pulse(3, 3, 4, 4, 3), t)
    assert result.state == "attention"
    assert _codes(result) == {
        "creative_below_market",
        "routine_below_market",
        "wide_spread",
        "peer_pulse_below_comfort",
    }
    assert not result.locks_steps


def test_gate_attention_for_a_group_gap_and_missing_parts() -> None:
    rows = [row(60_000, 58_000, group="A") for _ in range(5)]
    rows += [row(56_000, 58_000, group="B") for _ in range(5)]  # gap 4,000 / 60,000 = 6.7%
    result = evaluate_gate(role_figures(rows), None)
    assert result.state == "attention"
    assert _codes(result) == {"group_gap", "no_pulse"}
    only_pulse = evaluate_gate((), pulse(4, 4, 5, 4, 4))
    assert only_pulse.state == "attention"
    assert _codes(only_pulse) == {"no_audit"}


def test_gate_pass() -> None:
    roles = role_figures([row(52_000, 50_000), row(51_000, 50_000)])
    result = evaluate_gate(roles, pulse(4, 4, 5, 4, 3))
    assert result.state == "pass"
    assert result.reasons == ()


def test_small_pulse_is_not_used() -> None:
    roles = role_figures([row(52_000, 50_000)])
    result = evaluate_gate(roles, pulse(1, 1, 1, 1))  # four answers: suppressed
    assert result.state == "attention"
    assert _codes(result) == {"no_pulse"}
    assert "too few answers" in result.reasons[0].message


def test_thresholds_are_configurable() -> None:
    roles = role_figures([row(44_000, 50_000)])  # 0.88
    assert evaluate_gate(roles, pulse(4, 4, 4, 4, 4)).state == "attention"
    strict = GateThresholds.from_mapping({"blocked_median_compa": "0.9"})
    assert evaluate_gate(role_figures([row(44_000, 50_000)], strict), None, strict).state == (
        "blocked"
    )


@pytest.mark.parametrize(
    "values",
    [{"min_group_size": 2}, {"attention_group_gap": 1.5}, {"blocked_peer_mean": "x"}, {"nope": 1}],
)
def test_bad_thresholds_are_refused(values: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=next(iter(values))):
        GateThresholds.from_mapping(values)  # type: ignore[arg-type]


def test_override_unlocks_but_keeps_the_reasons() -> None:
    roles = role_figures([row(40_000, 50_000)])
    override = GateOverride("Budget round in March", "Raise to 0.9", "CFO", dt.date(2027, 3, 1))
    result = evaluate_gate(roles, None, override=override)
    assert result.state == "blocked" and result.overridden and not result.locks_steps
    assert "low_compa_ratio" in _codes(result)
    with pytest.raises(ValueError, match="reason"):
        GateOverride(" ", "x", "y", dt.date(2027, 1, 1))


def test_advice_by_work_type() -> None:
    rows = [row(30_000, 40_000, role="Support", work_type="routine") for _ in range(3)]
    rows.append(row(50_000, 50_000))
    roles = role_figures(rows)
    codes = {a.code for a in advice(roles, routine_share(rows))}
    # 3 of 4 routine (75% > 50%); Support at 0.75 < 0.85
    assert codes == {"routine_pay", "creative_pay", "mostly_routine_work", "severe_underpayment"}
