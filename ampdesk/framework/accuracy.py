"""How well the wording checks read text nobody tuned them on: the rounds of unseen phrases.

Each round of phrases was written and labelled by someone who had not seen the rules, and
scored before any rule was changed for it. ``check_accuracy.toml`` keeps each round's counts
(before and after tuning); the warnings panel and ``docs/mistake-checks.md`` state the figures
of the last round, scored before tuning, from here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ampdesk.resources_path import resources_dir


@dataclass(frozen=True, slots=True)
class Score:
    """One check's counts on one round: true/false positives, false/true negatives."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def positives(self) -> int:
        """Phrases on which the check should warn."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        """Of the warnings given, the share that were right (1.0 with no warning)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Of the mistakes present, the share warned about (1.0 with none)."""
        return self.tp / self.positives if self.positives else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn)


@dataclass(frozen=True, slots=True)
class Round:
    """One round of unseen phrases: where it is kept, who wrote it, and its scores."""

    id: str
    file: str
    written: str
    before: dict[str, Score]  # scored before any rule was changed for it
    after: dict[str, Score]  # scored with the rules as they are now

    @property
    def phrases(self) -> int:
        """How many phrases the round holds."""
        return sum(s.tp + s.fp + s.fn + s.tn for s in self.before.values())


def _scores(table: dict[str, list[int]]) -> dict[str, Score]:
    return {check: Score(*counts) for check, counts in table.items()}


@cache
def rounds(path: Path | None = None) -> tuple[Round, ...]:
    """The rounds in the order they were written."""
    path = path or resources_dir() / "framework" / "check_accuracy.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Round(r["id"], r["file"], r["written"], _scores(r["before"]), _scores(r["after"]))
        for r in data["round"]
    )


def last_unseen() -> Round:
    """The newest round: its before-tuning scores are the honest figure for new wording."""
    return rounds()[-1]


def total(scores: dict[str, Score]) -> Score:
    """All checks of a table together."""
    return sum(scores.values(), Score(0, 0, 0, 0))


def honest_figure() -> str:
    """One sentence for the user: how the checks did on the last round of unseen phrases."""
    last = last_unseen()
    score = total(last.before)
    return (
        f"On {last.phrases} new phrases the wording checks had never seen (round {last.id}), "
        f"they warned about {score.recall:.0%} of the mistakes, and {score.precision:.0%} of "
        "their warnings were right."
    )


def markdown_table(scores: dict[str, Score]) -> str:
    """A round's table as ``docs/mistake-checks.md`` shows it."""
    lines = [
        "| check | TP | FP | FN | TN | precision | recall |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for check, s in sorted(scores.items()):
        lines.append(
            f"| `{check}` | {s.tp} | {s.fp} | {s.fn} | {s.tn} | {s.precision:.2f} | "
            f"{s.recall:.2f} |"
        )
    all_ = total(scores)
    lines.append(
        f"| all | {all_.tp} | {all_.fp} | {all_.fn} | {all_.tn} | {all_.precision:.2f} | "
        f"{all_.recall:.2f} |"
    )
    return "\n".join(lines)
