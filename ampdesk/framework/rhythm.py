"""How often something recurs, read from words: "quarterly", "every 6 weeks", "twice a year".

A rhythm is the number of days between two occasions. The words and units come from the
vocabulary's ``[rhythms]`` table, so "every other week", "each two-week sprint", "mid-year"
and "once a month" are read by one rule rather than listed one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class RhythmWords:
    """The words of one language that name how often something happens."""

    words: dict[str, float]
    units: dict[str, float]
    every: frozenset[str]
    counts: dict[str, float]
    times: dict[str, float]
    points: dict[str, float]
    fast_up_to_days: float

    @classmethod
    def of(cls, table: dict[str, Any]) -> RhythmWords:
        """Read the ``[rhythms]`` table of a vocabulary."""
        return cls(
            words=dict(table["words"]),
            units=dict(table["units"]),
            every=frozenset(table["every"].split()),
            counts=dict(table["counts"]),
            times=dict(table["times"]),
            points=dict(table["points"]),
            fast_up_to_days=float(table["fast_up_to_days"]),
        )

    def unit(self, word: str) -> float | None:
        """The days of a unit word, singular or plural ("weeks")."""
        return self.units.get(word, self.units.get(word.removesuffix("s")))

    def count(self, word: str) -> float | None:
        """A count written as a word or a number ("six", "6")."""
        if word.isdigit():
            return float(word)
        return self.counts.get(word)

    def rhythms(self, words: list[str]) -> list[tuple[int, float]]:
        """Where a rhythm is named in ``words``, with its days between occasions."""
        found = []
        for index, word in enumerate(words):
            if word in self.words:
                found.append((index, self.words[word]))
            elif word in self.every and (days := self._after_every(words, index + 1)):
                before = words[index - 1] if index else ""
                found.append((index, days / self.times.get(before, 1.0)))
            elif word in self.points and (days := self._point(words, index + 1)):
                found.append((index, days * self.points[word]))
            elif words[index + 1 : index + 2] == ["end"] and (days := self.unit(word)):
                found.append((index, days))  # "year end", "quarter end"
        return found

    def _after_every(self, words: list[str], start: int) -> float | None:
        """The days of "[count] [one other word] unit" at ``start``: "6 weeks", "shift week"."""
        count = self.count(words[start]) if start < len(words) else None
        position = start + (count is not None)
        for ahead in words[position : position + 2]:
            if (days := self.unit(ahead)) is not None:
                return days * (count or 1.0)
        return None

    def _point(self, words: list[str], start: int) -> float | None:
        """ "mid year", "end of year", "half year": the unit, not "the end of each sprint"."""
        following = words[start : start + 2]
        if following[:1] == ["of"]:
            following = following[1:]
        return self.unit(following[0]) if following else None

    def fast(self, days: float) -> bool:
        """Whether the rhythm is often enough (every two weeks or more often)."""
        return days <= self.fast_up_to_days
