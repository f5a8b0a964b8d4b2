"""Rhythms read as days between occasions, however they are worded."""

from __future__ import annotations

import pytest

from ampdesk.framework.mistakes import RHYTHMS, feedback_rhythm
from ampdesk.framework.reading import clauses


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("quarterly", 91),
        ("every 6 weeks", 42),
        ("each two-week sprint", 14),
        ("every other week", 14),
        ("twice a year", 182.5),
        ("once a month", 30),
        ("mid-year", 182.5),
        ("every Friday", 7),
    ],
)
def test_rhythms_in_days(text: str, days: float) -> None:
    (words,) = clauses(text)
    assert [d for _, d in RHYTHMS.rhythms(words)][:1] == [days]


@pytest.mark.parametrize(
    ("text", "rhythm"),
    [
        ("Feedback on learning goals every 6 weeks", "slow"),
        ("Quartely progress review", "slow"),
        ("Drop the annual review; feedback at the end of each two-week sprint", "fast"),
        ("Keep the yearly review, add a feedback chat every Friday", "fast"),
        ("Feedback after every pull request", "fast"),
        ("Publish the rota a month ahead", None),
    ],
)
def test_feedback_rhythm_of_a_text(text: str, rhythm: str | None) -> None:
    assert feedback_rhythm(text) == rhythm
