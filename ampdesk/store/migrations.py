"""Schema versions of the workshop file and the steps that upgrade one to the next.

``MIGRATIONS[n]`` turns a schema-``n`` file into schema ``n + 1``. Each step runs inside the
single transaction of :func:`ampdesk.store.workshop_file.open_workshop`; a fixture file of every
old schema lives in ``tests/fixtures/`` so each path is exercised by the tests, and a test checks
that an upgraded file has exactly the tables and columns of a new one.

Schema history:
1. The first workshop file.
2. Per-workshop settings (the gate's thresholds), acknowledgements of mistake warnings and
   the organisation's own cases.
3. Submissions from phones, kept by idempotency key (live input).
4. The plan: the agenda with timeboxes, per-step choices, materials, private notes, roster.
5. Answers that cannot be linked: an answer's ``respondent`` ("Phone 7") becomes ``ballot``, a
   pseudonym per phone and activity; a note's ``author`` is dropped; a dot's ``voter`` becomes
   ``ballot``, a pseudonym per phone and vote; a submission is kept by a pseudonym instead of
   its phone's id; times written by phones are kept to the hour. The upgrade removes every link
   an older file held (and the retry records of submissions, which only matter while phones
   are connected).
6. An index on an answer's ballot and item, so a phone's answer that replaces an earlier one
   finds it without reading every answer of the activity. The tables are unchanged.
"""

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 6
HOUR = "%Y-%m-%d %H:00:00"  # how times written by phones are kept (strftime format)


def _1_to_2(conn: sqlite3.Connection) -> None:
    conn.execute(
        'CREATE TABLE setting ("key" VARCHAR(64) NOT NULL, value TEXT NOT NULL, '
        'PRIMARY KEY ("key"))'
    )
    conn.execute(
        "CREATE TABLE acknowledgement (check_id VARCHAR(64) NOT NULL, note TEXT NOT NULL, "
        "acknowledged_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, PRIMARY KEY (check_id))"
    )
    conn.execute(
        "CREATE TABLE own_case (id INTEGER NOT NULL, title TEXT NOT NULL, story TEXT NOT NULL, "
        "lesson TEXT NOT NULL, step VARCHAR(16), "
        "created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, PRIMARY KEY (id))"
    )


def _2_to_3(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE submission (id INTEGER NOT NULL, participant_id INTEGER NOT NULL, "
        '"key" VARCHAR(64) NOT NULL, status INTEGER NOT NULL, response TEXT NOT NULL, '
        "created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, PRIMARY KEY (id), "
        'UNIQUE (participant_id, "key"), '
        "FOREIGN KEY(participant_id) REFERENCES participant (id) ON DELETE CASCADE)"
    )


def _3_to_4(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE agenda_item (id INTEGER NOT NULL, position INTEGER NOT NULL, "
        "kind VARCHAR(16) NOT NULL, title TEXT NOT NULL, minutes INTEGER NOT NULL, "
        "step VARCHAR(16), PRIMARY KEY (id))"
    )
    conn.execute(
        "CREATE TABLE workshop_plan (id INTEGER NOT NULL, steps TEXT NOT NULL, "
        "materials TEXT NOT NULL, facilitator_notes TEXT NOT NULL, "
        "expected_participants INTEGER, roster TEXT NOT NULL, PRIMARY KEY (id))"
    )


def _4_to_5(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA secure_delete = ON")  # the removed links are overwritten, not freed
    conn.execute("UPDATE answer SET respondent = NULL")
    conn.execute("ALTER TABLE answer RENAME COLUMN respondent TO ballot")
    conn.execute("ALTER TABLE note DROP COLUMN author")
    conn.execute(
        "CREATE TABLE vote_5 (id INTEGER NOT NULL, note_id INTEGER NOT NULL, "
        "ballot VARCHAR(64), created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, "
        "PRIMARY KEY (id), FOREIGN KEY(note_id) REFERENCES note (id) ON DELETE CASCADE)"
    )
    conn.execute(
        "INSERT INTO vote_5 (id, note_id, created_at) SELECT id, note_id, created_at FROM vote"
    )
    conn.execute("DROP TABLE vote")
    conn.execute("ALTER TABLE vote_5 RENAME TO vote")
    conn.execute("CREATE INDEX ix_vote_note_id ON vote (note_id)")
    conn.execute("DROP TABLE submission")
    conn.execute(
        'CREATE TABLE submission (id INTEGER NOT NULL, "key" VARCHAR(64) NOT NULL, '
        "status INTEGER NOT NULL, response TEXT NOT NULL, "
        "created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, PRIMARY KEY (id), "
        'UNIQUE ("key"))'
    )
    for table, column in (
        ("participant", "joined_at"),
        ("answer", "created_at"),
        ("note", "created_at"),
        ("vote", "created_at"),
    ):
        conn.execute(f"UPDATE {table} SET {column} = strftime('{HOUR}', {column})")


def _5_to_6(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE INDEX ix_answer_ballot_item ON answer (ballot, item)")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _1_to_2,
    2: _2_to_3,
    3: _3_to_4,
    4: _4_to_5,
    5: _5_to_6,
}
