"""Follow-ups: weekly progress reviews and 30/60/90-day check-ins, each with the actions'
statuses and a short pulse, and the trend since the workshop."""

from __future__ import annotations

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ampdesk.framework.followup import (
    ACTION_STATUS_LABELS,
    ACTION_STATUSES,
    CHECKIN_ITEMS,
    progress_lines,
)
from ampdesk.ui.checkin_model import ACTION, NOTE, NOTE_HINT, STATUS, CheckInModel
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.counts_editor import CountsEditor
from ampdesk.ui.record_model import ChoiceDelegate
from ampdesk.ui.trend_chart import TrendChart
from ampdesk.ui.widgets import Collapsible, ScrollPage, date_edit, heading, plain_label, python_date


class FollowUpsPage(ScrollPage):
    """Record a check-in in minutes; see how the group moved since the workshop."""

    pulse_requested = Signal(int)  # a check-in id: open its pulse on the phones

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__()
        self.controller = controller
        layout = self.content
        layout.addWidget(heading("Follow-ups", 1))
        layout.addWidget(
            plain_label(
                "The framework shows its effect over months. Meet weekly for a ten-minute "
                "progress review, and take a fuller look at 30, 60 and 90 days: how each action "
                "stands, and a short pulse from the group."
            )
        )
        layout.addWidget(heading("Trend since the workshop", 2))
        self.chart = TrendChart()
        layout.addWidget(self.chart)
        self.summary = plain_label("")
        layout.addWidget(self.summary)

        layout.addWidget(heading("Check-ins", 2))
        new_row = QHBoxLayout()
        self.new_date = date_edit(QDate.currentDate())
        self.new_date.setAccessibleName("Date of the new check-in")
        self.record = QPushButton("Record a check-in")
        self.record.setToolTip("Starts from each action's status at the last check-in")
        self.record.clicked.connect(self._record)
        new_row.addWidget(self.new_date)
        new_row.addWidget(self.record)
        new_row.addStretch(1)
        layout.addLayout(new_row)

        pick_row = QHBoxLayout()
        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Check-in shown")
        self.chooser.activated.connect(self._show_chosen)
        self.pulse = QPushButton("Run the pulse on phones")
        self.pulse.setToolTip("Open this check-in's pulse on the phones (start live input first)")
        self.pulse.clicked.connect(self._request_pulse)
        self.delete = QPushButton("Delete check-in")
        self.delete.clicked.connect(self._delete)
        for widget in (self.chooser, self.pulse, self.delete):
            pick_row.addWidget(widget)
        pick_row.addStretch(1)
        layout.addLayout(pick_row)

        self.model = CheckInModel(controller)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(StatusDelegate(self.table))
        self.table.setAccessibleName("Actions at this check-in")
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.CurrentChanged
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(STATUS, 120)
        self.table.setMinimumHeight(180)
        layout.addWidget(self.table)
        self.counts_box = Collapsible("Enter the pulse from a show of hands", plain_label(""))
        layout.addWidget(self.counts_box)
        self.counts: CountsEditor | None = None
        layout.addStretch(1)
        self.checkin_id: int | None = None
        controller.changed.connect(self.refresh)
        self.refresh()

    # -- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw the trend and the shown check-in from the file."""
        points = self.controller.trend()
        self.chart.set_points(points)
        lines = progress_lines(points)
        self.summary.setText(
            f"From the workshop to {points[-1].label}: " + "; ".join(lines) + "."
            if lines
            else "Record a check-in to start the trend."
        )
        checkins = self.controller.checkins()
        ids = [c.id for c in checkins]
        if self.checkin_id not in ids:
            self.checkin_id = max(ids) if ids else None  # the one recorded last
        self.chooser.clear()
        for checkin in checkins:
            self.chooser.addItem(f"{checkin.held_on:%a %d %b %Y}", checkin.id)
        if self.checkin_id is not None:
            self.chooser.setCurrentIndex(ids.index(self.checkin_id))
        for widget in (self.chooser, self.pulse, self.delete, self.table):
            widget.setEnabled(self.checkin_id is not None)
        current = next((c for c in checkins if c.id == self.checkin_id), None)
        self.model.show(current, self.controller.actions())  # rows kept: a note may be typed
        self._fill_counts()

    def _fill_counts(self) -> None:
        if self.counts is not None and self.counts.checkin_id == self.checkin_id:
            self.counts.load()
            return
        if self.checkin_id is None:
            return
        self.counts = CountsEditor(self.controller, None, list(CHECKIN_ITEMS), self.checkin_id)
        self.counts.load()
        self.counts_box.set_content(self.counts)

    # -- editing ---------------------------------------------------------------------------
    def _record(self) -> None:
        held_on = python_date(self.new_date.date())
        self.checkin_id = None  # the new one is shown after the refresh
        self.controller.add_checkin(held_on)

    def _show_chosen(self, index: int) -> None:
        self.checkin_id = self.chooser.itemData(index)
        self.refresh()

    def _request_pulse(self) -> None:
        if self.checkin_id is not None:
            self.pulse_requested.emit(self.checkin_id)

    def _delete(self) -> None:
        if self.checkin_id is not None:
            self.controller.delete_checkin(self.checkin_id)


class StatusDelegate(ChoiceDelegate):
    """A list of statuses for the status column; a line of text for the note."""

    def make_editor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        """A status list, or the usual text line with a hint."""
        if index.column() == STATUS:
            box = QComboBox(parent)
            for status in ACTION_STATUSES:
                box.addItem(ACTION_STATUS_LABELS[status], status)
            box.activated.connect(lambda _=0, b=box: self.commitData.emit(b))
            return box
        editor = super().make_editor(parent, option, index)
        editor.setProperty("placeholderText", NOTE_HINT)
        return editor
