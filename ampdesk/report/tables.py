"""Tables that wrap their text and repeat their header row on every page."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from ampdesk.report.scripts import FONT, FONT_BOLD
from ampdesk.report.styles import PIECE, RULE, SHADE, pieces, styles, text

# A long cell is cut into pieces of about this many lines, each in a row of its own under the
# first, so that a table can go on to the next page inside a long text.
CELL_LINES = 16
# The narrowest page's frame (A4), which sets how many characters a column's line holds.
FRAME_WIDTH = A4[0] - 40 * mm


def table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    """A light grid; every cell is a wrapping paragraph of plain text, a long one continued in
    the rows below it (a rule only under each whole row). ``widths`` are relative: the columns
    share the width of the frame the table lands in, never past the margin."""
    s = styles()
    widths = _fitting(header, widths)
    sizes = [_piece_size(w / sum(widths) * FRAME_WIDTH) for w in widths]
    data: list[list[Flowable | str]] = [[text(h, s.cell_bold) for h in header]]
    rules = []
    for row in rows:
        cells = [pieces(cell, size) or [""] for cell, size in zip(row, sizes, strict=True)]
        for index in range(max(map(len, cells))):
            data.append([text(cell[index], s.cell) if index < len(cell) else "" for cell in cells])
        rules.append(("LINEBELOW", (0, len(data) - 1), (-1, len(data) - 1), 0.3, RULE))
    result = Table(
        data,
        colWidths=[f"{w / sum(widths) * 100:.3f}%" for w in widths],
        repeatRows=1,
        hAlign="LEFT",
    )
    result.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                *rules,
            ]
        )
    )
    return result


def _piece_size(width: float) -> int:
    """How many characters of a cell CELL_LINES lines of a column ``width`` points wide hold
    (letters taken as half as wide as they are high; at most a paragraph's PIECE)."""
    return min(PIECE, max(40, int(width / (styles().cell.fontSize * 0.5)) * CELL_LINES))


def _fitting(header: Sequence[str], widths: Sequence[float]) -> list[float]:
    """``widths`` changed so that no header word is broken: a column narrower than its longest
    header word takes the room from the widest column."""
    needed = [
        max(stringWidth(word, FONT_BOLD, 8.5) for word in (h.split() or [""])) + 20 for h in header
    ]
    result = [max(w, n) for w, n in zip(widths, needed, strict=True)]
    extra = sum(result) - sum(widths)
    widest = result.index(max(result))
    result[widest] = max(needed[widest], result[widest] - extra)
    return result
