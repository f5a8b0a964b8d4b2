"""Live input in the workshop file: the open activity, the join code, who may join, the phones,
and what is revealed of their answers. The participant server writes phones' joins and
submissions through :mod:`ampdesk.store.live_writer`; everything else goes through here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from ampdesk.framework import reveal
from ampdesk.framework.live import LiveState, done_scope, new_code
from ampdesk.framework.state import NoteValue
from ampdesk.store.models import Answer, Note, Participant, PlanRecord, Setting, given_at
from ampdesk.store.workshop_file import Workshop

STATE_KEY = "live.state"
CODE_KEY = "live.code"
DONE_KEY = "live.done"  # per activity: pseudonyms of the phones that said "I'm done"
PORT_KEY = "live.port"
PER_ADDRESS_KEY = "live.phones_per_address"  # the default number of phones per address
ALLOWED_KEY = "live.allowed_addresses"  # JSON: address -> phones the facilitator allowed
REFUSED_KEY = "live.refused_joins"  # JSON: address -> phones replaced while live input ran
JOINING_KEY = "live.joining"  # "closed" once the facilitator closed joining
DEFAULT_PHONES_PER_ADDRESS = 1  # a second join from an address replaces its first phone
SOURCE = "phone"


@dataclass(frozen=True, slots=True)
class JoinRules:
    """Who may still join: one phone, one voice."""

    open: bool
    phones_per_address: int
    allowed: dict[str, int]

    def limit(self, address: str) -> int:
        """How many phones may join from ``address``."""
        return max(self.phones_per_address, self.allowed.get(address, 0))

    @classmethod
    def from_settings(cls, values: dict[str, str]) -> JoinRules:
        """The rules kept in the ``setting`` rows ``values`` (key -> value)."""
        per_address = values.get(PER_ADDRESS_KEY, "")
        return cls(
            open=values.get(JOINING_KEY) != "closed",
            phones_per_address=int(per_address)
            if per_address.isdigit()
            else DEFAULT_PHONES_PER_ADDRESS,
            allowed=stored_counts(values.get(ALLOWED_KEY)),
        )


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
            return LiveState.from_json(_value(s, STATE_KEY))

    def set_state(self, state: LiveState) -> None:
        """Open an activity (or lock, or wait)."""
        with self.workshop.session() as s:
            s.merge(Setting(key=STATE_KEY, value=state.to_json()))

    def new_join_code(self) -> str:
        """A fresh join code for a live session (each start, so each check-in, gets its own:
        a photo of an earlier QR code lets no one in later); kept while the session runs."""
        with self.workshop.session() as s:
            code = new_code()
            s.merge(Setting(key=CODE_KEY, value=code))
            return code

    def join_code(self) -> str:
        """The join code of the current (or last) live session, made on first use."""
        with self.workshop.session() as s:
            code = _value(s, CODE_KEY)
            if code is None:
                code = new_code()
                s.add(Setting(key=CODE_KEY, value=code))
            return code

    def last_port(self) -> int | None:
        """The port the participant server listened on last time for this workshop."""
        with self.workshop.session() as s:
            value = _value(s, PORT_KEY)
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
        return JoinRules.from_settings(values)

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
        the phones replaced from it."""
        with self.workshop.session() as s:
            allowed = stored_counts(_value(s, ALLOWED_KEY))
            allowed[address] = phones
            s.merge(Setting(key=ALLOWED_KEY, value=json.dumps(allowed, sort_keys=True)))
            refused = stored_counts(_value(s, REFUSED_KEY))
            refused.pop(address, None)
            s.merge(Setting(key=REFUSED_KEY, value=json.dumps(refused, sort_keys=True)))

    def refused(self) -> dict[str, int]:
        """Phones replaced by a later join from the same address, per address, since live
        input started."""
        with self.workshop.session() as s:
            return stored_counts(_value(s, REFUSED_KEY))

    def forget_refusals(self) -> None:
        """Start counting replaced phones afresh (when live input starts)."""
        with self.workshop.session() as s:
            s.execute(delete(Setting).where(Setting.key == REFUSED_KEY))

    def offered_notes(self, step: str | None) -> list[NoteValue]:
        """The notes a vote on ``step`` offers, as phones see them."""
        with self.workshop.session() as s:
            return [
                NoteValue(n.id, n.step, n.kind, n.dimension, n.text, n.hidden, 0)  # type: ignore[arg-type]  # kind: CHECK holds a NoteKind
                for n in s.scalars(_offered(step))
            ]

    # -- phones --------------------------------------------------------------------------
    def phones(self) -> dict[str, str]:
        """Every phone's token hash with its label ("Phone 7")."""
        query = select(Participant.token, Participant.label).where(Participant.token.is_not(None))
        with self.workshop.session() as s:
            return {token: label for token, label in s.execute(query) if token is not None}

    def done_count(self) -> int:
        """How many phones said "I'm done" with the activity that is open (a count only)."""
        with self.workshop.session() as s:
            marks = done_marks(_value(s, DONE_KEY))
        return len(marks.get(done_scope(self.state()), []))


# -- reveal, not trickle ------------------------------------------------------------------
def is_revealed(activity: str, checkin: int | None) -> bool:
    """Whether phones' answers of ``activity`` (at ``checkin``) wait for a reveal: the
    fairness pulse, and every check-in's pulse."""
    return checkin is not None or activity == "fairness"


def reveal_key(activity: str, checkin: int | None) -> str:
    """The ``setting`` row that keeps what is shown of ``activity`` (at ``checkin``)."""
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
    key = reveal_key(activity, checkin)
    return reveal.from_json(_value(session, key))


def reveal_answers(session: Session, activity: str, checkin: int | None, threshold: int) -> int:
    """Show phones' current answers of ``activity`` (at ``checkin``) as far as the rule of
    :func:`ampdesk.framework.reveal.reveal` allows; returns how many are shown. Raises
    RevealError with the reason when nothing may be shown."""
    current = phone_counts(session, activity, checkin)
    before = shown(session, activity, checkin)
    revealed = reveal.reveal(current, before, threshold, crowd=crowd(session))
    session.merge(Setting(key=reveal_key(activity, checkin), value=reveal.to_json(revealed)))
    return sum(sum(s.counts) for s in revealed.values())


def crowd(session: Session) -> str | None:
    """Why nothing new may be shown: more phones joined than people are expected, or None."""
    phones = session.scalar(
        select(func.count()).select_from(Participant).where(Participant.token.is_not(None))
    )
    expected = session.scalar(select(PlanRecord.expected_participants))
    return reveal.crowded(phones or 0, expected)


def _value(session: Session, key: str) -> str | None:
    """The ``setting`` row ``key``'s value, if there is one."""
    return session.scalar(select(Setting.value).where(Setting.key == key))


def _json_object(text: str | None) -> dict[str, object]:
    """A stored JSON object; anything unreadable is empty."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): v for k, v in data.items()} if isinstance(data, dict) else {}


def stored_counts(text: str | None) -> dict[str, int]:
    """A stored JSON object of whole numbers; anything unreadable is empty."""
    return {
        k: v
        for k, v in _json_object(text).items()
        if isinstance(v, int) and not isinstance(v, bool)
    }


def done_marks(text: str | None) -> dict[str, list[str]]:
    """The stored "I'm done" marks; anything unreadable is empty."""
    return {k: [str(m) for m in v] for k, v in _json_object(text).items() if isinstance(v, list)}


def _offered(step: str | None) -> Select[Note]:
    """The notes a vote on ``step`` offers: visible and not merged into another, oldest first."""
    return (
        select(Note)
        .where(Note.step == step, Note.hidden.is_(False), Note.merged_into_id.is_(None))
        .order_by(Note.id)
    )
