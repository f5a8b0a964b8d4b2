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
    share the width of the A4 frame (the narrower paper's: on Letter a table leaves a little
    room at the right), each sized to its content (``fitted``)."""
    s = styles()
    widths = fitted(header, rows, widths)
    sizes = [_piece_size(w) for w in widths]
    data: list[list[Flowable | str]] = [[text(h, s.cell_bold) for h in header]]
    rules = []
    for row in rows:
        cells = [pieces(cell, size) or [""] for cell, size in zip(row, sizes, strict=True)]
        for index in range(max(map(len, cells))):
            data.append([text(cell[index], s.cell) if index < len(cell) else "" for cell in cells])
        rules.append(("LINEBELOW", (0, len(data) - 1), (-1, len(data) - 1), 0.3, RULE))
    result = Grid(
        data,
        colWidths=widths,
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


# The most of a cell's text measured to size its column (the longest a one-line cell gets).
MEASURED = 120
PADDING = 13.0  # a cell's left and right padding, and a little air


def _width(value: str, font: str) -> float:
    return float(stringWidth(value[:MEASURED], font, styles().cell.fontSize))


def fitted(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
) -> list[float]:
    """Column widths (in points of the A4 frame) sized to their content: no word broken,
    a column whose every cell fits on one line in less than its share no wider than that,
    and the room saved given to the columns that wrap, after their relative ``widths``."""
    columns = list(zip(header, *rows, strict=True)) if rows else [(h,) for h in header]
    words = [
        max(
            _width(word, FONT_BOLD if n == 0 else FONT)
            for n, cell in enumerate(column)
            for word in (cell.split() or [""])
        )
        + PADDING
        for column in columns
    ]
    whole = [
        max(_width(cell, FONT_BOLD if n == 0 else FONT) for n, cell in enumerate(column)) + PADDING
        for column in columns
    ]
    share = [w / sum(widths) * FRAME_WIDTH for w in widths]
    result = [max(w, min(want, full)) for w, want, full in zip(words, share, whole, strict=True)]
    spare = FRAME_WIDTH - sum(result)
    wrapping = [i for i, width in enumerate(result) if whole[i] > width]
    if spare > 0 and wrapping:
        weights = sum(share[i] for i in wrapping)
        for i in wrapping:
            result[i] = min(whole[i], result[i] + spare * share[i] / weights)
    elif spare < 0:  # unbreakable words wider than the frame: the widest column gives way
        widest = result.index(max(result))
        result[widest] = max(words[widest] / 2, result[widest] + spare)
    return result


class Grid(Table):
    """A table that never leaves one row alone: it moves to the next page whole rather than
    leave a single row under its header at the foot of a page, and takes a second row with
    it rather than carry a single row over."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        head, tail = parts
        if head._nrows - self.repeatRows < 2:
            return []
        if tail._nrows - self.repeatRows < 2:
            kept = sum(head._rowHeights[:-1]) + 0.5
            shorter: list[Flowable] = super().split(availWidth, kept)
            return shorter if len(shorter) == 2 and shorter[0]._nrows - self.repeatRows >= 2 else []
        return parts
