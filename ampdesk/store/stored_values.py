"""What a workshop file may hold beyond its tables: no triggers or views, only ampdesk's own
indexes, exactly one workshop row, and in every column a value of its type, range and list
of choices. Checked in SQL (standard library only, so a file is judged before SQLAlchemy
loads) when a file is opened and when ``import-json`` builds one; a failure is one line naming
the table, row and column, never the value (it may be someone's pay).

A test checks that every column of the models has a rule here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ampdesk.framework.content import AUTONOMY_DIMENSIONS, STEP_IDS
from ampdesk.framework.followup import ACTION_STATUSES
from ampdesk.framework.plan import AGENDA_KINDS, MAX_MINUTES
from ampdesk.framework.state import NOTE_KIND_LABELS, STEP_STATUSES
from ampdesk.framework.thresholds import MIN_THRESHOLD

Rule = tuple[str, str]  # an SQL condition on the column {c}, and what it says in words

_INT64 = "{c} BETWEEN -9223372036854775808 AND 9223372036854775807"
TEXT: Rule = ("typeof({c}) = 'text'", "text")
INTEGER: Rule = (f"typeof({{c}}) = 'integer' AND {_INT64}", "a whole number")
BOOLEAN: Rule = ("typeof({c}) = 'integer' AND {c} IN (0, 1)", "0 or 1")
DATE: Rule = ("typeof({c}) = 'text' AND date({c}) = {c}", "a date (YYYY-MM-DD)")
DATETIME: Rule = ("typeof({c}) = 'text' AND datetime({c}) IS NOT NULL", "a date and time")
JSON_OBJECT: Rule = ("json_valid({c}) AND json_type({c}) = 'object'", "a JSON object")
JSON_LIST: Rule = ("json_valid({c}) AND json_type({c}) = 'array'", "a JSON list")


def one_of(values: Iterable[str]) -> Rule:
    """Text that is one of ``values``."""
    listed = tuple(values)
    quoted = ", ".join(f"'{v}'" for v in listed)
    return (f"typeof({{c}}) = 'text' AND {{c}} IN ({quoted})", "one of " + ", ".join(listed))


def whole_between(low: int, high: int) -> Rule:
    """A whole number from ``low`` to ``high``."""
    return (
        f"typeof({{c}}) = 'integer' AND {{c}} BETWEEN {low} AND {high}",
        f"a whole number from {low} to {high}",
    )


def amount(low: float, high: float, *, low_included: bool = False) -> Rule:
    """A number above ``low`` (or from it) and at most ``high``."""
    above = ">=" if low_included else ">"
    return (
        f"typeof({{c}}) IN ('integer', 'real') AND {{c}} {above} {low} AND {{c}} <= {high}",
        f"a number {'from' if low_included else 'above'} {low:g} and at most {_words(high)}",
    )


def _words(number: float) -> str:
    return "10^12" if number == 1e12 else f"{number:g}"


def optional(rule: Rule) -> Rule:
    """``rule``, or no value."""
    return (f"{{c}} IS NULL OR ({rule[0]})", f"{rule[1]} or empty")


STEP = one_of(STEP_IDS)
ID = INTEGER

RULES: dict[str, dict[str, Rule]] = {
    "workshop": {
        "id": ("typeof({c}) = 'integer' AND {c} = 1", "1"),
        "title": TEXT,
        "organisation": TEXT,
        "held_on": optional(DATE),
        "venue": TEXT,
        "facilitator": TEXT,
        "anonymity_threshold": whole_between(MIN_THRESHOLD, 1000),
        "created_at": DATETIME,
    },
    "participant": {
        "id": ID,
        "label": TEXT,
        "name": optional(TEXT),
        "token": optional(TEXT),
        "joined_at": DATETIME,
    },
    "pay_record": {
        "id": ID,
        "person": optional(TEXT),
        "role": TEXT,
        "level": TEXT,
        "work_type": one_of(("routine", "creative")),
        "pay": amount(0, 1e12),
        "market_median": amount(0, 1e12),
        "fte": amount(0, 1.5),
        "group_name": optional(TEXT),
        "currency": optional(TEXT),
    },
    "setting": {"key": TEXT, "value": TEXT},
    "answer": {
        "id": ID,
        "activity": TEXT,
        "item": TEXT,
        "value": whole_between(1, 5),
        "source": one_of(("facilitator", "phone")),
        "ballot": optional(TEXT),
        "checkin_id": optional(ID),
        "created_at": DATETIME,
    },
    "note": {
        "id": ID,
        "step": STEP,
        "kind": one_of(NOTE_KIND_LABELS),
        "dimension": optional(one_of(AUTONOMY_DIMENSIONS)),
        "text": TEXT,
        "hidden": BOOLEAN,
        "merged_into_id": optional(ID),
        "created_at": DATETIME,
    },
    "vote": {"id": ID, "note_id": ID, "ballot": optional(TEXT), "created_at": DATETIME},
    "submission": {
        "id": ID,
        "key": TEXT,
        "status": whole_between(100, 599),
        "response": TEXT,
        "created_at": DATETIME,
    },
    "step_state": {"step": STEP, "status": one_of(STEP_STATUSES)},
    "checklist_state": {"step": STEP, "item": TEXT, "done": BOOLEAN},
    "decision": {"key": TEXT, "value": TEXT},
    "acknowledgement": {"check_id": TEXT, "note": TEXT, "acknowledged_at": DATETIME},
    "gate_override": {
        "id": ID,
        "reason": TEXT,
        "remediation": TEXT,
        "owner": TEXT,
        "due": DATE,
        "decided_at": DATETIME,
        "withdrawn_at": optional(DATETIME),
    },
    "action": {
        "id": ID,
        "step": STEP,
        "title": TEXT,
        "owner": TEXT,
        "due": optional(DATE),
        "measure": TEXT,
        "created_at": DATETIME,
    },
    "checkin": {"id": ID, "held_on": DATE, "note": TEXT},
    "checkin_status": {
        "checkin_id": ID,
        "action_id": ID,
        "status": one_of(ACTION_STATUSES),
        "note": TEXT,
    },
    "agenda_item": {
        "id": ID,
        "position": INTEGER,
        "kind": one_of(AGENDA_KINDS),
        "title": TEXT,
        "minutes": whole_between(1, MAX_MINUTES),
        "step": optional(STEP),
    },
    "workshop_plan": {
        "id": ID,
        "steps": JSON_OBJECT,
        "materials": JSON_LIST,
        "facilitator_notes": TEXT,
        "expected_participants": optional(whole_between(1, 1000)),
        "roster": TEXT,
    },
    "own_case": {
        "id": ID,
        "title": TEXT,
        "story": TEXT,
        "lesson": TEXT,
        "step": optional(STEP),
        "created_at": DATETIME,
    },
}


def _objects(conn: sqlite3.Connection) -> str | None:
    """Why the file holds something ampdesk never writes (a trigger, a view, an index of
    another program), or None."""
    found = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') "
        "OR (type = 'index' AND name NOT LIKE 'sqlite_autoindex_%' AND name NOT LIKE 'ix_%') "
        "ORDER BY type, name LIMIT 1"
    ).fetchone()
    if found is None:
        return None
    kind, name = (_text(v) for v in found)
    article = "an" if kind == "index" else "a"
    return f"holds {article} {kind} ({name}) that ampdesk never writes; it is not opened"


def _values(conn: sqlite3.Connection) -> str | None:
    rows = conn.execute("SELECT count(*), min(id) FROM workshop").fetchone()
    if rows != (1, 1):
        return "the workshop's own row (id 1) is missing or not alone"
    for table, columns in RULES.items():
        checks = [_check(rule, column) for column, (rule, _) in columns.items()]
        failed = conn.execute(
            f'SELECT rowid, {", ".join(checks)} FROM "{table}" '
            f"WHERE NOT ({' AND '.join(checks)}) LIMIT 1"
        ).fetchone()
        if failed is not None:
            column, (_, words) = next(
                (c, r) for (c, r), ok in zip(columns.items(), failed[1:], strict=True) if not ok
            )
            return f"{table} row {failed[0]}: {column} is not {words}"
    broken = conn.execute("PRAGMA foreign_key_check").fetchone()
    if broken is not None:
        table, rowid, parent, _ = (_text(v) for v in broken)
        return f"{table} row {rowid}: refers to a {parent} row that is not there"
    return None


def _check(rule: str, column: str) -> str:
    """``rule`` on ``column`` as a condition that is 0, never NULL, when it fails."""
    quoted = '"' + column + '"'
    return f"coalesce(({rule.format(c=quoted)}), 0)"


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def file_problem(conn: sqlite3.Connection, current: bool = True) -> str | None:
    """Why the workshop file behind ``conn`` holds what ampdesk would not write, in one line
    without values, or None when it holds only that. Values are judged in a file of the
    current schema (``current``); an older one is judged as it is upgraded. Tables that are
    not a workshop's are left to the table check."""
    try:
        return _objects(conn) or (_values(conn) if current else None)
    except sqlite3.OperationalError as exc:
        if "no such" in str(exc):
            return None
        raise
