"""Reveal, not trickle: when phones' pulse answers become visible, and how later ones follow.

Phones' answers to the fairness pulse and to a check-in's pulse are shown (in the window, on
the projector, in the gate, the report and ``check``) only from the moment the facilitator
reveals them, and only once an item has at least the anonymity threshold of answers. After a
reveal, what is shown changes only when at least that many further answers (new or changed)
came in, or at the next reveal: a single answer can never be read from a change in the totals.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ampdesk.framework.pulse import Counts as Counts  # re-exported: answers per point
from ampdesk.framework.pulse import counts_of as counts_of


class RevealError(ValueError):
    """A reveal that would show too few answers."""


@dataclass(frozen=True, slots=True)
class Shown:
    """What is shown of one item: the counts at the last reveal or batch, and how many
    answers came in (or were changed) since."""

    counts: Counts
    pending: int = 0


def reveal(current: Mapping[str, Counts], threshold: int) -> dict[str, Shown]:
    """Show every item's current answers; refused unless some item has ``threshold`` or more.
    Items with fewer are shown as their number only (the usual suppression)."""
    if not any(sum(counts) >= threshold for counts in current.values()):
        raise RevealError(f"nothing to reveal yet: no statement has {threshold} answers")
    return {item: Shown(counts) for item, counts in current.items()}


def after_answer(shown: Shown | None, current: Counts, threshold: int) -> Shown | None:
    """What is shown of an item after one more (or one changed) answer: the same counts until
    ``threshold`` answers have come in since the last reveal or batch, then all of them at
    once. Nothing before the first reveal."""
    if shown is None:
        return None
    pending = shown.pending + 1
    if pending >= threshold:
        return Shown(current)
    return Shown(shown.counts, pending)


def shown_values(shown: Shown) -> list[int]:
    """The shown answers as values 1-5, for the summaries."""
    return [point for point, n in zip(range(1, 6), shown.counts, strict=True) for _ in range(n)]


def to_json(shown: Mapping[str, Shown]) -> str:
    """How what is shown is kept in the workshop file."""
    return json.dumps(
        {item: {"counts": list(s.counts), "pending": s.pending} for item, s in shown.items()},
        sort_keys=True,
    )


def _kept_counts(kept: Sequence[object]) -> Counts:
    """Counts as kept in JSON; anything but five whole numbers raises ValueError."""
    one, two, three, four, five = (int(str(n)) for n in kept)
    return one, two, three, four, five


def from_json(text: str | None) -> dict[str, Shown]:
    """What is shown, as kept; anything unreadable shows nothing."""
    try:
        data = json.loads(text or "{}")
        return {
            str(item): Shown(_kept_counts(s["counts"]), int(s["pending"]))
            for item, s in data.items()
        }
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}
