"""No page looks unfinished: every page of every document of the demo and of a big workshop,
on A4 and Letter, is at least a third full except a document's last, measured from the PDF (the
lowest text drawn on the page body)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest
from pypdf import PdfReader

from ampdesk.demo import write_demo
from ampdesk.report import builder
from ampdesk.store.workshop_file import Workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from benchmarks.big_workshop import write_big
from tests.report.pdf import bookmarks, page_fills

Writer = Callable[[Workshop, BinaryIO, str], list[str]]
DOCUMENTS: dict[str, Writer] = {
    "report": lambda w, out, paper: builder.build_report(w, out, paper),
    "confidential copy": lambda w, out, paper: builder.build_report(w, out, paper, True),
    "handout": builder.build_handout,
    "plan": builder.build_plan,
    "follow-up report": builder.build_followup_report,
}


@pytest.fixture(scope="module")
def workshops(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fill")
    write_demo(folder / "demo.ampdesk").close()
    write_big(folder / "big.ampdesk", people=500, notes=5000, role_levels=60).close()
    return {"demo": folder / "demo.ampdesk", "big": folder / "big.ampdesk"}


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("workshop", ["demo", "big"])
def test_no_page_under_a_third_full_but_the_last(
    workshops: dict[str, Path], workshop: str, paper: str
) -> None:
    for name, write in DOCUMENTS.items():
        out = io.BytesIO()
        with open_workshop(workshops[workshop]) as opened:
            write(opened, out, paper)
        fills = page_fills(PdfReader(out))
        thin = [
            (number + 1, round(fill, 2)) for number, fill in enumerate(fills[:-1]) if fill < 1 / 3
        ]
        assert not thin, f"{name}: pages under a third full {thin} of {len(fills)}"
        assert fills[-1] > 0  # the last page holds something


def _after_heading(page_text: str, title: str, header: str) -> list[str]:
    """The lines of a page after the line holding ``title``, without the running header and
    footer, the page number and the Internal / Confidential marks."""
    lines = page_text.splitlines()
    start = next(n for n, line in enumerate(lines) if title in " ".join(line.split()))
    return [
        line
        for line in lines[start + 1 :]
        if line.strip()
        and not re.fullmatch(r"Page \d+ of \d+", line.strip())
        and "·" not in line
        and line.strip() not in ("Internal", "Confidential: individual pay")
        and not line.startswith(header[:30])
    ]


@pytest.mark.slow
@pytest.mark.parametrize("workshop", ["demo", "big"])
def test_no_heading_is_left_without_the_start_of_its_content(
    workshops: dict[str, Path], workshop: str
) -> None:
    for name, write in DOCUMENTS.items():
        out = io.BytesIO()
        with open_workshop(workshops[workshop]) as opened:
            header = WorkshopStore(opened).details.get().title
            write(opened, out, "a4")
        reader = PdfReader(out)
        for title, _level, index in bookmarks(reader):
            title = " ".join(title.split())
            if title.startswith(header[:30]):
                continue  # the document's own title, also the running header
            text = reader.pages[index].extract_text()
            assert _after_heading(text, title[:40], header), (
                f"{name}: {title} ends page {index + 1}"
            )
