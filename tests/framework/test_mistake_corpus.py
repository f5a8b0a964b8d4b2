"""The mistake checks against the labelled corpus: precision and recall of at least 0.9 each.

Run with ``-s`` to see the table. Each phrase is put into an otherwise quiet workshop (one
creative team with a routine support desk, pay at market) and only its check is asked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from ampdesk.framework.fairness import GateThresholds, PayRow, evaluate_gate, role_figures
from ampdesk.framework.mistakes import CHECKS, MistakeInputs
from ampdesk.framework.pulse import summarize
from ampdesk.framework.state import PURPOSE_STATEMENT, ActionValue, NoteValue

CORPUS = Path(__file__).with_name("mistake_corpus.toml")
FLOOR = 0.9
ROWS = (
    PayRow("Software engineer", "Mid", "creative", 62_000, 61_000),
    PayRow("Product designer", "Mid", "creative", 58_000, 57_500),
    PayRow("Customer support", "Agent", "routine", 37_500, 37_000),
)


def phrases() -> list[dict[str, Any]]:
    return tomllib.loads(CORPUS.read_text(encoding="utf-8"))["phrase"]


def workshop_with(phrase: dict[str, Any]) -> MistakeInputs:
    """A quiet workshop holding only ``phrase`` (as an action, a note or the purpose)."""
    roles = role_figures(ROWS)
    base = MistakeInputs(
        gate=evaluate_gate(roles, summarize([4, 4, 4, 5, 4], 5)),
        roles=roles,
        routine_share=1 / 3,
        thresholds=GateThresholds(),
        step_statuses={s: "in_progress" for s in ("fairness", "autonomy", "mastery", "purpose")},
        notes=(),
        actions=(),
        decisions={},
        autonomy_means={},
    )
    kind, step = phrase.get("kind", "action"), phrase.get("step", "autonomy")
    if kind == "purpose":
        return dataclasses.replace(base, decisions={PURPOSE_STATEMENT: phrase["text"]})
    if kind == "note":
        note = NoteValue(1, step, "idea", None, phrase["text"], False, 0)
        return dataclasses.replace(base, notes=(note,))
    due = None if phrase.get("due") == "none" else dt.date(2027, 1, 15)
    action = ActionValue(
        1, step, phrase["text"], phrase.get("owner", "Ana"), due, phrase.get("measure", "")
    )
    return dataclasses.replace(base, actions=(action,))


def fires(phrase: dict[str, Any]) -> bool:
    return bool(CHECKS[phrase["check"]](workshop_with(phrase)))


def test_the_corpus_is_big_enough_and_covers_every_text_check() -> None:
    corpus = phrases()
    assert len(corpus) >= 80
    for check in {p["check"] for p in corpus}:
        labels = {p["fire"] for p in corpus if p["check"] == check}
        assert labels == {True, False}, f"{check} needs phrases that fire and that must not"


def test_precision_and_recall_per_check() -> None:
    table: dict[str, list[int]] = {}
    misses = []
    for phrase in phrases():
        fired, expected = fires(phrase), phrase["fire"]
        counts = table.setdefault(phrase["check"], [0, 0, 0, 0])  # tp, fp, fn, tn
        counts[(0 if fired else 2) if expected else (1 if fired else 3)] += 1
        if fired != expected:
            misses.append(f"  {'missed' if expected else 'wrong'}: {phrase['text']}")
    print(f"\n{'check':36} {'n':>3} {'prec':>5} {'recall':>6}")
    failing = []
    for check, (tp, fp, fn, tn) in sorted(table.items()):
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(f"{check:36} {tp + fp + fn + tn:>3} {precision:>5.2f} {recall:>6.2f}")
        if precision < FLOOR or recall < FLOOR:
            failing.append(check)
    print("\n".join(misses))
    assert not failing, f"below {FLOOR}: {failing}"


@pytest.mark.parametrize("check", sorted({p["check"] for p in phrases()}))
def test_every_corpus_check_is_a_real_check(check: str) -> None:
    assert check in CHECKS
