"""Exporting the report from the app runs on a worker thread and writes a real PDF."""

from pathlib import Path

from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.store.workshop_file import open_workshop
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.report_page import ReportPage


def test_export_from_the_report_step(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "demo.ampdesk"
    write_demo(path).close()
    window = WorkshopWindow(WorkshopController(open_workshop(path), framework()))
    qtbot.addWidget(window)
    window.show()
    assert window.show_step("report")
    page = window.page("report")
    assert isinstance(page, ReportPage)
    page.paper.setCurrentIndex(page.paper.findData("letter"))
    target = tmp_path / "out.pdf"
    page.export(target)
    assert not page.export_button.isEnabled()  # busy while the worker writes
    qtbot.waitUntil(lambda: page.open_button.isEnabled(), timeout=30_000)
    reader = PdfReader(target)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert "Making good work feel good" in reader.pages[0].extract_text()
    assert page.status.text() == f"Saved {target}"
