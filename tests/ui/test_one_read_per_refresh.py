"""A window refresh and a report read the workshop's notes once: the step pages' statuses and
checklists, and the report's checklists, come from the inputs the rules were given, not from
a whole read of the file each (at 20,000 notes every such read costs about half a second)."""

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.report.context import gather
from ampdesk.store.workshop_file import Workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.hosted import host_workshop
from ampdesk.ui.main_window import WorkshopWindow
from tests.statements import statements_sent

EVERY_NOTE = "WHERE note.merged_into_id IS NULL ORDER BY note.id"


def _reads_of_every_note(workshop: Workshop, read: Callable[[], object]) -> int:
    """How many statements reading every note ``read`` sends."""
    return sum(EVERY_NOTE in statement for statement in statements_sent(workshop, read))


@pytest.mark.slow
def test_a_window_refresh_reads_every_note_once(qtbot: QtBot, tmp_path: Path) -> None:
    """The window's process asks its store host for the rules' inputs once per refresh
    (the host reads every note in it) and never for every note besides."""
    path = tmp_path / "demo.ampdesk"
    write_demo(path).close()
    workshop = host_workshop(path)
    window = WorkshopWindow(WorkshopController(workshop, framework()))
    qtbot.addWidget(window)
    window.show()
    asked: list[tuple[object, ...]] = []
    call = workshop.call

    def recorded(operation: str, *args: object, **kwargs: object) -> object:
        asked.append((operation, *args))
        return call(operation, *args, **kwargs)

    workshop.call = recorded  # type: ignore[method-assign]
    for step in ("fairness", "purpose"):  # a step page shown reads its checklist and status
        assert window.show_step(step)
        asked.clear()
        with qtbot.waitSignal(window.controller.changed, timeout=10_000):
            window.controller.schedule_refresh()
        assert asked.count(("store", "inputs")) == 1
        assert ("store", "notes.all") not in asked
        assert ("store", "notes.all", None) not in asked
        assert all(a[1] not in ("step_statuses", "checklist") for a in asked if a[0] == "store")
    with write_demo(tmp_path / "alone.ampdesk") as alone:  # what `inputs` costs in the host
        assert _reads_of_every_note(alone, WorkshopStore(alone).inputs) == 1


@pytest.mark.slow
def test_a_report_reads_every_note_once(tmp_path: Path) -> None:
    with write_demo(tmp_path / "demo.ampdesk") as workshop:
        assert _reads_of_every_note(workshop, lambda: gather(workshop)) == 1
