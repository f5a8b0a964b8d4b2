"""The workshop overview: details, the pay-fairness gate and what the file holds."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QFrame, QScrollArea, QVBoxLayout, QWidget

from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.gate_view import GateCallout
from ampdesk.ui.widgets import heading, plain_label


class OverviewPage(QScrollArea):
    """A read-only summary of the open workshop."""

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__()
        self.controller = controller
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        self.title = heading("", 1)
        layout.addWidget(self.title)
        self.details = QFormLayout()
        self.detail_labels = {
            key: plain_label("")
            for key in ("Organisation", "Date", "Venue", "Facilitator", "In the file")
        }
        for key, label in self.detail_labels.items():
            self.details.addRow(f"{key}:", label)
        layout.addLayout(self.details)
        self.gate = GateCallout()
        layout.addWidget(self.gate.label)
        layout.addStretch(1)
        self.setWidget(body)
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the latest details and gate state."""
        repo = self.controller.repo
        details = repo.details()
        counts = repo.counts()
        self.title.setText(details.title)
        values = {
            "Organisation": details.organisation or "—",
            "Date": details.held_on.strftime("%d %B %Y") if details.held_on else "—",
            "Venue": details.venue or "—",
            "Facilitator": details.facilitator or "—",
            "In the file": f"{counts.participants} participants, {counts.responses} answers, "
            f"{counts.notes} notes, {counts.votes} votes, {counts.actions} actions",
        }
        for key, value in values.items():
            self.detail_labels[key].setText(value)
        self.gate.show(self.controller.evaluation.gate)
