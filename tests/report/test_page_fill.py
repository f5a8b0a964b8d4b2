"""No page looks unfinished: every page of every document of the demo and of a big workshop,
on A4 and Letter, is at least a third full except a document's last, measured from the PDF (the
lowest text drawn on the page body)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest
from pypdf import PdfReader

from ampdesk.demo import write_demo
from ampdesk.report import builder
from ampdesk.store.workshop_file import Workshop, open_workshop
from benchmarks.big_workshop import write_big
from tests.report.pdf import page_fills

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
