"""Step 1's workspace: the pay audit, role figures, the fairness pulse and the gate."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ampdesk.framework.messages import role_words
from ampdesk.framework.pay_import import PayImportError, read_pay_source, sheet_names
from ampdesk.framework.pulse import STATEMENTS
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.counts_editor import CountsEditor
from ampdesk.ui.gate_view import GateCallout
from ampdesk.ui.override_dialog import OverrideDialog
from ampdesk.ui.pay_row_dialog import PayRowDialog
from ampdesk.ui.pay_table_model import SORT_ROLE, PayTableModel
from ampdesk.ui.widgets import heading, plain_label

STATE_COLOURS = {
    "pass": QColor(31, 138, 91, 60),
    "attention": QColor(214, 140, 0, 70),
    "blocked": QColor(180, 71, 47, 80),
}
ROLE_HEADERS = ("Role", "Level", "Work", "People", "Median compa", "Spread", "Group gap", "State")


class FairnessPanel(QWidget):
    """Everything the facilitator needs to assess baseline pay fairness."""

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__()
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        self.gate = GateCallout()
        layout.addWidget(self.gate.label)
        gate_buttons = QHBoxLayout()
        self.override_button = QPushButton("Override the gate…")
        self.override_button.clicked.connect(self.override)
        self.withdraw_button = QPushButton("Withdraw the override")
        self.withdraw_button.clicked.connect(controller.withdraw_override)
        gate_buttons.addWidget(self.override_button)
        gate_buttons.addWidget(self.withdraw_button)
        gate_buttons.addStretch(1)
        layout.addLayout(gate_buttons)
        self.advice = plain_label("")
        layout.addWidget(self.advice)

        layout.addWidget(heading("Compensation audit (confidential, never on the projector)", 2))
        audit_buttons = QHBoxLayout()
        import_button = QPushButton("Import…")
        import_button.clicked.connect(self.choose_import)
        audit_buttons.addWidget(import_button)
        add_button = QPushButton("Add a person…")
        add_button.clicked.connect(self.add_person)
        audit_buttons.addWidget(add_button)
        self.delete_button = QPushButton("Delete selected")
        self.delete_button.clicked.connect(self.delete_selected)
        audit_buttons.addWidget(self.delete_button)
        audit_buttons.addStretch(1)
        layout.addLayout(audit_buttons)
        self.imported = plain_label("")  # what the last import read
        self.imported.setAccessibleName("What the import read")
        self.imported.hide()
        layout.addWidget(self.imported)
        self.pay_model = PayTableModel(controller)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.pay_model)
        proxy.setSortRole(SORT_ROLE)
        self.pay_proxy = proxy
        self.pay_view = QTableView()
        self.pay_view.setAccessibleName("Compensation audit")
        self.pay_view.setModel(proxy)
        self.pay_view.setSortingEnabled(True)
        self.pay_view.setAlternatingRowColors(True)
        self.pay_view.setMinimumHeight(220)
        header = self.pay_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.pay_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.pay_view)

        layout.addWidget(heading("Figures per role and level", 2))
        self.roles = QTableWidget(0, len(ROLE_HEADERS))
        self.roles.setAccessibleName("Figures per role and level")
        self.roles.setHorizontalHeaderLabels(ROLE_HEADERS)
        self.roles.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roles.verticalHeader().hide()
        roles_header = self.roles.horizontalHeader()  # columns as wide as their content
        roles_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        roles_header.setStretchLastSection(True)
        self.roles.setMinimumHeight(160)
        layout.addWidget(self.roles)

        layout.addWidget(heading("Fairness pulse (anonymous, 1 = strongly disagree … 5)", 2))
        self.pulse = CountsEditor(controller, "fairness", list(STATEMENTS))
        self.pulse.load()
        layout.addWidget(self.pulse)

        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the latest gate, figures and pulse."""
        evaluation = self.controller.evaluation
        gate = evaluation.gate
        policy = self.controller.disclosure
        self.gate.show(
            gate,
            policy.reason_lines(gate.reasons, evaluation.roles),
            self.controller.active_override(),
        )
        self.override_button.setVisible(gate.state in ("blocked", "not_assessed", "attention"))
        self.override_button.setEnabled(not gate.overridden)
        self.withdraw_button.setVisible(gate.overridden)
        self.advice.setText("\n".join(a.message for a in evaluation.advice))
        self.advice.setVisible(bool(evaluation.advice))

        listed, _ = policy.roles(evaluation.roles)
        self.roles.setRowCount(len(listed))
        for row, figures in enumerate(listed):
            gap = max((g.gap_share for g in figures.gaps), default=None)
            cells = (
                figures.role,
                figures.level,
                figures.work_type,
                str(figures.headcount),
                "withheld"
                if figures.median_compa_ratio is None
                else f"{figures.median_compa_ratio:.2f}",
                "—" if figures.spread is None else f"{figures.spread:.2f}",
                f"{gap:.1%}" if gap is not None else "suppressed" if figures.gaps_withheld else "—",
                role_words(figures.state),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setBackground(QBrush(STATE_COLOURS[figures.state]))
                self.roles.setItem(row, column, cell)

        threshold = self.controller.anonymity_threshold()
        self.pulse.show_summaries(evaluation.pulse, threshold)

    def choose_import(self) -> None:
        """Ask for a spreadsheet export and import it."""
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Import pay data",
            str(self.controller.workshop.path.parent),
            "Spreadsheets and CSV exports (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.tsv)",
        )
        if name:
            self.import_file(Path(name), self._ask_sheet(Path(name)))

    def _ask_sheet(self, path: Path) -> str | None:
        """The sheet to import when a spreadsheet has several (None: the first)."""
        try:
            names = sheet_names(path)
        except (PayImportError, OSError):
            return None  # import_file explains it
        if len(names) < 2:
            return None
        name, chosen = QInputDialog.getItem(self, "Import pay data", "Sheet:", names, 0, False)
        return name if chosen else names[0]

    def import_file(self, path: Path, sheet: str | None = None) -> bool:
        """Replace the audit with a file's rows; a bad file is explained and changes nothing."""
        try:
            source = read_pay_source(path, sheet)
        except (PayImportError, OSError) as exc:
            QMessageBox.warning(self, "Pay data not imported", str(exc))
            return False
        held = len(self.controller.pay_records())
        if held and not self._confirm_replace(held, len(source.rows)):
            return False
        self.controller.replace_pay(source.rows)
        people = f"{len(source.rows)} {'person' if len(source.rows) == 1 else 'people'}"
        replaced = f", replacing the {held} before (Edit > Undo brings them back)" if held else ""
        self.imported.setText(f"Imported {people} from {path.name} ({source.read_as}){replaced}.")
        self.imported.show()
        return True

    def _confirm_replace(self, held: int, incoming: int) -> bool:
        """Ask before an import replaces an audit that holds people already."""
        answer = QMessageBox.question(
            self,
            "Replace the pay audit?",
            f"The audit holds {held} people. Importing replaces them with the file's "
            f"{incoming} rows. Edit > Undo brings the earlier audit back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def add_person(self) -> None:
        """Type one person into the audit."""
        dialog = PayRowDialog(self)
        if dialog.exec():
            self.controller.add_pay(dialog.row())

    def delete_selected(self) -> None:
        """Remove the selected people from the audit (one step to undo)."""
        rows = {self.pay_proxy.mapToSource(i).row() for i in self.pay_view.selectedIndexes()}
        self.controller.delete_pay_rows(sorted(self.pay_model.record_id(r) for r in rows))

    def override(self) -> None:
        """Ask for a reason and a remediation action, then record the override."""
        dialog = OverrideDialog(self)
        if dialog.exec():
            self.controller.set_override(dialog.override())
