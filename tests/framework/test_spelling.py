"""One-letter slips of the key words are read as the words, real words never are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ampdesk.framework.reading import clauses, speller
from ampdesk.framework.spelling import Speller, one_edit_apart

DICTIONARIES = [Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english")]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("bouns", "bonus"),  # swapped neighbours
        ("comission", "commission"),  # a letter dropped
        ("approvval", "approval"),  # a letter added
        ("quarterlu", "quarterly"),  # a letter changed
    ],
)
def test_one_slip_is_one_edit(typed: str, meant: str) -> None:
    assert one_edit_apart(typed, meant)
    assert speller().word(typed) == meant


def test_two_slips_or_short_words_are_left_alone() -> None:
    assert not one_edit_apart("xabc", "abcy")
    assert speller().word("bnosu") == "bnosu"  # two edits from bonus
    assert speller().word("pau") == "pau"  # too short to guess


def test_a_slip_between_two_key_words_is_not_guessed() -> None:
    assert Speller.of(["bonus", "bones"], []).word("bonas") == "bonas"


def test_real_words_stay_themselves() -> None:
    assert speller().word("praise") == "praise"  # not "raise"
    assert speller().word("price") == "price"  # not "prize"


def test_the_reader_reads_slips_as_the_words() -> None:
    assert clauses("Bouns for every relase, no aproval") == [
        ["bonus", "for", "every", "release", "no", "approval"]
    ]


@pytest.mark.skipif(not DICTIONARIES[0].exists(), reason="no English word list installed")
def test_no_dictionary_word_is_read_as_a_key_word() -> None:
    words = {
        line.strip()
        for path in DICTIONARIES
        if path.exists()
        for line in path.read_text(encoding="utf-8", errors="ignore").splitlines()
        if re.fullmatch("[a-z]+", line.strip())
    }
    changed = sorted(w for w in words if speller().word(w) != w)
    assert not changed, f"add to [spelling] real_words in words_en.toml: {' '.join(changed)}"
