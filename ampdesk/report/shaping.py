"""Shaping and right-to-left order through ReportLab's own support (uharfbuzz): Arabic letters
joined, Devanagari syllables formed, the letters of Hebrew and Arabic words drawn right to
left, and (here, line by line, as ReportLab leaves words in the order they were written) the
words of a right-to-left passage too.

Two limits of ReportLab's word shaper are worked around here, and nothing else is changed:
it shapes a word with the font of its first part (a word that changes font, such as a Hindi
word followed by a full stop in DejaVu Sans, came out as boxes), and it applies ligatures
("fi", "st") that make Latin text copy out wrongly. So only words that hold a script that
needs shaping are shaped, without optional ligatures, one font run at a time."""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, paragraph

FEATURES = {"kern": True, "liga": False, "dlig": False}
_WORD = re.compile(r"[^ ]+")
_shape_word = ttfonts.shapeFragWord


def needs_shaping(code: int) -> bool:
    """True for letters whose shape or order depends on their neighbours: the right-to-left
    scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko) and the scripts of South and Southeast
    Asia (Devanagari to Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer)."""
    return (
        0x0590 <= code < 0x0800  # Hebrew, Arabic, Syriac, Thaana, N'Ko
        or 0x0900 <= code < 0x1000  # Devanagari ... Sinhala, Thai, Lao, Tibetan
        or 0x1000 <= code < 0x10A0  # Myanmar
        or 0x1780 <= code < 0x1800  # Khmer
        or 0xA8E0 <= code < 0xA900  # Devanagari Extended
        or 0xFB1D <= code < 0xFE00  # Hebrew and Arabic presentation forms
        or 0xFE70 <= code < 0xFF00
    )


def text_needs_shaping(value: str) -> bool:
    """True if any character of ``value`` needs shaping."""
    return any(needs_shaping(ord(c)) for c in value)


def shaped(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` with shaping on (for a paragraph that holds a script that needs it)."""
    return ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)


def _done(value: str) -> bool:
    return isinstance(value, ttfonts.ShapedStr)


def _run_width(parts: list[tuple[Any, str]]) -> float:
    widths = [stringWidth(s, f.fontName, f.fontSize) for f, s in parts if not hasattr(f, "cbDefn")]
    return float(sum(widths))


def shape_word(word: list[Any], features: Any = None, force: bool = False) -> list[Any]:
    """ReportLab's word shaper, applied only to words that need it, per font run."""
    parts = word[1:]
    texts = [s for f, s in parts if not hasattr(f, "cbDefn")]
    if isinstance(word, ttfonts.ShapedFragWord) or any(_done(s) for s in texts):
        return word  # shaped on an earlier wrap
    if not force and not any(text_needs_shaping(s) for s in texts):
        return word
    runs: list[list[tuple[Any, str]]] = []
    for part in parts:
        font = getattr(part[0], "fontName", None)
        same = runs and getattr(runs[-1][0][0], "fontName", None) == font
        if runs and (hasattr(part[0], "cbDefn") or same):
            runs[-1].append(part)
        else:
            runs.append([part])
    if len(runs) == 1:
        whole: list[Any] = _shape_word(word, features=FEATURES, force=force)
        return whole
    pieces = [_shape_word([_run_width(run), *run], features=FEATURES, force=True) for run in runs]
    result: list[Any] = ttfonts.makeShapedFragWord(word)([sum(piece[0] for piece in pieces)])
    for piece in pieces:
        result.extend(piece[1:])
    return result


def install() -> None:
    """Make ReportLab's paragraphs shape through ``shape_word`` (once)."""
    paragraph.shapeFragWord = shape_word


def _is_rtl(code: int) -> bool:
    return 0x0590 <= code < 0x0900 or 0xFB1D <= code < 0xFE00 or 0xFE70 <= code < 0xFF00


def _kind(word: str) -> str:
    """R for a right-to-left word, N for one without letters (digits, punctuation), else L."""
    if any(_is_rtl(ord(c)) for c in word):
        return "R"
    return "L" if any(c.isalpha() for c in word) else "N"


def visual_order(value: str) -> str:
    """The words of a laid-out line's text (each word already shaped, its letters in the order
    they are drawn) with every right-to-left passage's words from right to left: from a
    right-to-left word to the last one, with the digits and punctuation between them."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(str(value))]
    kinds = [_kind(str(value)[a:b]) for a, b in spans]
    pieces: list[str] = []
    done, index = 0, 0
    while index < len(spans):
        if kinds[index] != "R":
            index += 1
            continue
        last = index
        for later in range(index + 1, len(spans)):
            if kinds[later] == "L":
                break
            if kinds[later] == "R":
                last = later
        start, end = spans[index][0], spans[last][1]
        pieces.append(value[done:start])
        words = [value[a:b] for a, b in spans[index : last + 1]]
        gaps = [value[spans[k][1] : spans[k + 1][0]] for k in range(index, last)]
        for number, word in enumerate(reversed(words)):
            pieces.append(word)
            if number < len(gaps):
                pieces.append(gaps[len(gaps) - 1 - number])
        done, index = end, last + 1
    if not pieces:
        return value
    pieces.append(value[done:])
    result = pieces[0]
    for piece in pieces[1:]:
        result = result + piece
    return result


class ScriptParagraph(Paragraph):
    """A shaped paragraph whose right-to-left passages are put in right-to-left word order
    line by line as it is drawn, so a passage that wraps reads from its first line down."""

    def draw(self) -> None:
        laid: Any = self.__dict__["blPara"]
        if laid.kind != 1:
            super().draw()
            return
        self.blPara = laid.clone(lines=[_visual_line(line) for line in laid.lines])
        try:
            super().draw()
        finally:
            self.blPara = laid


def _visual_line(line: Any) -> Any:
    words = getattr(line, "words", None)
    if not words:
        return line
    return line.clone(
        words=[
            word.clone(text=visual_order(word.text)) if getattr(word, "text", "") else word
            for word in words
        ]
    )
