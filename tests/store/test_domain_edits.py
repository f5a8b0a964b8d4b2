"""Domain edits are store operations, one transaction each, returning the rows they touched;
the window's undo and the command line go through the same operation."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import event

from ampdesk.demo import write_demo
from ampdesk.framework.fairness import GateOverride
from ampdesk.store.gate import OVERRIDE_ACTION_KEY, REMEDIATION_MEASURE
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.cli.runner import ampdesk

DUE = dt.date(2027, 3, 1)


def _rows(path: Path, query: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(query).fetchall()


@pytest.mark.slow
def test_an_override_its_remediation_and_their_link_are_one_transaction(tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    write_demo(path).close()
    commits: list[object] = []
    with open_workshop(path) as workshop:
        event.listen(workshop.engine, "commit", commits.append)
        keys = WorkshopStore(workshop).gate.override(
            GateOverride("Budget in March", "Lift mid engineers", "CFO", DUE)
        )
    assert len(commits) == 1
    [(override_id,)] = _rows(path, "SELECT id FROM gate_override")
    [(action_id,)] = _rows(path, "SELECT max(id) FROM action")
    assert keys == (
        ("gate_override", (override_id,)),
        ("action", (action_id,)),
        ("setting", (OVERRIDE_ACTION_KEY,)),
    )
    assert _rows(
        path, f"SELECT step, title, owner, measure FROM action WHERE id = {action_id}"
    ) == [("fairness", "Lift mid engineers", "CFO", REMEDIATION_MEASURE)]
    link = f"SELECT value FROM setting WHERE key = '{OVERRIDE_ACTION_KEY}'"
    assert _rows(path, link) == [(f"{override_id}:{action_id}",)]


def test_an_override_whose_remediation_cannot_be_an_action_writes_nothing(
    tmp_path: Path,
) -> None:
    """The remediation fits an override (1,000 characters) but not an action's title (500):
    the action is refused, and with it the override (three transactions left it alone)."""
    path = tmp_path / "w.ampdesk"
    write_demo(path).close()
    before = {t: _rows(path, f"SELECT * FROM {t}") for t in ("gate_override", "action", "setting")}
    with open_workshop(path) as workshop, pytest.raises(ValueError):
        WorkshopStore(workshop).gate.override(GateOverride("Budget", "x" * 600, "CFO", DUE))
    assert {t: _rows(path, f"SELECT * FROM {t}") for t in before} == before


def test_a_delete_takes_along_what_its_cascade_names_and_returns_it(tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    write_demo(path).close()
    with open_workshop(path) as workshop:
        store = WorkshopStore(workshop)
        action = store.actions.all()[0].id
        statuses = _rows(path, f"SELECT checkin_id FROM checkin_status WHERE action_id = {action}")
        assert statuses
        keys = store.actions.delete(action)
        assert sorted(keys) == sorted(
            [("action", (action,))]
            + [("checkin_status", (checkin, action)) for (checkin,) in statuses]
        )
        checkin = store.checkins.all()[0].id
        keys = store.checkins.delete(checkin)
    assert ("checkin", (checkin,)) in keys
    assert not _rows(path, f"SELECT * FROM checkin_status WHERE checkin_id = {checkin}")
    assert not _rows(path, f"SELECT * FROM answer WHERE checkin_id = {checkin}")


@pytest.mark.slow
def test_the_command_line_overrides_and_withdraws_through_the_same_operation(
    tmp_path: Path,
) -> None:
    path = tmp_path / "w.ampdesk"
    write_demo(path).close()
    args = ["--reason", "Budget in March", "--remediation", "Lift mid engineers"]
    result = ampdesk(
        "override", str(path), *args, "--owner", "CFO", "--due", "2027-03-01", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(ampdesk("check", "--json", str(path), cwd=tmp_path).stdout)
    assert data["gate"]["overridden"] is True
    titles = _rows(path, "SELECT title, step, measure FROM action")
    assert ("Lift mid engineers", "fairness", REMEDIATION_MEASURE) in titles
    again = ampdesk(
        "override", str(path), *args, "--owner", "CFO", "--due", "2027-03-01", cwd=tmp_path
    )
    assert again.returncode == 2 and "in force already" in again.stderr
    for bad in (["--reason", "x"], [*args, "--owner", "CFO", "--due", "March"]):
        refused = ampdesk("override", str(path), *bad, cwd=tmp_path)
        assert refused.returncode == 2 and refused.stderr.count("\n") == 1, refused.stderr
    withdrawn = ampdesk("override", str(path), "--withdraw", cwd=tmp_path)
    assert withdrawn.returncode == 0, withdrawn.stderr
    data = json.loads(ampdesk("check", "--json", str(path), cwd=tmp_path).stdout)
    assert data["gate"]["overridden"] is False
    assert _rows(path, "SELECT count(*) FROM gate_override WHERE withdrawn_at IS NOT NULL") == [
        (1,)
    ]
    none = ampdesk("override", str(path), "--withdraw", cwd=tmp_path)
    assert none.returncode == 2 and "no override is in force" in none.stderr
