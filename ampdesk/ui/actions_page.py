"""The action plan: who does what by when, and how progress will be seen."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ampdesk.framework.followup import ACTION_STATUS_LABELS, ACTION_STATUSES
from ampdesk.ui.actions_model import (
    DUE,
    MEASURE,
    STATUS,
    STEP,
    TITLE,
    ActionsModel,
    missing,
)
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.record_model import ChoiceDelegate
from ampdesk.ui.text_limits import limit_line
from ampdesk.ui.tones import tone
from ampdesk.ui.widgets import ScrollPage, date_edit, heading, plain_label, python_date


class ActionsPage(ScrollPage):
    """Lists the agreed actions; adds, edits in place and deletes them."""

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
        self.step.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.step.setMinimumContentsLength(14)  # narrow enough for a 1280-pixel screen
        for step in controller.content.steps:
            self.step.addItem(f"{step.number} {step.title}", step.id)
        self.title = limit_line(QLineEdit(), "action.title")
        self.title.setPlaceholderText("What will be done")
        self.title.setAccessibleName("New action")
        self.owner = limit_line(QLineEdit(), "action.owner")
        self.owner.setPlaceholderText("Owner")
        self.owner.setAccessibleName("Owner of the new action")
        self.due = date_edit(QDate.currentDate().addDays(14))
        self.due.setAccessibleName("Due date of the new action")
        self.measure = limit_line(QLineEdit(), "action.measure")
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
        for edit in (self.title, self.owner, self.measure):
            edit.returnPressed.connect(self.add)  # Enter adds the action
        self.missing = plain_label("")
        self.missing.setObjectName("actions-missing")
        self.missing.setStyleSheet(f"color: {tone('warning', self.palette())}; font-weight: 600;")
        layout.addWidget(self.missing)
        self.model = ActionsModel(controller)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(ActionDelegate(controller, self.table))
        self.table.setAccessibleName("Action plan")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.table.horizontalHeader()
        # short columns as wide as their content, the two texts share the rest and wrap
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MEASURE, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(300)
        remove = QAction("Delete action", self.table)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.delete_selected)
        self.table.addAction(remove)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.delete_button = QPushButton("Delete action")
        self.delete_button.setToolTip(
            "Delete the selected action (Del); Edit > Undo brings it back"
        )
        self.delete_button.clicked.connect(self.delete_selected)
        buttons.addWidget(plain_label("Double-click or type on a cell to edit it."), 1)
        buttons.addWidget(self.delete_button)
        layout.addLayout(buttons)
        self._kept = (-1, -1)  # the current cell, kept across a reload of the model
        self.model.modelAboutToBeReset.connect(self._keep_current)
        self.model.modelReset.connect(self._restore_current)
        self.model.modelReset.connect(self.refresh)
        self.model.dataChanged.connect(self.refresh)
        self.model.rowsInserted.connect(self.refresh)
        self.model.rowsRemoved.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Fit the rows to their text and say which actions lack an owner or a date."""
        self.table.resizeRowsToContents()
        lacking = [a for a in self.model.actions if missing(a)]
        self.missing.setVisible(bool(lacking))
        if len(lacking) == 1:
            self.missing.setText(
                f"⚠ The action “{lacking[0].title}” has no {' and no '.join(missing(lacking[0]))}."
            )
        elif lacking:
            self.missing.setText(
                f"⚠ {len(lacking)} actions have no owner or no due date: who does each, by when?"
            )

    def _keep_current(self) -> None:
        current = self.table.currentIndex()
        self._kept = (current.row(), current.column()) if current.isValid() else (-1, -1)

    def _restore_current(self) -> None:
        row, column = self._kept
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, column))

    def delete_selected(self) -> None:
        """Delete the selected action (undo restores it)."""
        rows = self.table.selectionModel().selectedRows() or (
            [self.table.currentIndex()] if self.table.currentIndex().isValid() else []
        )
        if rows:
            self.controller.delete_action(self.model.action_id(rows[0].row()))

    def add(self) -> None:
        """Add the typed action."""
        title = self.title.text().strip()
        if not title:
            self.title.setFocus()
            return
        due = python_date(self.due.date())
        self.controller.add_action(
            self.step.currentData(),
            title,
            self.owner.text().strip(),
            due,
            self.measure.text().strip(),
        )
        for edit in (self.title, self.owner, self.measure):
            edit.clear()
        self.title.setFocus()


class ActionDelegate(ChoiceDelegate):
    """Editors per column: a step list, a date field, a status list, a line of text."""

    def __init__(self, controller: WorkshopController, parent: QWidget) -> None:
        super().__init__(parent)
        self.controller = controller

    def make_editor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        """A list for step and status, a calendar field for the date, else a text line."""
        if index.column() == STEP:
            box = QComboBox(parent)
            for step in self.controller.content.steps:
                box.addItem(f"{step.number} {step.title}", step.id)
            return box
        if index.column() == STATUS:
            box = QComboBox(parent)
            for status in ACTION_STATUSES:
                box.addItem(ACTION_STATUS_LABELS[status], status)
            return box
        if index.column() == DUE:
            edit = date_edit(QDate.currentDate())
            edit.setParent(parent)
            return edit
        return super().make_editor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        """Load the cell's value into the editor (a date into the calendar field)."""
        if isinstance(editor, QDateEdit):
            editor.setDate(index.data(Qt.ItemDataRole.EditRole))
        else:
            super().setEditorData(editor, index)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Store the editor's value through the model (a date from the calendar field)."""
        if isinstance(editor, QDateEdit):
            model.setData(index, editor.date())
        else:
            super().setModelData(editor, model, index)
