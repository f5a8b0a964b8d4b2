"""Anonymous answers on a 1-5 agreement scale, aggregated only from the anonymity threshold up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ampdesk.framework.thresholds import MIN_THRESHOLD

SCALE = (1, 2, 3, 4, 5)

# The three fairness statements (stable ids; the texts are ampdesk's own words).
STATEMENTS: tuple[tuple[str, str], ...] = (
    ("peers", "Compared with colleagues doing similar work here, I am paid fairly."),
    ("market", "Compared with what other employers pay for work like mine, I am paid fairly."),
    ("settled", "My pay is settled enough that I can keep my mind on the work itself."),
)

Counts = tuple[int, int, int, int, int]  # answers per scale point 1-5


@dataclass(frozen=True, slots=True)
class ItemSummary:
    """The aggregate of one item's answers; every figure is None while suppressed."""

    n: int
    suppressed: bool
    counts: Counts | None
    mean: float | None
    disagree_share: float | None
    agree_share: float | None


def check_threshold(threshold: int) -> int:
    """Return ``threshold`` if it is a valid anonymity threshold, else raise ValueError."""
    if isinstance(threshold, bool) or not isinstance(threshold, int):
        raise ValueError("the anonymity threshold must be a whole number")
    if threshold < MIN_THRESHOLD:
        raise ValueError(
            f"the anonymity threshold cannot be below {MIN_THRESHOLD} "
            f"(got {threshold}): smaller groups could be identified"
        )
    return threshold


def counts_of(values: Sequence[int]) -> Counts:
    """Answers per scale point 1-5."""
    one, two, three, four, five = (values.count(point) for point in SCALE)
    return one, two, three, four, five


def summarize(values: Sequence[int], threshold: int) -> ItemSummary:
    """Aggregate 1-5 answers; fewer than ``threshold`` answers reveal only their number."""
    if any(v not in SCALE for v in values):
        raise ValueError("answers must be whole numbers from 1 to 5")
    n = len(values)
    if n < threshold:
        return ItemSummary(n, True, None, None, None, None)
    counts = counts_of(values)
    return ItemSummary(
        n=n,
        suppressed=False,
        counts=counts,
        mean=sum(values) / n,
        disagree_share=(counts[0] + counts[1]) / n,
        agree_share=(counts[3] + counts[4]) / n,
    )


def counts_to_values(counts: Sequence[int]) -> list[int]:
    """Expand counts per scale point (five of them) into individual answers."""
    if len(counts) != len(SCALE):
        raise ValueError("give one count per scale point 1-5")
    if any(isinstance(c, bool) or not isinstance(c, int) or c < 0 for c in counts):
        raise ValueError("counts must be whole numbers of zero or more")
    return [point for point, count in zip(SCALE, counts, strict=True) for _ in range(count)]
