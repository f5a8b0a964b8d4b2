"""Upgrading old workshop files: a backup first, then a schema identical to a new file's."""

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from ampdesk.framework.content import framework
from ampdesk.framework.plan import half_day
from ampdesk.store.live import pseudonym
from ampdesk.store.live_writer import REPLACE_ANSWER
from ampdesk.store.migrations import MIGRATIONS, SCHEMA_VERSION
from ampdesk.store.upgrade import backup_path
from ampdesk.store.workshop_file import create_workshop, inspect, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.live.client import LiveProcess

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _schema(path: Path) -> dict[str, object]:
    """Tables with their columns, indexes and foreign keys, as SQLite reports them."""
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        shape = {}
        for table in sorted(tables):
            columns = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            indexes = sorted(r[1:3] for r in conn.execute(f'PRAGMA index_list("{table}")'))
            keys = sorted(r[2:5] for r in conn.execute(f'PRAGMA foreign_key_list("{table}")'))
            shape[table] = (sorted(columns), indexes, keys)
    conn.close()
    return shape


def test_every_old_schema_has_a_fixture_and_a_migration() -> None:
    for version in range(1, SCHEMA_VERSION):
        assert (FIXTURES / f"workshop_schema{version}.ampdesk").exists()
        assert version in MIGRATIONS


def test_schema1_file_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    fixture = FIXTURES / "workshop_schema1.ampdesk"
    path = tmp_path / "old.ampdesk"
    shutil.copy(fixture, path)
    original = hashlib.sha256(fixture.read_bytes()).hexdigest()

    with open_workshop(path) as workshop:
        repo = WorkshopStore(workshop)
        assert repo.details.get().facilitator == "Zoë Ferreira-Nowak"
        assert len(repo.pay.rows()) == 12
        assert len(repo.actions.all()) == 6
        repo.progress.acknowledge(
            "if_then_reward_for_creative_work", "Discussed; the idea was dropped."
        )
        repo.gate.set_thresholds({"attention_spread": 1.4})

    backup = backup_path(path, 1)
    assert backup.exists()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM action").fetchone()[0] == 6
    conn.close()
    assert hashlib.sha256(fixture.read_bytes()).hexdigest() == original
    assert inspect(path) == SCHEMA_VERSION

    fresh = tmp_path / "fresh.ampdesk"
    create_workshop(fresh, "new").close()
    assert _schema(path) == _schema(fresh)


def test_upgraded_file_keeps_its_evaluation(tmp_path: Path) -> None:
    path = tmp_path / "old.ampdesk"
    shutil.copy(FIXTURES / "workshop_schema1.ampdesk", path)
    with open_workshop(path) as workshop:
        repo = WorkshopStore(workshop)
        assert repo.gate.thresholds().attention_spread == 1.5
        assert repo.progress.acknowledgements() == {}


@pytest.mark.parametrize("version", [2, 3, 4, 5])
def test_newer_old_files_are_upgraded_and_keep_their_data(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.ampdesk"
    shutil.copy(FIXTURES / f"workshop_schema{version}.ampdesk", path)
    with open_workshop(path) as workshop:
        repo = WorkshopStore(workshop)
        assert len(repo.pay.rows()) == 12
        assert repo.details.get().anonymity_threshold == 5
        if version < 4:
            assert repo.plan.get() == half_day(framework())  # no plan stored yet
        else:
            assert repo.plan.get().expected_participants == 12
    assert backup_path(path, version).exists()
    fresh = tmp_path / "fresh.ampdesk"
    create_workshop(fresh, "new").close()
    assert _schema(path) == _schema(fresh)
    assert {"submission", "agenda_item", "workshop_plan"} <= set(_schema(path))


def test_schema4_upgrade_removes_every_link_between_a_phone_and_its_input(tmp_path: Path) -> None:
    """The schema-4 fixture holds three phones' answers ("Phone 13"), notes (author) and dots
    (voter) with retry records naming each phone; schema 5 keeps the input, not the links."""
    path = tmp_path / "old.ampdesk"
    shutil.copy(FIXTURES / "workshop_schema4.ampdesk", path)
    with open_workshop(path) as workshop:
        repo = WorkshopStore(workshop)
        assert len(repo.answers.by_item("fairness")["peers"]) == 15
        assert any(n.text.startswith("As the only person on phone 0") for n in repo.notes.all())
    with sqlite3.connect(path) as conn:
        assert (
            conn.execute("SELECT count(*) FROM answer WHERE ballot IS NOT NULL").fetchone()[0] == 0
        )
        assert conn.execute("SELECT count(*) FROM vote WHERE ballot IS NOT NULL").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM submission").fetchone()[0] == 0
        assert "author" not in {r[1] for r in conn.execute("PRAGMA table_info(note)")}
        times = [
            r[0]
            for table, column in (
                ("participant", "joined_at"),
                ("answer", "created_at"),
                ("note", "created_at"),
                ("vote", "created_at"),
            )
            for r in conn.execute(f"SELECT {column} FROM {table}")
        ]
    conn.close()
    assert times and all(t.endswith(":00:00") for t in times)
    raw = path.read_bytes()
    for trace in (b"answer-key-0", b"note-key-1", b'{"id": 17}'):
        assert trace not in raw  # overwritten, not left in free pages


# The token of "Phone 13" in the schema-5 fixture: ``ampdesk demo`` written with schema-5 code,
# then five phones (13-17) answered the pulse through ``ampdesk live`` (Phone 13 twice, the
# second time with the key below), the pulse was revealed, they answered autonomy items and
# wrote ideas, and three of them voted.
FIXTURE5_TOKEN = "ZAVxKObBEDTqiErj7PBVIuZUwcSX9_zJvvTkjdB8JXY"
FIXTURE5_KEY = "schema5-fixture-key"


@pytest.mark.slow
def test_schema5_upgrade_adds_the_answer_index_and_phones_carry_on(tmp_path: Path) -> None:
    """A schema-5 file opened by the participant server is upgraded; a phone of that file
    gets its retry replayed and replaces its answer (found by the new index), nothing else."""
    path = tmp_path / "old.ampdesk"
    shutil.copy(FIXTURES / "workshop_schema5.ampdesk", path)
    server = LiveProcess(path, "--step", "fairness")
    try:
        phone = server.phone(join=False)
        phone.token = FIXTURE5_TOKEN
        body = {"activity": "pulse", "answers": {"peers": 4}}
        replay = phone.submit("answers", body, key=FIXTURE5_KEY)
        again = phone.submit("answers", {"activity": "pulse", "answers": {"peers": 1}})
    finally:
        assert server.stop() == 0
    assert (replay.status, replay.headers.get("idempotent-replay")) == (200, "true")
    assert again.status == 200
    assert inspect(path) == SCHEMA_VERSION and backup_path(path, 5).exists()
    ballot = pseudonym(FIXTURE5_TOKEN, "answers:fairness:None")
    with sqlite3.connect(path) as conn:
        indexes = {r[1] for r in conn.execute("PRAGMA index_list(answer)")}
        mine = conn.execute(
            "SELECT item, value FROM answer WHERE ballot = ? ORDER BY item", (ballot,)
        ).fetchall()
        phones = conn.execute("SELECT count(*) FROM answer WHERE source = 'phone'").fetchone()
    conn.close()
    assert "ix_answer_ballot_item" in indexes
    assert mine == [("market", 2), ("peers", 1), ("settled", 5)]
    assert phones == (25,)


def test_a_phones_earlier_answer_is_found_by_the_index(tmp_path: Path) -> None:
    """The participant server's replacement of an answer reads only that phone's rows."""
    path = tmp_path / "new.ampdesk"
    create_workshop(path, "new").close()
    with closing(sqlite3.connect(path)) as conn:
        plan = conn.execute(f"EXPLAIN QUERY PLAN {REPLACE_ANSWER}", ("b", "i", "a", None))
        assert "USING INDEX ix_answer_ballot_item" in " ".join(row[3] for row in plan)
