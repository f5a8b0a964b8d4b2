"""The figure for new wording comes from one place, and the docs show every round from it."""

from __future__ import annotations

from pathlib import Path

from ampdesk.framework.accuracy import Score, honest_figure, last_unseen, markdown_table, rounds

DOCS = Path(__file__).parents[2] / "docs" / "mistake-checks.md"


def test_the_honest_figure_is_the_last_round_before_tuning() -> None:
    last = last_unseen()
    assert last is rounds()[-1]
    total = sum(last.before.values(), Score(0, 0, 0, 0))
    assert f"round {last.id}" in honest_figure()
    assert f"{total.recall:.0%} of the mistakes" in honest_figure()
    assert f"{total.precision:.0%} of their warnings were right" in honest_figure()


def test_the_docs_state_the_figure_and_every_rounds_tables() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    assert honest_figure() in docs
    for unseen in rounds():
        assert markdown_table(unseen.before) in docs, f"round {unseen.id} before"
        assert markdown_table(unseen.after) in docs, f"round {unseen.id} after"


def test_every_round_has_at_least_sixty_phrases_of_the_same_checks_before_and_after() -> None:
    for unseen in rounds():
        assert unseen.phrases >= 60
        assert unseen.before.keys() == unseen.after.keys()
        for check, before in unseen.before.items():
            after = unseen.after[check]
            assert before.positives == after.positives, f"round {unseen.id}: {check}"


def test_scores_count_as_stated() -> None:
    score = Score(tp=9, fp=1, fn=3, tn=7)
    assert (score.precision, score.recall, score.positives) == (0.9, 0.75, 12)
    assert Score(0, 0, 0, 5).precision == Score(0, 0, 0, 5).recall == 1.0
