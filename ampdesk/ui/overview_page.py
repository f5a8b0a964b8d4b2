"""The workshop overview: details, the pay-fairness gate and what the file holds."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QFormLayout, QFrame, QScrollArea, QVBoxLayout, QWidget

from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.widgets import callout, heading, plain_label

GATE_KIND = {"pass": "ok", "attention": "warning", "blocked": "locked", "not_assessed": "locked"}
GATE_TITLE = {
    "pass": "Pay fairness: passed",
    "attention": "Pay fairness: needs attention",
    "blocked": "Pay fairness: blocked",
    "not_assessed": "Pay fairness: not assessed yet",
}


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
        self.gate = callout("", "ok")
        layout.addWidget(self.gate)
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
        gate = self.controller.evaluation.gate
        reasons = "".join(f"<li>{escape(r.message)}</li>" for r in gate.reasons)
        suffix = " (overridden by the facilitator)" if gate.overridden else ""
        self.gate.setText(
            f"<b>{GATE_TITLE[gate.state]}{suffix}</b>" + (f"<ul>{reasons}</ul>" if reasons else "")
        )
        self.gate.setProperty("callout", GATE_KIND[gate.state])
        self.gate.style().unpolish(self.gate)
        self.gate.style().polish(self.gate)
