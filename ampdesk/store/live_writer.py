"""The participant server's hot path: phones' joins and submissions as prepared ``sqlite3``
statements, many in one transaction (group commit).

SQLAlchemy keeps the models, the migrations and every other query. The writer borrows one DBAPI
connection from the workshop's engine (the same file and pragmas: WAL, synchronous=FULL,
foreign keys on) and sends the few statements below to it; ``sqlite3`` keeps each statement
prepared on that connection. What is stored is what the ORM stored before: the same rows,
pseudonyms, times to the hour and ``setting`` values. A writer is used by one thread only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import PoolProxiedConnection

from ampdesk.framework import reveal
from ampdesk.framework.live import LiveInputError, LiveState, done_scope
from ampdesk.framework.thresholds import DEFAULT_THRESHOLD
from ampdesk.store.live import (
    ALLOWED_KEY,
    DONE_KEY,
    JOINING_KEY,
    PER_ADDRESS_KEY,
    REFUSED_KEY,
    SOURCE,
    STATE_KEY,
    JoinRules,
    done_marks,
    is_revealed,
    pseudonym,
    reveal_key,
    stored_counts,
    this_hour,
    token_hash,
)
from ampdesk.store.workshop_file import Workshop

Response = tuple[int, dict[str, Any], bool]  # status, body, replayed
Written = tuple[int, dict[str, Any]]  # status and body of a submission that was applied

_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy keeps a DateTime in SQLite
_SETTING = "SELECT value FROM setting WHERE key = ?"
_PUT_SETTING = (
    "INSERT INTO setting (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)
_JOIN_SETTINGS = "SELECT key, value FROM setting WHERE key IN (?, ?, ?)"
_THRESHOLD = "SELECT anonymity_threshold FROM workshop WHERE id = 1"
_PHONE = "INSERT INTO participant (label, token, joined_at) VALUES ('', ?, ?)"
_NEW_TOKEN = "UPDATE participant SET token = ? WHERE token = ? RETURNING id"
_PHONE_COUNT = "SELECT count(*) FROM participant WHERE token IS NOT NULL"
_EXPECTED = "SELECT expected_participants FROM workshop_plan"
_ANSWER_SCOPES = "SELECT DISTINCT activity, checkin_id FROM answer WHERE source = ?"
_REBALLOT_ANSWERS = "UPDATE answer SET ballot = ? WHERE ballot = ?"
_VOTE_STEPS = "SELECT DISTINCT step FROM note"
_REBALLOT_VOTES = "UPDATE vote SET ballot = ? WHERE ballot = ?"
_LABEL = "UPDATE participant SET label = 'Phone ' || id WHERE id = ?"
_SUBMITTED = "SELECT status, response FROM submission WHERE key = ?"
_KEEP = "INSERT INTO submission (key, status, response, created_at) VALUES (?, ?, ?, ?)"
# The answer a phone's new answer replaces, found by the index of schema 6. Named, because
# without statistics SQLite may take the index on the activity instead: every phone's rows.
REPLACE_ANSWER = (
    "DELETE FROM answer INDEXED BY ix_answer_ballot_item "
    "WHERE ballot = ? AND item = ? AND activity = ? AND checkin_id IS ?"
)
_ANSWER = (
    "INSERT INTO answer (activity, item, value, source, ballot, checkin_id, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_PHONE_VALUES = (
    "SELECT value FROM answer WHERE activity = ? AND item = ? AND source = ? AND checkin_id IS ?"
)
_NOTE = (
    "INSERT INTO note (step, kind, dimension, text, hidden, created_at) VALUES (?, ?, ?, ?, 0, ?)"
)
_OFFERED = "SELECT id FROM note WHERE step IS ? AND hidden = 0 AND merged_into_id IS NULL"
_OFFERED_IDS = _OFFERED + " ORDER BY id"
_UNVOTE = f"DELETE FROM vote WHERE ballot = ? AND note_id IN ({_OFFERED})"
_VOTE = "INSERT INTO vote (note_id, ballot, created_at) VALUES (?, ?, ?)"


class LiveWriter:
    """Writes phones' joins and submissions of one open workshop in batches: one transaction
    (one fsync) per batch. Keeps the tokens of the phones joined per address while it runs,
    in memory only, so a phone joining again from its address can replace its first one."""

    def __init__(self, workshop: Workshop) -> None:
        self._engine = workshop.engine
        self._raw: PoolProxiedConnection | None = None
        self.joined: dict[str, list[str]] = {}  # tokens per address, oldest first, this run

    def _connection(self) -> sqlite3.Connection:
        if self._raw is None:
            self._raw = self._engine.raw_connection()
        connection = self._raw.driver_connection
        assert isinstance(connection, sqlite3.Connection)
        return connection

    @contextmanager
    def batch(self) -> Iterator[Batch]:
        """Joins and submissions written in one transaction, committed when the block ends;
        if the commit fails, nothing of the batch is stored."""
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            batch = Batch(db, self.joined)
            yield batch
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:  # SQLite may have rolled back already (disk full)
                db.execute("ROLLBACK")
            raise
        self.joined.update(batch.joined_now)

    def close(self) -> None:
        """Give the connection back to the engine."""
        if self._raw is not None:
            self._raw.close()
            self._raw = None


class Batch:
    """Several phones' joins and submissions in one transaction; each in a savepoint of its
    own, so a refused one leaves the others standing. Nothing is durable before the commit."""

    def __init__(self, db: sqlite3.Connection, joined: dict[str, list[str]]) -> None:
        self.db = db
        self._joined = joined
        self.joined_now: dict[str, list[str]] = {}  # addresses whose phones this batch changed
        self.state = LiveState.from_json(self._setting(STATE_KEY))
        self.hour = this_hour().strftime(_TIME)  # phones' times are kept to the hour

    def _setting(self, key: str) -> str | None:
        row = self.db.execute(_SETTING, (key,)).fetchone()
        return None if row is None else str(row[0])

    def _put_setting(self, key: str, value: str) -> None:
        self.db.execute(_PUT_SETTING, (key, value))

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        self.db.execute("SAVEPOINT item")
        try:
            yield
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK TO item")
                self.db.execute("RELEASE item")
            raise
        self.db.execute("RELEASE item")

    def join(self, address: str, token: str) -> Response:
        """Register a phone by its token (only its hash is kept), unless joining is closed
        (raises). Once ``address`` has as many phones as it may, the new phone takes the place
        of the oldest one from there: that one's token stops working, and its answers, dots and
        done marks become the new phone's (never counted twice). The replacement is counted
        for the live bar, which lets the facilitator allow more phones from a shared router."""
        rows = self.db.execute(_JOIN_SETTINGS, (JOINING_KEY, PER_ADDRESS_KEY, ALLOWED_KEY))
        rules = JoinRules.from_settings({str(k): str(v) for k, v in rows})
        if not rules.open:
            raise LiveInputError(403, "Joining is closed. Ask the facilitator if you should be in.")
        mine = list(self.joined_now.get(address, self._joined.get(address, [])))
        with self._savepoint():
            phone = None
            if len(mine) >= rules.limit(address):
                old = mine.pop(0)
                refused = stored_counts(self._setting(REFUSED_KEY))
                refused[address] = refused.get(address, 0) + 1
                self._put_setting(REFUSED_KEY, json.dumps(refused, sort_keys=True))
                row = self.db.execute(_NEW_TOKEN, (token_hash(token), token_hash(old))).fetchone()
                if row is not None:
                    phone = int(row[0])
                    self._carry_over(old, token)
            if phone is None:
                phone = self.db.execute(_PHONE, (token_hash(token), self.hour)).lastrowid
                self.db.execute(_LABEL, (phone,))
        self.joined_now[address] = [*mine, token]
        return 201, {"token": token, "phone": f"Phone {phone}"}, False

    def _carry_over(self, old: str, new: str) -> None:
        """Give the phone with token ``old``'s answers, dots and done marks to ``new``."""
        for activity, checkin in self.db.execute(_ANSWER_SCOPES, (SOURCE,)).fetchall():
            scope = f"answers:{activity}:{checkin}"
            self.db.execute(_REBALLOT_ANSWERS, (pseudonym(new, scope), pseudonym(old, scope)))
        for (step,) in self.db.execute(_VOTE_STEPS).fetchall():
            scope = f"votes:{step}"
            self.db.execute(_REBALLOT_VOTES, (pseudonym(new, scope), pseudonym(old, scope)))
        marks = done_marks(self._setting(DONE_KEY))
        for scope, names in marks.items():
            mark = pseudonym(old, f"done:{scope}")
            marks[scope] = [pseudonym(new, f"done:{scope}") if n == mark else n for n in names]
        if marks:
            self._put_setting(DONE_KEY, json.dumps(marks))

    def apply(self, token: str, key: str, write: Callable[[], Written]) -> Response:
        """Run ``write`` unless this phone sent ``key`` before; then answer as the first time.

        The record is kept under a pseudonym of the phone's token and ``key``, so it names no
        phone. An exception from ``write`` (a refused submission) undoes only this submission.
        """
        kept_as = pseudonym(token, f"submission:{key}")
        row = self.db.execute(_SUBMITTED, (kept_as,)).fetchone()
        if row is not None:
            return int(row[0]), json.loads(row[1]), True
        with self._savepoint():
            status, body = write()
            self.db.execute(_KEEP, (kept_as, status, json.dumps(body), self.hour))
        return status, body, False

    def answers(self, token: str, answers: dict[str, int]) -> Written:
        """Store 1-5 answers to the open activity, replacing this phone's earlier answers to
        the same items (at the same check-in): found by the phone's ballot for that activity."""
        checkin = self.state.checkin
        for item, value in answers.items():
            activity = self.state.stored_as(item)
            ballot = pseudonym(token, f"answers:{activity}:{checkin}")
            self.db.execute(REPLACE_ANSWER, (ballot, item, activity, checkin))
            self.db.execute(_ANSWER, (activity, item, value, SOURCE, ballot, checkin, self.hour))
            if is_revealed(activity, checkin):
                self._after_answer(activity, item, checkin)
        return 200, {"saved": len(answers)}

    def _after_answer(self, activity: str, item: str, checkin: int | None) -> None:
        """Advance what is shown of ``item`` after a phone's answer (the batching rule)."""
        key = reveal_key(activity, checkin)
        before = reveal.from_json(self._setting(key))
        if not before:
            return  # not revealed yet: nothing is shown
        values = [v for (v,) in self.db.execute(_PHONE_VALUES, (activity, item, SOURCE, checkin))]
        threshold = (self.db.execute(_THRESHOLD).fetchone() or (None,))[0] or DEFAULT_THRESHOLD
        phones = int(self.db.execute(_PHONE_COUNT).fetchone()[0])
        expected = (self.db.execute(_EXPECTED).fetchone() or (None,))[0]
        shown = before.get(item, reveal.Shown((0, 0, 0, 0, 0)))
        after = reveal.after_answer(
            shown, reveal.counts_of(values), threshold, crowd=reveal.crowded(phones, expected)
        )
        assert after is not None
        before[item] = after
        self._put_setting(key, reveal.to_json(before))

    def note(self, step: str, kind: str, dimension: str | None, text: str) -> Written:
        """Add a note written on a phone: no author is kept."""
        note = self.db.execute(_NOTE, (step, kind, dimension, text, self.hour)).lastrowid
        return 201, {"id": note}

    def offered_notes(self) -> list[int]:
        """The ids of the notes the open vote offers (visible, not merged), oldest first."""
        if self.state.activity != "voting":
            return []
        return [int(i) for (i,) in self.db.execute(_OFFERED_IDS, (self.state.step,))]

    def votes(self, token: str, note_ids: list[int]) -> Written:
        """Replace this phone's dots among the notes the open vote offers by ``note_ids``:
        found by the phone's ballot for this vote."""
        ballot = pseudonym(token, f"votes:{self.state.step}")
        self.db.execute(_UNVOTE, (ballot, self.state.step))
        self.db.executemany(_VOTE, [(i, ballot, self.hour) for i in note_ids])
        return 200, {"votes": len(note_ids)}

    def done(self, token: str) -> Written:
        """Count this phone as done with the open activity (once; kept under a pseudonym of
        the phone's token for this activity only, so marks of two activities do not link)."""
        scope = done_scope(self.state)
        marks = done_marks(self._setting(DONE_KEY))
        mine = pseudonym(token, f"done:{scope}")
        names = marks.setdefault(scope, [])
        if mine not in names:
            names.append(mine)
        self._put_setting(DONE_KEY, json.dumps(marks))
        return 200, {"done": len(names)}
