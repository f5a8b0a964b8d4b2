"""One refresh reads one state of the file: while another process commits a note and an answer
together in a loop, every read of the rules' inputs (and of the window's refresh) sees as
many notes as answers, never the one without the other."""

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.framework.evaluation import WorkshopInputs
from ampdesk.framework.followup import CHECKIN_ITEMS
from ampdesk.report.context import gather
from ampdesk.status import status_data
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.hosted import host_workshop
from tests.statements import statements_sent

COMMITS = 300
# A second program writing to the same file: each transaction adds one note and one answer.
_WRITER = f"""
import sys
from pathlib import Path
from ampdesk.store.models import Answer, Note
from ampdesk.store.workshop_file import open_workshop
with open_workshop(Path(sys.argv[1])) as workshop:
    for n in range({COMMITS}):
        with workshop.session() as s:
            s.add(Note(step="autonomy", kind="idea", text=f"idea {{n}}"))
            s.add(Answer(activity="autonomy", item="how.current", value=3))
        print(n, flush=True)
"""


@contextmanager
def _writer(path: Path) -> Iterator[subprocess.Popen[str]]:
    """The writer process, once its first commit is in the file."""
    process = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == "0\n", "the writer did not start"
        yield process
    finally:
        process.kill() if process.poll() is None else None
        process.wait()


def _answers(inputs: WorkshopInputs) -> int:
    return sum(len(values) for values in inputs.autonomy_answers.values())


@pytest.mark.slow
def test_the_rules_inputs_are_one_snapshot_while_another_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Snapshots").close()
    seen: set[int] = set()
    with open_workshop(path) as workshop, _writer(path) as writer:
        store = WorkshopStore(workshop)
        while writer.poll() is None:
            inputs = store.inputs()
            assert len(inputs.notes) == _answers(inputs), "a state that never existed"
            seen.add(len(inputs.notes))
        assert writer.returncode == 0
        final = store.inputs()
    assert len(final.notes) == _answers(final) == COMMITS
    assert len(seen) > 1  # the reads really happened while the writer committed


@pytest.mark.slow
def test_a_window_refresh_reads_one_state_while_another_process_writes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Snapshots").close()
    controller = WorkshopController(host_workshop(path), framework())
    read_by_rules: list[WorkshopInputs] = []
    store_inputs = controller.store.inputs

    def inputs() -> WorkshopInputs:
        read_by_rules.append(store_inputs())
        return read_by_rules[-1]

    controller.store.inputs = inputs  # type: ignore[method-assign]
    mismatches: list[str] = []

    def widgets_read() -> None:  # what a widget reads while it handles `changed`
        rules = read_by_rules[-1]
        notes = len(controller.notes("autonomy"))
        if not len(rules.notes) == _answers(rules) == notes:
            mismatches.append(f"rules: {len(rules.notes)}/{_answers(rules)}, widget: {notes}")

    controller.changed.connect(widgets_read)
    try:
        with _writer(path) as writer:
            while writer.poll() is None:
                with qtbot.waitSignal(controller.changed, timeout=10_000):
                    controller.schedule_refresh()
        with qtbot.waitSignal(controller.changed, timeout=10_000):
            controller.schedule_refresh()
    finally:
        controller.close()
    assert mismatches == []
    assert len(read_by_rules[-1].notes) == COMMITS
    assert len({len(r.notes) for r in read_by_rules}) > 2  # refreshes during the writes


def test_the_inputs_are_read_in_one_transaction(tmp_path: Path) -> None:
    with create_workshop(tmp_path / "w.ampdesk", "One go") as workshop:
        store = WorkshopStore(workshop)
        store.notes.add("autonomy", "idea", "Pick our tools")
        begins: list[object] = []
        event.listen(workshop.engine, "begin", begins.append)
        store.inputs()
        store.checklist("autonomy")
        with store.snapshot():
            store.inputs()
            store.notes.all()
            store.checkins.trend()
        assert len(begins) == 3


def _as_before(store: WorkshopStore, checkin: int | None) -> dict[str, list[int]]:
    """A moment's pulse as it was read before: per activity, through the answers shown."""
    found = {**store.answers.shown("autonomy", checkin), **store.answers.shown("fairness", checkin)}
    return {item: found[item] for item, _ in CHECKIN_ITEMS if item in found}


@pytest.mark.slow
def test_the_trend_reads_each_table_once_however_many_checkins(tmp_path: Path) -> None:
    with write_demo(tmp_path / "demo.ampdesk") as workshop:
        store = WorkshopStore(workshop)
        few = len(statements_sent(workshop, store.checkins.trend))
        trend_before = store.checkins.trend()
        for day in range(1, 7):
            checkin = store.checkins.add(dt.date(2027, 3, day), {})
            store.answers.add("fairness", "peers", [day % 5 + 1] * 2, checkin_id=checkin)
            for phone in range(6):  # phones answer, the facilitator reveals them
                store.answers.add(
                    "autonomy",
                    "how.current",
                    [phone % 5 + 1],
                    source="phone",
                    ballot=f"p{day}.{phone}",
                    checkin_id=checkin,
                )
            store.answers.reveal("autonomy", checkin)
            store.answers.add(
                "autonomy", "how.current", [5], source="phone", ballot="late", checkin_id=checkin
            )  # after the reveal: waits for the next batch
        many = len(statements_sent(workshop, store.checkins.trend))
        trend = store.checkins.trend()
        assert many == few  # one query per table, not one per check-in
        assert trend[: len(trend_before)] == trend_before
        assert len(trend) == len(trend_before) + 6
        moments = [None, *(c.id for c in store.checkins.all())]
        for moment in moments:
            assert store.checkins.pulse(moment) == _as_before(store, moment)
        assert store.checkins.pulse(moments[-1])["how.current"] == [
            1,
            1,
            2,
            3,
            4,
            5,
        ]  # not the late one


@pytest.mark.slow
def test_the_report_and_check_each_read_one_state(tmp_path: Path) -> None:
    with write_demo(tmp_path / "demo.ampdesk") as workshop:
        begins: list[object] = []
        event.listen(workshop.engine, "begin", begins.append)
        context = gather(workshop)
        assert len(begins) == 1
        data = status_data(workshop)
        assert len(begins) == 2
    assert context.counts.notes > 0 and data["workshop"]["title"] == context.details.title
