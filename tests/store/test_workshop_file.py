"""Workshop files: create, reopen, refuse foreign or damaged files without touching them."""

import hashlib
import signal
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from ampdesk.store.file_copy import copy_database
from ampdesk.store.migrations import SCHEMA_VERSION
from ampdesk.store.workshop_file import (
    APPLICATION_ID,
    WorkshopFileError,
    create_workshop,
    inspect,
    open_workshop,
)
from ampdesk.store.workshop_store import WorkshopStore


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_created_file_is_marked_as_a_workshop(tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Offsite").close()
    header = path.read_bytes()[:100]
    assert struct.unpack_from(">I", header, 68)[0] == APPLICATION_ID
    assert struct.unpack_from(">I", header, 60)[0] == SCHEMA_VERSION
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert inspect(path) == SCHEMA_VERSION


def test_changes_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    with create_workshop(path, "Offsite") as workshop:
        repo = WorkshopStore(workshop)
        repo.details.update(venue="Hütte am See", facilitator="Zoë")
        repo.actions.add("autonomy", "Pilot flexible hours", "Ana")
    with open_workshop(path) as workshop:
        repo = WorkshopStore(workshop)
        assert repo.details.get().venue == "Hütte am See"
        assert [a.title for a in repo.actions.all()] == ["Pilot flexible hours"]


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    path.write_text("precious")
    with pytest.raises(WorkshopFileError, match="exists already"):
        create_workshop(path, "x")
    assert path.read_text() == "precious"


def _text_file(path: Path) -> None:
    path.write_text("Agenda for Tuesday\n- coffee\n- pay review\n", encoding="utf-8")


def _truncated_workshop(path: Path) -> None:
    from ampdesk.demo import write_demo

    full = path.with_name("full.ampdesk")
    write_demo(full).close()
    data = full.read_bytes()
    full.unlink()
    path.write_bytes(data[: len(data) // 2])


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
        conn.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    conn.close()


def _newer_schema(path: Path) -> None:
    create_workshop(path, "From the future").close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_text_file, "it holds something else"),
        (_truncated_workshop, r"damaged \(it is truncated\)"),
        (_foreign_sqlite, "another program's database"),
        (_newer_schema, "newer ampdesk"),
        (_empty_file, "empty"),
    ],
)
def test_unusable_files_are_refused_and_left_untouched(
    tmp_path: Path, make: object, reason: str
) -> None:
    path = tmp_path / "bad.ampdesk"
    make(path)  # type: ignore[operator]
    before, files_before = _digest(path), _siblings(path)
    with pytest.raises(WorkshopFileError, match=reason) as caught:
        open_workshop(path)
    assert "\n" not in str(caught.value)
    assert _digest(path) == before
    assert _siblings(path) == files_before


@pytest.mark.slow
def test_damaged_page_is_found_by_the_integrity_check(tmp_path: Path) -> None:
    from ampdesk.demo import write_demo

    path = tmp_path / "w.ampdesk"
    write_demo(path).close()
    data = bytearray(path.read_bytes())
    page_size = struct.unpack_from(">H", data, 16)[0]
    data[page_size * 2 : page_size * 3] = b"\xff" * page_size  # scribble over a whole page
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(WorkshopFileError, match="damaged"):
        open_workshop(path)
    assert _digest(path) == before


def test_save_as_copies_everything(tmp_path: Path) -> None:
    source = tmp_path / "a.ampdesk"
    with create_workshop(source, "Original") as workshop:
        WorkshopStore(workshop).actions.add("purpose", "Invite a customer")
        copy_database(source, tmp_path / "b.ampdesk")
    with open_workshop(tmp_path / "b.ampdesk") as copy:
        assert [a.title for a in WorkshopStore(copy).actions.all()] == ["Invite a customer"]


_WRITER = """
import sys
from pathlib import Path
from ampdesk.store.file_copy import copy_database
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.store.workshop_file import open_workshop

repo = WorkshopStore(open_workshop(Path(sys.argv[1])))
for i in range(100000):
    repo.notes.add("autonomy", "idea", f"idea {i}", dimension="how")
    print(i, flush=True)
"""


@pytest.mark.slow
def test_sigkill_loses_no_acknowledged_write(tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Crash test").close()
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    acknowledged = [int(writer.stdout.readline()) for _ in range(60)]
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    with open_workshop(path) as workshop:
        texts = {n.text for n in WorkshopStore(workshop).notes.all()}
    assert {f"idea {i}" for i in acknowledged} <= texts
