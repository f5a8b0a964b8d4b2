"""Paragraph styles of every document, and plain text as paragraphs: each run of characters
in the font that shows it (report/scripts.py), shaped and ordered right to left where the
script needs it (report/shaping.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from html import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from ampdesk.report import shaping
from ampdesk.report.scripts import FONT, FONT_BOLD, register_fonts, runs

INK = colors.HexColor("#1d2433")
MUTED = colors.HexColor("#5b6475")
RULE = colors.HexColor("#c9ced8")
SHADE = colors.HexColor("#eef0f4")
ALERT = colors.HexColor("#8a1c1c")


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
    Characters DejaVu Sans lacks are set in a font found on this computer; a run of characters
    no font here shows is replaced by a sentence naming the script, never printed as boxes."""
    parts: list[str] = []
    for font, run in runs(value):
        if font is None:
            parts.append(
                f"<i>[{escape(run)} text left out: no font on this computer can show it]</i>"
            )
        elif font == FONT:
            parts.append(escape(run))
        else:
            parts.append(f'<font name="{font}">{escape(run)}</font>')
    return "".join(parts).replace("\n", "<br/>")


def paragraph(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of markup ``value``, shaped if it holds a script that needs it."""
    if shaping.text_needs_shaping(value):
        return shaping.ScriptParagraph(value, shaped_style(style))
    return Paragraph(value, style)


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
