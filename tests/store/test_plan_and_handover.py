"""The plan in the file, templates on disk, hand-over copies and check-ins, on real files."""

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.framework.evaluation import evaluate
from ampdesk.framework.plan import PlanError, StepPlan, full_day
from ampdesk.store.handover import hand_over
from ampdesk.store.models import Answer, CheckIn, CheckInStatus
from ampdesk.store.row_images import RowChange, Rows, apply, take
from ampdesk.store.templates import SHIPPED, load_template, new_from_template, save_template
from ampdesk.store.workshop_file import WorkshopFileError, create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore

CONTENT = framework()


def test_the_plan_is_stored_and_a_bad_plan_writes_nothing(tmp_path: Path) -> None:
    with create_workshop(tmp_path / "p.ampdesk", "Plan") as workshop:
        repo = WorkshopStore(workshop)
        plan = replace(full_day(CONTENT), steps={"mastery": StepPlan(prompts=(1,), phones=False)})
        repo.plan.set(plan)
        repo.plan.set_roster(["Ada", " ", "Grace"])
        bad = replace(plan, steps={"mastery": StepPlan(case="no-such-case")})
        with pytest.raises(PlanError):
            repo.plan.set(bad)
    with open_workshop(tmp_path / "p.ampdesk") as workshop:
        repo = WorkshopStore(workshop)
        assert repo.plan.get() == plan
        assert repo.plan.roster() == ["Ada", "Grace"]


def test_shipped_templates_load_and_start_a_planned_workshop(tmp_path: Path) -> None:
    for name in SHIPPED:
        template = load_template(name)
        with new_from_template(tmp_path / f"{name}.ampdesk", template) as workshop:
            repo = WorkshopStore(workshop)
            assert repo.plan.get() == template.plan
            assert repo.details.get().title == template.title


@pytest.mark.slow
def test_a_saved_template_holds_the_plan_and_nothing_about_people(tmp_path: Path) -> None:
    path = tmp_path / "demo.ampdesk"
    write_demo(path).close()
    with open_workshop(path) as workshop:
        repo = WorkshopStore(workshop)
        repo.plan.set_roster(["Heron Lindqvist"])
        people = {row.person for row in repo.pay.rows() if row.person}
        notes = [n.text for n in repo.notes.all()]
        save_template(workshop, tmp_path / "t.json", "Our format")
        plan = repo.plan.get()
    text = (tmp_path / "t.json").read_text(encoding="utf-8")
    assert load_template(tmp_path / "t.json").plan == replace(plan, facilitator_notes="")
    for private in [*people, *notes, "Heron Lindqvist", "78500", plan.facilitator_notes]:
        assert private not in text


def test_a_template_that_fails_leaves_no_workshop_file(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"format": "ampdesk-template", "version": 9}')
    with pytest.raises(PlanError, match="version 9"):
        load_template(tmp_path / "broken.json")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(PlanError, match="not a text file"):
        load_template(tmp_path / "binary.json")


@pytest.mark.slow
def test_hand_over_without_individual_pay_keeps_the_figures_and_no_ones_pay(tmp_path: Path) -> None:
    source = tmp_path / "manager.ampdesk"
    write_demo(source).close()
    target = tmp_path / "facilitator.ampdesk"
    with open_workshop(source) as workshop:
        repo = WorkshopStore(workshop)
        rows = repo.pay.rows()
        before = evaluate(repo.inputs(), CONTENT)
        hand_over(workshop, target, include_individual_pay=False)
        with pytest.raises(WorkshopFileError):
            hand_over(workshop, source, include_individual_pay=False)
    with open_workshop(target) as copy:
        repo = WorkshopStore(copy)
        after = evaluate(repo.inputs(), CONTENT)
        assert repo.pay.rows() == ()
        assert repo.pay.summary() is not None and repo.pay.summary().people == len(rows)
        assert len(repo.notes.all()) > 0  # the rest of the workshop is all there
    # the gate works as before: every group's state and every reason's code are kept ...
    assert [(r.role, r.level, r.state) for r in after.roles] == [
        (r.role, r.level, r.state) for r in before.roles
    ]
    assert after.gate.state == before.gate.state
    assert [r.code for r in after.gate.reasons] == [r.code for r in before.gate.reasons]
    # ... the figures of groups with enough people too, and no figure of a small group
    for was, now in zip(before.roles, after.roles, strict=True):
        if was.headcount >= 5:
            assert now.median_compa_ratio == was.median_compa_ratio
        else:
            assert now.median_compa_ratio is None and now.spread is None
    assert any(r.headcount < 5 for r in before.roles)
    data = target.read_bytes()
    for name in {row.person for row in rows if row.person}:
        assert name.encode() not in data  # not even in free pages
    assert not list(tmp_path.glob(".*partial"))


@pytest.mark.slow
def test_hand_over_with_individual_pay_is_a_full_copy(tmp_path: Path) -> None:
    source = tmp_path / "manager.ampdesk"
    write_demo(source).close()
    with open_workshop(source) as workshop:
        hand_over(workshop, tmp_path / "full.ampdesk", include_individual_pay=True)
        rows = WorkshopStore(workshop).pay.rows()
    with open_workshop(tmp_path / "full.ampdesk") as copy:
        assert WorkshopStore(copy).pay.rows() == rows


def test_checkins_trend_and_undoable_delete(tmp_path: Path) -> None:
    with create_workshop(tmp_path / "c.ampdesk", "C") as workshop:
        repo = WorkshopStore(workshop)
        repo.details.update(anonymity_threshold=3)
        action = repo.actions.add("autonomy", "Own tools", "Team lead", None, "")
        repo.answers.set_facilitator_counts("fairness", "peers", [0, 3, 0, 0, 0])  # the workshop
        first = repo.checkins.add(dt.date(2027, 1, 5), {action: ("on_track", "")})
        repo.answers.set_facilitator_counts("fairness", "peers", [0, 0, 3, 0, 0], first)
        second = repo.checkins.add(dt.date(2027, 2, 5), {})
        repo.checkins.set_status(second, action, "done", "shipped")
        repo.answers.set_facilitator_counts("fairness", "peers", [0, 0, 0, 3, 0], second)
        trend = repo.checkins.trend()
        assert [p.means["peers"] for p in trend] == [2.0, 3.0, 4.0]
        assert trend[2].statuses["done"] == 1
        rows = (
            Rows(CheckIn, CheckIn.id == second),
            Rows(CheckInStatus, CheckInStatus.checkin_id == second),
            Rows(Answer, Answer.checkin_id == second),
        )
        before = take(workshop, rows)
        repo.checkins.delete(second)
        assert len(repo.checkins.trend()) == 2 and repo.checkins.pulse(second) == {}
        assert take(workshop, rows) == {}
        apply(workshop, RowChange((), tuple(before.values())))  # what undo writes back
        assert take(workshop, rows) == before  # the same ids, statuses and answers
        assert repo.checkins.trend() == trend
