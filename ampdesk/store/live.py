"""Live input in the workshop file: the open activity, the join code, phones and their
submissions. A submission and its idempotency record are written in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from ampdesk.framework import reveal
from ampdesk.framework.disclosure import DEFAULT_THRESHOLD
from ampdesk.framework.live import LiveState, done_scope, new_code
from ampdesk.framework.state import NoteValue
from ampdesk.store.models import (
    Answer,
    Note,
    Participant,
    Setting,
    Submission,
    Vote,
    WorkshopDetails,
    given_at,
)
from ampdesk.store.workshop_file import Workshop

STATE_KEY = "live.state"
CODE_KEY = "live.code"
DONE_KEY = "live.done"  # per activity: pseudonyms of the phones that said "I'm done"
PORT_KEY = "live.port"
PER_ADDRESS_KEY = "live.phones_per_address"  # the default number of phones per address
ALLOWED_KEY = "live.allowed_addresses"  # JSON: address -> phones the facilitator allowed
REFUSED_KEY = "live.refused_joins"  # JSON: address -> joins refused while live input ran
JOINING_KEY = "live.joining"  # "closed" once the facilitator closed joining
DEFAULT_PHONES_PER_ADDRESS = 2  # a phone that lost its storage can join again
SOURCE = "phone"

Response = tuple[int, dict[str, Any], bool]  # status, body, replayed


@dataclass(frozen=True, slots=True)
class JoinRules:
    """Who may still join: one phone, one voice."""

    open: bool
    phones_per_address: int
    allowed: dict[str, int]

    def limit(self, address: str) -> int:
        """How many phones may join from ``address``."""
        return max(self.phones_per_address, self.allowed.get(address, 0))


def token_hash(token: str) -> str:
    """How a phone's token is kept in the file: only its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def pseudonym(token: str, scope: str) -> str:
    """A phone's name for one purpose (one activity's answers, one vote, one submission): an
    HMAC of ``scope`` keyed by the token. The file holds only the token's SHA-256, from which
    no pseudonym can be computed, and two scopes give unrelated pseudonyms, so rows of one
    phone in different scopes share nothing."""
    return hmac.new(token.encode("utf-8"), scope.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def this_hour() -> dt.datetime:
    """The current time (UTC) cut to the hour: how the file keeps times written by phones."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, minute=0, second=0, microsecond=0)


class LiveStore:
    """The live-input part of one open workshop; every method commits before it returns."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    # -- what the facilitator opened -----------------------------------------------------
    def state(self) -> LiveState:
        """The activity open for phones."""
        with self.workshop.session() as s:
            return LiveState.from_json(
                s.scalar(select(Setting.value).where(Setting.key == STATE_KEY))
            )

    def set_state(self, state: LiveState) -> None:
        """Open an activity (or lock, or wait)."""
        with self.workshop.session() as s:
            s.merge(Setting(key=STATE_KEY, value=state.to_json()))

    def join_code(self) -> str:
        """This workshop's join code, made on first use and kept so printed QR codes stay valid."""
        with self.workshop.session() as s:
            code = s.scalar(select(Setting.value).where(Setting.key == CODE_KEY))
            if code is None:
                code = new_code()
                s.add(Setting(key=CODE_KEY, value=code))
            return code

    def last_port(self) -> int | None:
        """The port the participant server listened on last time for this workshop."""
        with self.workshop.session() as s:
            value = s.scalar(select(Setting.value).where(Setting.key == PORT_KEY))
        return int(value) if value and value.isdigit() else None

    def remember_port(self, port: int) -> None:
        """Keep the port the server listens on, to try it first next time."""
        with self.workshop.session() as s:
            s.merge(Setting(key=PORT_KEY, value=str(port)))

    # -- who may join -------------------------------------------------------------------
    def join_rules(self) -> JoinRules:
        """Whether joining is open and how many phones each address may join."""
        with self.workshop.session() as s:
            values = dict(s.execute(select(Setting.key, Setting.value)).tuples().all())
        per_address = values.get(PER_ADDRESS_KEY, "")
        return JoinRules(
            open=values.get(JOINING_KEY) != "closed",
            phones_per_address=int(per_address)
            if per_address.isdigit()
            else DEFAULT_PHONES_PER_ADDRESS,
            allowed=_counts(values.get(ALLOWED_KEY)),
        )

    def set_phones_per_address(self, phones: int) -> None:
        """Set how many phones may join from one address unless allowed more."""
        if phones < 1:
            raise ValueError("at least one phone per address must be able to join")
        with self.workshop.session() as s:
            s.merge(Setting(key=PER_ADDRESS_KEY, value=str(phones)))

    def set_joining_open(self, open_: bool) -> None:
        """Open joining, or close it once everyone is in."""
        with self.workshop.session() as s:
            s.merge(Setting(key=JOINING_KEY, value="open" if open_ else "closed"))

    def allow(self, address: str, phones: int) -> None:
        """Let ``phones`` phones join from ``address`` (a venue's shared router), and forget
        the joins refused from it."""
        with self.workshop.session() as s:
            allowed = _counts(s.scalar(select(Setting.value).where(Setting.key == ALLOWED_KEY)))
            allowed[address] = phones
            s.merge(Setting(key=ALLOWED_KEY, value=json.dumps(allowed, sort_keys=True)))
            refused = _counts(s.scalar(select(Setting.value).where(Setting.key == REFUSED_KEY)))
            refused.pop(address, None)
            s.merge(Setting(key=REFUSED_KEY, value=json.dumps(refused, sort_keys=True)))

    def refuse(self, address: str) -> None:
        """Count a join refused from ``address``, for the live bar."""
        with self.workshop.session() as s:
            refused = _counts(s.scalar(select(Setting.value).where(Setting.key == REFUSED_KEY)))
            refused[address] = refused.get(address, 0) + 1
            s.merge(Setting(key=REFUSED_KEY, value=json.dumps(refused, sort_keys=True)))

    def refused(self) -> dict[str, int]:
        """Joins refused per address since live input started."""
        with self.workshop.session() as s:
            return _counts(s.scalar(select(Setting.value).where(Setting.key == REFUSED_KEY)))

    def forget_refusals(self) -> None:
        """Start counting refused joins afresh (when live input starts)."""
        with self.workshop.session() as s:
            s.execute(delete(Setting).where(Setting.key == REFUSED_KEY))

    def offered_notes(self, step: str | None) -> list[NoteValue]:
        """The notes a vote on ``step`` offers, as phones see them."""
        with self.workshop.session() as s:
            return [
                NoteValue(n.id, n.step, n.kind, n.dimension, n.text, n.hidden, 0)  # type: ignore[arg-type]
                for n in s.scalars(_offered(step))
            ]

    # -- phones --------------------------------------------------------------------------
    def add_phone(self, token: str) -> tuple[int, str]:
        """Register a phone by its token; returns its id and label ("Phone 7")."""
        with self.workshop.session() as s:
            phone = Participant(label="", token=token_hash(token), joined_at=this_hour())
            s.add(phone)
            s.flush()
            phone.label = f"Phone {phone.id}"
            return phone.id, phone.label

    def phones(self) -> dict[str, tuple[int, str]]:
        """Every phone's token hash with its id and label."""
        query = select(Participant.token, Participant.id, Participant.label).where(
            Participant.token.is_not(None)
        )
        with self.workshop.session() as s:
            return {token: (pid, label) for token, pid, label in s.execute(query)}

    def done_count(self) -> int:
        """How many phones said "I'm done" with the activity that is open (a count only)."""
        with self.workshop.session() as s:
            marks = _done_marks(s.scalar(select(Setting.value).where(Setting.key == DONE_KEY)))
        return len(marks.get(done_scope(self.state()), []))

    # -- submissions ---------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[SubmissionBatch]:
        """Submissions written in one transaction, committed (one fsync) when the block ends."""
        with self.workshop.session() as s:
            yield SubmissionBatch(s, self)


# -- reveal, not trickle ------------------------------------------------------------------
def is_revealed(activity: str, checkin: int | None) -> bool:
    """Whether phones' answers of ``activity`` (at ``checkin``) wait for a reveal: the
    fairness pulse, and every check-in's pulse."""
    return checkin is not None or activity == "fairness"


def _reveal_key(activity: str, checkin: int | None) -> str:
    return f"reveal.{activity}" if checkin is None else f"reveal.{activity}.checkin.{checkin}"


def phone_counts(session: Session, activity: str, checkin: int | None) -> dict[str, reveal.Counts]:
    """Phones' answers per item of ``activity`` (at ``checkin``), counted per scale point."""
    query = select(Answer.item, Answer.value).where(
        Answer.activity == activity, Answer.source == SOURCE, given_at(checkin)
    )
    grouped: dict[str, list[int]] = {}
    for item, value in session.execute(query):
        grouped.setdefault(item, []).append(value)
    return {item: reveal.counts_of(values) for item, values in grouped.items()}


def shown(session: Session, activity: str, checkin: int | None) -> dict[str, reveal.Shown]:
    """What is shown of phones' answers of ``activity`` (at ``checkin``)."""
    key = _reveal_key(activity, checkin)
    return reveal.from_json(session.scalar(select(Setting.value).where(Setting.key == key)))


def reveal_answers(session: Session, activity: str, checkin: int | None, threshold: int) -> int:
    """Show phones' current answers of ``activity`` (at ``checkin``); returns how many are
    shown. Raises RevealError while no item has ``threshold`` answers."""
    current = phone_counts(session, activity, checkin)
    revealed = reveal.reveal(current, threshold)
    session.merge(Setting(key=_reveal_key(activity, checkin), value=reveal.to_json(revealed)))
    return sum(sum(s.counts) for s in revealed.values())


def _after_answer(
    session: Session, activity: str, item: str, checkin: int | None, threshold: int
) -> None:
    """Advance what is shown of ``item`` after a phone's answer (the batching rule)."""
    before = shown(session, activity, checkin)
    if not before:
        return  # not revealed yet: nothing is shown
    current = phone_counts(session, activity, checkin).get(item, (0, 0, 0, 0, 0))
    after = reveal.after_answer(before.get(item, reveal.Shown((0, 0, 0, 0, 0))), current, threshold)
    assert after is not None
    before[item] = after
    session.merge(Setting(key=_reveal_key(activity, checkin), value=reveal.to_json(before)))


def _json_object(text: str | None) -> dict[str, object]:
    """A stored JSON object; anything unreadable is empty."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): v for k, v in data.items()} if isinstance(data, dict) else {}


def _counts(text: str | None) -> dict[str, int]:
    """A stored JSON object of whole numbers; anything unreadable is empty."""
    return {
        k: v
        for k, v in _json_object(text).items()
        if isinstance(v, int) and not isinstance(v, bool)
    }


def _done_marks(text: str | None) -> dict[str, list[str]]:
    """The stored "I'm done" marks; anything unreadable is empty."""
    return {k: [str(m) for m in v] for k, v in _json_object(text).items() if isinstance(v, list)}


def _offered(step: str | None) -> Select[tuple[Note]]:
    """The notes a vote on ``step`` offers: visible and not merged into another, oldest first."""
    return (
        select(Note)
        .where(Note.step == step, Note.hidden.is_(False), Note.merged_into_id.is_(None))
        .order_by(Note.id)
    )


Written = tuple[int, dict[str, Any]]  # status and body of a submission that was applied


class SubmissionBatch:
    """Several phones' submissions in one transaction; each in a savepoint of its own, so a
    refused one leaves the others standing. Nothing is durable before the batch commits."""

    def __init__(self, session: Session, store: LiveStore) -> None:
        self.session = session
        self.store = store
        self.state = LiveState.from_json(
            session.scalar(select(Setting.value).where(Setting.key == STATE_KEY))
        )

    def apply(self, token: str, key: str, write: Callable[[], Written]) -> Response:
        """Run ``write`` unless this phone sent ``key`` before; then answer as the first time.

        The record is kept under a pseudonym of the phone's token and ``key``, so it names no
        phone. An exception from ``write`` (a refused submission) undoes only this submission.
        """
        kept_as = pseudonym(token, f"submission:{key}")
        row = self.session.execute(
            select(Submission.status, Submission.response).where(Submission.key == kept_as)
        ).first()
        if row is not None:
            return row[0], json.loads(row[1]), True
        with self.session.begin_nested():
            status, body = write()
            self.session.add(
                Submission(
                    key=kept_as, status=status, response=json.dumps(body), created_at=this_hour()
                )
            )
        return status, body, False

    def answers(self, token: str, answers: dict[str, int]) -> Written:
        """Store 1-5 answers to the open activity, replacing this phone's earlier answers to
        the same items (at the same check-in): found by the phone's ballot for that activity."""
        checkin = self.state.checkin
        threshold = (
            self.session.scalar(
                select(WorkshopDetails.anonymity_threshold).where(WorkshopDetails.id == 1)
            )
            or DEFAULT_THRESHOLD
        )
        for item, value in answers.items():
            stored_as = self.state.stored_as(item)
            ballot = pseudonym(token, f"answers:{stored_as}:{checkin}")
            self.session.execute(
                delete(Answer).where(
                    Answer.activity == stored_as,
                    Answer.item == item,
                    Answer.ballot == ballot,
                    given_at(checkin),
                )
            )
            self.session.add(
                Answer(
                    activity=stored_as,
                    item=item,
                    value=value,
                    source=SOURCE,
                    ballot=ballot,
                    checkin_id=checkin,
                    created_at=this_hour(),
                )
            )
            self.session.flush()
            if is_revealed(stored_as, checkin):
                _after_answer(
                    self.session, stored_as, item, checkin, threshold or DEFAULT_THRESHOLD
                )
        return 200, {"saved": len(answers)}

    def note(self, step: str, kind: str, dimension: str | None, text: str) -> Written:
        """Add a note written on a phone: no author is kept."""
        note = Note(step=step, kind=kind, dimension=dimension, text=text, created_at=this_hour())
        self.session.add(note)
        self.session.flush()
        return 201, {"id": note.id}

    def offered_notes(self) -> list[int]:
        """The ids of the notes the open vote offers (visible, not merged), oldest first."""
        if self.state.activity != "voting":
            return []
        return [note.id for note in self.session.scalars(_offered(self.state.step))]

    def votes(self, token: str, offered: Sequence[int], note_ids: Sequence[int]) -> Written:
        """Replace this phone's dots among the ``offered`` notes by ``note_ids``: found by the
        phone's ballot for this vote."""
        ballot = pseudonym(token, f"votes:{self.state.step}")
        self.session.execute(delete(Vote).where(Vote.ballot == ballot, Vote.note_id.in_(offered)))
        self.session.add_all(
            Vote(note_id=i, ballot=ballot, created_at=this_hour()) for i in note_ids
        )
        return 200, {"votes": len(note_ids)}

    def done(self, token: str) -> Written:
        """Count this phone as done with the open activity (once; kept under a pseudonym of
        the phone's token for this activity only, so marks of two activities do not link)."""
        scope = done_scope(self.state)
        row = self.session.get(Setting, DONE_KEY)
        marks = _done_marks(row.value if row is not None else None)
        mine = pseudonym(token, f"done:{scope}")
        names = marks.setdefault(scope, [])
        if mine not in names:
            names.append(mine)
        self.session.merge(Setting(key=DONE_KEY, value=json.dumps(marks)))
        return 200, {"done": len(names)}
