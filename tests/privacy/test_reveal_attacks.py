"""The four attacks of issue 24 on the reveal, played through a real participant server, phones
over HTTP from loopback addresses and ``check --json``; each test fails if its attack works."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from ampdesk.framework.reveal import RevealError
from ampdesk.store.live import LiveStore
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.cli.runner import ampdesk
from tests.live.client import LiveProcess, Phone


def _pulse(path: Path, item: str) -> dict[str, Any]:
    result = ampdesk("check", str(path), "--json", cwd=path.parent)
    assert result.returncode == 0, result.stderr
    shown: dict[str, Any] = json.loads(result.stdout)["pulse"][item]
    return shown


def _answer(phone: Phone, **answers: int) -> None:
    reply = phone.submit("answers", {"activity": "pulse", "answers": answers})
    assert reply.status == 200, reply.data


def _reveal(path: Path) -> int:
    with open_workshop(path) as workshop:
        return WorkshopStore(workshop).answers.reveal("fairness")


def _live(tmp_path: Path, per_address: int | None = None, expected: int | None = None) -> Path:
    path = tmp_path / "live.ampdesk"
    with create_workshop(path, "Live") as workshop:
        repo = WorkshopStore(workshop)
        if per_address is not None:
            LiveStore(workshop).set_phones_per_address(per_address)
        repo.plan.set(dataclasses.replace(repo.plan.get(), expected_participants=expected))
    return path


def _revealed_five(path: Path, server: LiveProcess) -> list[Phone]:
    phones = [server.phone() for _ in range(5)]
    for phone in phones:
        _answer(phone, peers=4)
    assert _reveal(path) == 5
    return phones


@pytest.mark.slow
def test_a_resent_or_changed_answer_does_not_complete_a_batch(tmp_path: Path) -> None:
    """Attack (a): one new answer held back, then one phone re-sends its own answer four times
    (and changes it once): the batch must not be complete."""
    path = _live(tmp_path, per_address=20)
    server = LiveProcess(path, "--step", "fairness")
    try:
        phones = _revealed_five(path, server)
        before = _pulse(path, "peers")
        _answer(server.phone(), peers=1)  # the one new person
        for _ in range(4):
            _answer(phones[0], peers=4)  # the same answer again, with a new key each time
        _answer(phones[1], peers=5)  # a changed answer is no new person either
        assert _pulse(path, "peers") == before
        for _ in range(4):  # four more people: now five new ballots, shown at once
            _answer(server.phone(), peers=2)
        after = _pulse(path, "peers")
    finally:
        server.stop()
    assert before["counts"] == [0, 0, 0, 5, 0]
    assert after["n"] == 10 and after["counts"] == [1, 4, 0, 4, 1]


@pytest.mark.slow
def test_a_second_reveal_needs_the_threshold_of_new_people(tmp_path: Path) -> None:
    """Attack (b): reveal again after one new answer ("Reveal results (1 new)")."""
    path = _live(tmp_path, per_address=20)
    server = LiveProcess(path, "--step", "fairness")
    try:
        _revealed_five(path, server)
        before = _pulse(path, "peers")
        _answer(server.phone(), peers=1)
        with pytest.raises(RevealError, match="1 new answer since results were last shown"):
            _reveal(path)
        assert _pulse(path, "peers") == before
    finally:
        server.stop()


@pytest.mark.slow
def test_one_person_with_several_devices_cannot_fill_the_threshold(tmp_path: Path) -> None:
    """Attack (c): a laptop and a phone on two addresses, two joins each, one real answer."""
    path = _live(tmp_path)  # the default: one phone per address
    server = LiveProcess(path, "--step", "fairness")
    try:
        mine = [Phone(server.url, source=f"127.0.0.{a}") for a in (2, 2, 3, 3)]
        for phone in mine:
            assert phone.join(server.code).status == 201
            _answer(phone, peers=1)
        victim = Phone(server.url, source="127.0.0.4")
        assert victim.join(server.code).status == 201
        _answer(victim, peers=5)
        replaced = mine[0].state()
        assert replaced.status == 401  # its place went to the second phone from 127.0.0.2
        with open_workshop(path) as workshop:
            repo = WorkshopStore(workshop)
            # two phones for the two addresses; each address's answer counted once
            assert len(LiveStore(workshop).phones()) == 3
            assert sorted(repo.answers.by_item("fairness")["peers"]) == [1, 1, 5]
            with pytest.raises(RevealError, match="no statement has 5 answers"):
                repo.answers.reveal("fairness")
            repo.plan.set(dataclasses.replace(repo.plan.get(), expected_participants=2))
            LiveStore(workshop).allow("127.0.0.2", 2)  # even with a shared router allowed
        extra = Phone(server.url, source="127.0.0.2")
        assert extra.join(server.code).status == 201
        _answer(extra, peers=1)
        crowd = "4 phones joined but only 2 people are expected"
        with open_workshop(path) as workshop, pytest.raises(RevealError, match=crowd):
            WorkshopStore(workshop).answers.reveal("fairness")
    finally:
        server.stop()
    assert _pulse(path, "peers")["n"] == 0


@pytest.mark.slow
def test_a_second_join_from_an_address_carries_its_answers_over_once(tmp_path: Path) -> None:
    path = _live(tmp_path)
    server = LiveProcess(path, "--step", "fairness")
    try:
        first = server.phone()
        _answer(first, peers=2, market=3)
        second = server.phone()  # the same address: a new person on a shared phone, or a reload
        assert first.state().status == 401
        with open_workshop(path) as workshop:
            assert WorkshopStore(workshop).answers.by_item("fairness") == {
                "peers": [2],
                "market": [3],
            }
        _answer(second, peers=5)  # replaces the carried-over answer, never adds one
        with open_workshop(path) as workshop:
            found = WorkshopStore(workshop).answers.by_item("fairness")
            assert LiveStore(workshop).refused() == {"127.0.0.1": 1}
    finally:
        server.stop()
    assert found == {"peers": [5], "market": [3]}


@pytest.mark.slow
def test_typed_counts_never_pad_a_statement_few_phones_answered(tmp_path: Path) -> None:
    """Attack (d): one phone alone answered "market"; five raised hands are typed for it."""
    path = _live(tmp_path, per_address=20)
    server = LiveProcess(path, "--step", "fairness")
    try:
        phones = [server.phone() for _ in range(5)]
        for phone in phones:
            _answer(phone, peers=4)
        _answer(phones[0], market=1)  # the only phone that answered "market"
        assert _reveal(path) == 6
    finally:
        server.stop()
    with open_workshop(path) as workshop:
        hands = [0, 0, 0, 5, 0]
        WorkshopStore(workshop).answers.set_facilitator_counts("fairness", "market", hands)
    market = _pulse(path, "market")
    assert market["n"] == 5 and market["counts"] == [0, 0, 0, 5, 0]  # the phone's 1 is not in
