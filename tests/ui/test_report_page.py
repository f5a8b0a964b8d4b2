"""The report step: preview and export built on a worker thread, printing through Qt."""

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from ampdesk.report import fonts
from ampdesk.store.workshop_file import create_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.report_page import ReportPage, print_document


def _report_page(qtbot: QtBot, window: WorkshopWindow) -> ReportPage:
    assert window.show_step("report")
    page = window.page("report")
    assert isinstance(page, ReportPage)
    qtbot.waitUntil(lambda: page.document.pageCount() > 0, timeout=30_000)
    return page


@pytest.mark.slow
def test_preview_export_and_print(
    qtbot: QtBot, tmp_path: Path, demo_window: WorkshopWindow
) -> None:
    page = _report_page(qtbot, demo_window)
    pages = page.document.pageCount()
    assert page.status.text() == f"Preview: {pages} pages."

    page.paper.setCurrentIndex(page.paper.findData("letter"))
    target = tmp_path / "out.pdf"
    page.export(target)
    assert not page.export_button.isEnabled()  # busy while the worker writes
    qtbot.waitUntil(lambda: page.last_export == target, timeout=30_000)
    reader = PdfReader(target)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert "Making good work feel good" in reader.pages[0].extract_text()

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    print_document(page.document, printer)
    assert len(PdfReader(printed).pages) == pages


@pytest.mark.slow
def test_preview_follows_the_confidentiality_option(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    page = _report_page(qtbot, demo_window)
    first = page.preview_path
    assert first is not None
    assert "Confidential" not in PdfReader(first).pages[0].extract_text()
    page.individual_pay.setChecked(True)
    qtbot.waitUntil(lambda: page.preview_path not in (None, first), timeout=30_000)
    assert page.preview_path is not None
    assert "Confidential: individual pay" in PdfReader(page.preview_path).pages[0].extract_text()
    assert not first.exists()  # the old preview is cleaned up


@pytest.mark.slow
def test_handout_choice_previews_the_handout_without_pay(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    page = _report_page(qtbot, demo_window)
    first = page.preview_path
    page.individual_pay.setChecked(True)
    qtbot.waitUntil(lambda: page.preview_path not in (None, first), timeout=30_000)
    second = page.preview_path
    page.kind.setCurrentIndex(page.kind.findData("handout"))
    page.kind.activated.emit(page.kind.currentIndex())
    assert not page.individual_pay.isEnabled()
    qtbot.waitUntil(lambda: page.preview_path not in (None, second), timeout=30_000)
    assert page.preview_path is not None
    reader = PdfReader(page.preview_path)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "What we said" in text and "Confidential" not in text
    assert len(reader.pages) <= 4


@pytest.mark.slow
def test_scripts_left_out_are_named_before_export(
    qtbot: QtBot, tmp_path: Path, open_window: Callable[[Path], WorkshopWindow]
) -> None:
    if fonts.font_for(0x1F389) is not None:
        pytest.skip("this machine has a font for emoji; nothing would be left out")
    with create_workshop(tmp_path / "w.ampdesk", "Scripts") as workshop:
        WorkshopStore(workshop).notes.add("purpose", "story", "Party 🎉 time, 我们 and שלום")
    window = open_window(tmp_path / "w.ampdesk")
    page = _report_page(qtbot, window)
    qtbot.waitUntil(page.notice.isVisible, timeout=30_000)
    assert page.notice.text() == (
        "Before you export: Emoji text is left out of the PDF (named where it would be): no "
        "font on this computer shows it; install one (for example Noto Sans for that script) "
        "and build again."
    )
    page.grab().save(str(tmp_path / "report-page.png"))


@pytest.mark.slow
def test_no_notice_when_every_script_prints(qtbot: QtBot, demo_window: WorkshopWindow) -> None:
    page = _report_page(qtbot, demo_window)
    assert not page.notice.isVisible() and page.notice.text() == ""
