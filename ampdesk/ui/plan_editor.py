"""Preparing the workshop: the agenda as an editable list and a timeline with its total, the
prompts, case and phone use of each step, materials, private notes and who is expected."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ampdesk.framework.content import Framework
from ampdesk.framework.messages import step_name
from ampdesk.framework.plan import (
    MAX_MINUTES,
    AgendaItem,
    PlanError,
    WorkshopPlan,
    check_plan,
    full_day,
    half_day,
)
from ampdesk.ui.agenda_model import KIND_LABELS, MINUTES, TITLE, AgendaModel
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.saved_text import SavedText
from ampdesk.ui.text_limits import limit_cell_editor
from ampdesk.ui.wheel_guard import mark_setting
from ampdesk.ui.widgets import clear_layout, heading, plain_label

KIND_COLOURS = {
    "opening": QColor("#6c7a89"),
    "step": QColor("#2e6fd8"),
    "break": QColor("#b8c0cc"),
    "actions": QColor("#2a9d8f"),
    "other": QColor("#8d6a9f"),
}


def duration(minutes: int) -> str:
    """``minutes`` as "3 h 45 min"."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


class Timeline(QWidget):
    """The agenda as one bar: a block per item, as wide as its timebox."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Agenda timeline")
        self.items: tuple[AgendaItem, ...] = ()

    def sizeHint(self) -> QSize:
        """A bar with a line of labels under it."""
        return QSize(600, 64)

    def set_items(self, items: tuple[AgendaItem, ...]) -> None:
        """Show ``items`` in order."""
        self.items = items
        total = sum(i.minutes for i in items)
        self.setAccessibleDescription(
            "; ".join(f"{i.title}: {i.minutes} min" for i in items) + f"; total {duration(total)}"
        )
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Draw the blocks with their minutes."""
        total = sum(i.minutes for i in self.items) or 1
        painter = QPainter(self)
        x, width = 0.0, float(self.width() - 1)
        for item in self.items:
            block = QRectF(x, 4, item.minutes / total * width, 32)
            painter.fillRect(block.adjusted(0, 0, -2, 0), KIND_COLOURS[item.kind])
            painter.setPen(QColor("white") if item.kind != "break" else QColor("#1d2433"))
            label = step_name(item.step) if item.step else KIND_LABELS[item.kind]
            painter.drawText(
                block.adjusted(4, 0, -4, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                painter.fontMetrics().elidedText(
                    f"{label} {item.minutes} min",
                    Qt.TextElideMode.ElideRight,
                    int(block.width()) - 8,
                ),
            )
            x = block.right()
        painter.setPen(self.palette().text().color())
        painter.drawText(
            QRectF(0, 40, width, 20),
            Qt.AlignmentFlag.AlignRight,
            f"Total {duration(sum(i.minutes for i in self.items))}",
        )
        painter.end()


class PlanEditor(QWidget):
    """Edits the stored plan; every change is one undoable step."""

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__()
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        layout.addWidget(heading("Agenda", 2))
        self.timeline = Timeline()
        layout.addWidget(self.timeline)
        self.agenda_model = AgendaModel(controller)
        self.agenda_model.refused.connect(self._refused)
        self.agenda = QTableView()
        self.agenda.setModel(self.agenda_model)
        self.agenda.setItemDelegate(MinutesDelegate(self.agenda))
        self.agenda.setAccessibleName("Agenda items")
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.verticalHeader().hide()
        self.agenda.horizontalHeader().setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.agenda.setMinimumHeight(230)
        layout.addWidget(self.agenda)
        buttons = QHBoxLayout()
        self.add_break = QPushButton("Add a break")
        self.add_break.clicked.connect(lambda: self._insert(AgendaItem("break", "Break", 15)))
        self.add_other = QPushButton("Add an item")
        self.add_other.clicked.connect(lambda: self._insert(AgendaItem("other", "New item", 15)))
        self.remove = QPushButton("Remove")
        self.remove.setToolTip("Remove the selected item (steps of the framework stay)")
        self.remove.clicked.connect(lambda: self.agenda_model.remove(self._row()))
        self.up = QPushButton("Move up")
        self.up.clicked.connect(lambda: self._move(-1))
        self.down = QPushButton("Move down")
        self.down.clicked.connect(lambda: self._move(1))
        self.half_day = QPushButton("Half-day agenda")
        self.half_day.clicked.connect(lambda: self._use_agenda(half_day))
        self.full_day = QPushButton("Full-day agenda")
        self.full_day.clicked.connect(lambda: self._use_agenda(full_day))
        for button in (self.add_break, self.add_other, self.remove, self.up, self.down):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.half_day)
        buttons.addWidget(self.full_day)
        layout.addLayout(buttons)

        layout.addWidget(heading("What to use in each step", 2))
        self.steps_grid = QGridLayout()
        layout.addLayout(self.steps_grid)

        layout.addWidget(heading("People", 2))
        people = QHBoxLayout()
        people.addWidget(plain_label("Expected:"))
        self.expected = QSpinBox()
        self.expected.setRange(0, 1000)
        self.expected.setSpecialValueText("not set")
        self.expected.setAccessibleName("Number of people expected")
        mark_setting(self.expected)
        self.expected.editingFinished.connect(self._save_expected)
        people.addWidget(self.expected)
        people.addStretch(1)
        layout.addLayout(people)
        self.roster = SavedText(
            controller,
            lambda: "\n".join(controller.roster()),
            lambda text: controller.set_roster(text.splitlines()),
            "Optional roster: one name per line (never in templates, never in the report)",
            height=90,
            limit="workshop_plan.roster",
        )
        layout.addWidget(self.roster)

        layout.addWidget(heading("Materials", 2))
        self.materials = SavedText(
            controller,
            lambda: "\n".join(controller.plan.materials),
            self._save_materials,
            "What to bring, one item per line",
            height=110,
        )
        layout.addWidget(self.materials)
        layout.addWidget(heading("Private notes", 2))
        self.notes = SavedText(
            controller,
            lambda: controller.plan.facilitator_notes,
            lambda text: self._change("Edit private notes", facilitator_notes=text),
            "Notes for the facilitator only (in the plan PDF, never on the projector)",
            height=90,
            limit="workshop_plan.facilitator_notes",
        )
        layout.addWidget(self.notes)
        self._shown: WorkshopPlan | None = None
        controller.changed.connect(self.refresh)
        self.refresh()

    # -- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the stored plan (left alone when only other things changed, so that an edit
        in progress is not interrupted, for example while phones send answers)."""
        plan = self.controller.plan
        if plan == self._shown:
            return
        self._shown = plan
        self.timeline.set_items(plan.agenda)
        self._fill_steps(plan)
        self.expected.blockSignals(True)
        self.expected.setValue(plan.expected_participants or 0)
        self.expected.blockSignals(False)

    def _fill_steps(self, plan: WorkshopPlan) -> None:
        clear_layout(self.steps_grid)
        content = self.controller.content
        for row, step in enumerate(content.steps):
            step_plan = plan.step_plan(step.id)
            self.steps_grid.addWidget(plain_label(f"{step.number} {step.title}"), row, 0)
            prompts = QHBoxLayout()
            for index in range(len(step.prompts)):
                box = QCheckBox(str(index + 1))
                box.setToolTip(step.prompts[index])
                box.setAccessibleName(f"Step {step.number}: use prompt {index + 1}")
                box.setChecked(step_plan.prompts is None or index in step_plan.prompts)
                box.toggled.connect(lambda on, s=step.id, i=index: self._toggle_prompt(s, i, on))
                prompts.addWidget(box)
            holder = QWidget()
            holder.setLayout(prompts)
            self.steps_grid.addWidget(holder, row, 1)
            case = QComboBox()
            case.setAccessibleName(f"Case for step {step.number}")
            case.addItem("No case planned", None)
            for option in content.cases:
                case.addItem(option.title, option.id)
            case.setCurrentIndex(max(case.findData(step_plan.case), 0))
            case.activated.connect(
                lambda _=0, s=step.id, c=case: self._set_step(s, case=c.currentData())
            )
            self.steps_grid.addWidget(case, row, 2)
            phones = QCheckBox("Phones")
            phones.setToolTip("Open this step's activity on the phones during live input")
            phones.setAccessibleName(f"Use phones in step {step.number}")
            phones.setChecked(step_plan.phones)
            phones.toggled.connect(lambda on, s=step.id: self._set_step(s, phones=on))
            self.steps_grid.addWidget(phones, row, 3)
        self.steps_grid.setColumnStretch(1, 1)

    # -- editing ---------------------------------------------------------------------------
    def _change(self, text: str, **changes: Any) -> None:
        plan = replace(self.controller.plan, **changes)  # check_plan checks every value
        try:
            check_plan(plan, self.controller.content)  # checked before it becomes an undo step
        except PlanError as exc:
            self._refused(str(exc))
            return
        self.controller.set_plan(plan, text)

    def _refused(self, reason: str) -> None:
        """Say why a change of the plan was refused, and show the plan as stored."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(reason, 8000)
        self._shown = None
        self.refresh()

    def _row(self) -> int:
        """The selected agenda row (-1: none)."""
        return self.agenda.currentIndex().row()

    def _insert(self, item: AgendaItem) -> None:
        row = self._row()
        self.agenda_model.insert(row + 1 if row >= 0 else self.agenda_model.rowCount(), item)

    def _move(self, delta: int) -> None:
        row = self._row()
        if self.agenda_model.move(row, delta):
            self.agenda.selectRow(row + delta)

    def _use_agenda(self, make: Callable[[Framework], WorkshopPlan]) -> None:
        self.agenda_model.store(list(make(self.controller.content).agenda), "Use a standard agenda")

    def _set_step(self, step: str, **changes: Any) -> None:
        plan = self.controller.plan
        steps = dict(plan.steps)
        steps[step] = replace(plan.step_plan(step), **changes)
        self._change("Change a step's plan", steps=steps)

    def _toggle_prompt(self, step: str, index: int, on: bool) -> None:
        count = len(self.controller.content.step(step).prompts)
        chosen = self.controller.plan.step_plan(step).prompts
        current = set(range(count) if chosen is None else chosen)
        current = current | {index} if on else current - {index}
        prompts = None if len(current) == count else tuple(sorted(current))
        self._set_step(step, prompts=prompts)

    def _save_expected(self) -> None:
        value = self.expected.value() or None
        if value != self.controller.plan.expected_participants:
            self._change("Set the number of people", expected_participants=value)

    def _save_materials(self, text: str) -> None:
        items = tuple(line.strip() for line in text.splitlines() if line.strip())
        self._change("Edit materials", materials=items)


class MinutesDelegate(QStyledItemDelegate):
    """Minutes are typed in a box from 1 to the plan's maximum, in steps of five."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        """A number box for the minutes, the usual text line for a title."""
        if index.column() != MINUTES:
            return limit_cell_editor(super().createEditor(parent, option, index), index)
        box = QSpinBox(parent)
        box.setRange(1, MAX_MINUTES)
        box.setSingleStep(5)
        box.setAccessibleName(f"Minutes for {index.model().index(index.row(), TITLE).data()}")
        return box
