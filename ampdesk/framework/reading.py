"""A small reader for workshop wording: clauses, word forms, and what a clause takes away.

The mistake checks do not search text with patterns; they ask three questions of it, the way a
careful facilitator reads an action: which clause says something, does it name a term (in any
of its regular English forms: approve, approves, approved, approving), and does the clause add
that thing or take it away (stop, drop, no longer, replace X with Y, instead of X). English only.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ampdesk.framework.spelling import Speller
from ampdesk.resources_path import resources_dir


def word_set(spec: str) -> frozenset[str]:
    """The words of a space-separated list (how the word lists below are written)."""
    return frozenset(spec.split())


# Written variants folded into one word before reading.
_FOLD = (
    (re.compile(r"\b(?:1\s*[:-]\s*1|1 on 1|one[- ](?:to|on)[- ]one)(s?)\b"), r" oneonone\1 "),
    (re.compile(r"\bsign[- ]?offs?\b"), " signoff "),
    (re.compile(r"\bsigned[- ]off\b"), " signoff "),
    (re.compile(r"\b(?:bi-?weekly|every (?:two|2) weeks|every other week)\b"), " fortnightly "),
    (re.compile("[\u2019`]"), "'"),
)
_TOKEN = re.compile(r"[a-z0-9€$£%_]+(?:'[a-z]+)?")
# Hard clause ends: sentence punctuation and brackets.
_CLAUSE_END = re.compile(r"[.;:!?()\n]+(?:\s|$)|[;!?()\n]")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The named word lists of one language's checks, as kept in ``words_<language>.toml``."""

    specs: dict[str, dict[str, Any]]

    def terms(self, name: str) -> Terms:
        """The list ``name`` of the ``[terms]`` table."""
        return Terms.of(self.specs["terms"][name])

    def words(self, name: str) -> frozenset[str]:
        """The list ``name`` of the ``[words]`` table."""
        return word_set(self.specs["words"][name])

    def key_words(self) -> frozenset[str]:
        """Every word of every list, in all its forms: the words a slip is read back to."""
        terms = (self.terms(name).words() for name in self.specs["terms"])
        words = (self.words(name) for name in self.specs["words"])
        rhythms = self.specs.get("rhythms", {})
        named = (set(rhythms.get(table, {})) for table in ("words", "units"))
        return frozenset().union(*terms, *words, *named)


@cache
def vocabulary(language: str = "en") -> Vocabulary:
    """The word lists the checks of ``language`` read with."""
    path = resources_dir() / "framework" / f"words_{language}.toml"
    return Vocabulary(tomllib.loads(path.read_text(encoding="utf-8")))


_LANGUAGE = "en"


def _reader_words(name: str) -> frozenset[str]:
    return word_set(vocabulary(_LANGUAGE).specs["reader"][name])


# Words that start a new clause after "and", "or" or "then", ending any scope.
CLAUSE_VERBS = _reader_words("clause_verbs")
# Conjunctions that always end a scope.
BREAKERS = _reader_words("breakers")
# Cue words that take the following thing away.
REMOVAL_CUES = _reader_words("removal_cues")
# Talking about a thing is not adding it ("talk in the retro about whether approvals...").
TOPIC_CUES = _reader_words("topic_cues")
# Multi-word cues, folded to one token before reading (phrase = token).
_CUE_TOKENS: dict[str, str] = vocabulary(_LANGUAGE).specs["reader"]["phrases"]
# Longest first, so "make up for" is not read as "up for" inside "to make up for".
_CUE_PHRASE = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _CUE_TOKENS), key=len, reverse=True)) + r")\b"
)
PHRASE_CUES = frozenset(_CUE_TOKENS.values()) - {"after_the_fact", "now_that"}
SUBSTITUTION_CUES = frozenset({"instead_of", "rather_than", "in_place_of"})
# "X no longer needed", "timesheets are scrapped": cues after the thing they take away.
AFTER_CUES = _reader_words("after_cues") | {"no_longer"}
_NEGATORS = _reader_words("negators")
_DENIALS = _reader_words("denials")
# Cues whose scope ends at "with"/"by"/"to"/"for" (replace X with Y, move from X to Y).
_SCOPE_TO = {"replace": "with by", "swap": "for with", "trade": "for", "from": "to into"}
_MOVES = _reader_words("moves")


_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=65536)
def _respelled(word: str) -> str:
    # Notes repeat their words: look each one up once.
    return speller().word(word)


def _fold(text: str) -> str:
    text = f" {text.lower()} "
    text = _WORD.sub(lambda match: _respelled(match[0]), text)
    for pattern, replacement in _FOLD:
        text = pattern.sub(replacement, text)
    text = _CUE_PHRASE.sub(lambda match: f" {_CUE_TOKENS[match[0]]} ", text)
    return text.replace("-", " ").replace("/", " ")


def _tokens(text: str) -> list[str]:
    out = []
    for token in _TOKEN.findall(text):
        if token.endswith("'s"):
            token = token[:-2]
        out.append(token.replace("'", ""))
    return out


def clauses(text: str) -> list[list[str]]:
    """The text's clauses, each a list of lower-case words (cue phrases folded to one word)."""
    return [list(words) for words in _clauses(text)]


@lru_cache(maxsize=65536)
def _clauses(text: str) -> tuple[tuple[str, ...], ...]:
    # Every check reads the same notes again: fold and split each text once.
    return tuple(
        tuple(words) for piece in _CLAUSE_END.split(_fold(text)) if (words := _tokens(piece))
    )


@cache
def forms(word: str, noun_only: bool = False) -> frozenset[str]:
    """The regular English forms of ``word``: plural, and unless a noun, -s, -ed and -ing."""
    found = {word, word + "s"}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        found.add(word + "es")
    consonant_y = len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou"
    if consonant_y:
        found |= {word[:-1] + "ies"}
    if noun_only:
        return frozenset(found)
    if word.endswith("e"):
        found |= {word + "d", word[:-1] + "ing"}
    elif consonant_y:
        found |= {word[:-1] + "ied", word + "ing"}
    else:
        found |= {word + "ed", word + "ing"}
        if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou":
            found |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Terms:
    """A set of terms (words or short phrases) matched in any of their regular forms.

    Written as a space-separated spec: ``"bonus prize story_point commission:n =per"``; ``_``
    joins a phrase, ``:n`` keeps a word a noun (commission matches commissions, not
    commissioned), ``=`` matches the word exactly.
    """

    phrases: tuple[tuple[frozenset[str], ...], ...]
    # The phrases by each form of their first word, so a word is compared only with the
    # phrases that can start with it.
    by_first: dict[str, tuple[tuple[frozenset[str], ...], ...]] = field(
        default_factory=dict, compare=False
    )

    def __post_init__(self) -> None:
        starting: dict[str, list[tuple[frozenset[str], ...]]] = {}
        for phrase in self.phrases:
            for word in phrase[0]:
                starting.setdefault(word, []).append(phrase)
        self.by_first.update((word, tuple(found)) for word, found in starting.items())

    @classmethod
    def of(cls, spec: str) -> Terms:
        """Build the terms from their spec."""
        phrases = []
        for item in spec.split():
            noun_only = item.endswith(":n")
            words = item.removesuffix(":n").split("_")
            # Only a phrase's last word takes a plural or a verb form, the others stay exact
            # unless they are a verb at the start (clock in, clocking in, signs off).
            phrase = []
            for position, word in enumerate(words):
                if word.startswith("="):
                    phrase.append(frozenset({word[1:]}))
                elif position == len(words) - 1 or position == 0:
                    phrase.append(forms(word, noun_only))
                else:
                    phrase.append(frozenset({word}))
            phrases.append(tuple(phrase))
        return cls(tuple(phrases))

    def positions(self, words: list[str]) -> list[int]:
        """Where in ``words`` one of the terms starts."""
        found = []
        for start, first in enumerate(words):
            for phrase in self.by_first.get(first, ()):
                end = start + len(phrase)
                if end <= len(words) and all(
                    w in allowed
                    for w, allowed in zip(words[start + 1 : end], phrase[1:], strict=True)
                ):
                    found.append(start)
                    break
        return found

    def within(self, words: Iterable[str]) -> bool:
        """Whether any term occurs in ``words``."""
        return bool(self.positions(list(words)))

    def words(self) -> frozenset[str]:
        """Every form of every word of the terms."""
        return frozenset(w for phrase in self.phrases for forms_ in phrase for w in forms_)


def spelling_keys() -> frozenset[str]:
    """The words a slip is read back to: the checks' words and the reader's own cue words."""
    cues = CLAUSE_VERBS | BREAKERS | REMOVAL_CUES | TOPIC_CUES | AFTER_CUES | _MOVES
    phrases = {w for phrase in _CUE_TOKENS for w in re.split("[ -]", phrase)}
    return vocabulary(_LANGUAGE).key_words() | cues | phrases


@cache
def speller() -> Speller:
    """Reads slips of the key words as the words."""
    real_words = vocabulary(_LANGUAGE).specs["spelling"]["real_words"].split()
    return Speller.of(spelling_keys(), real_words)


def _breaks(words: list[str], index: int) -> bool:
    """Whether a new clause starts at ``index`` (after "and", "or" or a comma-free list)."""
    word = words[index]
    if word in BREAKERS:
        return True
    previous = words[index - 1] if index else ""
    return previous in ("and", "or", "then") and word in CLAUSE_VERBS


def scope_start(words: list[str], index: int) -> int:
    """The first word of the part of the clause that ``words[index]`` belongs to."""
    start = index
    while start > 0 and not _breaks(words, start):
        start -= 1
    return start


def cue_before(words: list[str], index: int) -> str | None:
    """The removal or substitution cue governing ``words[index]``, if any.

    The nearest cue before the word, in the same part of the clause, decides. "Replace X with
    Y" and "move from X to Y" take away only X. "No X without Y" requires Y, so it is no cue.
    """
    start = scope_start(words, index)
    for position in range(index - 1, start - 1, -1):
        word = words[position]
        if word in ("with", "by", "to", "into", "for") and any(
            word in _SCOPE_TO.get(_base(w), "").split() for w in words[start:position]
        ):
            return None
        if word == "in_favour_of":  # "scrap X in favour of Y" keeps Y
            return None
        if word == "from" and any(w in _MOVES for w in words[max(start, position - 4) : position]):
            return "from"
        if word in REMOVAL_CUES or word in PHRASE_CUES or word in TOPIC_CUES:
            if word in ("without",) and any(w in _NEGATORS for w in words[start:position]):
                return None
            # "We won't use training as an excuse to skip raises": the removal is negated.
            if word not in _NEGATORS and any(w in _DENIALS for w in words[start:position]):
                return None
            if word == "end" and words[position + 1 : position + 2] == ["of"]:
                continue
            return word
    return None


def _base(word: str) -> str:
    for base in _SCOPE_TO:
        if word in forms(base):
            return base
    return word


def cue_after(words: list[str], index: int, length: int = 4) -> bool:
    """Whether a removal cue follows ``words[index]`` closely ("timesheets are scrapped")."""
    for position in range(index + 1, min(len(words), index + 1 + length)):
        if _breaks(words, position):
            return False
        if words[position] in AFTER_CUES:
            return True
        if words[position] in ("not", "no") and words[position + 1 : position + 2] in (
            ["needed"],
            ["required"],
        ):
            return True
    return False


def taken_away(words: list[str], index: int) -> bool:
    """Whether the clause takes away (or declines) what starts at ``words[index]``."""
    return cue_before(words, index) is not None or cue_after(words, index)


def mentions(text: str, terms: Terms, *, kept: bool = True) -> bool:
    """Whether ``text`` names one of ``terms``; with ``kept``, only where it is not taken away."""
    for words in clauses(text):
        for index in terms.positions(words):
            if not kept or not taken_away(words, index):
                return True
    return False
