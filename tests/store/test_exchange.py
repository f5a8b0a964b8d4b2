"""JSON export and import: byte-identical round trip; wrong files refused, nothing written."""

import csv
import json
from pathlib import Path

import pytest

from ampdesk.demo import write_demo
from ampdesk.store.exchange import ExchangeError, export_csv, export_json, import_json
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    write_demo(tmp_path / "demo.ampdesk").close()
    with open_workshop(tmp_path / "demo.ampdesk") as workshop:
        export_json(workshop, tmp_path / "a.json")
    return tmp_path / "a.json"


@pytest.mark.slow
def test_round_trip_is_byte_identical(exported: Path) -> None:
    copy = exported.with_name("copy.ampdesk")
    import_json(exported, copy)
    with open_workshop(copy) as workshop:
        export_json(workshop, exported.with_name("b.json"))
        repo = WorkshopStore(workshop)
        assert repo.details.get().facilitator == "Zoë Ferreira-Nowak"
        assert len(repo.pay.rows()) == 12
    assert exported.with_name("b.json").read_bytes() == exported.read_bytes()


def _broken(exported: Path, change: object) -> Path:
    data = json.loads(exported.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path = exported.with_name("broken.json")
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema_version=99), "schema version 99"),
        (lambda d: d.update(schema_version=4), "schema version 4"),
        (lambda d: d.update(format="something-else"), "not an ampdesk workshop JSON"),
        (lambda d: d["tables"].pop("note"), "must hold exactly"),
        (lambda d: d["tables"]["action"][0].update(colour="red"), r"action\[0\] must have"),
        (
            lambda d: d["tables"]["answer"][0].update(value="five"),
            r"answer\[0\]\.value must be int",
        ),
        (lambda d: d["tables"]["action"][0].update(due="soon"), "not an ISO date"),
        (lambda d: d["tables"]["vote"][0].update(note_id=9999), "does not fit together"),
        (lambda d: d["tables"]["answer"][0].update(value=9), "does not fit together"),
    ],
)
@pytest.mark.slow
def test_wrong_files_are_refused_and_nothing_is_written(
    exported: Path, change: object, message: str
) -> None:
    target = exported.with_name("new.ampdesk")
    with pytest.raises(ExchangeError, match=message):
        import_json(_broken(exported, change), target)
    assert not target.exists()
    assert not Path(f"{target}-wal").exists()


def test_json_of_schema_5_is_read(exported: Path) -> None:
    """Schema 6 only added an index, so JSON written at schema 5 has the same tables."""
    target = exported.with_name("old.ampdesk")
    import_json(_broken(exported, lambda d: d.update(schema_version=5)), target)
    with open_workshop(target) as workshop:
        assert len(WorkshopStore(workshop).pay.rows()) == 12


def test_not_json_at_all(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_bytes(b"\xff\xfe not text")
    with pytest.raises(ExchangeError, match="not UTF-8"):
        import_json(tmp_path / "x.json", tmp_path / "x.ampdesk")
    (tmp_path / "y.json").write_text("{ nope", encoding="utf-8")
    with pytest.raises(ExchangeError, match="not valid JSON"):
        import_json(tmp_path / "y.json", tmp_path / "y.ampdesk")


@pytest.mark.slow
def test_csv_export(tmp_path: Path) -> None:
    write_demo(tmp_path / "demo.ampdesk").close()
    with open_workshop(tmp_path / "demo.ampdesk") as workshop:
        paths = export_csv(workshop, tmp_path / "csv")
    rows = {p.name: list(csv.DictReader(p.open(encoding="utf-8-sig"))) for p in paths}
    at_workshop = [r for r in rows["answers.csv"] if not r["checkin"]]
    assert len(at_workshop) == 132
    assert len(rows["answers.csv"]) - len(at_workshop) == 7 * 12 * 2  # two check-in pulses
    assert {"activity", "item", "value"} <= set(rows["answers.csv"][0])
    ideas = {r["text"]: int(r["dots"]) for r in rows["notes.csv"]}
    assert ideas["One Friday a month for self-chosen improvements"] == 9
    assert len(rows["actions.csv"]) == 6
    assert len(rows["checkins.csv"]) == 2 * 6
    assert {r["status"] for r in rows["checkins.csv"]} == {"done", "on_track", "not_started"}
