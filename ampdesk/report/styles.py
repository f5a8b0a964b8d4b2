"""Fonts and paragraph styles of the report: one bundled font family for every script."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import cache
from html import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from ampdesk.resources_path import resources_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
# What the bundled DejaVu Sans can show; the report says so on its method page.
SCRIPTS = "Latin (with accents and Latin Extended), Greek and Cyrillic"
INK = colors.HexColor("#1d2433")
MUTED = colors.HexColor("#5b6475")
RULE = colors.HexColor("#c9ced8")
SHADE = colors.HexColor("#eef0f4")
ALERT = colors.HexColor("#8a1c1c")


@cache
def register_fonts() -> None:
    """Register the bundled DejaVu Sans faces with ReportLab (once)."""
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


def markup(value: str) -> str:
    """Plain text as paragraph markup: participants' words are escaped, never read as markup.
    A run of characters the report's font lacks is replaced by a sentence naming the script,
    never printed as empty boxes."""
    parts: list[str] = []
    shown = _shown()
    in_gap = False  # inside a run of characters the font lacks (spaces and marks continue it)
    pending = ""  # spaces and punctuation inside such a run, printed if the run ends
    for char in value:
        neutral = unicodedata.category(char) in ("Cc", "Cf", "Zs", "Mn", "Po")
        if in_gap and neutral:
            pending += char if ord(char) in shown else ""
        elif ord(char) in shown:
            parts.append(escape(pending + char))
            in_gap, pending = False, ""
        elif in_gap:
            pending = ""
        else:
            parts.append(
                f"<i>[{escape(script_name(char))} text left out: the report's font cannot "
                "show it]</i>"
            )
            in_gap = True
    return "".join(parts).replace("\n", "<br/>")


@cache
def _shown() -> frozenset[int]:
    """The characters the bundled DejaVu Sans shows."""
    register_fonts()
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


def script_name(char: str) -> str:
    """A reader's name for the script or kind of ``char`` ("CJK", "Devanagari", "emoji")."""
    if unicodedata.category(char) == "So" and ord(char) >= 0x1F000:
        return "emoji"
    first = unicodedata.name(char, "UNKNOWN").split()[0]
    return first if first == "CJK" else first.capitalize()


def text(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text."""
    return Paragraph(markup(value), style)


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
