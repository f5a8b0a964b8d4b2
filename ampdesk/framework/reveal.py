"""Reveal, not trickle: when phones' pulse answers become visible, and how later ones follow.

Phones' answers to the fairness pulse and to a check-in's pulse are shown (in the window, on
the projector, in the gate, the report and ``check``) only from the moment the facilitator
reveals them, and only once an item has at least the anonymity threshold of answers. What is
counted is people, not requests: each phone has one ballot per activity and one answer per
item on it, so an item's phone answers are its distinct ballots. After a reveal, what is shown
of an item changes only once at least the threshold of *new ballots* answered it since it was
last shown (a re-sent or changed answer adds none), by the automatic batch or the next reveal.
Nothing changes while more phones joined than people are expected (someone may hold several),
and answers the facilitator typed are never mixed into an item that phones answered below the
threshold. A threshold cannot protect against people who pool their own answers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ampdesk.framework.pulse import Counts as Counts  # re-exported: answers per point
from ampdesk.framework.pulse import counts_of as counts_of


class RevealError(ValueError):
    """A reveal that would show too few people's answers."""


@dataclass(frozen=True, slots=True)
class Shown:
    """What is shown of one item: the counts at the last reveal or batch, and how many new
    ballots answered it since."""

    counts: Counts
    pending: int = 0


def crowded(phones: int, expected: int | None) -> str | None:
    """Why nothing new may be shown while ``phones`` joined against ``expected`` people, or
    None: one person holding several phones could fill a batch alone."""
    if expected is None or phones <= expected:
        return None
    return (
        f"{phones} phones joined but only {expected} "
        f"{'person is' if expected == 1 else 'people are'} expected; someone may have joined "
        "more than once. Close joining and check the number of people before revealing"
    )


def new_ballots(shown: Shown | None, current: Counts) -> int:
    """How many ballots answered an item since it was last shown (each has one answer)."""
    return max(0, sum(current) - (sum(shown.counts) if shown else 0))


def reveal(
    current: Mapping[str, Counts],
    before: Mapping[str, Shown],
    threshold: int,
    *,
    crowd: str | None = None,
) -> dict[str, Shown]:
    """What a reveal shows. The first shows every item's current answers, refused unless some
    item has ``threshold`` or more (items with fewer show as their number only, the usual
    suppression). A later one updates only the items with ``threshold`` new ballots and is
    refused if none has them. ``crowd`` (see :func:`crowded`) refuses any reveal."""
    if crowd:
        raise RevealError(crowd)
    if not before:
        if not any(sum(counts) >= threshold for counts in current.values()):
            raise RevealError(f"nothing to reveal yet: no statement has {threshold} answers")
        return {item: Shown(counts) for item, counts in current.items()}
    after = dict(before)
    for item, counts in current.items():
        if item not in before or new_ballots(before[item], counts) >= threshold:
            after[item] = Shown(counts)
    if after == before:
        most = max((new_ballots(before.get(i), c) for i, c in current.items()), default=0)
        raise RevealError(
            f"{most} new answer{'s' if most != 1 else ''} since results were last shown; "
            f"{threshold} new people must answer before anything more is shown"
        )
    return after


def after_answer(
    shown: Shown | None, current: Counts, threshold: int, *, crowd: str | None = None
) -> Shown | None:
    """What is shown of an item after a phone's answer: the same counts until ``threshold``
    new ballots answered it since it was last shown, then all of them at once. Nothing before
    the first reveal, and nothing new while ``crowd`` (see :func:`crowded`) holds."""
    if shown is None:
        return None
    new = new_ballots(shown, current)
    if new >= threshold and not crowd:
        return Shown(current)
    return Shown(shown.counts, new)


def mixed(typed: Sequence[int], shown: Shown | None, threshold: int) -> list[int]:
    """An item's answers as every output sees them: the facilitator's typed answers and the
    phones' shown ones. Phones' answers below ``threshold`` are left out where answers were
    typed, so typed counts cannot pad a few phones' answers past the threshold."""
    phones = shown_values(shown) if shown else []
    if typed and 0 < len(phones) < threshold:
        return list(typed)
    return [*typed, *phones]


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
