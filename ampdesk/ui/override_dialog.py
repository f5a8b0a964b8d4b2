"""The dialog that records an override of the pay-fairness gate."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ampdesk.framework.fairness import GateOverride
from ampdesk.ui.text_limits import limit_line, limit_plain
from ampdesk.ui.widgets import date_edit, plain_label, python_date


class OverrideDialog(QDialog):
    """Asks for a written reason and a remediation action with owner and due date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Override the pay-fairness gate")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "Going on while pay fairness is not settled risks the framework's own warning: "
                "autonomy, mastery and purpose read as a substitute for fair pay. The override, "
                "its reason and the remediation are kept in the file, flagged as a mistake and "
                "printed in the report."
            )
        )
        form = QFormLayout()
        self.reason = limit_plain(QPlainTextEdit(), "gate_override.reason")
        self.reason.setAccessibleName("Reason for the override")
        self.reason.setFixedHeight(80)
        self.reason.setTabChangesFocus(True)
        self.remediation = limit_line(QLineEdit(), "gate_override.remediation")
        self.remediation.setAccessibleName("Remediation action")
        self.owner = limit_line(QLineEdit(), "gate_override.owner")
        self.owner.setAccessibleName("Owner of the remediation")
        self.due = date_edit(QDate.currentDate().addDays(30))
        self.due.setAccessibleName("Due date of the remediation")
        form.addRow("Reason:", self.reason)
        form.addRow("Remediation action:", self.remediation)
        form.addRow("Owner:", self.owner)
        form.addRow("Due:", self.due)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record override")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.remediation, self.owner):
            edit.textChanged.connect(self._validate)
        self.reason.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        complete = all(
            text.strip()
            for text in (self.reason.toPlainText(), self.remediation.text(), self.owner.text())
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(complete)

    def override(self) -> GateOverride:
        """The override as entered."""
        due = python_date(self.due.date())
        return GateOverride(
            reason=self.reason.toPlainText().strip(),
            remediation=self.remediation.text().strip(),
            owner=self.owner.text().strip(),
            due=due,
        )
