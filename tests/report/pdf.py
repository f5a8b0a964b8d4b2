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
