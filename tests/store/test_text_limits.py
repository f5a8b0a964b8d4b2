"""Text over its limit is refused by the store, by import-json and by a pay import; text a file
already held stays, and other fields of its row can still be changed."""

import json
import sqlite3
from pathlib import Path

import pytest

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.framework.pay_import import PayImportError, parse_pay_csv
from ampdesk.framework.plan import PlanError, check_plan, half_day
from ampdesk.framework.text_limits import PHONE_NOTE, TEXT_LIMITS, TextTooLong, limit
from ampdesk.store import models
from ampdesk.store.exchange import ExchangeError, export_json, import_json
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore


def test_every_text_column_has_a_limit() -> None:
    """A new text column without a limit fails here (JSON and token columns excepted)."""
    from sqlalchemy import Text

    unlimited = {
        f"{table.name}.{column.name}"
        for table in models.Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, Text)
    } - set(TEXT_LIMITS)
    # Written by ampdesk itself, never typed: plan choices as JSON, settings, phone replies.
    assert unlimited == {
        "workshop_plan.steps",
        "workshop_plan.materials",
        "setting.value",
        "submission.response",
    }


def test_the_store_refuses_long_text_and_keeps_the_file(tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    with create_workshop(path, "Limits") as workshop:
        store = WorkshopStore(workshop)
        note = store.notes.add("purpose", "idea", "x" * limit("note.text"))
        with pytest.raises(TextTooLong, match="a note is 2,001 characters long; at most 2,000"):
            store.notes.add("purpose", "idea", "x" * (limit("note.text") + 1))
        with pytest.raises(TextTooLong, match="an action is 8,000 characters long"):
            store.actions.add("purpose", "y" * 8_000)
        with pytest.raises(TextTooLong, match="a note"):
            store.notes.edit_text(note, "z" * 6_000)
        with pytest.raises(TextTooLong, match="the workshop's title"):
            store.details.update(title="t" * 201)
        assert [n.text for n in store.notes.all()] == ["x" * limit("note.text")]
        assert store.actions.all() == []


def test_text_a_file_already_holds_stays_and_its_row_can_be_edited(tmp_path: Path) -> None:
    """A file from before the limits (or changed by hand) is opened and edited all the same."""
    path = tmp_path / "w.ampdesk"
    with create_workshop(path, "Old") as workshop:
        action = WorkshopStore(workshop).actions.add("purpose", "short")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE action SET title = ?", ("a" * 8_000,))
    db.close()
    with open_workshop(path) as workshop:
        store = WorkshopStore(workshop)
        store.actions.update(action, owner="Sam")
        (kept,) = store.actions.all()
    assert (len(kept.title), kept.owner) == (8_000, "Sam")


def test_import_json_refuses_long_text_naming_the_row(tmp_path: Path) -> None:
    write_demo(tmp_path / "demo.ampdesk").close()
    with open_workshop(tmp_path / "demo.ampdesk") as workshop:
        export_json(workshop, tmp_path / "a.json")
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    data["tables"]["note"][2]["text"] = "n" * 6_000
    (tmp_path / "long.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"note\[2\]: a note is 6,000 characters long"):
        import_json(tmp_path / "long.json", tmp_path / "copy.ampdesk")
    assert not (tmp_path / "copy.ampdesk").exists()


def test_a_pay_file_with_a_long_role_is_refused_naming_the_cell() -> None:
    data = f"role,level,work_type,pay,market_median\n{'r' * 201},L1,routine,50000,52000\n"
    with pytest.raises(PayImportError, match="line 2, column 'role': a role is 201 characters"):
        parse_pay_csv(data.encode())


def test_a_plan_with_a_long_agenda_title_or_materials_is_refused() -> None:
    content = framework()
    plan = half_day(content)
    long_title = plan.agenda[0].__class__(
        plan.agenda[0].kind, "a" * 201, plan.agenda[0].minutes, plan.agenda[0].step
    )
    with pytest.raises(PlanError, match="agenda item 1: the title is longer than 200"):
        check_plan(plan.__class__(agenda=(long_title, *plan.agenda[1:])), content)
    many = plan.__class__(agenda=plan.agenda, materials=tuple(f"m{i}" for i in range(101)))
    with pytest.raises(PlanError, match="at most 100 fit"):
        check_plan(many, content)


def test_the_docs_and_the_phone_page_say_the_same_limits() -> None:
    root = Path(__file__).parents[2]
    doc = (root / "docs" / "limits.md").read_text(encoding="utf-8")
    for key, rule in TEXT_LIMITS.items():
        assert f"| `{key}` | {rule.what} | {rule.chars:,} |" in doc
    app = (root / "resources" / "live" / "app.js").read_text(encoding="utf-8")
    assert f"var TEXT_MAX = {PHONE_NOTE.chars};" in app
