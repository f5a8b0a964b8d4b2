"""The action plan: who does what by when, and how progress will be seen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.widgets import ScrollPage, date_edit, heading, plain_label

HEADERS = ("Step", "Action", "Owner", "Due", "How progress will be seen")


class ActionsPage(ScrollPage):
    """Lists the agreed actions and adds new ones."""

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__()
        self.controller = controller
        layout = self.content
        layout.addWidget(heading("Actions", 1))
        layout.addWidget(
            plain_label(
                "Every step ends in a few actions with an owner, a due date and a way to see "
                "progress. Plan weekly progress reviews and 30/60/90-day check-ins."
            )
        )
        form = QGridLayout()
        self.step = QComboBox()
        self.step.setAccessibleName("Step of the new action")
        for step in controller.content.steps:
            self.step.addItem(f"{step.number} {step.title}", step.id)
        self.title = QLineEdit()
        self.title.setPlaceholderText("What will be done")
        self.title.setAccessibleName("New action")
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Owner")
        self.owner.setAccessibleName("Owner of the new action")
        self.due = date_edit(QDate.currentDate().addDays(14))
        self.due.setAccessibleName("Due date of the new action")
        self.measure = QLineEdit()
        self.measure.setPlaceholderText("How progress will be seen")
        self.measure.setAccessibleName("How progress will be seen")
        add = QPushButton("Add action")
        add.clicked.connect(self.add)
        form.addWidget(self.step, 0, 0)
        form.addWidget(self.title, 0, 1, 1, 3)
        form.addWidget(self.owner, 1, 0)
        form.addWidget(self.due, 1, 1)
        form.addWidget(self.measure, 1, 2)
        form.addWidget(add, 1, 3)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(2, 2)
        layout.addLayout(form)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setAccessibleName("Action plan")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(300)
        layout.addWidget(self.table, 1)
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Re-list the actions from the file."""
        actions = self.controller.repo.actions()
        self.table.setRowCount(len(actions))
        for row, action in enumerate(actions):
            step = self.controller.content.step(action.step)
            cells = (
                f"{step.number} {step.title}",
                action.title,
                action.owner,
                action.due.isoformat() if action.due else "",
                action.measure,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()

    def add(self) -> None:
        """Add the typed action."""
        title = self.title.text().strip()
        if not title:
            self.title.setFocus()
            return
        due: dt.date = self.due.date().toPython()  # type: ignore[assignment]
        self.controller.add_action(
            self.step.currentData(),
            title,
            self.owner.text().strip(),
            due,
            self.measure.text().strip(),
        )
        for edit in (self.title, self.owner, self.measure):
            edit.clear()
