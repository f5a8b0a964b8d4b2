"""One-letter slips of the key words: "bouns" is read as "bonus", "aproval" as "approval".

A word of five letters or more that is one edit (a letter added, dropped, changed, or two
neighbours swapped) away from one key word (or from forms of one word) is read as it, unless
it is an English word in its own right ("praise" is no slip of "raise"; such words are listed
with the vocabulary, ``[spelling] real_words``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Shorter words are too often another word one slip away (pay, day, way).
MIN_LENGTH = 5
# Candidates that share this many first letters are forms of one word.
STEM = 4


def _deletes(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one added, dropped or changed letter or one swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    return a[start + 1 :] == b[start + 1 :] or (
        a[start : start + 2] == b[start : start + 2][::-1] and a[start + 2 :] == b[start + 2 :]
    )


@dataclass(frozen=True, slots=True)
class Speller:
    """Reads a slip of a key word as the key word."""

    keys: frozenset[str]
    real_words: frozenset[str]
    by_delete: dict[str, frozenset[str]]

    @classmethod
    def of(cls, keys: Iterable[str], real_words: Iterable[str]) -> Speller:
        """A speller for ``keys`` (words shorter than five letters are left alone)."""
        long_keys = frozenset(k for k in keys if len(k) >= MIN_LENGTH and k.isalpha())
        index: dict[str, set[str]] = {}
        for key in long_keys:
            for variant in _deletes(key):
                index.setdefault(variant, set()).add(key)
        return cls(
            long_keys,
            frozenset(real_words),
            {variant: frozenset(found) for variant, found in index.items()},
        )

    def word(self, word: str) -> str:
        """The key word ``word`` is a slip of, or ``word`` itself."""
        if len(word) < MIN_LENGTH or word in self.keys or word in self.real_words:
            return word
        near = {
            key
            for variant in _deletes(word)
            for key in self.by_delete.get(variant, ())
            if one_edit_apart(word, key)
        }
        # Forms of one word ("approval", "approvals") are no real doubt: take the nearest.
        if len({key[:STEM] for key in near}) != 1:
            return word
        return min(near, key=lambda key: (abs(len(key) - len(word)), key))
