"""Paragraph styles of every document, and plain text as paragraphs: each run of characters
in the font that shows it (report/scripts.py), shaped and ordered right to left where the
script needs it (report/shaping.py)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import cache
from html import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from ampdesk.framework.text_limits import limit
from ampdesk.report import shaping
from ampdesk.report.scripts import ELLIPSIS, FONT, FONT_BOLD, register_fonts, runs

INK = colors.HexColor("#1d2433")
MUTED = colors.HexColor("#5b6475")
RULE = colors.HexColor("#c9ced8")
SHADE = colors.HexColor("#eef0f4")
ALERT = colors.HexColor("#8a1c1c")


# Prose stops this far short of the right margin: lines of about 70 characters (60 to 75 read
# best) at 10.5 points, where tables and charts take the whole width.
PROSE_INDENT = 100.0


@dataclass(frozen=True)
class Styles:
    """The paragraph styles used by every section."""

    body: ParagraphStyle
    bullet: ParagraphStyle
    reference: ParagraphStyle
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
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=10.5,
        leading=14.5,
        textColor=INK,
        rightIndent=PROSE_INDENT,
    )
    return Styles(
        body=body,
        bullet=ParagraphStyle(
            "bullet", parent=body, leftIndent=11, bulletIndent=0, bulletFontName=FONT
        ),
        reference=ParagraphStyle(
            "reference",
            parent=body,
            fontSize=9,
            leading=12,
            leftIndent=14,
            firstLineIndent=-14,
            spaceAfter=2,
        ),
        lead=ParagraphStyle(
            "lead", parent=body, fontName=FONT_BOLD, fontSize=11, leading=15, spaceAfter=6
        ),
        small=ParagraphStyle("small", parent=body, fontSize=9, leading=12, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5, rightIndent=0),
        cell_bold=ParagraphStyle(
            "cell_bold", parent=body, fontName=FONT_BOLD, fontSize=9, leading=11.5, rightIndent=0
        ),
        cell_right=ParagraphStyle(
            "cell_right", parent=body, fontSize=9, leading=11.5, alignment=2, rightIndent=0
        ),
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
            spaceBefore=9,
            spaceAfter=3,
        ),
        title=ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=18, leading=22, rightIndent=0
        ),
        subtitle=ParagraphStyle(
            "subtitle", parent=body, fontSize=10, leading=13.5, textColor=MUTED, spaceBefore=4
        ),
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


# A text longer than this is set as paragraphs of at most this many characters each, so that
# laying it out over many pages takes time in proportion to its length.
PIECE = 1_000


def text(value: str, style: ParagraphStyle) -> Flowable:
    """A paragraph of plain text; a long one as a Passage that splits between its pieces."""
    if len(value) <= PIECE:
        return paragraph(markup(value), style)
    return Passage([paragraph(markup(piece), style) for piece in pieces(value, PIECE)])


_BREAKS = ("\n", ". ", "。", "! ", "? ", " ")


def pieces(value: str, size: int) -> list[str]:
    """``value`` cut into pieces of at most ``size`` characters: at a line break, else a
    sentence's end, else a space in the second half of a piece, else between two characters
    (never before a combining mark or after a joiner)."""
    found: list[str] = []
    start = 0
    while len(value) - start > size:
        end = start + size
        half = start + size // 2
        cut = -1
        for mark in _BREAKS:
            at = value.rfind(mark, half, end)
            if at >= 0:
                cut = at + len(mark)
                break
        if cut < 0:
            cut = end
            while cut > half and (
                unicodedata.category(value[cut]).startswith("M") or value[cut - 1] == "\u200d"
            ):
                cut -= 1
        found.append(value[start:cut].strip())
        start = cut
    found.append(value[start:].strip())
    return [piece for piece in found if piece]


# The most characters a title shows in a heading or a title block: as many as a title may hold.
TITLE_CHARS = limit("workshop.title")


def full_title(value: str) -> list[Flowable]:
    """The whole of a title longer than TITLE_CHARS (a file written before the limits), in
    body text under the shortened title; nothing for a title within the limit."""
    return [text(f"Full title: {value}", styles().body)] if len(value) > TITLE_CHARS else []


def clip(value: str, length: int) -> str:
    """``value`` cut at a word boundary to about ``length`` characters."""
    if len(value) <= length:
        return value
    return value[:length].rsplit(" ", 1)[0].rstrip(",.;: ") + ELLIPSIS


class Passage(Flowable):
    """A long text as a column of paragraphs, split between pages paragraph by paragraph.
    Only the paragraphs that may land on the page being filled are measured."""

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self.parts = parts
        self._heights: dict[tuple[float, int], float] = {}
        self._width = 0.0

    def _height(self, width: float, index: int) -> float:
        key = (width, index)
        if key not in self._heights:
            self._heights[key] = self.parts[index].wrap(width, 1e9)[1]
        return self._heights[key]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The height of the parts, measured only until they overflow ``availHeight``."""
        self._width = availWidth
        total = 0.0
        for index in range(len(self.parts)):
            total += self._height(availWidth, index)
            if total > availHeight:
                break
        self.width, self.height = availWidth, total
        return availWidth, total

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The parts that fit (the last one split where it can be), and the rest."""
        used = 0.0
        for index, part in enumerate(self.parts):
            height = self._height(availWidth, index)
            if used + height > availHeight:
                head = self.parts[:index]
                tail = self.parts[index:]
                halves = part.split(availWidth, availHeight - used)
                if len(halves) == 2:
                    head, tail = [*head, halves[0]], [halves[1], *self.parts[index + 1 :]]
                return [Passage(head), Passage(tail)] if head else []
            used += height
        return [self]

    def getSpaceBefore(self) -> float:
        return float(self.parts[0].getSpaceBefore()) if self.parts else 0.0

    def getSpaceAfter(self) -> float:
        return float(self.parts[-1].getSpaceAfter()) if self.parts else 0.0

    def draw(self) -> None:
        top = self.height
        for index, part in enumerate(self.parts):
            height = self._height(self._width, index)
            top -= height
            part.wrap(self._width, height)
            part.drawOn(self.canv, 0, top)


def date_text(value: dt.date | None, missing: str = "not set") -> str:
    """The one date format of every document: "3 December 2026"."""
    return f"{value.day} {value:%B %Y}" if value else missing


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 reason", "2 reasons"."""
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def more_line(hidden: int, where: str = "all of them are in the CSV export") -> Flowable | None:
    """The line under a list that shows only its top items: "+12 more; all of them are in the
    CSV export." (None when nothing was left out)."""
    if hidden <= 0:
        return None
    return text(f"+{hidden:,} more; {where}.", styles().small)


TOP_LINES = 12


def bullet(line: str) -> Flowable:
    """One bullet point, its lines hanging under its first word (a long one as a Passage)."""
    parts = [
        paragraph(("<bullet>•</bullet>" if number == 0 else "") + markup(part), styles().bullet)
        for number, part in enumerate(pieces(line, PIECE) or [""])
    ]
    return parts[0] if len(parts) == 1 else Passage(parts)


def bullets(lines: list[str], where: str, limit: int = TOP_LINES) -> list[Flowable]:
    """``lines`` as bullet paragraphs, at most ``limit`` of them, then "+k more; ``where``"."""
    shown = [bullet(line) for line in lines[:limit]]
    more = more_line(len(lines) - limit, where)
    return [*shown, more] if more else shown
