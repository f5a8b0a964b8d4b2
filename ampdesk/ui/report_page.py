"""The report step: export the PDF off the UI thread, then open it to read or print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
)

from ampdesk.store.workshop_file import Workshop
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.widgets import ScrollPage, heading, plain_label


class _ExportSignals(QObject):
    finished = Signal(str)
    failed = Signal(str)


class ExportJob(QRunnable):
    """Builds the PDF on a worker thread with its own connection to the workshop file."""

    def __init__(self, source: Workshop, target: Path, paper: str, individual_pay: bool) -> None:
        super().__init__()
        self.source, self.target = source, target
        self.paper, self.individual_pay = paper, individual_pay
        self.signals = _ExportSignals()

    def run(self) -> None:
        """Write the report; report success or the reason it failed."""
        from ampdesk.report.builder import build_report  # ReportLab loads on first export only

        try:
            with self.source.another_connection() as workshop:
                build_report(workshop, self.target, self.paper, self.individual_pay)
        except (OSError, ValueError) as exc:
            self.signals.failed.emit(str(exc))
            return
        self.signals.finished.emit(str(self.target))


class ReportPage(ScrollPage):
    """Choose paper and confidentiality, export, then open the PDF to read or print."""

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__()
        self.controller = controller
        layout = self.content
        layout.addWidget(heading("Report", 1))
        layout.addWidget(
            plain_label(
                "A PDF of the workshop for people who were not in the room: the gate and its "
                "evidence, the group's decisions, what was flagged and who does what by when. "
                "It prints well in black and white."
            )
        )
        form = QFormLayout()
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        self.paper.addItem("A4", "a4")
        self.paper.addItem("US Letter", "letter")
        form.addRow("Paper:", self.paper)
        self.individual_pay = QCheckBox("Include individual pay (the cover then says Confidential)")
        form.addRow("", self.individual_pay)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.export_button = QPushButton("Export PDF…")
        self.export_button.clicked.connect(self.choose_and_export)
        self.open_button = QPushButton("Open to read or print")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_last)
        row.addWidget(self.export_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setAccessibleName("Export in progress")
        layout.addWidget(self.progress)
        self.status = plain_label("")
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.last: Path | None = None
        self.job: ExportJob | None = None

    def choose_and_export(self) -> None:
        """Ask where to save, then export."""
        suggested = self.controller.workshop.path.with_suffix(".pdf")
        name, _ = QFileDialog.getSaveFileName(self, "Export report", str(suggested), "PDF (*.pdf)")
        if name:
            self.export(Path(name).with_suffix(".pdf"))

    def export(self, target: Path) -> None:
        """Build the report on a worker thread; the window stays responsive."""
        self.controller.flush_requested.emit()
        self.job = ExportJob(
            self.controller.workshop,
            target,
            self.paper.currentData(),
            self.individual_pay.isChecked(),
        )
        self.job.signals.finished.connect(self._done)
        self.job.signals.failed.connect(self._failed)
        self.export_button.setEnabled(False)
        self.progress.setVisible(True)
        self.status.setText(f"Writing {target.name}…")
        QThreadPool.globalInstance().start(self.job)

    def _done(self, path: str) -> None:
        self.last = Path(path)
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self.status.setText(f"Saved {path}")

    def _failed(self, reason: str) -> None:
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)
        self.status.setText(f"The report could not be written: {reason}")

    def open_last(self) -> None:
        """Open the exported PDF in the system's viewer (which can also print it)."""
        if self.last is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last)))
