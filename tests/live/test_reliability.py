"""Nothing acknowledged is lost: 50 phones at once, and a server killed with SIGKILL."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.live.client import LiveProcess, new_key

Serve = Callable[..., LiveProcess]
PHONES = 50
NOTES_EACH = 4


def test_fifty_phones_at_once_are_all_counted(serve: Serve, workshop_path: Path) -> None:
    server = serve("--step", "autonomy")

    def one_phone(number: int) -> list[int]:
        phone = server.phone()
        statuses = [
            phone.submit(
                "answers", {"activity": "autonomy", "answers": {"how.current": 1 + number % 5}}
            ).status
        ]
        for i in range(NOTES_EACH):
            body = {
                "activity": "autonomy",
                "kind": "idea",
                "dimension": "who",
                "text": f"{number}/{i}",
            }
            key = new_key()
            statuses.append(phone.submit("notes", body, key=key).status)
            statuses.append(phone.submit("notes", body, key=key).status)  # a retry
        return statuses

    with ThreadPoolExecutor(PHONES) as pool:
        statuses = [s for result in pool.map(one_phone, range(PHONES)) for s in result]
    assert set(statuses) == {200, 201}
    with open_workshop(workshop_path) as workshop:
        repo = WorkshopStore(workshop)
        texts = sorted(n.text for n in repo.notes.all("autonomy"))
        answers = repo.answers.by_item("autonomy")
    assert texts == sorted(f"{p}/{i}" for p in range(PHONES) for i in range(NOTES_EACH))
    assert len(answers["how.current"]) == PHONES


def test_sigkill_loses_no_acknowledged_submission(serve: Serve, workshop_path: Path) -> None:
    server = serve("--step", "purpose")
    phone = server.phone()
    acknowledged = []
    for i in range(40):
        text = f"Story {i}"
        if (
            phone.submit("notes", {"activity": "purpose", "kind": "story", "text": text}).status
            == 201
        ):
            acknowledged.append(text)
    server.kill()
    with open_workshop(workshop_path) as workshop:
        stored = [n.text for n in WorkshopStore(workshop).notes.all("purpose")]
    assert len(acknowledged) == 40 and stored == acknowledged
