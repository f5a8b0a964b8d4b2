"""Every document prints very long texts whole, in order and split across pages: a note, an
action's title, the workshop's title and a case story past their limits (issue 23's sizes), as
a file written before the limits may hold them. Read back with pypdf."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from ampdesk.store.workshop_file import open_workshop
from benchmarks.long_text import DOCUMENTS, write_long

# What each document prints of the long texts (the plan prints the title only; the case
# stories are in the report and its confidential copy).
PRINTS = {
    "report": ("note", "action", "title", "story"),
    "confidential copy": ("note", "action", "title", "story"),
    "handout": ("note", "action", "title"),
    "plan": ("title",),
    "follow-up report": ("action", "title"),
}
PREFIX = {"note": "n", "action": "a", "title": "t", "story": "s"}


@pytest.fixture(scope="module")
def long_workshop(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("long") / "long.ampdesk"
    return path, write_long(path)


def _printed_whole(page_text: str, what: str, typed: str) -> bool:
    """True if every numbered word of ``typed`` is in ``page_text`` in order (the running
    header's shortened title may come between them)."""
    prefix = PREFIX[what]
    found = iter(re.findall(rf"\b{prefix}\d{{6}}\b", page_text))
    return all(word in found for word in re.findall(rf"\b{prefix}\d{{6}}\b", typed))


@pytest.mark.slow
@pytest.mark.parametrize("document", list(DOCUMENTS))
def test_long_texts_print_whole_in_every_document(
    long_workshop: tuple[Path, dict[str, str]], document: str
) -> None:
    path, texts = long_workshop
    out = io.BytesIO()
    with open_workshop(path) as workshop:
        DOCUMENTS[document](workshop, out)
    reader = PdfReader(out)
    whole = "\n".join(page.extract_text() for page in reader.pages)
    for what in PRINTS[document]:
        assert _printed_whole(whole, what, texts[what]), f"{what} not printed whole"
    if "story" in PRINTS[document]:
        assert len(reader.pages) > 100  # the story goes on over many pages
