"""The timer follows the workshop: clocks keep running across pages, overtime shows, times are
kept in the file and printed in the report."""

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from ampdesk.demo import write_demo
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.step_timer import PRESENTER_COLOURS, StepTimer, TimerBar, urgency
from tests.cli.runner import ampdesk

Opener = Callable[[Path], WorkshopWindow]
PLAN = {"fairness": 40, "autonomy": 50}


@pytest.mark.slow
def test_clock_keeps_running_on_other_pages_and_one_runs_at_a_time(qtbot: QtBot) -> None:
    recorded: dict[str, int] = {}
    timer = StepTimer(PLAN.get, {"fairness": 90}, recorded.__setitem__)
    timer.set_step("autonomy")
    assert timer.remaining == 50 * 60
    timer.toggle()
    assert timer.running_step == "autonomy"
    timer.set_step("plan")  # an untimed page: the controls act on the running clock
    assert timer.subject == "autonomy" and timer.running
    qtbot.waitUntil(lambda: timer.elapsed.get("autonomy", 0) >= 1, timeout=3000)
    timer.set_step("fairness")  # another step's page: its own clock, stopped
    assert timer.subject == "fairness" and not timer.running
    assert timer.remaining == 40 * 60 - 90
    timer.toggle()  # starting fairness pauses autonomy, whose time is recorded
    assert timer.running_step == "fairness"
    assert recorded["autonomy"] == timer.elapsed["autonomy"] >= 1
    timer.pause()
    assert recorded["fairness"] == timer.elapsed["fairness"]
    timer.extend(1)
    timer.extend(5)
    assert timer.planned_seconds("fairness") == 46 * 60


def test_overtime_changes_colour() -> None:
    assert [urgency(s) for s in (600, 120, 0, -1)] == ["ok", "soon", "soon", "over"]


@pytest.mark.slow
def test_window_timer_across_pages_overtime_and_kept_in_file(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    path = tmp_path / "demo.ampdesk"
    write_demo(path).close()
    window = open_window(path)
    assert window.show_step("autonomy")
    window.timer.toggle()
    assert window.show_step("cases")
    assert window.timer_toolbar.isVisible()  # the running clock stays in sight
    qtbot.waitUntil(lambda: window.timer.elapsed.get("autonomy", 0) >= 2, timeout=4000)
    assert window.show_step("plan")
    assert window.timer.running
    bar = window.timer_toolbar.findChild(TimerBar)
    assert bar is not None and "Autonomy" in bar.step_name.text()
    window.timer.elapsed["autonomy"] = 63 * 60  # the group took longer than planned
    window.timer.changed.emit()
    assert bar.label.property("urgency") == "over"
    assert "over time" in bar.label.text()
    window.show_step("autonomy")
    window.present_page("autonomy")
    presenter = window.open_presenter()
    assert PRESENTER_COLOURS["over"] in presenter.timer_label.styleSheet()
    assert presenter.timer_label.text().startswith("\u2212")
    window.close()
    with open_workshop(path) as workshop:
        assert WorkshopStore(workshop).progress.step_seconds()["autonomy"] >= 63 * 60
    out = tmp_path / "report.pdf"
    result = ampdesk("report", str(path), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Design for autonomy: planned 50 min, took 63 min" in " ".join(text.split())
    reopened = open_window(path)
    assert reopened.timer.elapsed["autonomy"] >= 63 * 60
