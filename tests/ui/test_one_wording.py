"""One state, one wording: the window, the report and ``ampdesk check`` put the gate, a role,
a step's progress and a finding into the same words, the message catalogue's."""

import datetime as dt
import json
from collections.abc import Callable
from html import escape
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from ampdesk.demo import write_demo
from ampdesk.framework.fairness import GateOverride
from ampdesk.framework.messages import (
    ENGLISH,
    first_upper,
    gate_headline,
    gate_words,
    progress_words,
    role_words,
    step_words,
)
from ampdesk.store.workshop_file import create_workshop
from ampdesk.ui.fairness_panel import FairnessPanel
from ampdesk.ui.main_window import WorkshopWindow
from tests.cli.runner import ampdesk
from tests.report.pdf import flat


def _fresh_with_work_in_step_two(window: WorkshopWindow) -> None:
    window.controller.set_step_status("autonomy", "in_progress")


def _overridden(window: WorkshopWindow) -> None:
    window.controller.set_override(
        GateOverride("Budget round in March", "Lift mid engineers", "CFO", dt.date(2027, 3, 1))
    )


@pytest.mark.parametrize(
    ("start", "edit", "state", "overridden"),
    [
        ("fresh", _fresh_with_work_in_step_two, "not_assessed", False),
        ("demo", lambda window: None, "attention", False),
        ("demo", _overridden, "attention", True),
    ],
)
@pytest.mark.slow
def test_window_report_and_check_say_the_same(
    qtbot: QtBot,
    tmp_path: Path,
    open_window: Callable[[Path], WorkshopWindow],
    start: str,
    edit: Callable[[WorkshopWindow], None],
    state: str,
    overridden: bool,
) -> None:
    path = tmp_path / "w.ampdesk"
    if start == "demo":
        write_demo(path).close()
    else:
        create_workshop(path, "Fresh").close()
    window = open_window(path)
    edit(window)
    qtbot.waitUntil(
        lambda: (
            bool(window.controller.evaluation.findings)
            and window.controller.evaluation.gate.overridden == overridden
        )
    )
    evaluation = window.controller.evaluation
    assert evaluation.gate.state == state
    panel = window.page("fairness").findChild(FairnessPanel)
    assert panel is not None
    gate_label = panel.gate.label.text()
    rail = [window.rail.item(window.page_ids.index(s)).toolTip() for s in ("autonomy", "purpose")]
    cards = [card.label.text() for card in window.warnings.cards]
    role_cells = [panel.roles.item(r, 7).text() for r in range(panel.roles.rowCount())]
    window.close()

    checked = ampdesk("check", path.name, "--json", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    data = json.loads(checked.stdout)
    plain = ampdesk("check", path.name, cwd=tmp_path).stdout
    assert ampdesk("report", path.name, "-o", "r.pdf", cwd=tmp_path).returncode == 0
    report = flat(" ".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages))

    # The gate: check --json's words are the catalogue's, and everyone says them.
    gate = data["gate"]
    assert gate["words"] == gate_words(state)
    assert gate["headline"] == gate_headline(state, gate["overridden"])
    assert escape(gate["headline"]) in gate_label
    assert gate["headline"] in plain
    assert f"Pay-fairness gate: {gate['words']}" in report
    if gate["locks_steps"]:
        assert all(f"({gate['words']})" in tip for tip in rail)
    # Roles: the window's table and check --json name each state alike (this report lists
    # no role: the demo's groups are all under the anonymity threshold).
    assert [r["state_words"] for r in data["roles"]] == [
        role_words(r["state"]) for r in data["roles"]
    ]
    assert role_cells == [role_words(r.state) for r in evaluation.roles][: len(role_cells)]
    # Steps' progress.
    for step in data["steps"].values():
        assert step["status_words"] == progress_words(step["status"])
    # Findings: what was seen and where, the same in the window, the report and check.
    for mistake in data["mistakes"]:
        where = mistake["where"]
        assert where == step_words(mistake["step"])
        assert any(escape(mistake["detected"]) in c and escape(where) in c for c in cards)
        assert mistake["detected"] in report and f"{first_upper(where)}." in report
        assert f"({where}): {mistake['detected']}" in plain


@pytest.mark.slow
def test_a_finding_names_steps_and_states_in_words(
    qtbot: QtBot, tmp_path: Path, open_window: Callable[[Path], WorkshopWindow]
) -> None:
    create_workshop(tmp_path / "w.ampdesk", "Fresh").close()
    window = open_window(tmp_path / "w.ampdesk")
    window.controller.set_step_status("autonomy", "in_progress")
    window.controller.set_step_status("mastery", "in_progress")
    qtbot.waitUntil(lambda: bool(window.controller.evaluation.findings))
    (finding,) = window.controller.evaluation.findings
    assert finding.detected == (
        "Steps 2 (Autonomy) and 3 (Mastery) hold work while the pay-fairness gate is "
        "not assessed, and no action on pay is planned."
    )


def test_every_state_has_its_words() -> None:
    """The catalogue words every value of every state (a missing key would raise)."""
    for state in ("pass", "attention", "blocked", "not_assessed"):
        assert gate_words(state) and gate_headline(state, True)
    for state in ("pass", "attention", "blocked"):
        assert role_words(state)
    for status in ("not_started", "in_progress", "done"):
        assert progress_words(status)
    assert all(isinstance(key, str) and value for key, value in ENGLISH.items())
