"""The wording checks against the labelled corpus, judged as ``ampdesk check --json`` does.

Run with ``-s`` to see the tables. Each phrase goes into a cleaned demo workshop (a real file)
and the warnings ``check --json`` would print are read back. The tuned set must hold
precision and recall of at least 0.9 for every check; each unseen round must still score
what ``resources/framework/check_accuracy.toml`` records for it now (docs show those tables).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ampdesk.framework.accuracy import Round, Score, rounds
from ampdesk.framework.mistakes import CHECKS
from tests.framework.corpus_workshop import CleanedDemo, phrases, score

HERE = Path(__file__).parent
TUNED = HERE / "mistake_corpus.toml"
FLOOR = 0.9


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CleanedDemo]:
    cleaned = CleanedDemo(tmp_path_factory.mktemp("corpus") / "cleaned.ampdesk")
    yield cleaned
    cleaned.close()


def show(title: str, table: dict[str, Score], misread: list[str]) -> None:
    print(f"\n{title}\n{'check':36} {'TP':>3} {'FP':>3} {'FN':>3} {'TN':>3} prec recall")
    for check, s in table.items():
        print(
            f"{check:36} {s.tp:>3} {s.fp:>3} {s.fn:>3} {s.tn:>3} {s.precision:>4.2f} "
            f"{s.recall:>6.2f}"
        )
    print("\n".join(f"  {m}" for m in misread))


def test_the_tuned_set_is_big_enough_and_covers_every_text_check() -> None:
    corpus = phrases(TUNED)
    assert len(corpus) >= 80
    for check in {p["check"] for p in corpus}:
        labels = {p["fire"] for p in corpus if p["check"] == check}
        assert labels == {True, False}, f"{check} needs phrases that fire and that must not"


@pytest.mark.slow
def test_precision_and_recall_on_the_tuned_set(demo: CleanedDemo) -> None:
    table, misread = score(demo, phrases(TUNED))
    show("tuned set", table, misread)
    failing = [c for c, s in table.items() if s.precision < FLOOR or s.recall < FLOOR]
    assert not failing, f"below {FLOOR}: {failing}"


@pytest.mark.slow
@pytest.mark.parametrize("unseen", rounds(), ids=lambda r: f"round {r.id}")
def test_every_unseen_round_scores_as_recorded(demo: CleanedDemo, unseen: Round) -> None:
    table, misread = score(demo, phrases(HERE.parent.parent / unseen.file))
    show(f"round {unseen.id} now", table, misread)
    assert sum(s.tp + s.fp + s.fn + s.tn for s in table.values()) == unseen.phrases >= 60
    assert table == unseen.after, f"update round {unseen.id}'s after table and the docs"


@pytest.mark.parametrize("check", sorted({p["check"] for p in phrases(TUNED)}))
def test_every_corpus_check_is_a_real_check(check: str) -> None:
    assert check in CHECKS
