"""Anonymous answers: aggregates only from the threshold up."""

import pytest

from ampdesk.framework.pulse import check_threshold, counts_to_values, summarize


def test_summary_from_the_threshold_up() -> None:
    summary = summarize([1, 2, 4, 5, 5], 5)
    assert not summary.suppressed
    assert summary.counts == (1, 1, 0, 1, 2)
    assert summary.mean == pytest.approx(17 / 5)
    assert summary.disagree_share == pytest.approx(0.4)
    assert summary.agree_share == pytest.approx(0.6)


def test_small_groups_reveal_only_their_size() -> None:
    summary = summarize([1, 1, 1, 1], 5)
    assert summary.suppressed and summary.n == 4
    assert summary.counts is None and summary.mean is None
    assert summary.disagree_share is None and summary.agree_share is None


def test_threshold_can_be_lowered_to_three_but_not_below() -> None:
    assert not summarize([2, 3, 4], check_threshold(3)).suppressed
    with pytest.raises(ValueError, match="below 3"):
        check_threshold(2)


@pytest.mark.parametrize("bad", [[0], [6], [3, 7]])
def test_values_off_the_scale_are_refused(bad: list[int]) -> None:
    with pytest.raises(ValueError):
        summarize(bad, 3)


def test_counts_expand_to_answers() -> None:
    assert counts_to_values([0, 1, 0, 2, 1]) == [2, 4, 4, 5]
    with pytest.raises(ValueError):
        counts_to_values([1, 2, 3])
    with pytest.raises(ValueError):
        counts_to_values([1, -1, 0, 0, 0])
