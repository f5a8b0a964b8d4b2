"""Tables that wrap their text and repeat their header row on every page."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from ampdesk.report.scripts import FONT, FONT_BOLD
from ampdesk.report.styles import RULE, SHADE, styles, text


def table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    """A light grid; every cell is a wrapping paragraph of plain text. ``widths`` are relative:
    the columns share the width of the frame the table lands in, never past the margin."""
    s = styles()
    widths = _fitting(header, widths)
    data = [[text(h, s.cell_bold) for h in header]]
    data += [[text(cell, s.cell) for cell in row] for row in rows]
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
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return result


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
