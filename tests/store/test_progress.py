"""Progress read from the data: step status, proven checklist rows, people counted by hands."""

from pathlib import Path

from ampdesk.framework.progress import participants
from ampdesk.framework.state import PURPOSE_STATEMENT
from ampdesk.store.workshop_file import create_workshop
from ampdesk.store.workshop_store import WorkshopStore


def test_a_step_with_content_is_in_progress_until_set_by_hand(tmp_path: Path) -> None:
    with create_workshop(tmp_path / "w.ampdesk", "Progress") as workshop:
        repo = WorkshopStore(workshop)
        assert set(repo.step_statuses().values()) == {"not_started"}
        repo.notes.add("purpose", "story", "A patient booked her therapy alone")
        assert repo.step_statuses()["purpose"] == "in_progress"
        assert repo.step_statuses()["mastery"] == "not_started"
        repo.progress.set_step_status("purpose", "done")
        assert repo.step_statuses()["purpose"] == "done"
        repo.progress.set_step_status(
            "purpose", None
        )  # undo of the first choice: the data speaks again
        assert repo.step_statuses()["purpose"] == "in_progress"


def test_rows_the_data_proves_are_ticked_and_can_be_unticked(tmp_path: Path) -> None:
    with create_workshop(tmp_path / "w.ampdesk", "Progress") as workshop:
        repo = WorkshopStore(workshop)
        assert repo.checklist("purpose") == {}
        repo.notes.add("purpose", "story", "Support rewrote the refund macro")
        repo.progress.set_decision(PURPOSE_STATEMENT, "Small shops get their Sundays back")
        assert repo.checklist("purpose") == {"story_shared": True, "statement_drafted": True}
        assert "purpose.story_shared" in repo.inputs().ticked
        repo.progress.set_checklist_item(
            "purpose", "story_shared", False
        )  # the facilitator disagrees
        assert repo.checklist("purpose")["story_shared"] is False
        assert "purpose.story_shared" not in repo.inputs().ticked


def test_people_counted_from_a_show_of_hands_when_no_phone_joined(tmp_path: Path) -> None:
    with create_workshop(tmp_path / "w.ampdesk", "Hands") as workshop:
        repo = WorkshopStore(workshop)
        repo.answers.set_facilitator_counts("fairness", "peers", [1, 2, 3, 3, 1])
        repo.answers.set_facilitator_counts("fairness", "market", [0, 2, 3, 2, 1])
        assert repo.counts().participants == 10
    assert participants(7, [10, 8]) == 7  # phones, when they were used
    assert participants(0, []) == 0
