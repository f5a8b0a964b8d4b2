"""Navigation and housekeeping of every PDF: bookmarks open their own section's page, long
reports have a contents list on page 2, the language is set, every font is embedded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from ampdesk.demo import write_demo
from tests.cli.runner import ampdesk
from tests.report.pdf import bookmarks, fonts, page_texts

DOCUMENTS = {
    "report": ("report",),
    "individual": ("report", "--include-individual-pay"),
    "plan": ("plan",),
    "followup": ("followup-report",),
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("navigation")
    write_demo(folder / "demo.ampdesk").close()
    paths = {}
    for name, (command, *options) in DOCUMENTS.items():
        out = folder / f"{name}.pdf"
        result = ampdesk(command, "demo.ampdesk", "-o", out.name, *options, cwd=folder)
        assert result.returncode == 0, result.stderr
        paths[name] = out
    return paths


@pytest.mark.slow
@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_bookmark_opens_the_page_of_its_heading(written: dict[str, Path], name: str) -> None:
    reader = PdfReader(written[name])
    pages = page_texts(reader)
    marks = bookmarks(reader)
    assert len(marks) >= 4
    for title, _level, index in marks:
        assert " ".join(title.split()) in pages[index], (title, index)
    if len(pages) > 4:  # headings are spread over the document, not all on one page
        assert len({index for _t, _l, index in marks}) >= min(5, len(pages) - 1)


@pytest.mark.slow
@pytest.mark.parametrize("name", DOCUMENTS)
def test_language_set_and_every_font_embedded(written: dict[str, Path], name: str) -> None:
    reader = PdfReader(written[name])
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    listed = fonts(written[name])
    assert listed and all(embedded for _font, embedded in listed), listed
    assert not any("Helvetica" in font for font, _ in listed)


@pytest.mark.slow
def test_long_report_has_summary_on_page_one_and_contents_after_it_with_right_page_numbers(
    written: dict[str, Path],
) -> None:
    reader = PdfReader(written["report"])
    assert len(reader.pages) > 8
    pages = page_texts(reader)
    assert "Summary" in pages[0]
    where = next(n for n, page in enumerate(pages[:2]) if "In this report" in page)
    assert pages[where].index("In this report") > pages[0].find("What needs doing")
    listed = pages[where].split("In this report", 1)[1]
    for title, level, index in bookmarks(reader):
        if level == 0 and index > 0:
            assert re.search(rf"{re.escape(title)} {index + 1}\b", listed), title


def test_short_document_has_no_contents(written: dict[str, Path]) -> None:
    reader = PdfReader(written["plan"])
    pages = page_texts(reader)
    assert len(pages) <= 8
    assert not any("In this report" in page for page in pages)
