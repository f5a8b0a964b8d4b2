"""The report step: a live preview, export and printing; the PDF is built by a subprocess."""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
)

from ampdesk.ui.cli_argv import ampdesk_argv
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.tones import tone
from ampdesk.ui.widgets import ScrollPage, heading, plain_label


def report_command(
    source: Path, target: Path, paper: str, individual_pay: bool, document: str = "report"
) -> list[str]:
    """The ``ampdesk report`` (or ``handout``) command line that writes ``target``."""
    args = [document, str(source), "-o", str(target), "--paper", paper]
    pay = individual_pay and document == "report"
    return ampdesk_argv(*args, *(["--include-individual-pay"] if pay else []))


NOTE = "ampdesk: note: "
PRINT_DPI = 300  # sharp on paper, and a page image stays around 35 MB
STOP_MS = 5000  # how long a build abandoned by its page may take to stop


def print_document(document: QPdfDocument, printer: QPrinter) -> None:
    """Draw every page of ``document`` on ``printer``, scaled to the printable area."""
    printer.setResolution(min(printer.resolution(), PRINT_DPI))
    painter = QPainter(printer)
    try:
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            area = painter.viewport()
            size = document.pagePointSize(index).toSize()
            size.scale(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            image = document.render(index, size)
            painter.drawImage(area.topLeft(), image)
    finally:
        painter.end()


def _abandon(running: list[QProcess]) -> None:
    """The page is gone before its builds finished (the window was destroyed without being
    closed): stop them without reporting to the page."""
    for process in running:
        process.finished.disconnect()
        process.kill()
        process.waitForFinished(STOP_MS)
    running.clear()


class ReportPage(ScrollPage):
    """Paper and confidentiality options, a preview of the PDF, export and print (the page
    scrolls as a whole on a screen too small for it)."""

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__(margins=(32, 24, 32, 12))
        self.controller = controller
        self._folder = tempfile.TemporaryDirectory(prefix="ampdesk-preview-")
        self._previews = 0
        self.preview_path: Path | None = None  # the PDF on screen
        layout = self.content
        layout.addWidget(heading("Report", 1))
        layout.addWidget(
            plain_label(
                "A PDF for people who were not in the room: the gate and its evidence, the "
                "group's decisions, what was flagged and who does what by when. It prints well "
                "in black and white."
            )
        )
        row = QHBoxLayout()
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        self.paper.addItem("A4", "a4")
        self.paper.addItem("US Letter", "letter")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Document")
        self.kind.addItem("Leadership report", "report")
        self.kind.addItem("Team handout (no pay, 2-4 pages)", "handout")
        self.individual_pay = QCheckBox(
            "Include individual pay (every page marked Confidential: individual pay)"
        )
        self.refresh_button = QPushButton("Refresh preview")
        self.export_button = QPushButton("Export PDF…")
        self.print_button = QPushButton("Print…")
        for widget in (self.kind, self.paper):
            row.addWidget(widget)
        row.addStretch(1)
        buttons = QHBoxLayout()  # a row of its own: the page fits a 1280-pixel screen
        for button in (self.refresh_button, self.export_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.individual_pay)
        layout.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setAccessibleName("Building the report")
        layout.addWidget(self.progress)
        self.status = QLabel("")
        layout.addWidget(self.status)
        self.notice = plain_label("")  # what the preview's build said is left out
        self.notice.setAccessibleName("Text left out of the PDF")
        self.notice.setStyleSheet(f"color: {tone('alarm', self.palette())}; font-weight: bold;")
        self.notice.setVisible(False)
        layout.addWidget(self.notice)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Report preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.view, 1)

        self.refresh_button.clicked.connect(self.refresh_preview)
        self.export_button.clicked.connect(self.choose_and_export)
        self.print_button.clicked.connect(self.choose_printer)
        self.paper.activated.connect(self.refresh_preview)
        self.individual_pay.toggled.connect(self.refresh_preview)
        self.kind.activated.connect(self._kind_chosen)
        self._running: list[QProcess] = []  # not the page's children: see _abandon
        self.destroyed.connect(partial(_abandon, self._running))
        self.last_export: Path | None = None
        self.refresh_preview()

    def _kind_chosen(self) -> None:
        """The handout never holds pay: the individual-pay choice is for the report only."""
        self.individual_pay.setEnabled(self.kind.currentData() == "report")
        self.refresh_preview()

    def _build(self, target: Path) -> None:
        """Write the PDF in a separate process: the window stays responsive, never blocks."""
        self.controller.flush_requested.emit()
        command = report_command(
            self.controller.workshop.path,
            target,
            self.paper.currentData(),
            self.individual_pay.isChecked(),
            self.kind.currentData(),
        )
        process = QProcess()
        process.finished.connect(lambda code, _status: self._finished(process, target, code))
        self._running.append(process)
        self._busy(True)
        process.start(command[0], command[1:])

    def _finished(self, process: QProcess, target: Path, code: int) -> None:
        self._running.remove(process)
        if code == 0:
            if target.parent == Path(self._folder.name):
                self._note(bytes(process.readAllStandardError().data()).decode(errors="replace"))
            self._built(target)
        else:
            error = bytes(process.readAllStandardError().data()).decode(errors="replace").strip()
            self.status.setText(f"The report could not be written: {error or f'exit {code}'}")
        process.deleteLater()
        self._busy(bool(self._running))

    def _note(self, errors: str) -> None:
        """Show, before export, what the preview's build said it left out (never boxes)."""
        notes = [line.removeprefix(NOTE) for line in errors.splitlines() if line.startswith(NOTE)]
        self.notice.setText(" ".join(f"Before you export: {n[:1].upper()}{n[1:]}." for n in notes))
        self.notice.setVisible(bool(notes))

    def shutdown(self) -> None:
        """Let running builds finish (before the workshop file is closed)."""
        for process in list(self._running):
            process.waitForFinished(60_000)

    def _built(self, path: Path) -> None:
        if path.parent == Path(self._folder.name):
            self._show_preview(str(path))
        else:
            self.last_export = path
            self.status.setText(f"Saved {path}")

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for button in (self.refresh_button, self.export_button, self.print_button):
            button.setEnabled(not busy)

    def _preview_file(self, number: int) -> Path:
        return Path(self._folder.name) / f"preview-{number}.pdf"

    def refresh_preview(self) -> None:
        """Build the report as it stands now and show it (only the newest build is shown)."""
        self._previews += 1
        self.status.setText("Building the preview…")
        self._build(self._preview_file(self._previews))

    def _show_preview(self, path: str) -> None:
        if Path(path) != self._preview_file(self._previews):
            return  # a newer preview is on its way
        self.document.close()
        if self.preview_path is not None:
            self.preview_path.unlink(missing_ok=True)
        self.document.load(path)
        self.preview_path = Path(path)
        self.status.setText(f"Preview: {self.document.pageCount()} pages.")

    def choose_and_export(self) -> None:
        """Ask where to save, then export."""
        path = self.controller.workshop.path
        suggested = (
            path.with_name(f"{path.stem}-handout.pdf")
            if self.kind.currentData() == "handout"
            else path.with_suffix(".pdf")
        )
        name, _ = QFileDialog.getSaveFileName(self, "Export report", str(suggested), "PDF (*.pdf)")
        if name:
            self.export(Path(name).with_suffix(".pdf"))

    def export(self, target: Path) -> None:
        """Build the report into ``target`` on a worker thread; the window stays responsive."""
        self.status.setText(f"Writing {target.name}…")
        self._build(target)

    def choose_printer(self) -> None:
        """Print the previewed report through the system print dialog."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            print_document(self.document, printer)
