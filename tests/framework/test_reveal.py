"""Reveal, not trickle: the batching rule for phones' pulse answers."""

import pytest

from ampdesk.framework.reveal import (
    RevealError,
    Shown,
    after_answer,
    counts_of,
    crowded,
    from_json,
    mixed,
    reveal,
    shown_values,
    to_json,
)


def test_nothing_is_shown_before_a_reveal() -> None:
    assert after_answer(None, (0, 0, 1, 0, 0), 5) is None


def test_a_reveal_needs_the_threshold() -> None:
    with pytest.raises(RevealError, match="no statement has 5 answers"):
        reveal({"peers": counts_of([1, 2, 3, 4])}, {}, 5)
    shown = reveal({"peers": counts_of([1, 2, 3, 4, 5]), "market": counts_of([3])}, {}, 5)
    assert shown["peers"] == Shown((1, 1, 1, 1, 1)) and shown_values(shown["peers"]) == [
        1,
        2,
        3,
        4,
        5,
    ]


def test_single_answers_never_change_what_is_shown_until_a_batch_is_complete() -> None:
    values = [4, 4, 4, 4, 4]
    shown: Shown | None = reveal({"peers": counts_of(values)}, {}, 5)["peers"]
    seen = [shown.counts]  # type: ignore[union-attr]
    for new in [1, 2, 1, 2, 1, 5, 5, 5, 5, 5]:
        values.append(new)
        shown = after_answer(shown, counts_of(values), 5)
        assert shown is not None
        seen.append(shown.counts)
    changes = [i for i in range(1, len(seen)) if seen[i] != seen[i - 1]]
    assert changes == [5, 10]  # after the 5th and the 10th new answer, never in between
    for i in changes:  # each change adds at least the threshold of answers at once
        assert sum(seen[i]) - sum(seen[i - 1]) >= 5


def test_a_resent_or_changed_answer_adds_no_new_ballot() -> None:
    shown = reveal({"peers": (0, 0, 0, 5, 0)}, {}, 5)["peers"]
    after = after_answer(shown, (1, 0, 0, 4, 0), 5)  # one phone changed 4 to 1
    assert after == Shown((0, 0, 0, 5, 0), 0)
    for _ in range(10):  # one new person, then the same answer sent again and again
        after = after_answer(after, (2, 0, 0, 4, 0), 5)
    assert after == Shown((0, 0, 0, 5, 0), 1)


def test_a_later_reveal_shows_only_items_with_the_threshold_of_new_ballots() -> None:
    before = reveal({"peers": (0, 0, 0, 5, 0), "market": (0, 0, 0, 0, 2)}, {}, 5)
    with pytest.raises(RevealError, match="4 new answers since results were last shown"):
        reveal({"peers": (4, 0, 0, 5, 0), "market": (0, 0, 0, 0, 2)}, before, 5)
    after = reveal({"peers": (5, 0, 0, 5, 0), "market": (1, 0, 0, 0, 2)}, before, 5)
    assert after == {"peers": Shown((5, 0, 0, 5, 0)), "market": before["market"]}


def test_nothing_new_is_shown_while_more_phones_joined_than_people_are_expected() -> None:
    assert crowded(5, None) is None and crowded(5, 5) is None
    crowd = crowded(6, 5)
    assert crowd is not None and "6 phones joined but only 5 people are expected" in crowd
    with pytest.raises(RevealError, match="6 phones joined"):
        reveal({"peers": (0, 0, 0, 6, 0)}, {}, 5, crowd=crowd)
    shown = Shown((0, 0, 0, 5, 0))
    assert after_answer(shown, (5, 0, 0, 5, 0), 5, crowd=crowd) == Shown(shown.counts, 5)


def test_typed_answers_are_never_mixed_with_phones_below_the_threshold() -> None:
    one_phone = Shown((1, 0, 0, 0, 0))
    assert mixed([4, 4, 4, 4], one_phone, 5) == [4, 4, 4, 4]
    assert mixed([], one_phone, 5) == [1]
    assert mixed([4], Shown((0, 0, 0, 5, 0)), 5) == [4, 4, 4, 4, 4, 4]


def test_what_is_shown_is_kept_and_read_back() -> None:
    shown = {"peers": Shown((1, 2, 3, 4, 5), 2)}
    assert from_json(to_json(shown)) == shown
    assert from_json("not json") == {} and from_json(None) == {}
