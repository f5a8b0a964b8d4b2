"""Reading a written PDF back: its text, bookmarks and fonts, as a reader's tools see them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import Destination


def flat(text: str) -> str:
    """``text`` with every run of white space made one space."""
    return " ".join(text.split())


def page_texts(reader: PdfReader) -> list[str]:
    """Each page's text, white space flattened."""
    return [flat(page.extract_text()) for page in reader.pages]


def bookmarks(reader: PdfReader) -> list[tuple[str, int, int]]:
    """Every outline entry as (title, level, index of the page it opens)."""
    found: list[tuple[str, int, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                assert isinstance(item, Destination)
                found.append((item.title, level, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def fonts(path: Path) -> list[tuple[str, bool]]:
    """Every font ``pdffonts`` lists, with whether it is embedded."""
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    result = []
    for line in lines:
        parts = line.split()
        # name type... encoding emb sub uni object ID: emb is the fifth field from the end
        result.append((parts[0], parts[-5] == "yes"))
    return result


MARGIN = 20 * 72 / 25.4  # the documents' margin, in points


def page_fills(reader: PdfReader) -> list[float]:
    """How full each page's body is: from the top margin down to the lowest text drawn above
    the bottom margin, as a share of the body's height (running header and footer left out)."""
    fills = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        drawn: list[float] = []

        def visit(
            text: str, cm: list[float], tm: list[float], *_: object, seen: list[float] = drawn
        ) -> None:
            if text.strip():
                seen.append(tm[5] * cm[3] + cm[5] if cm else tm[5])

        page.extract_text(visitor_text=visit)
        body = [y for y in drawn if MARGIN - 2 <= y <= height - MARGIN]
        lowest = min(body, default=height - MARGIN)
        fills.append((height - MARGIN - lowest) / (height - 2 * MARGIN))
    return fills
