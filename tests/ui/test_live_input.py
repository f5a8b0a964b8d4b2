"""Live input from the app: start the server, phones answer, the window and the presenter
screen show it, the facilitator moderates, pauses, opens a vote and stops."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ampdesk.framework.fairness import GateOverride
from ampdesk.store.live import LiveStore
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.notes_board import NotesBoard
from tests.live.client import Phone

Opener = Callable[[Path], WorkshopWindow]


def _start_live(qtbot: QtBot, window: WorkshopWindow) -> dict[str, object]:
    bar = window.live_bar
    bar.networks.aboutToShow.emit()  # the menu lists this computer's networks
    local = [a for a in bar.networks.actions() if a.text().startswith("127.0.0.1")]
    local[0].trigger()
    assert bar.host == "127.0.0.1"
    with qtbot.waitSignal(window.live.started, timeout=30000) as started:
        qtbot.mouseClick(bar.start_button, Qt.MouseButton.LeftButton)
    return started.args[0]


def _unlock(window: WorkshopWindow) -> None:
    """Go past the pay-fairness gate, as a facilitator with a remediation plan may."""
    window.controller.set_override(
        GateOverride("Audit not ready", "Run the pay audit", "HR lead", dt.date(2027, 1, 15))
    )
    window.controller.schedule_refresh()


def _joined_phone(qtbot: QtBot, window: WorkshopWindow) -> Phone:
    """Start live input from the toolbar and join one phone with the code shown."""
    info = _start_live(qtbot, window)
    phone = Phone(str(info["url"]))
    assert phone.join(str(info["code"])).status == 201
    return phone


def _wait_for_activity(qtbot: QtBot, phone: Phone, activity: str) -> None:
    """Poll as the phone page does (not faster: the server limits each phone's requests)."""
    for _ in range(50):
        if phone.state().data.get("activity") == activity:
            return
        qtbot.wait(200)
    raise AssertionError(f"the phone never saw {activity}")


def _board(window: WorkshopWindow, step: str) -> NotesBoard:
    return window.page(step).findChild(NotesBoard)  # type: ignore[return-value]


@pytest.mark.slow
def test_phones_answer_and_the_facilitator_sees_and_moderates(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    path = tmp_path / "live.ampdesk"
    with create_workshop(path, "Live") as workshop:  # three phones, all from 127.0.0.1
        LiveStore(workshop).set_phones_per_address(3)
    window = open_window(path)
    _unlock(window)
    qtbot.waitUntil(lambda: window.show_step("mastery"))
    window.present_page("mastery")
    info = _start_live(qtbot, window)
    assert window.live_bar.qr.pixmap() is not None and not window.live_bar.qr.pixmap().isNull()
    assert str(info["code"]) in window.live_bar.join.text()

    presenter = window.open_presenter()
    assert presenter.join_panel.isVisibleTo(presenter)
    assert presenter.join_code.text() == info["code"]

    phones = [Phone(str(info["url"])) for _ in range(3)]
    for phone in phones:
        assert phone.join(str(info["code"])).status == 201
    assert phones[0].state().data["activity"] == "mastery"
    hostile = "<b>bold</b> <img src=x>"
    for text in (hostile, "Facilitation", "Facilitaton"):
        reply = phones[0].submit("notes", {"activity": "mastery", "kind": "skill", "text": text})
        assert reply.status == 201
    board = _board(window, "mastery")
    qtbot.waitUntil(lambda: board.list.count() == 3, timeout=5000)  # no click: it refreshes
    texts = [board.list.item(i).text() for i in range(board.list.count())]
    assert any(hostile in t for t in texts)  # shown as typed, not as markup
    qtbot.waitUntil(lambda: "3 phones joined" in window.live_bar.phones.text(), timeout=5000)
    assert presenter.join_count.text() == "3 phones joined"

    # moderation: fix a typo, merge the duplicate, then undo the merge
    notes = {n.text: n.id for n in window.controller.store.notes.all("mastery")}
    window.controller.edit_note_text(notes["Facilitaton"], "Facilitation!")
    window.controller.merge_note(notes["Facilitaton"], notes["Facilitation"])
    qtbot.waitUntil(lambda: board.list.count() == 2)
    window.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: board.list.count() == 3)

    # pause: phones are told, nothing gets in
    window.live_bar.pause.setChecked(True)
    paused = phones[1].submit("notes", {"activity": "mastery", "kind": "skill", "text": "late"})
    assert paused.status == 409
    window.live_bar.pause.setChecked(False)

    # dot voting on the step's notes, then back to the step's activity
    window.live.open_vote("mastery", 2)
    _wait_for_activity(qtbot, phones[2], "voting")
    offered = [n["id"] for n in phones[2].state().data["voting"]["notes"]]
    assert phones[2].submit("votes", {"note_ids": offered[:2]}).status == 200
    qtbot.waitUntil(lambda: "●" in board.list.item(0).text(), timeout=5000)

    with qtbot.waitSignal(window.live.stopped, timeout=10000):
        qtbot.mouseClick(window.live_bar.start_button, Qt.MouseButton.LeftButton)
    assert not presenter.join_panel.isVisibleTo(presenter)
    window.close()
    with open_workshop(path) as workshop:
        repo = WorkshopStore(workshop)
        assert sorted(n.text for n in repo.notes.all("mastery")) == sorted(
            [hostile, "Facilitation", "Facilitation!"]
        )
        assert sum(n.votes for n in repo.notes.all("mastery")) == 2


@pytest.mark.slow
def test_phones_follow_the_facilitator_between_steps(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    path = tmp_path / "follow.ampdesk"
    create_workshop(path, "Follow").close()
    window = open_window(path)
    _unlock(window)
    phone = _joined_phone(qtbot, window)
    assert phone.state().data["activity"] == "waiting"  # the plan page has no activity
    for step, activity in (("fairness", "pulse"), ("autonomy", "autonomy"), ("purpose", "purpose")):
        qtbot.waitUntil(lambda s=step: window.show_step(s))
        window.present_page(step)
        _wait_for_activity(qtbot, phone, activity)
    answer = phone.submit("notes", {"activity": "purpose", "kind": "story", "text": "We helped"})
    assert answer.status == 201
    window.show_step("actions")
    window.present_page("actions")
    _wait_for_activity(qtbot, phone, "waiting")


@pytest.mark.slow
def test_a_checkin_pulse_runs_on_the_phones_from_the_followups_page(
    qtbot: QtBot, tmp_path: Path, open_window: Opener
) -> None:
    from ampdesk.ui.followups_page import FollowUpsPage

    path = tmp_path / "checkin.ampdesk"
    create_workshop(path, "Check-in").close()
    window = open_window(path)
    assert window.show_step("followups")
    page = window.page("followups")
    assert isinstance(page, FollowUpsPage)
    assert not page.pulse.isEnabled()  # no check-in yet
    qtbot.mouseClick(page.record, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.chooser.count() == 1)
    qtbot.mouseClick(page.pulse, Qt.MouseButton.LeftButton)
    assert "Start live input first" in window.statusBar().currentMessage()
    phone = _joined_phone(qtbot, window)
    qtbot.mouseClick(page.pulse, Qt.MouseButton.LeftButton)
    _wait_for_activity(qtbot, phone, "checkin")
    reply = phone.submit("answers", {"activity": "checkin", "answers": {"settled": 4}})
    assert reply.status == 200
    with open_workshop(path) as workshop:
        checkin = WorkshopStore(workshop).checkins.all()[0].id
        repo = WorkshopStore(workshop)
        assert repo.answers.by_item("fairness", checkin) == {"settled": [4]}
        assert repo.checkins.pulse(checkin) == {}  # shown only after a reveal


@pytest.mark.slow
def test_two_phones_say_they_are_done(qtbot: QtBot, tmp_path: Path, open_window: Opener) -> None:
    path = tmp_path / "done.ampdesk"
    with create_workshop(path, "Done") as workshop:
        LiveStore(workshop).set_phones_per_address(3)
    window = open_window(path)
    _unlock(window)
    qtbot.waitUntil(lambda: window.show_step("purpose"))
    window.present_page("purpose")
    info = _start_live(qtbot, window)
    presenter = window.open_presenter()
    phones = [Phone(str(info["url"])) for _ in range(3)]
    for phone in phones:
        assert phone.join(str(info["code"])).status == 201
    _wait_for_activity(qtbot, phones[0], "purpose")
    for phone in phones[:2]:
        assert phone.submit("done", {"activity": "purpose"}).status == 200
    again = phones[0].submit("done", {"activity": "purpose"})  # a second tap counts once
    assert again.status == 200 and again.data["done"] == 2
    assert phones[2].submit("done", {"activity": "autonomy"}).status == 409
    qtbot.waitUntil(lambda: "2 of 3 done" in window.live_bar.done.text(), timeout=10000)
    assert presenter.done_label.text() == "2 of 3 done"
