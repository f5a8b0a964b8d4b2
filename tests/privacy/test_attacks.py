"""Each attack of issue 12, played through the real parts; a test fails if its attack works.

docs/privacy.md links every promise to the test here that proves it.
"""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QLabel, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from ampdesk.framework.content import framework
from ampdesk.framework.fairness import PayRow
from ampdesk.framework.live import for_step, voting
from ampdesk.store.handover import hand_over
from ampdesk.store.live import LiveStore, pseudonym, token_hash
from ampdesk.store.live_writer import LiveWriter
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.hosted import host_workshop
from ampdesk.ui.main_window import WorkshopWindow
from tests.cli.runner import ampdesk
from tests.live.client import LiveProcess, Phone

# One team lead paid 36,650 against a market median of 50,000: compa-ratio 0.733 ("0.73").
SMALL = PayRow("Team lead", "Lead", "creative", 36_650, 50_000, person="Robin Lead")
BIG = [
    PayRow("Engineer", "Mid", "creative", 52_000 + 500 * i, 50_000, person=f"Engineer {i}")
    for i in range(6)
]
SMALL_FIGURES = ("0.73", "36,650", "36650", "36 650")


def _pay_workshop(path: Path) -> Path:
    with create_workshop(path, "Pay talk") as workshop:
        repo = WorkshopStore(workshop)
        repo.pay.replace([SMALL, *BIG])
        repo.answers.add("fairness", "peers", [4, 4, 3, 4, 5])
    return path


def _no_small_figure(text: str, where: str) -> None:
    for figure in SMALL_FIGURES:
        assert figure not in text, f"{where} shows the small group's figure {figure}"


def _widget_text(widget: QWidget) -> str:
    texts = [label.text() for label in widget.findChildren(QLabel)]
    for table in widget.findChildren(QTableWidget):
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                item = table.item(row, column)
                texts.append(item.text() if item else "")
    return "\n".join(texts)


@pytest.fixture
def manager_file(tmp_path: Path) -> Path:
    return _pay_workshop(tmp_path / "manager.ampdesk")


@pytest.fixture
def handover_copy(manager_file: Path) -> Path:
    target = manager_file.with_name("facilitator.ampdesk")
    with open_workshop(manager_file) as workshop:
        hand_over(workshop, target, include_individual_pay=False)
    return target


def _check_json(path: Path) -> dict[str, Any]:
    result = ampdesk("check", str(path), "--json", cwd=path.parent)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# -- a small group's figure, searched for in every output ------------------------------
@pytest.mark.slow
def test_check_json_shows_no_figure_of_a_small_group(manager_file: Path) -> None:
    data = _check_json(manager_file)
    _no_small_figure(json.dumps(data), "check --json")
    lead = next(r for r in data["roles"] if r["role"] == "Team lead")
    assert lead["state"] == "blocked" and lead["median_compa_ratio"] is None
    engineer = next(r for r in data["roles"] if r["role"] == "Engineer")
    assert engineer["median_compa_ratio"] is not None  # big enough: shown


@pytest.mark.slow
def test_default_report_neither_names_a_small_group_nor_shows_its_figure(
    manager_file: Path,
) -> None:
    out = manager_file.with_name("report.pdf")
    result = ampdesk("report", str(manager_file), "-o", str(out), cwd=manager_file.parent)
    assert result.returncode == 0, result.stderr
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(out).pages).split())
    _no_small_figure(text, "the default report")
    assert "Team lead" not in text
    assert "1 small group has findings; see the confidential copy." in text
    assert "Engineer" in text  # a group with enough people is shown
    confidential = manager_file.with_name("confidential.pdf")
    result = ampdesk(
        "report",
        str(manager_file),
        "-o",
        str(confidential),
        "--include-individual-pay",
        cwd=manager_file.parent,
    )
    assert result.returncode == 0, result.stderr
    text = "\n".join(p.extract_text() for p in PdfReader(confidential).pages)
    assert "Team lead" in text and "0.73" in text  # the explicit confidential copy only
    assert stat.S_IMODE(confidential.stat().st_mode) == 0o600


@pytest.mark.slow
def test_handover_copy_holds_the_state_but_no_figure(handover_copy: Path) -> None:
    raw = handover_copy.read_bytes()
    for figure in (b"0.733", b"36650", b"Robin Lead"):
        assert figure not in raw
    data = _check_json(handover_copy)
    _no_small_figure(json.dumps(data), "the hand-over copy's check --json")
    assert data["gate"]["state"] == "blocked"  # the gate still works and says why
    (reason,) = [r for r in data["gate"]["reasons"] if r["role"] == "Team lead"]
    assert reason["value"] is None and "withheld" in reason["message"]


@pytest.mark.slow
def test_window_and_projector_on_a_handover_copy_show_no_small_figure(
    qtbot: QtBot, handover_copy: Path
) -> None:
    window = WorkshopWindow(WorkshopController(host_workshop(handover_copy), framework()))
    qtbot.addWidget(window)
    window.show()
    assert window.show_step("fairness")
    page_text = _widget_text(window.page("fairness"))
    _no_small_figure(page_text, "the window")
    assert "Team lead" in page_text  # the facilitator may see the group's state
    presenter = window.open_presenter()
    window.present_page("fairness")
    projected = _widget_text(presenter)
    _no_small_figure(projected, "the projector")
    assert "Team lead" not in projected


@pytest.mark.slow
def test_exports_hold_no_small_figure_without_individual_pay(manager_file: Path) -> None:
    folder = manager_file.parent
    result = ampdesk(
        "export",
        str(manager_file),
        "--format",
        "json",
        "--without-individual-pay",
        "-o",
        "safe.json",
        cwd=folder,
    )
    assert result.returncode == 0 and result.stderr == ""
    text = (folder / "safe.json").read_text(encoding="utf-8")
    _no_small_figure(text, "the JSON export without individual pay")
    assert json.loads(text)["tables"]["pay_record"] == []
    result = ampdesk("export", str(manager_file), "--format", "csv", "-o", "csv", cwd=folder)
    assert result.returncode == 0, result.stderr
    for path in (folder / "csv").iterdir():
        _no_small_figure(path.read_text(encoding="utf-8-sig"), path.name)


@pytest.mark.slow
def test_json_export_with_individual_pay_warns_and_is_owner_only(manager_file: Path) -> None:
    folder = manager_file.parent
    result = ampdesk("export", str(manager_file), "--format", "json", "-o", "all.json", cwd=folder)
    assert result.returncode == 0
    assert "holds every person's pay" in result.stderr
    assert "--without-individual-pay" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert stat.S_IMODE((folder / "all.json").stat().st_mode) == 0o600
    assert stat.S_IMODE(manager_file.stat().st_mode) == 0o600  # it holds individual pay


# -- phones: one voice each, no link between a phone's inputs ---------------------------
@pytest.mark.slow
def test_a_second_join_from_one_address_replaces_the_first_phone(tmp_path: Path) -> None:
    path = tmp_path / "live.ampdesk"
    create_workshop(path, "Live").close()  # the default rules: one phone per address
    server = LiveProcess(path)
    try:
        first = server.phone()
        second = server.phone()
        assert first.state().status == 401 and second.state().status == 200
        with open_workshop(path) as workshop:  # what the live bar reads and writes
            store = LiveStore(workshop)
            assert store.refused() == {"127.0.0.1": 1} and len(store.phones()) == 1
            store.allow("127.0.0.1", 2)
        third = server.phone()
        assert second.state().status == 200 and third.state().status == 200
        with open_workshop(path) as workshop:
            LiveStore(workshop).set_joining_open(False)
        closed = Phone(server.url).join(server.code)
        assert closed.status == 403 and "closed" in closed.data["error"]
    finally:
        server.stop()


@pytest.mark.slow
def test_a_live_workshops_export_links_no_phones_notes_to_its_answers(tmp_path: Path) -> None:
    path = tmp_path / "live.ampdesk"
    with create_workshop(path, "Live") as workshop:
        LiveStore(workshop).set_phones_per_address(5)  # five phones, all from 127.0.0.1
    server = LiveProcess(path, "--step", "fairness")
    try:
        phones = [server.phone() for _ in range(5)]
        for n, phone in enumerate(phones):
            answers = {"peers": 1 + n, "market": 5 - n, "settled": 3}
            assert phone.submit("answers", {"activity": "pulse", "answers": answers}).status == 200
        with open_workshop(path) as workshop:
            LiveStore(workshop).set_state(for_step("purpose"))
        for n, phone in enumerate(phones):
            _wait(phone, "purpose")
            body = {"activity": "purpose", "kind": "story", "text": f"As the only one {n} here"}
            assert phone.submit("notes", body).status == 201
        with open_workshop(path) as workshop:
            LiveStore(workshop).set_state(voting("purpose"))
        for phone in phones:
            _wait(phone, "voting")
            offered = [n["id"] for n in phone.state().data["voting"]["notes"]]
            assert phone.submit("votes", {"note_ids": offered[:2]}).status == 200
    finally:
        server.stop()
    result = ampdesk("export", str(path), "--format", "json", "-o", "x.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    tables = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["tables"]
    notes = {row["text"]: row for row in tables["note"]}
    rows = json.dumps(tables)
    for n, phone in enumerate(phones):
        assert phone.token is not None and phone.token not in rows
        ballot = pseudonym(phone.token, "answers:fairness:None")
        mine = [a for a in tables["answer"] if a["ballot"] == ballot]  # only the phone can tell
        assert len(mine) == 3
        note = notes[f"As the only one {n} here"]
        shared = _values(note) & {v for a in mine for v in _values(a)}
        others = [_values(notes[f"As the only one {m} here"]) for m in range(5) if m != n]
        # whatever the note and the answers share, every other phone's note has too
        assert all(shared <= other for other in others), shared
    for dot in tables["vote"]:
        assert dot["ballot"] not in {a["ballot"] for a in tables["answer"]}
    for table, column in (("participant", "joined_at"), ("note", "created_at")):
        assert all(row[column].endswith(":00:00") for row in tables[table])
    assert all(a["created_at"].endswith(":00:00") for a in tables["answer"])


def _values(row: dict[str, Any]) -> set[str]:
    """A row's values, leaving out its id and its time (kept to the hour, checked above)."""
    return {f"{v}" for k, v in row.items() if k not in ("id", "created_at") and v is not None}


def _wait(phone: Phone, activity: str) -> None:
    import time

    for _ in range(50):
        if phone.state().data.get("activity") == activity:
            return
        time.sleep(0.6)  # the server re-reads the state every half second
    raise AssertionError(f"the phone never saw {activity}")


@pytest.mark.slow
def test_totals_differenced_across_one_new_answer_reveal_nothing(tmp_path: Path) -> None:
    path = tmp_path / "live.ampdesk"
    with create_workshop(path, "Live") as workshop:
        LiveStore(workshop).set_phones_per_address(20)
    server = LiveProcess(path, "--step", "fairness")
    try:
        phones = [server.phone() for _ in range(11)]
        for phone in phones[:5]:
            phone.submit("answers", {"activity": "pulse", "answers": {"peers": 4}})
        assert _check_json(path)["pulse"]["peers"]["n"] == 0  # nothing before the reveal
        with open_workshop(path) as workshop:
            assert WorkshopStore(workshop).answers.reveal("fairness") == 5
        shown = [_check_json(path)["pulse"]["peers"]]
        for value, phone in zip([1, 2, 1, 2, 1, 5], phones[5:], strict=True):
            body = {"activity": "pulse", "answers": {"peers": value}}
            assert phone.submit("answers", body).status == 200
            shown.append(_check_json(path)["pulse"]["peers"])
    finally:
        server.stop()
    # one answer at a time: the totals stay as revealed until five more came, then jump by 5
    assert [s["n"] for s in shown] == [5, 5, 5, 5, 5, 10, 10]
    assert all(shown[i] == shown[0] for i in range(1, 5))
    assert shown[5]["counts"] == [3, 2, 0, 5, 0] and shown[6] == shown[5]


@pytest.mark.slow
def test_a_formula_typed_on_a_phone_reaches_the_csv_as_text(tmp_path: Path) -> None:
    path = tmp_path / "live.ampdesk"
    create_workshop(path, "Live").close()
    formulas = [
        '=HYPERLINK("http://evil.example","pay")',
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "-2+3",
    ]
    server = LiveProcess(path, "--step", "purpose")
    try:
        phone = server.phone()
        for text in formulas:
            body = {"activity": "purpose", "kind": "story", "text": text}
            assert phone.submit("notes", body).status == 201
    finally:
        server.stop()
    result = ampdesk("export", str(path), "--format", "csv", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with (tmp_path / "out" / "notes.csv").open(encoding="utf-8-sig", newline="") as handle:
        cells = [row["text"] for row in csv.DictReader(handle)]
    assert cells == ["'" + text for text in formulas]


@pytest.mark.slow
def test_the_live_bar_says_when_an_address_asks_for_more_and_reveals_on_request(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import dataclasses

    from PySide6.QtCore import Qt

    path = tmp_path / "room.ampdesk"
    with create_workshop(path, "Room") as workshop:
        repo = WorkshopStore(workshop)
        repo.plan.set(dataclasses.replace(repo.plan.get(), expected_participants=1))
    window = WorkshopWindow(WorkshopController(host_workshop(path), framework()))
    qtbot.addWidget(window)
    window.show()
    assert window.show_step("fairness")
    window.present_page("fairness")
    bar = window.live_bar
    bar.choose_host("127.0.0.1")
    with qtbot.waitSignal(window.live.started, timeout=30000) as started:
        qtbot.mouseClick(bar.start_button, Qt.MouseButton.LeftButton)
    info = started.args[0]
    phones = [Phone(str(info["url"])) for _ in range(3)]
    assert [p.join(str(info["code"])).status for p in phones[:2]] == [201, 201]
    qtbot.waitUntil(lambda: "took the place of an earlier one" in bar.status.text(), timeout=10000)
    assert bar.phones.text() == "1 of 1 expected joined"
    bar.allow("127.0.0.1", 3)
    assert phones[2].join(str(info["code"])).status == 201
    qtbot.waitUntil(lambda: "(1 too many" in bar.phones.text(), timeout=10000)
    bar.reveal_results()  # more phones than people: nothing is revealed, and the bar says why
    assert bar.status.text().startswith("Not revealed: 2 phones joined but only 1 person is")
    window.live.stop()


def test_a_handover_copy_carries_no_token_pseudonym_or_retry_record(tmp_path: Path) -> None:
    source = tmp_path / "manager.ampdesk"
    with create_workshop(source, "Live") as workshop:
        store = LiveStore(workshop)
        store.set_state(for_step("fairness"))
        token = "a-phone-token-" + "x" * 29
        writer = LiveWriter(workshop)
        with writer.batch() as batch:
            batch.join("127.0.0.1", token)
            batch.apply(token, "key-12345678", lambda: batch.answers(token, {"peers": 4}))
        store.set_state(voting("fairness"))
        note = WorkshopStore(workshop).notes.add("fairness", "idea", "Publish the pay bands")
        with writer.batch() as batch:
            batch.apply(token, "key-87654321", lambda: batch.votes(token, [note]))
        writer.close()
        for include in (True, False):
            target = tmp_path / f"copy-{include}.ampdesk"
            hand_over(workshop, target, include_individual_pay=include)
            raw = target.read_bytes()
            for trace in (
                token_hash(token),
                pseudonym(token, "answers:fairness:None"),
                pseudonym(token, "votes:fairness"),
                pseudonym(token, "submission:key-12345678"),
            ):
                assert trace.encode() not in raw
            with open_workshop(target) as copy:
                assert WorkshopStore(copy).answers.by_item("fairness") == {"peers": [4]}


@pytest.mark.slow
def test_the_phone_page_says_what_the_facilitator_can_and_cannot_see(tmp_path: Path) -> None:
    path = tmp_path / "live.ampdesk"
    create_workshop(path, "Live").close()
    server = LiveProcess(path)
    try:
        page = Phone(server.url).request("GET", "/").data.decode("utf-8")
    finally:
        server.stop()
    assert "The facilitator sees only group totals" in page
    assert "nobody can see which answers, notes or dots came from this phone" in page
    assert "so leave names out" in page
