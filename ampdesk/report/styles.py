"""Fonts and paragraph styles of the report: the bundled DejaVu Sans, and for a script it
lacks a font found on this computer (report/fonts.py), shaped and ordered right to left where
the script needs it (report/shaping.py)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from html import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from ampdesk.report import fonts, shaping
from ampdesk.resources_path import resources_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
# What the bundled DejaVu Sans can show; the report says so on its method page.
SCRIPTS = "Latin (with accents and Latin Extended), Greek, Cyrillic, Hebrew and Arabic"
INK = colors.HexColor("#1d2433")
MUTED = colors.HexColor("#5b6475")
RULE = colors.HexColor("#c9ced8")
SHADE = colors.HexColor("#eef0f4")
ALERT = colors.HexColor("#8a1c1c")


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


@dataclass(frozen=True)
class Styles:
    """The paragraph styles used by every section."""

    body: ParagraphStyle
    lead: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    alert: ParagraphStyle


@cache
def styles() -> Styles:
    """The report's styles (fonts registered on first use)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13.5, textColor=INK)
    return Styles(
        body=body,
        lead=ParagraphStyle(
            "lead", parent=body, fontName=FONT_BOLD, fontSize=11, leading=15, spaceAfter=6
        ),
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10.5, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11),
        cell_bold=ParagraphStyle(
            "cell_bold", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=11
        ),
        cell_right=ParagraphStyle("cell_right", parent=body, fontSize=8.5, leading=11, alignment=2),
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=16,
            leading=20,
            spaceBefore=12,
            spaceAfter=8,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
        ),
        title=ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=26, leading=32),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=13, leading=18, textColor=MUTED),
        alert=ParagraphStyle(
            "alert",
            parent=body,
            fontName=FONT_BOLD,
            textColor=ALERT,
            borderColor=ALERT,
            borderWidth=1.2,
            borderPadding=8,
            spaceBefore=8,
            spaceAfter=12,
        ),
    )


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


# Characters that stay in the font of the text around them if it has them (spaces,
# punctuation, marks, digits), so that a word never changes font at its full stop.
NEUTRAL = frozenset(("Cc", "Cf", "Zs", "Mn", "Mc", "Po", "Pd", "Ps", "Pe", "Nd"))


RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
# A passage written right to left: from a Hebrew or Arabic letter to the last one, with the
# spaces, digits and punctuation between them.
RTL_PASSAGE = re.compile(f"[{RTL}][{RTL}\\s\\d.,;:!?()\"'«»\\-]*[{RTL}]")


def right_to_left(value: str) -> str:
    """``value`` with the words of each right-to-left passage in the order they stand on the
    line, right to left (the shaper draws the letters of each word right to left). A passage
    that wraps onto more lines than one reads from its last line up."""
    return RTL_PASSAGE.sub(lambda m: " ".join(reversed(m.group(0).split(" "))), value)


def markup(value: str) -> str:
    """Plain text as paragraph markup: participants' words are escaped, never read as markup.
    Characters DejaVu Sans lacks are set in a font found on this computer; a run of characters
    no font here shows is replaced by a sentence naming the script, never printed as boxes."""
    parts: list[str] = []
    run_font, run = FONT, ""
    in_gap = False  # inside a run of characters no font shows (spaces and marks continue it)
    pending = ""  # spaces and punctuation inside such a run, printed if the run ends
    value = right_to_left(value)

    def flush() -> None:
        nonlocal run
        if run:
            body = escape(run)
            parts.append(body if run_font == FONT else f'<font name="{run_font}">{body}</font>')
        run = ""

    for char in value:
        neutral = unicodedata.category(char) in NEUTRAL
        if neutral and run and _has(run_font, char):
            font: str | None = run_font
        else:
            font = font_of(char)
        if in_gap and neutral and font is not None:
            pending += char
            continue
        if font is None:
            if not in_gap:
                flush()
                name = script_name(char)
                parts.append(
                    f"<i>[{escape(name)} text left out: no font on this computer can show it]</i>"
                )
                found = _left_out.get()
                if found is not None:
                    found.add(name)
                in_gap = True
            pending = ""
            continue
        if in_gap:
            in_gap, char = False, pending + char
            pending = ""
        if font != run_font:
            flush()
            run_font = font
        run += char
    flush()
    return "".join(parts).replace("\n", "<br/>")


def font_of(char: str) -> str | None:
    """The registered font that shows ``char`` (DejaVu Sans first), None if no font does."""
    code = ord(char)
    return FONT if code in _shown() else fonts.font_for(code)


def _has(font: str, char: str) -> bool:
    return ord(char) in (_shown() if font == FONT else _cmap(font))


@cache
def _cmap(font: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


@cache
def _shown() -> frozenset[int]:
    """The characters the bundled DejaVu Sans shows."""
    register_fonts()
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


def prepare_fonts(texts: list[str]) -> None:
    """Find the fonts for every character of ``texts`` before a document is laid out."""
    fonts.prepare(texts, _shown())


def script_name(char: str) -> str:
    """A reader's name for the script or kind of ``char`` ("CJK", "Devanagari", "emoji")."""
    if unicodedata.category(char) == "So" and ord(char) >= 0x1F000:
        return "emoji"
    first = unicodedata.name(char, "UNKNOWN").split()[0]
    return first if first == "CJK" else first.capitalize()


def paragraph(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of markup ``value``, shaped if it holds a script that needs it."""
    return Paragraph(value, shaped_style(style) if shaping.text_needs_shaping(value) else style)


@cache
def shaped_style(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` with shaping on."""
    return shaping.shaped(style)


def text(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text."""
    return paragraph(markup(value), style)


def date_text(value: dt.date | None, missing: str = "not set") -> str:
    """The one date format of every document: "3 December 2026"."""
    return f"{value.day} {value:%B %Y}" if value else missing


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 reason", "2 reasons"."""
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def more_line(hidden: int, where: str = "all of them are in the CSV export") -> Paragraph | None:
    """The line under a list that shows only its top items: "+12 more; all of them are in the
    CSV export." (None when nothing was left out)."""
    if hidden <= 0:
        return None
    return text(f"+{hidden:,} more; {where}.", styles().small)


TOP_LINES = 12


def bullets(lines: list[str], where: str, limit: int = TOP_LINES) -> list[Paragraph]:
    """``lines`` as bullet paragraphs, at most ``limit`` of them, then "+k more; ``where``"."""
    shown = [text(f"• {line}", styles().body) for line in lines[:limit]]
    more = more_line(len(lines) - limit, where)
    return [*shown, more] if more else shown
