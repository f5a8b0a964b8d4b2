"""A board of the group's notes for one step: capture, dot-vote, hide."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ampdesk.framework.content import AUTONOMY_DIMENSIONS
from ampdesk.framework.state import NOTE_KIND_LABELS, NoteKind, NoteValue
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.text_limits import ask_text, limit_line
from ampdesk.ui.widgets import heading


def note_line(note: NoteValue) -> str:
    """How a note reads in a list: its kind, dimension, text and dots (plain text)."""
    where = f"{note.dimension.upper()} · " if note.dimension else ""
    dots = f"   ● {note.votes}" if note.votes else ""
    hidden = "   (hidden)" if note.hidden else ""
    return f"{NOTE_KIND_LABELS[note.kind]} · {where}{note.text}{dots}{hidden}"


class NotesBoard(QWidget):
    """Lists a step's notes (most dots first) and lets the facilitator add, vote and hide."""

    def __init__(
        self,
        controller: WorkshopController,
        step: str,
        title: str,
        kinds: tuple[NoteKind, ...],
        with_dimension: bool = False,
    ) -> None:
        super().__init__()
        self.controller = controller
        self.step = step
        self.kinds = kinds
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title, 2))

        entry = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of note")
        for kind in kinds:
            self.kind.addItem(NOTE_KIND_LABELS[kind], kind)
        self.kind.setVisible(len(kinds) > 1)
        entry.addWidget(self.kind)
        self.dimension = QComboBox()
        self.dimension.setAccessibleName("Autonomy dimension")
        for dimension in AUTONOMY_DIMENSIONS:
            self.dimension.addItem(dimension.capitalize(), dimension)
        self.dimension.setCurrentIndex(AUTONOMY_DIMENSIONS.index("how"))
        self.dimension.setVisible(with_dimension)
        entry.addWidget(self.dimension)
        self.text = limit_line(QLineEdit(), "note.text")
        self.text.setPlaceholderText("Type what the group said and press Enter")
        self.text.setAccessibleName(f"New note for {title}")
        self.text.returnPressed.connect(self.add)
        entry.addWidget(self.text, 1)
        add = QPushButton("Add")
        add.clicked.connect(self.add)
        entry.addWidget(add)
        layout.addLayout(entry)

        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(160)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.dot = QPushButton("Add a dot")
        self.dot.setToolTip("Place one of the room's dots on the selected note")
        self.dot.clicked.connect(self.vote)
        self.hide_button = QPushButton("Hide / show")
        self.hide_button.setToolTip("Keep the selected note off the projector and the report")
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Correct a typo in the selected note")
        self.edit_button.clicked.connect(self.edit)
        self.merge_button = QPushButton("Merge into…")
        self.merge_button.setToolTip("Fold the selected duplicate into another note")
        self.merge_button.clicked.connect(self.merge)
        self.sort_button = QPushButton("Sort by dots")
        self.sort_button.setToolTip(
            "The list keeps its order while dots are added; sort it when the vote is over"
        )
        self.sort_button.clicked.connect(self.sort_by_dots)
        self.order: list[int] = []  # note ids as listed; new notes go to the end
        for button in (
            self.dot,
            self.hide_button,
            self.edit_button,
            self.merge_button,
            self.sort_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        controller.changed.connect(self.refresh)
        self.refresh()

    def _notes(self) -> list[NoteValue]:
        """The notes in the list's order: as listed before, new ones last (first time: by dots)."""
        notes = [n for n in self.controller.notes(self.step) if n.kind in self.kinds]
        if not self.order:
            self.order = [n.id for n in sorted(notes, key=lambda n: (n.hidden, -n.votes, n.id))]
        known = {note_id: place for place, note_id in enumerate(self.order)}
        self.order += [n.id for n in notes if n.id not in known]
        place = {note_id: n for n, note_id in enumerate(self.order)}
        return sorted(notes, key=lambda n: place[n.id])

    def sort_by_dots(self) -> None:
        """Put the notes with most dots first (hidden ones last)."""
        self.order = []
        self.refresh()

    def refresh(self) -> None:
        """Re-list the notes, keeping their order and the selection."""
        selected = self.selected_id()
        self.list.clear()
        for note in self._notes():
            item = QListWidgetItem(note_line(note))
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, note.hidden)
            self.list.addItem(item)
            if note.id == selected:
                self.list.setCurrentItem(item)

    def selected_id(self) -> int | None:
        """The id of the selected note, if any."""
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def add(self) -> None:
        """Capture the typed note."""
        text = self.text.text().strip()
        if not text:
            return
        dimension = self.dimension.currentData() if self.dimension.isVisibleTo(self) else None
        self.controller.add_note(self.step, self.kind.currentData(), text, dimension)
        self.text.clear()

    def vote(self) -> None:
        """Add a dot to the selected note."""
        if (note_id := self.selected_id()) is not None:
            self.controller.vote(note_id)

    def toggle_hidden(self) -> None:
        """Hide the selected note, or show it again."""
        item = self.list.currentItem()
        if item is not None:
            hidden = bool(item.data(Qt.ItemDataRole.UserRole + 1))
            self.controller.set_note_hidden(int(item.data(Qt.ItemDataRole.UserRole)), not hidden)

    def edit(self) -> None:
        """Correct the selected note's text."""
        note = self._selected_note()
        if note is None:
            return
        text, ok = ask_text(self, "Edit note", "Text of the note:", "note.text", note.text)
        if ok and text.strip() and text.strip() != note.text:
            self.controller.edit_note_text(note.id, text.strip())

    def merge(self) -> None:
        """Fold the selected note into another note of this board."""
        note = self._selected_note()
        if note is None:
            return
        others = [n for n in self._notes() if n.id != note.id]
        if not others:
            return
        labels = [note_line(n) for n in others]
        choice, ok = QInputDialog.getItem(
            self, "Merge duplicate", "Merge the selected note into:", labels, 0, False
        )
        if ok:
            self.controller.merge_note(note.id, others[labels.index(choice)].id)

    def _selected_note(self) -> NoteValue | None:
        note_id = self.selected_id()
        return next((n for n in self._notes() if n.id == note_id), None)
