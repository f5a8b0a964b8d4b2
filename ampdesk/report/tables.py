"""Tables that wrap their text and repeat their header row on every page."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Table, TableStyle

from ampdesk.report.styles import FONT, RULE, SHADE, styles, text


def table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    """A light grid; every cell is a wrapping paragraph of plain text."""
    s = styles()
    data = [[text(h, s.cell_bold) for h in header]]
    data += [[text(cell, s.cell) for cell in row] for row in rows]
    result = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
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
