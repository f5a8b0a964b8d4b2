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
"""

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 4


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


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _1_to_2,
    2: _2_to_3,
    3: _3_to_4,
}
