"""Live input in the workshop file: the open activity, the join code, phones and their
submissions. A submission and its idempotency record are written in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ampdesk.framework.live import ANSWER_ACTIVITY, LiveState, new_code, offered_for_voting
from ampdesk.framework.state import NoteValue
from ampdesk.store.models import Answer, Note, Participant, Setting, Submission, Vote
from ampdesk.store.repository import Repository
from ampdesk.store.workshop_file import Workshop

STATE_KEY = "live.state"
CODE_KEY = "live.code"
SOURCE = "phone"

Response = tuple[int, dict[str, Any], bool]  # status, body, replayed


def token_hash(token: str) -> str:
    """How a phone's token is kept in the file: only its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class LiveStore:
    """The live-input part of one open workshop; every method commits before it returns."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self.repo = Repository(workshop)

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

    def offered_notes(self, step: str | None) -> list[NoteValue]:
        """The notes a vote on ``step`` offers."""
        return offered_for_voting(self.repo.notes(step)) if step else []

    # -- phones --------------------------------------------------------------------------
    def add_phone(self, token: str) -> tuple[int, str]:
        """Register a phone by its token; returns its id and label ("Phone 7")."""
        with self.workshop.session() as s:
            phone = Participant(label="", token=token_hash(token))
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

    # -- submissions ---------------------------------------------------------------------
    def submit_answers(
        self, phone: tuple[int, str], key: str, activity: str, answers: dict[str, int]
    ) -> Response:
        """Store 1-5 answers, replacing this phone's earlier answers to the same items."""
        stored_as = ANSWER_ACTIVITY[activity]

        def write(s: Session) -> tuple[int, dict[str, Any]]:
            s.execute(
                delete(Answer).where(
                    Answer.activity == stored_as,
                    Answer.item.in_(answers),
                    Answer.respondent == phone[1],
                    Answer.checkin_id.is_(None),
                )
            )
            s.add_all(
                Answer(
                    activity=stored_as, item=item, value=value, source=SOURCE, respondent=phone[1]
                )
                for item, value in answers.items()
            )
            return 200, {"saved": len(answers)}

        return self._once(phone[0], key, write)

    def submit_note(
        self,
        phone: tuple[int, str],
        key: str,
        step: str,
        kind: str,
        dimension: str | None,
        text: str,
    ) -> Response:
        """Add a note written on a phone."""

        def write(s: Session) -> tuple[int, dict[str, Any]]:
            note = Note(step=step, kind=kind, dimension=dimension, text=text, author=phone[1])
            s.add(note)
            s.flush()
            return 201, {"id": note.id}

        return self._once(phone[0], key, write)

    def submit_votes(
        self, phone: tuple[int, str], key: str, offered: Sequence[int], note_ids: Sequence[int]
    ) -> Response:
        """Replace this phone's dots among the ``offered`` notes by ``note_ids``."""

        def write(s: Session) -> tuple[int, dict[str, Any]]:
            s.execute(delete(Vote).where(Vote.voter == phone[1], Vote.note_id.in_(offered)))
            s.add_all(Vote(note_id=i, voter=phone[1]) for i in note_ids)
            return 200, {"votes": len(note_ids)}

        return self._once(phone[0], key, write)

    def replay(self, phone_id: int, key: str) -> Response | None:
        """The first response to this phone's submission ``key``, if it was made before."""
        with self.workshop.session() as s:
            return self._earlier(s, phone_id, key)

    @staticmethod
    def _earlier(s: Session, phone_id: int, key: str) -> Response | None:
        row = s.execute(
            select(Submission.status, Submission.response).where(
                Submission.participant_id == phone_id, Submission.key == key
            )
        ).first()
        return None if row is None else (row[0], json.loads(row[1]), True)

    def _once(
        self, phone_id: int, key: str, write: Callable[[Session], tuple[int, dict[str, Any]]]
    ) -> Response:
        """Apply ``write`` unless this phone sent ``key`` before; then answer as the first time."""
        with self.workshop.session() as s:
            if (earlier := self._earlier(s, phone_id, key)) is not None:
                return earlier
            status, body = write(s)
            s.add(
                Submission(
                    participant_id=phone_id, key=key, status=status, response=json.dumps(body)
                )
            )
            return status, body, False
