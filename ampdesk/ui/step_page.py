"""A page for one framework step: its aim, prompts, checklist, pro tip and warning."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ampdesk.framework.content import Step
from ampdesk.framework.messages import first_upper, gate_holds_step, progress_words
from ampdesk.framework.state import STEP_STATUSES
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.warnings_panel import CASE_BUTTON
from ampdesk.ui.widgets import (
    Collapsible,
    ScrollPage,
    WrappingCheckBox,
    callout,
    clear_layout,
    heading,
    plain_label,
)


class StepPage(ScrollPage):
    """Shows one step of the framework, keeps its checklist and status, hosts its workspace."""

    case_requested = Signal(str)

    def __init__(
        self, controller: WorkshopController, step: Step, workspace: QWidget | None = None
    ) -> None:
        super().__init__(spacing=14)
        self.controller = controller
        self.step = step
        layout = self.content

        header = QHBoxLayout()
        header.addWidget(heading(f"Step {step.number} · {step.title}", 1), 1)
        self.status = QComboBox()
        self.status.setAccessibleName(f"Status of step {step.number}")
        for status in STEP_STATUSES:
            self.status.addItem(first_upper(progress_words(status)), status)
        self.status.activated.connect(self._status_chosen)
        header.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        aim = plain_label(step.aim)
        aim.setObjectName("aim")
        layout.addWidget(aim)

        self.lock_banner = callout("", "locked")
        layout.addWidget(self.lock_banner)

        columns = QGridLayout()
        columns.setHorizontalSpacing(28)
        columns.setColumnStretch(0, 3)
        columns.setColumnStretch(1, 2)
        columns.setColumnMinimumWidth(1, 260)
        left = QVBoxLayout()
        left.addWidget(heading("Ask the group", 2))
        self.prompts = QVBoxLayout()
        left.addLayout(self.prompts)
        left.addSpacing(8)
        left.addWidget(heading("Checklist", 2))
        self.checkboxes: dict[str, QCheckBox] = {}
        for item in step.checklist:
            row = WrappingCheckBox(item.text)
            row.box.toggled.connect(
                lambda done, item_id=item.id: controller.set_checklist_item(step.id, item_id, done)
            )
            self.checkboxes[item.id] = row.box
            left.addWidget(row)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(callout(f"<b>Pro tip.</b> {escape(step.pro_tip)}", "tip"))
        if step.warning:
            right.addWidget(callout(f"<b>Watch out.</b> {escape(step.warning)}", "warning"))
        self.cases = QVBoxLayout()
        right.addLayout(self.cases)
        right.addStretch(1)
        columns.addLayout(left, 0, 0)
        columns.addLayout(right, 0, 1)
        layout.addLayout(columns)
        if workspace is not None:
            layout.addSpacing(8)
            layout.addWidget(workspace)
        layout.addWidget(Collapsible("Why this step", plain_label(step.explanation)))
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Show the planned prompts and cases, the stored checklist, status and lock state."""
        plan = self.controller.plan
        clear_layout(self.prompts)
        for number, prompt in plan.prompts(self.step):
            self.prompts.addWidget(plain_label(f"{number}. {prompt}"))
            if note := self.step.prompt_notes.get(number):
                hint = plain_label(f"For you, not the room: {note}")
                hint.setObjectName("prompt-note")
                hint.setIndent(16)
                self.prompts.addWidget(hint)
        clear_layout(self.cases)
        cases = plan.cases(self.step.id, self.controller.content)
        if cases:
            self.cases.addWidget(heading("Cases to tell", 3))
        planned = plan.step_plan(self.step.id).case
        for case in cases:
            mark = " (planned)" if case.id == planned else ""
            button = QPushButton(f"{CASE_BUTTON}: {case.title}{mark}")
            button.setToolTip(f"<p>{escape(case.lesson)}</p>")
            button.clicked.connect(lambda _=False, c=case.id: self.case_requested.emit(c))
            self.cases.addWidget(button)
        ticked = self.controller.checklist(self.step.id)
        for item_id, box in self.checkboxes.items():
            box.blockSignals(True)
            box.setChecked(ticked.get(item_id, False))
            box.blockSignals(False)
        status = self.controller.step_statuses()[self.step.id]
        self.status.setCurrentIndex(STEP_STATUSES.index(status))
        evaluation = self.controller.evaluation
        locked = evaluation.step_locked(self.step.id)
        self.lock_banner.setVisible(locked)
        if locked:
            lines = self.controller.disclosure.reason_lines(
                evaluation.gate.reasons, evaluation.roles
            )
            reasons = "".join(f"<li>{escape(line)}</li>" for line in lines)
            self.lock_banner.setText(
                f"<b>{escape(gate_holds_step(evaluation.gate.state))}</b> Address pay fairness in "
                f"step 1 first, or record an override with a reason and a remediation."
                + (f"<ul>{reasons}</ul>" if reasons else "")
            )

    def _status_chosen(self, index: int) -> None:
        self.controller.set_step_status(self.step.id, self.status.itemData(index))
