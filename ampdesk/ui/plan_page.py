"""The plan page: the workshop's details, where it stands, and its preparation."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
)

from ampdesk.framework.thresholds import MIN_THRESHOLD
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.gate_view import GateCallout
from ampdesk.ui.plan_editor import PlanEditor
from ampdesk.ui.text_limits import limit_line
from ampdesk.ui.wheel_guard import mark_setting
from ampdesk.ui.widgets import ScrollPage, date_edit, heading, plain_label, python_date

TEXT_FIELDS = (
    ("title", "Title"),
    ("organisation", "Organisation"),
    ("venue", "Venue"),
    ("facilitator", "Facilitator"),
)


class PlanPage(ScrollPage):
    """Edits the details printed on the report's cover; every change is saved at once."""

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__()
        self.controller = controller
        layout = self.content
        layout.addWidget(heading("Plan", 1))
        layout.addWidget(plain_label("The workshop's details, as printed on the report's cover."))
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key, label in TEXT_FIELDS:
            edit = limit_line(QLineEdit(), f"workshop.{key}")
            edit.setAccessibleName(label)
            edit.editingFinished.connect(lambda k=key, e=edit: self._save_text(k, e))
            form.addRow(f"{label}:", edit)
            self.edits[key] = edit
        self.has_date = QCheckBox("Date set")
        self.date = date_edit(QDate.currentDate())
        self.date.setAccessibleName("Date of the workshop")
        self.has_date.toggled.connect(self._save_date)
        self.date.dateChanged.connect(self._save_date)
        form.addRow(self.has_date, self.date)
        self.threshold = QSpinBox()
        self.threshold.setRange(MIN_THRESHOLD, 50)
        self.threshold.setAccessibleName("Anonymity threshold")
        self.threshold.setToolTip(
            "<p>Answers are shown only as totals, and only once at least this many people have "
            "answered. 5 by default; small teams may go down to 3, never lower.</p>"
        )
        mark_setting(self.threshold)
        self._asking = False
        self.threshold.editingFinished.connect(self._save_threshold)
        form.addRow("Anonymity threshold:", self.threshold)
        layout.addLayout(form)
        self.counts = plain_label("")
        layout.addWidget(self.counts)
        self.gate = GateCallout()
        layout.addWidget(self.gate.label)
        handover = QHBoxLayout()
        self.save_template = QPushButton("Save as template…")
        self.save_template.setToolTip("The plan without answers, names or pay, to reuse")
        self.send = QPushButton("Send to facilitator…")
        self.send.setToolTip("Write a copy for the facilitator, with or without individual pay")
        for button in (self.save_template, self.send):
            handover.addWidget(button)
        handover.addStretch(1)
        layout.addLayout(handover)
        self.editor = PlanEditor(controller)
        layout.addWidget(self.editor)
        layout.addStretch(1)
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the stored details (without firing saves)."""
        details = self.controller.details()
        for key, edit in self.edits.items():
            if not edit.hasFocus():
                edit.setText(getattr(details, key))
        for widget in (self.has_date, self.date):
            widget.blockSignals(True)
        self.has_date.setChecked(details.held_on is not None)
        self.date.setEnabled(details.held_on is not None)
        self.date.setDate(QDate(details.held_on or dt.date.today()))
        for widget in (self.has_date, self.date):
            widget.blockSignals(False)
        self.threshold.setValue(details.anonymity_threshold)
        counts = self.controller.counts()
        self.counts.setText(
            f"In the file: {counts.participants} participants, {counts.responses} answers, "
            f"{counts.notes} notes, {counts.votes} votes, {counts.actions} actions, "
            f"{counts.pay_records} people in the pay audit."
        )
        ev = self.controller.evaluation
        self.gate.show(
            ev.gate,
            self.controller.disclosure.reason_lines(ev.gate.reasons, ev.roles),
            self.controller.active_override(),
        )

    def _save_text(self, key: str, edit: QLineEdit) -> None:
        value = edit.text().strip()
        if key == "title" and not value:
            self.refresh()  # a workshop always has a title
            return
        self.controller.update_details(**{key: value})

    def _save_date(self) -> None:
        held_on = python_date(self.date.date()) if self.has_date.isChecked() else None
        self.controller.update_details(held_on=held_on)

    def _save_threshold(self) -> None:
        """Keep a new anonymity threshold once the facilitator confirmed it."""
        stored = self.controller.anonymity_threshold()
        value = self.threshold.value()
        if value == stored or self._asking:  # the question takes the focus: asked once
            return
        shown = (
            f"Groups of {value} to {stored - 1} answers will then be shown"
            if value < stored
            else f"Groups of {stored} to {value - 1} answers will then be hidden"
        )
        self._asking = True
        answer = QMessageBox.question(
            self,
            "Change the anonymity threshold?",
            f"Change the anonymity threshold from {stored} to {value}? {shown} in the window, "
            "on the projector and in the report.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        self._asking = False
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.update_details(anonymity_threshold=value)
        else:
            self.threshold.setValue(stored)
