"""Live input from phones: which activity each step opens, what it asks, and strict checks of
what a phone sends. Plain Python; the HTTP server and the store build on it.
"""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from collections.abc import Set
from dataclasses import dataclass
from typing import Any, Literal

from ampdesk.framework.content import AUTONOMY_DIMENSIONS, AUTONOMY_LABELS
from ampdesk.framework.followup import CHECKIN_ITEMS, stored_activity
from ampdesk.framework.pulse import STATEMENTS
from ampdesk.framework.state import NOTE_KIND_LABELS, NoteValue
from ampdesk.framework.text_limits import PHONE_NOTE

Activity = Literal["waiting", "pulse", "autonomy", "mastery", "purpose", "voting", "checkin"]
ACTIVITIES: tuple[Activity, ...] = (
    "waiting",
    "pulse",
    "autonomy",
    "mastery",
    "purpose",
    "voting",
    "checkin",
)
STEP_ACTIVITY: dict[str, Activity] = {
    "fairness": "pulse",
    "autonomy": "autonomy",
    "mastery": "mastery",
    "purpose": "purpose",
}
# Where each activity's 1-5 answers are stored (the answer table's ``activity`` column);
# a check-in's items go to either (see followup.stored_activity).
ANSWER_ACTIVITY: dict[str, str] = {"pulse": "fairness", "autonomy": "autonomy"}

MAX_TEXT = PHONE_NOTE.chars
MAX_DEPTH = 8  # nesting of a request body (the deepest valid one has 2)
# format characters (zero-width space and joiners, BOM, direction marks), separators,
# lone combining marks, lone surrogates: none of them shows on a card
_INVISIBLE = frozenset({"Cf", "Cs", "Zl", "Zp", "Mn", "Me"})
DEFAULT_DOTS = 3
MAX_DOTS = 10
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read aloud
CODE_LENGTH = 6
_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")


class LiveInputError(ValueError):
    """A submission that cannot be accepted; ``status`` is the HTTP status it deserves."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class LiveState:
    """What the facilitator has opened for the phones."""

    activity: Activity = "waiting"
    step: str | None = None
    locked: bool = False
    dots: int = DEFAULT_DOTS
    checkin: int | None = None  # the check-in whose pulse is open

    def to_json(self) -> str:
        """The state as stored in the workshop file."""
        return json.dumps(
            {
                "activity": self.activity,
                "step": self.step,
                "locked": self.locked,
                "dots": self.dots,
                "checkin": self.checkin,
            }
        )

    def stored_as(self, item: str) -> str:
        """The answer table's ``activity`` for an answer to ``item`` in this activity."""
        return ANSWER_ACTIVITY.get(self.activity) or stored_activity(item)

    @classmethod
    def from_json(cls, text: str | None) -> LiveState:
        """The stored state; anything unreadable means waiting."""
        try:
            data = json.loads(text or "{}")
            state = cls(
                activity=data.get("activity", "waiting"),
                step=data.get("step"),
                locked=bool(data.get("locked", False)),
                dots=int(data.get("dots", DEFAULT_DOTS)),
                checkin=data.get("checkin"),
            )
        except (ValueError, TypeError, AttributeError):
            return cls()
        if state.activity not in ACTIVITIES or not 1 <= state.dots <= MAX_DOTS:
            return cls()
        if (state.activity == "checkin") != isinstance(state.checkin, int):
            return cls()
        return state


def for_step(step: str) -> LiveState:
    """The activity the phones see while the facilitator is on ``step``."""
    activity = STEP_ACTIVITY.get(step)
    return LiveState(activity, step) if activity else LiveState()


def voting(step: str, dots: int = DEFAULT_DOTS) -> LiveState:
    """Dot voting on the visible notes of ``step``."""
    if not 1 <= dots <= MAX_DOTS:
        raise ValueError(f"dots must be 1 to {MAX_DOTS}")
    return LiveState("voting", step, dots=dots)


def checkin_pulse(checkin_id: int) -> LiveState:
    """The short pulse of a follow-up check-in."""
    return LiveState("checkin", None, checkin=checkin_id)


def new_code() -> str:
    """A fresh join code: six characters that are easy to read from a projector."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code: str) -> str:
    """A typed code as compared: spaces and dashes dropped, upper case."""
    return re.sub(r"[\s-]", "", code).upper()


# -- what each activity asks -------------------------------------------------------------
_TITLES: dict[Activity, str] = {
    "waiting": "Waiting for the facilitator",
    "pulse": "Pay fairness pulse",
    "autonomy": "Autonomy",
    "mastery": "Mastery",
    "purpose": "Purpose",
    "voting": "Dot voting",
    "checkin": "Check-in",
}
_INTROS: dict[Activity, str] = {
    "waiting": "The next question appears here by itself. Keep this page open.",
    "pulse": "Three statements about pay. Nobody sees single answers: only group totals, "
    "and only once enough people have answered.",
    "autonomy": "How much say does the team have today, and how much would it like? "
    "Then add ideas that would give the team more say.",
    "mastery": "Which skills do you want to grow, and what gets in the way?",
    "purpose": "Tell a specific moment when your work made a difference to someone.",
    "voting": "Place your dots on the ideas you would start with. "
    "You can put more than one dot on an idea.",
    "checkin": "A two-minute pulse to see how things have moved since the workshop. "
    "Only group totals are shown.",
}
_NOTE_PROMPTS = {
    "idea": "One change that would give the team more say. Pick the dimension it is about.",
    "skill": "A skill you want to get better at.",
    "blocker": "Something that keeps you from getting better at your work.",
    "story": "Who was helped, and how? One concrete moment.",
}
_NOTE_KINDS: dict[Activity, tuple[str, ...]] = {
    "autonomy": ("idea",),
    "mastery": ("skill", "blocker"),
    "purpose": ("story",),
}
_SCALES: dict[Activity, tuple[str, str]] = {
    "pulse": ("Strongly disagree", "Strongly agree"),
    "autonomy": ("No say at all", "Complete say"),
    "checkin": ("Strongly disagree", "Strongly agree"),
}


def questions(activity: Activity) -> list[tuple[str, str]]:
    """The 1-5 items of ``activity`` as (item id, text)."""
    if activity == "pulse":
        return list(STATEMENTS)
    if activity == "autonomy":
        return [
            (f"{dim}.{when}", f"{AUTONOMY_LABELS[dim]}: {label}")
            for dim in AUTONOMY_DIMENSIONS
            for when, label in (
                ("current", "how much say we have now"),
                ("desired", "how much we want"),
            )
        ]
    if activity == "checkin":
        return list(CHECKIN_ITEMS)
    return []


def _question(activity: Activity, item: str, text: str) -> dict[str, str]:
    """A question as phones get it; an item on another scale than the activity's says so."""
    question = {"item": item, "text": text}
    if activity == "checkin" and item.endswith(".current"):
        question.update(low=_SCALES["autonomy"][0], high=_SCALES["autonomy"][1])
    return question


def note_kinds(activity: Activity) -> tuple[str, ...]:
    """The kinds of note ``activity`` accepts."""
    return _NOTE_KINDS.get(activity, ())


def describe(state: LiveState, offered: list[NoteValue]) -> dict[str, Any]:
    """The ``GET /api/state`` body: enough for a phone to draw the activity."""
    dimensions = [
        {"id": dim, "label": AUTONOMY_LABELS[dim].split(" (")[0]} for dim in AUTONOMY_DIMENSIONS
    ]
    scale = _SCALES.get(state.activity)
    return {
        "activity": state.activity,
        "step": state.step,
        "title": _TITLES[state.activity],
        "intro": _INTROS[state.activity],
        "locked": state.locked,
        "scale": {"low": scale[0], "high": scale[1]} if scale else None,
        "questions": [_question(state.activity, i, t) for i, t in questions(state.activity)],
        "note_kinds": [
            {
                "kind": kind,
                "label": NOTE_KIND_LABELS[kind],
                "prompt": _NOTE_PROMPTS[kind],
                "dimensions": dimensions if kind == "idea" else [],
            }
            for kind in note_kinds(state.activity)
        ],
        "voting": (
            {
                "dots": state.dots,
                "notes": [
                    {"id": n.id, "text": n.text, "kind": n.kind, "dimension": n.dimension}
                    for n in offered
                ],
            }
            if state.activity == "voting"
            else None
        ),
    }


# -- checks of what phones send ----------------------------------------------------------
def parse_body(raw: bytes) -> dict[str, Any]:
    """A request body as a JSON object, or a 400. Checked in full here, before anything joins
    a transaction: nesting at most MAX_DEPTH deep, and every string (keys too) storable text
    (no lone surrogate, no NUL), so that no submission can fail later inside SQLite."""
    # nesting needs an opening bracket per level: count them first (fast), scan only if many
    if raw.count(b"[") + raw.count(b"{") > MAX_DEPTH and _depth(raw) > MAX_DEPTH:
        raise LiveInputError(400, f"the body is nested more than {MAX_DEPTH} levels deep")
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError) as exc:
        raise LiveInputError(400, "the body must be a JSON object") from exc
    if not isinstance(data, dict):
        raise LiveInputError(400, "the body must be a JSON object")
    _check_strings(data)
    return data


def _depth(raw: bytes) -> int:
    """How deeply the JSON text ``raw`` nests arrays and objects (brackets in strings aside)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _check_strings(value: object) -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise LiveInputError(400, "text contains a NUL character")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise LiveInputError(400, "text contains a lone surrogate (not Unicode)") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key)
            _check_strings(item)
    elif isinstance(value, list):
        for item in value:
            _check_strings(item)


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


def _fields(data: dict[str, Any], required: Set[str], optional: Set[str] = frozenset()) -> None:
    unknown = set(data) - required - optional
    if unknown:
        raise LiveInputError(400, f"unknown field: {sorted(unknown)[0]}")
    missing = required - set(data)
    if missing:
        raise LiveInputError(400, f"missing field: {sorted(missing)[0]}")


def idempotency_key(data: dict[str, Any]) -> str:
    """The submission's idempotency key, checked."""
    key = data.get("key")
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise LiveInputError(400, "key must be 8 to 64 characters of A-Z, a-z, 0-9, _ and -")
    return key


def clean_text(value: object) -> str:
    """Participant text as stored: trimmed, 1-280 characters, no control characters."""
    if not isinstance(value, str):
        raise LiveInputError(400, "text must be a string")
    text = value.strip()
    if not text:
        raise LiveInputError(400, "text is empty")
    if len(text) > MAX_TEXT:
        raise LiveInputError(400, f"text is longer than {MAX_TEXT} characters")
    if any(ch != "\n" and unicodedata.category(ch) == "Cc" for ch in text):
        raise LiveInputError(400, "text contains control characters")
    if all(ch.isspace() or unicodedata.category(ch) in _INVISIBLE for ch in text):
        raise LiveInputError(400, "text has no visible character")
    return text


def _open_activity(data: dict[str, Any], state: LiveState) -> None:
    activity = data.get("activity")
    if not isinstance(activity, str):
        raise LiveInputError(400, "activity must be a string")
    if activity != state.activity:
        raise LiveInputError(409, "this activity is not open any more")
    _check_unlocked(state)


def _check_unlocked(state: LiveState) -> None:
    if state.locked:
        raise LiveInputError(409, "the facilitator has paused input")


def parse_done(data: dict[str, Any], state: LiveState) -> None:
    """Check a ``POST /api/done`` body: "I'm done" with the activity that is open."""
    _fields(data, {"key", "activity"})
    _open_activity(data, state)
    if state.activity == "waiting":
        raise LiveInputError(409, "no activity is open")


def done_scope(state: LiveState) -> str:
    """The open activity as "I'm done" marks are counted for it (one count per activity)."""
    return f"{state.activity}:{state.step or ''}:{state.checkin or ''}"


def parse_answers(data: dict[str, Any], state: LiveState) -> dict[str, int]:
    """The 1-5 answers of a ``POST /api/answers`` body, checked against the open activity."""
    _fields(data, {"key", "activity", "answers"})
    _open_activity(data, state)
    answers = data["answers"]
    if not isinstance(answers, dict) or not answers:
        raise LiveInputError(400, "answers must be an object with at least one answer")
    items = {item for item, _ in questions(state.activity)}
    for item, value in answers.items():
        if item not in items:
            raise LiveInputError(400, f"unknown item: {item[:40]}")
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise LiveInputError(400, f"the answer to {item} must be a whole number from 1 to 5")
    return dict(answers)


def parse_note(data: dict[str, Any], state: LiveState) -> tuple[str, str | None, str]:
    """(kind, dimension, text) of a ``POST /api/notes`` body, checked."""
    _fields(data, {"key", "activity", "kind", "text"}, {"dimension"})
    _open_activity(data, state)
    kind = data["kind"]
    if not isinstance(kind, str) or kind not in note_kinds(state.activity):
        raise LiveInputError(400, "this kind of note is not asked for now")
    dimension = data.get("dimension")
    if kind == "idea":
        if not isinstance(dimension, str) or dimension not in AUTONOMY_DIMENSIONS:
            raise LiveInputError(400, "dimension must be one of " + ", ".join(AUTONOMY_DIMENSIONS))
    elif dimension is not None:
        raise LiveInputError(400, "this kind of note has no dimension")
    return kind, dimension, clean_text(data["text"])


def parse_votes(data: dict[str, Any], state: LiveState, offered: set[int]) -> list[int]:
    """The note ids of a ``POST /api/votes`` body, checked against the open vote."""
    _fields(data, {"key", "note_ids"})
    if state.activity != "voting":
        raise LiveInputError(409, "no vote is open")
    _check_unlocked(state)
    ids = data["note_ids"]
    if not isinstance(ids, list) or any(isinstance(i, bool) or not isinstance(i, int) for i in ids):
        raise LiveInputError(400, "note_ids must be a list of whole numbers")
    if len(ids) > state.dots:
        raise LiveInputError(400, f"at most {state.dots} dots")
    if any(i not in offered for i in ids):
        raise LiveInputError(400, "a note that is not offered in this vote")
    return ids
