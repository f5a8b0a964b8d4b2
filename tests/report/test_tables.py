"""Tables sized to their content that never leave one row alone at a page's foot or head."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.platypus import Spacer

from ampdesk.report.document import write_pdf
from ampdesk.report.tables import FRAME_WIDTH, fitted, table
from tests.report.pdf import page_texts

ROWS = [[f"row {n:02d}", "a short cell", "3"] for n in range(12)]


def _pages_with_rows(room_above: float) -> list[list[str]]:
    """The rows on each page when a 12-row table starts ``room_above`` points down page 1."""
    out = io.BytesIO()
    write_pdf(
        out,
        "a4",
        lambda: [Spacer(1, room_above), table(("Name", "What", "Dots"), ROWS, [40, 100, 20])],
        title="t",
        author="a",
        subject="s",
        header="h",
        footer="f",
    )
    return [
        [f"row {n:02d}" for n in range(12) if f"row {n:02d}" in page]
        for page in page_texts(PdfReader(out))
    ]


@pytest.mark.slow
def test_a_single_row_never_stands_alone() -> None:
    for room in range(560, 700, 4):  # the table's foot or head lands on every spot of a page
        pages = [rows for rows in _pages_with_rows(room) if rows]
        assert all(len(rows) >= 2 for rows in pages), (room, pages)


def test_columns_sized_to_content() -> None:
    widths = fitted(
        ("Name", "Work", "Gate"), [["Ann", "creative", "needs attention"]], [80, 10, 10]
    )
    assert sum(widths) <= FRAME_WIDTH + 0.01
    assert widths[0] < 80 / 100 * FRAME_WIDTH  # a short column gives its room away
    assert widths[1] > 10 / 100 * FRAME_WIDTH  # "creative" is never broken
