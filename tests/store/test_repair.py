"""Damage is seen and repaired, never hidden: ``check``, opening a file and the report run
SQLite's full integrity check and say in one line what is damaged; ``ampdesk repair`` writes
a copy with every readable row and says what it could not read; the original never changes."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from ampdesk.demo import write_demo
from ampdesk.store.file_header import DamagedFileError
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.cli.runner import ampdesk


def _folder_state(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


def _damaged_index(path: Path) -> int:
    """Notes written while the note table's index was hidden from SQLite: the index misses
    them ("wrong # of entries in index ix_note_step"). Returns how many notes there are."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        entry = conn.execute("SELECT * FROM sqlite_master WHERE name = 'ix_note_step'").fetchone()
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("DELETE FROM sqlite_master WHERE name = 'ix_note_step'")
        conn.commit()
    with closing(sqlite3.connect(path)) as conn:  # the schema without the index
        conn.execute(
            "INSERT INTO note (step, kind, dimension, text, hidden, created_at) "
            "SELECT step, kind, dimension, text || ' (again)', hidden, created_at FROM note"
        )
        conn.commit()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("INSERT INTO sqlite_master VALUES (?, ?, ?, ?, ?)", entry)
        conn.commit()
    with closing(sqlite3.connect(path)) as conn:
        quick = conn.execute("PRAGMA quick_check").fetchone()[0]
        assert quick == "ok"  # only the full check compares an index with its table
        return int(conn.execute("SELECT count(*) FROM note NOT INDEXED").fetchone()[0])


def _damaged_table_page(path: Path) -> int:
    """The cell pointers of one leaf page of the answer table scribbled over; returns how
    many answers that page held."""
    with closing(sqlite3.connect(path)) as conn:
        page, cells = conn.execute(
            "SELECT pageno, ncell FROM dbstat WHERE name = 'answer' AND pagetype = 'leaf' "
            "ORDER BY pageno LIMIT 1 OFFSET 1"
        ).fetchone()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    header = (page - 1) * page_size + 8  # a leaf page's header is 8 bytes, then the pointers
    for offset in range(header, header + 2 * cells):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    return int(cells)


def _truncated(path: Path) -> int:
    """The file cut at two thirds, as a full disk or a broken copy leaves it."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return 0


DAMAGE: list[tuple[Callable[[Path], int], str]] = [
    (_damaged_index, "the index ix_note_step does not match the note table"),
    (_damaged_table_page, "of the answer table is unreadable"),
    (_truncated, "it is truncated"),
]


def _demo(tmp_path: Path) -> tuple[Path, Path]:
    """The demo workshop in a folder of its own, and an intact copy of it elsewhere."""
    folder = tmp_path / "folder"
    folder.mkdir()
    path = folder / "demo.ampdesk"
    write_demo(path).close()
    intact = tmp_path / "intact.ampdesk"
    shutil.copyfile(path, intact)
    return path, intact


@pytest.mark.slow
@pytest.mark.parametrize(("damage", "said"), DAMAGE)
def test_a_damaged_file_is_refused_in_one_line_and_no_report_is_built(
    tmp_path: Path, damage: Callable[[Path], int], said: str
) -> None:
    path, _ = _demo(tmp_path)
    damage(path)
    before = _folder_state(path.parent)
    check = ampdesk("check", str(path), cwd=tmp_path)
    assert check.returncode == 2
    assert check.stderr.count("\n") == 1 and "Traceback" not in check.stderr
    assert "the file is damaged" in check.stderr and said in check.stderr, check.stderr
    assert "ampdesk repair" in check.stderr
    report = ampdesk("report", str(path), "-o", str(tmp_path / "report.pdf"), cwd=tmp_path)
    assert report.returncode == 2 and said in report.stderr
    assert not (tmp_path / "report.pdf").exists()
    with pytest.raises(DamagedFileError, match=said):
        open_workshop(path)
    assert _folder_state(path.parent) == before


def _repair(path: Path, tmp_path: Path) -> tuple[Path, str]:
    before = _folder_state(path.parent)
    copy = tmp_path / "repaired.ampdesk"
    result = ampdesk("repair", str(path), "-o", str(copy), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _folder_state(path.parent) == before  # the original, byte for byte, and no side file
    again = ampdesk("check", str(copy), cwd=tmp_path)
    assert again.returncode == 0 and "file OK" in again.stdout, again.stderr
    return copy, result.stdout


@pytest.mark.slow
def test_repair_rebuilds_a_damaged_index_and_keeps_every_row(tmp_path: Path) -> None:
    path, _ = _demo(tmp_path)
    notes = _damaged_index(path)
    copy, said = _repair(path, tmp_path)
    assert "0 rows could not be read" in said and "indexes rebuilt" in said
    assert _rows(copy, "note") == _rows(path, "note") and len(_rows(copy, "note")) == notes
    with open_workshop(copy) as workshop:  # read through the rebuilt index
        by_step = WorkshopStore(workshop).notes.all("autonomy")
    assert len(by_step) == len([r for r in _rows(path, "note") if r[1] == "autonomy"])


@pytest.mark.slow
def test_repair_salvages_every_row_around_a_damaged_table_page(tmp_path: Path) -> None:
    path, intact = _demo(tmp_path)
    lost = _damaged_table_page(path)
    copy, said = _repair(path, tmp_path)
    assert f"{lost} rows could not be read (answer {lost})" in said, said
    answers, kept = _rows(intact, "answer"), _rows(copy, "answer")
    assert len(kept) == len(answers) - lost and set(kept) < set(answers)
    for table in ("note", "vote", "pay_record", "action", "setting"):
        key = "key" if table == "setting" else "id"
        with closing(sqlite3.connect(intact)) as a, closing(sqlite3.connect(copy)) as b:
            query = f"SELECT * FROM {table} ORDER BY {key}"
            assert a.execute(query).fetchall() == b.execute(query).fetchall(), table


@pytest.mark.slow
def test_repair_of_a_truncated_file_keeps_what_is_left_and_says_what_is_not(
    tmp_path: Path,
) -> None:
    path, intact = _demo(tmp_path)
    _truncated(path)
    copy, said = _repair(path, tmp_path)
    assert "could not be read" in said and "rows kept" in said
    with open_workshop(copy) as workshop:
        title = WorkshopStore(workshop).details.get().title
    with open_workshop(intact) as workshop:
        assert title == WorkshopStore(workshop).details.get().title


@pytest.mark.slow
def test_repair_writes_only_a_new_file(tmp_path: Path) -> None:
    path, intact = _demo(tmp_path)
    _damaged_index(path)
    for target in (path, intact, tmp_path / "notes.txt"):
        if target.suffix == ".txt":
            target.write_text("mine", encoding="utf-8")
        before = _folder_state(tmp_path / "folder") | _folder_state(tmp_path)
        result = ampdesk("repair", str(path), "-o", str(target), cwd=tmp_path)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert _folder_state(tmp_path / "folder") | _folder_state(tmp_path) == before
