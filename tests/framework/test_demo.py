"""The sample workshop teaches the method right: its pay action follows the gate's real reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.framework.evaluation import evaluate
from ampdesk.store.workshop_store import WorkshopStore


@pytest.mark.slow
def test_the_demo_pay_action_follows_the_fte_adjusted_gate_reason(tmp_path: Path) -> None:
    workshop = write_demo(tmp_path / "demo.ampdesk")
    repo = WorkshopStore(workshop)
    evaluation = evaluate(repo.inputs(), framework())
    (reason,) = evaluation.gate.reasons
    assert (reason.role, reason.level) == ("Software engineer", "Mid")
    # Part-timers are measured on FTE-adjusted pay: none of their roles is below market.
    part_time_roles = {(r.role, r.level) for r in repo.pay.rows() if r.fte < 1}
    for role in evaluation.roles:
        if (role.role, role.level) in part_time_roles and role.role != "Software engineer":
            assert role.median_compa_ratio >= 0.97
    (pay_action,) = [a for a in repo.actions.all() if a.step == "fairness"]
    assert "mid-level software engineers" in pay_action.title
    assert "works council" in pay_action.title
    assert "part-time" not in pay_action.title


@pytest.mark.slow
def test_the_demo_raises_only_the_warning_it_was_built_to_show(tmp_path: Path) -> None:
    repo = WorkshopStore(write_demo(tmp_path / "demo.ampdesk"))
    findings = evaluate(repo.inputs(), framework()).findings
    assert [f.id for f in findings] == ["if_then_reward_for_creative_work"]
    assert "Bonus for every feature shipped" in findings[0].detected
