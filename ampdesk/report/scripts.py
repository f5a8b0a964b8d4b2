"""Which font sets each piece of text: the bundled DejaVu Sans first, a font found on this
computer (report/fonts.py) for a script it lacks, and a sentence naming the script where no
font here shows it. Paragraphs get the pieces as markup (report/styles.py); a line drawn on
its own (a chart label, the running header) gets them shaped and in visual order here."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeStr

from ampdesk.report import fonts, shaping
from ampdesk.resources_path import resources_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
# What the bundled DejaVu Sans can show; the report says so on its method page.
SCRIPTS = "Latin (with accents and Latin Extended), Greek, Cyrillic, Hebrew and Arabic"
# Characters that stay in the font of the text around them if it has them (spaces,
# punctuation, marks, digits), so that a word never changes font at its full stop.
NEUTRAL = frozenset(("Cc", "Cf", "Zs", "Mn", "Mc", "Po", "Pd", "Ps", "Pe", "Nd"))


@cache
def register_fonts() -> None:
    """Register the bundled DejaVu Sans faces with ReportLab and let its paragraphs shape
    the scripts that need it (once)."""
    shaping.install()
    folder = resources_dir() / "fonts"
    for name, file in (
        (FONT, "DejaVuSans.ttf"),
        (FONT_BOLD, "DejaVuSans-Bold.ttf"),
        (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )


@cache
def _shown() -> frozenset[int]:
    """The characters the bundled DejaVu Sans shows."""
    register_fonts()
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


@cache
def _cmap(font: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def _has(font: str, char: str) -> bool:
    return ord(char) in (_shown() if font == FONT else _cmap(font))


def font_of(char: str) -> str | None:
    """The registered font that shows ``char`` (DejaVu Sans first), None if no font does."""
    code = ord(char)
    return FONT if code in _shown() else fonts.font_for(code)


def prepare_fonts(texts: list[str]) -> None:
    """Find the fonts for every character of ``texts`` before a document is laid out."""
    fonts.prepare(texts, _shown())


def script_name(char: str) -> str:
    """A reader's name for the script or kind of ``char`` ("CJK", "Devanagari", "emoji")."""
    if unicodedata.category(char) == "So" and ord(char) >= 0x1F000:
        return "emoji"
    first = unicodedata.name(char, "UNKNOWN").split()[0]
    return first if first == "CJK" else first.capitalize()


_left_out: ContextVar[set[str] | None] = ContextVar("left_out", default=None)


@contextmanager
def left_out() -> Iterator[set[str]]:
    """Collect the names of the scripts left out of the text written inside this block."""
    found: set[str] = set()
    token = _left_out.set(found)
    try:
        yield found
    finally:
        _left_out.reset(token)


def runs(value: str) -> Iterator[tuple[str | None, str]]:
    """``value`` as runs of (font, text); a run of characters no font here shows comes as
    (None, the script's name), spaces and marks inside it included."""
    run_font, run = FONT, ""
    in_gap = False  # inside a run of characters no font shows
    pending = ""  # spaces and punctuation inside such a run, printed if the run ends
    for char in value:
        neutral = unicodedata.category(char) in NEUTRAL
        font = run_font if neutral and run and _has(run_font, char) else font_of(char)
        if in_gap and neutral and font is not None:
            pending += char
            continue
        if font is None:
            if not in_gap:
                if run:
                    yield run_font, run
                run, in_gap = "", True
                name = script_name(char)
                found = _left_out.get()
                if found is not None:
                    found.add(name)
                yield None, name
            pending = ""
            continue
        if in_gap:
            in_gap, char, pending = False, pending + char, ""
        if font != run_font and run:
            yield run_font, run
            run = ""
        run_font = font
        run += char
    if run:
        yield run_font, run


@dataclass(frozen=True)
class Piece:
    """A piece of a line drawn on its own: its font, its text (shaped where needed, in the
    order it is drawn) and its width at the size asked for."""

    font: str
    text: str
    width: float


def line_pieces(value: str, size: float, font: str = FONT) -> list[Piece]:
    """``value`` as pieces to draw left to right at ``size`` points: bold or italic text
    keeps ``font`` where DejaVu has the character, right-to-left words stand right to left."""
    pieces: list[Piece] = []
    for run_font, text in runs(value):
        if run_font is None:
            text, run_font = f"[{text} text left out]", FONT_ITALIC
        elif run_font == FONT:
            run_font = font
        if shaping.text_needs_shaping(text):
            shaped: Any = shaping.visual_order(_shaped_words(text, run_font, size))
            width = sum(d.x_advance for d in shaped.__shapeData__) * size / 1000
            pieces.append(Piece(run_font, shaped, width))
        else:
            pieces.append(Piece(run_font, text, pdfmetrics.stringWidth(text, run_font, size)))
    return pieces


def _shaped_words(text: str, font: str, size: float) -> Any:
    """``text`` shaped word by word (a word's letters in the order they are drawn)."""
    space = shapeStr(" ", font, size, force=True)
    result: Any = None
    for word in text.split(" "):
        part = shapeStr(word, font, size, force=True) if word else word
        result = part if result is None else result + space + part
    return result


def line_width(pieces: list[Piece]) -> float:
    """The width of a line of ``pieces``."""
    return sum(piece.width for piece in pieces)


def text_width(value: str, size: float, font: str = FONT) -> float:
    """The width of ``value`` drawn on its own line at ``size`` points."""
    if all(ord(c) in _shown() for c in value):
        return float(pdfmetrics.stringWidth(value, font, size))
    return line_width(line_pieces(value, size, font))


ELLIPSIS = "…"


def fit(value: str, size: float, width: float, font: str = FONT) -> str:
    """``value`` cut short with an ellipsis so that it is at most ``width`` wide at ``size``
    points (the longest such beginning, found by halving: a long text takes few measures)."""
    if text_width(value, size, font) <= width:
        return value
    low, high = 0, len(value)  # value[:low] + ellipsis fits; value[:high] + ellipsis does not
    while high - low > 1:
        middle = (low + high) // 2
        if text_width(value[:middle].rstrip() + ELLIPSIS, size, font) <= width:
            low = middle
        else:
            high = middle
    return value[:low].rstrip() + ELLIPSIS if low else ""


def draw_line(canvas: Any, x: float, y: float, value: str, size: float, font: str = FONT) -> None:
    """Draw ``value`` on ``canvas`` from ``x`` rightwards, each piece in its font."""
    for piece in line_pieces(value, size, font):
        canvas.setFont(piece.font, size)
        canvas.drawString(x, y, piece.text)
        x += piece.width
