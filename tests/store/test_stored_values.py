"""A file holds only what ampdesk writes: a trigger, a view or a value out of its type, range
or choices is refused on opening (one line naming the file, the table, row and column, never
the value) and by import-json, and the file is left byte for byte as it was."""

import hashlib
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from ampdesk.demo import write_demo
from ampdesk.store import models
from ampdesk.store.exchange import ExchangeError, dumps, export_data, import_json
from ampdesk.store.file_header import WorkshopFileError
from ampdesk.store.stored_values import RULES
from ampdesk.store.workshop_file import open_workshop
from tests.cli.runner import ampdesk


def test_every_column_has_a_rule() -> None:
    columns = {
        table.name: {column.name for column in table.columns}
        for table in models.Base.metadata.sorted_tables
    }
    assert {table: set(rules) for table, rules in RULES.items()} == columns


def _changed(tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "w.ampdesk"
    write_demo(path).close()
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA ignore_check_constraints = ON")
        for statement in statements:
            db.execute(statement)
        db.commit()
    return path


@pytest.mark.parametrize(
    ("statements", "words"),
    [
        (
            [
                "CREATE TRIGGER wipe AFTER UPDATE ON pay_record BEGIN DELETE FROM action; END",
            ],
            "holds a trigger (wipe) that ampdesk never writes",
        ),
        (["CREATE VIEW pay AS SELECT * FROM pay_record"], "holds a view (pay)"),
        (["CREATE INDEX other_index ON note(text)"], "holds an index (other_index)"),
        (["DELETE FROM workshop"], "the workshop's own row (id 1) is missing"),
        (
            ["UPDATE pay_record SET pay = 0 WHERE id = 3"],
            "pay_record row 3: pay is not a number above 0",
        ),
        (["UPDATE action SET step = 'nowhere' WHERE id = 2"], "action row 2: step is not one of"),
        (
            ["UPDATE checkin_status SET status = 'lost'"],
            "checkin_status row 1: status is not one of not_started",
        ),
        (["UPDATE note SET text = x'00ff' WHERE id = 4"], "note row 4: text is not text"),
        (["UPDATE note SET kind = 'bogus' WHERE id = 5"], "note row 5: kind is not one of idea"),
        (["UPDATE action SET due = 'soon' WHERE id = 1"], "action row 1: due is not a date"),
        (
            ["PRAGMA foreign_keys = OFF", "UPDATE vote SET note_id = 99999 WHERE id = 1"],
            "vote row 1: refers to a note row that is not there",
        ),
    ],
)
@pytest.mark.slow
def test_a_file_holding_what_ampdesk_never_writes_is_refused_untouched(
    tmp_path: Path, statements: list[str], words: str
) -> None:
    path = _changed(tmp_path, *statements)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(WorkshopFileError, match=f"^w.ampdesk: {_escaped(words)}"):
        open_workshop(path)
    for command in (["check", "w.ampdesk"], ["import-pay", "w.ampdesk", "nothing.csv"]):
        result = ampdesk(*command, cwd=tmp_path)
        assert (result.returncode, result.stderr.count("\n")) == (2, 1), command
        assert words in result.stderr, command
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def _escaped(words: str) -> str:
    import re

    return re.escape(words)


@pytest.mark.slow
def test_the_trigger_of_the_review_never_runs(tmp_path: Path) -> None:
    """The review's trigger deleted every action on import-pay; now the file is refused."""
    path = _changed(
        tmp_path,
        "CREATE TRIGGER wipe AFTER INSERT ON pay_record BEGIN DELETE FROM action; END",
    )
    (tmp_path / "pay.csv").write_text(
        "role,level,work_type,pay,market_median\nDev,L1,routine,50000,52000\n", encoding="utf-8"
    )
    result = ampdesk("import-pay", "w.ampdesk", "pay.csv", cwd=tmp_path)
    assert result.returncode == 2
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("SELECT count(*) FROM action").fetchone()[0] > 0


@pytest.fixture
def exported(tmp_path: Path) -> dict[str, object]:
    write_demo(tmp_path / "demo.ampdesk").close()
    with open_workshop(tmp_path / "demo.ampdesk") as workshop:
        return export_data(workshop)


def _import(tmp_path: Path, data: object) -> None:
    source = tmp_path / "in.json"
    source.write_text(data if isinstance(data, str) else dumps(data), encoding="utf-8")  # type: ignore[arg-type]
    import_json(source, tmp_path / "new.ampdesk")


Change = Callable[[dict[str, dict[str, list[dict[str, object]]]]], None]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["tables"]["note"][0].update(kind="bogus"), "kind is not one of idea"),
        (lambda d: d["tables"]["note"][0].update(step="nowhere"), "step is not one of"),
        (lambda d: d["tables"]["answer"][0].update(id=2**63), "larger number than a file holds"),
        (lambda d: d["tables"]["workshop"][0].update(anonymity_threshold=1001), "from 3 to 1000"),
        (lambda d: d["tables"]["workshop_plan"][0].update(steps="[]"), "not a JSON object"),
        (lambda d: d["tables"]["action"][0].update(step="x"), "action row 1: step is not one of"),
    ],
)
@pytest.mark.slow
def test_import_json_is_as_strict_as_opening(
    tmp_path: Path, exported: dict[str, object], change: Change, words: str
) -> None:
    change(exported)  # type: ignore[arg-type]
    with pytest.raises(ExchangeError, match=_escaped(words)) as caught:
        _import(tmp_path, exported)
    assert "\n" not in str(caught.value)
    assert [p.name for p in tmp_path.iterdir() if "new" in p.name] == []


@pytest.mark.slow
def test_deep_json_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match="nested more deeply than a workshop"):
        _import(tmp_path, "[" * 100_000 + "]" * 100_000)
    result = ampdesk("import-json", "in.json", "x.ampdesk", cwd=tmp_path)
    assert (result.returncode, result.stderr.count("\n")) == (2, 1)


@pytest.mark.slow
def test_a_round_trip_still_imports(tmp_path: Path, exported: dict[str, object]) -> None:
    _import(tmp_path, json.loads(dumps(exported)))
    with open_workshop(tmp_path / "new.ampdesk") as workshop:
        assert workshop.path.exists()
