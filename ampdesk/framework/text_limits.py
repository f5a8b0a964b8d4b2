"""How long each text a person types may be: one table for the whole app.

The store refuses longer text (typed in the window, given at the command line, imported from
JSON or a pay file), the window's boxes stop at these lengths, the phone page counts down to its
own, and every document prints text of these lengths (see ``docs/limits.md``). Keys name the
table and column that hold the text; the materials of a plan are a list, limited per item.
A file written before these limits may hold longer text: it is opened and printed all the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class TextLimit:
    """At most ``chars`` characters of the text called ``what`` in a message."""

    chars: int
    what: str


TEXT_LIMITS: Mapping[str, TextLimit] = {
    # The workshop, on the report's cover.
    "workshop.title": TextLimit(200, "the workshop's title"),
    "workshop.organisation": TextLimit(200, "the organisation"),
    "workshop.venue": TextLimit(200, "the venue"),
    "workshop.facilitator": TextLimit(200, "the facilitator"),
    # People and pay (typed, or read from a pay file).
    "participant.label": TextLimit(80, "a participant's label"),
    "participant.name": TextLimit(200, "a participant's name"),
    "pay_record.person": TextLimit(200, "a person in the pay audit"),
    "pay_record.role": TextLimit(200, "a role"),
    "pay_record.level": TextLimit(100, "a level"),
    "pay_record.group_name": TextLimit(100, "a group"),
    "pay_record.currency": TextLimit(8, "a currency"),
    # What the group says and decides.
    "note.text": TextLimit(2_000, "a note"),
    "decision.value": TextLimit(2_000, "a decision (such as the purpose statement)"),
    "acknowledgement.note": TextLimit(2_000, "a note on a warning"),
    "action.title": TextLimit(500, "an action"),
    "action.owner": TextLimit(200, "an action's owner"),
    "action.measure": TextLimit(1_000, "how an action's progress is seen"),
    "checkin.note": TextLimit(2_000, "a check-in's note"),
    "checkin_status.note": TextLimit(1_000, "a note on an action's status"),
    "gate_override.reason": TextLimit(2_000, "the reason to go on"),
    "gate_override.remediation": TextLimit(1_000, "the remediation"),
    "gate_override.owner": TextLimit(200, "the remediation's owner"),
    # The plan and the organisation's own cases.
    "agenda_item.title": TextLimit(200, "an agenda block's title"),
    "workshop_plan.facilitator_notes": TextLimit(10_000, "the private notes"),
    "workshop_plan.roster": TextLimit(20_000, "the roster"),
    "own_case.title": TextLimit(200, "a case's title"),
    "own_case.story": TextLimit(10_000, "a case's story"),
    "own_case.lesson": TextLimit(2_000, "a case's lesson"),
}

# The plan's materials: a list of short items.
MATERIAL = TextLimit(200, "an item of the materials")
MAX_MATERIALS = 100

# A note typed on a phone: short enough to read on the projector at a glance.
PHONE_NOTE = TextLimit(280, "a note from a phone")


class TextTooLong(ValueError):
    """A text longer than its limit; the message is one line naming the text."""


def limit(key: str) -> int:
    """The most characters the text ``key`` (``table.column``) may hold."""
    return TEXT_LIMITS[key].chars


def check_length(text: str, rule: TextLimit) -> str:
    """``text`` if it is within ``rule``, else :class:`TextTooLong`."""
    if len(text) > rule.chars:
        raise TextTooLong(
            f"{rule.what} is {len(text):,} characters long; at most {rule.chars:,} fit"
        )
    return text


def check_text(key: str, text: str) -> str:
    """``text`` if it fits the column ``key`` (``table.column``), else :class:`TextTooLong`."""
    return check_length(text, TEXT_LIMITS[key])


def check_row(table: str, row: Mapping[str, object]) -> None:
    """Check every limited text of one ``row`` of ``table`` (other values are left alone)."""
    for column, value in row.items():
        rule = TEXT_LIMITS.get(f"{table}.{column}")
        if rule is not None and isinstance(value, str):
            check_length(value, rule)


def check_materials(items: Iterable[str]) -> None:
    """The plan's materials: at most :data:`MAX_MATERIALS` items within :data:`MATERIAL`."""
    items = list(items)
    if len(items) > MAX_MATERIALS:
        raise TextTooLong(f"the materials have {len(items)} items; at most {MAX_MATERIALS} fit")
    for item in items:
        check_length(item, MATERIAL)
