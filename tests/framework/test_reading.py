"""The wording reader: word forms, clauses, and what a clause takes away."""

from __future__ import annotations

import pytest

from ampdesk.framework.fairness import PayRow, role_figures
from ampdesk.framework.mistakes import if_then_for_creative, role_words
from ampdesk.framework.reading import Terms, clauses, forms, mentions


def test_word_forms_cover_inflections_but_nouns_stay_nouns() -> None:
    assert {"approve", "approves", "approved", "approving"} <= forms("approve")
    assert {"stop", "stops", "stopped", "stopping"} <= forms("stop")
    assert {"story", "stories"} <= forms("story", noun_only=True)
    assert "commissioned" not in forms("commission", noun_only=True)


def test_whole_words_only_and_phrases_fold() -> None:
    terms = Terms.of("commission:n signoff clock_in")
    assert not terms.within(clauses("Commissioned research on booking")[0])
    assert terms.within(clauses("Designers need a sign-off")[0])
    assert terms.within(clauses("Everyone clocks in and out")[0])


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The lead approves every change", True),
        ("Drop the approval for small fixes", False),
        ("Replace the approval with a weekly check-in", False),
        ("Approval is no longer needed for small fixes", False),
        ("Nothing ships without approval", True),
        ("Stop the old report and add an approval step", True),
    ],
)
def test_what_a_clause_takes_away(text: str, kept: bool) -> None:
    assert mentions(text, Terms.of("approval approve"), kept=True) is kept


def test_role_words_are_the_title_head_and_its_aliases() -> None:
    roles = role_figures(
        [
            PayRow("Data scientist", "Senior", "creative", 80_000, 80_000),
            PayRow("Warehouse picker", "Level 1", "routine", 30_000, 30_000),
        ]
    )
    assert role_words(roles, "creative").within(["the", "scientists"])
    assert not role_words(roles, "creative").within(["the", "data"])
    assert if_then_for_creative("Bonus for scientists who publish the most", roles)
    assert not if_then_for_creative("Pickers get a bonus per parcel picked", roles)
