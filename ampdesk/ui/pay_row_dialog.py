"""A dialog to type one person into the compensation audit."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from ampdesk.framework.fairness import PayRow
from ampdesk.ui.text_limits import limit_line


def _money() -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 100_000_000)
    box.setDecimals(0)
    box.setSingleStep(1000)
    box.setGroupSeparatorShown(True)
    return box


class PayRowDialog(QDialog):
    """Role, level, work type, pay, market median and FTE, plus the optional columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a person to the pay audit")
        form = QFormLayout(self)
        self.person = limit_line(QLineEdit(), "pay_record.person")
        self.person.setPlaceholderText("A pseudonym, not a name")
        self.role = limit_line(QLineEdit(), "pay_record.role")
        self.level = limit_line(QLineEdit(), "pay_record.level")
        self.work_type = QComboBox()
        self.work_type.addItem("Creative or complex (heuristic)", "creative")
        self.work_type.addItem("Routine (algorithmic)", "routine")
        self.pay = _money()
        self.market = _money()
        self.fte = QDoubleSpinBox()
        self.fte.setRange(0.05, 1.5)
        self.fte.setSingleStep(0.1)
        self.fte.setValue(1.0)
        self.group = limit_line(QLineEdit(), "pay_record.group_name")
        self.currency = limit_line(QLineEdit(), "pay_record.currency")
        for label, widget in (
            ("Person:", self.person),
            ("Role:", self.role),
            ("Level:", self.level),
            ("Work type:", self.work_type),
            ("Annual base pay:", self.pay),
            ("Market median:", self.market),
            ("FTE:", self.fte),
            ("Group (optional):", self.group),
            ("Currency (optional):", self.currency),
        ):
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for edit in (self.role, self.level):
            edit.textChanged.connect(self._validate)
        for box in (self.pay, self.market):
            box.valueChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        complete = bool(self.role.text().strip() and self.level.text().strip())
        complete = complete and self.pay.value() > 0 and self.market.value() > 0
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(complete)

    def row(self) -> PayRow:
        """The person as entered."""
        return PayRow(
            role=self.role.text().strip(),
            level=self.level.text().strip(),
            work_type=self.work_type.currentData(),
            pay=self.pay.value(),
            market_median=self.market.value(),
            fte=self.fte.value(),
            person=self.person.text().strip() or None,
            group=self.group.text().strip() or None,
            currency=self.currency.text().strip().upper() or None,
        )
