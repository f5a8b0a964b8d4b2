"""The case library: the framework's cases and the organisation's own stories."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.text_limits import limit_line, limit_plain
from ampdesk.ui.widgets import ScrollPage, heading


class CasesPage(ScrollPage):
    """Lists every case; the chosen one is shown in full and can go on the presenter screen."""

    show_requested = Signal(str)

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__(spacing=6)
        self.controller = controller
        layout = self.content
        layout.addWidget(heading("Cases to tell the group", 1))
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName("Cases")
        self.list.setFixedWidth(300)
        self.list.currentItemChanged.connect(self._show_selected)
        row.addWidget(self.list)
        detail = QVBoxLayout()
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        detail.addWidget(self.detail, 1)
        self.present = QPushButton("Show on projector")
        self.present.clicked.connect(self._present)
        detail.addWidget(self.present, 0, Qt.AlignmentFlag.AlignLeft)
        row.addLayout(detail, 1)
        layout.addLayout(row, 1)

        layout.addWidget(heading("Add a story of your own", 2))
        form = QFormLayout()
        self.new_title = limit_line(QLineEdit(), "own_case.title")
        self.new_title.setAccessibleName("Title of the story")
        self.new_story = limit_plain(QPlainTextEdit(), "own_case.story")
        self.new_story.setAccessibleName("The story")
        self.new_story.setFixedHeight(80)
        self.new_story.setTabChangesFocus(True)
        self.new_lesson = limit_line(QLineEdit(), "own_case.lesson")
        self.new_lesson.setAccessibleName("The lesson it teaches")
        self.new_step = QComboBox()
        self.new_step.setAccessibleName("Step the story belongs to")
        self.new_step.addItem("Any step", None)
        for step in controller.content.steps:
            self.new_step.addItem(f"{step.number} {step.title}", step.id)
        add = QPushButton("Add story")
        add.clicked.connect(self.add)
        form.addRow("Title:", self.new_title)
        form.addRow("Story:", self.new_story)
        form.addRow("Lesson:", self.new_lesson)
        form.addRow("Step:", self.new_step)
        form.addRow("", add)
        layout.addLayout(form)
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """List the framework's cases, then the organisation's own."""
        current = self.selected()
        self.list.clear()
        for case in self.controller.content.cases:
            self._add_item(case.title, case.id)
        for own in self.controller.own_cases():
            self._add_item(f"Our story: {own.title}", f"own:{own.id}")
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == current:
                self.list.setCurrentRow(row)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)

    def _add_item(self, title: str, case_id: str) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, case_id)
        self.list.addItem(item)

    def selected(self) -> str | None:
        """The id of the chosen case (``own:N`` for the organisation's own)."""
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select(self, case_id: str) -> None:
        """Choose a case by id."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == case_id:
                self.list.setCurrentRow(row)

    def _show_selected(self) -> None:
        case_id = self.selected()
        if case_id is None:
            self.detail.setText("")
            return
        content = self.controller.content
        if case_id.startswith("own:"):
            own = {c.id: c for c in self.controller.own_cases()}[int(case_id[4:])]
            self.detail.setText(
                f"<h2>{escape(own.title)}</h2><p>{escape(own.story)}</p>"
                + (f"<p><b>Lesson:</b> {escape(own.lesson)}</p>" if own.lesson else "")
            )
            return
        case = content.case(case_id)
        steps = ", ".join(f"{content.step(s).number} {content.step(s).title}" for s in case.steps)
        mistakes = ", ".join(content.mistake(m).title for m in case.mistakes)
        sources = "".join(f"<li>{escape(content.source(s).citation)}</li>" for s in case.sources)
        self.detail.setText(
            f"<h2>{escape(case.title)}</h2><p>{escape(case.story)}</p>"
            f"<p><b>Outcome:</b> {escape(case.outcome)}</p>"
            f"<p><b>Lesson:</b> {escape(case.lesson)}</p>"
            + (f"<p><i>{escape(case.evidence_note)}</i></p>" if case.evidence_note else "")
            + f"<p><b>Steps:</b> {escape(steps)}"
            + (f"<br><b>Mistakes it illustrates:</b> {escape(mistakes)}" if mistakes else "")
            + f"</p><p><b>Sources</b></p><ul>{sources}</ul>"
        )

    def _present(self) -> None:
        if (case_id := self.selected()) is not None:
            self.show_requested.emit(case_id)

    def add(self) -> None:
        """Add the typed story to the library."""
        title, story = self.new_title.text().strip(), self.new_story.toPlainText().strip()
        if not title or not story:
            (self.new_title if not title else self.new_story).setFocus()
            return
        self.controller.add_own_case(
            title, story, self.new_lesson.text().strip(), self.new_step.currentData()
        )
        self.new_title.clear()
        self.new_story.clear()
        self.new_lesson.clear()
