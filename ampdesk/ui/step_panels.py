"""The workspaces of steps 2-4: what the group says and decides, captured as it happens."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from ampdesk.framework.content import AUTONOMY_DIMENSIONS, AUTONOMY_LABELS
from ampdesk.framework.state import (
    AUTHENTICITY_NOTE,
    FEEDBACK_RHYTHM,
    FEEDBACK_RHYTHMS,
    PURPOSE_STATEMENT,
    START_DIMENSION,
)
from ampdesk.ui.autonomy_chart import AutonomyChart
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.counts_editor import CountsEditor
from ampdesk.ui.notes_board import NotesBoard
from ampdesk.ui.saved_text import SavedText
from ampdesk.ui.widgets import Collapsible, heading, plain_label


class DecisionText(SavedText):
    """A text box bound to one of the group's decisions."""

    def __init__(self, controller: WorkshopController, key: str, placeholder: str) -> None:
        self.key = key
        super().__init__(
            controller,
            lambda: controller.decisions().get(key, ""),
            lambda text: controller.set_decision(key, text),
            placeholder,
            limit="decision.value",
        )


class AutonomyPanel(QWidget):
    """Current versus desired autonomy, ideas per dimension, and where to start."""

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__()
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("How much say does the group have, and want?", 2))
        self.chart = AutonomyChart()
        layout.addWidget(self.chart)
        items = [
            (f"{dim}.{when}", f"{AUTONOMY_LABELS[dim]}: {label}")
            for dim in AUTONOMY_DIMENSIONS
            for when, label in (
                ("current", "how much say we have now"),
                ("desired", "how much we want"),
            )
        ]
        self.ratings = CountsEditor(controller, "autonomy", items)
        self.ratings.load()
        layout.addWidget(Collapsible("Enter ratings from a show of hands", self.ratings))
        layout.addWidget(
            NotesBoard(
                controller, "autonomy", "Ideas per dimension", ("idea",), with_dimension=True
            )
        )
        layout.addWidget(
            heading("Start with (the framework suggests one dimension, usually how)", 2)
        )
        row = QHBoxLayout()
        self.start: dict[str, QCheckBox] = {}
        for dim in AUTONOMY_DIMENSIONS:
            box = QCheckBox(AUTONOMY_LABELS[dim])
            box.toggled.connect(self._save_start)
            self.start[dim] = box
            row.addWidget(box)
        row.addStretch(1)
        layout.addLayout(row)
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the latest ratings and the chosen starting dimensions."""
        evaluation = self.controller.evaluation
        threshold = self.controller.anonymity_threshold()
        self.chart.set_data(evaluation.autonomy, threshold)
        self.ratings.show_summaries(
            {
                f"{dim}.{when}": s
                for dim, pair in evaluation.autonomy.items()
                for when, s in pair.items()
            },
            threshold,
        )
        chosen = set(self.controller.decisions().get(START_DIMENSION, "").split(","))
        for dim, box in self.start.items():
            box.blockSignals(True)
            box.setChecked(dim in chosen)
            box.blockSignals(False)

    def _save_start(self) -> None:
        chosen = [dim for dim, box in self.start.items() if box.isChecked()]
        self.controller.set_decision(START_DIMENSION, ",".join(chosen))


class MasteryPanel(QWidget):
    """Stretch goals, the feedback rhythm, markers of progress, skills and blockers."""

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__()
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.rhythm = QComboBox()
        self.rhythm.setAccessibleName("Feedback rhythm")
        self.rhythm.addItem("Not chosen yet", "")
        for rhythm in FEEDBACK_RHYTHMS:
            label = {"weekly": "Weekly progress reviews", "annual": "Annual review only"}.get(
                rhythm, rhythm.capitalize()
            )
            self.rhythm.addItem(label, rhythm)
        self.rhythm.activated.connect(
            lambda i: controller.set_decision(FEEDBACK_RHYTHM, self.rhythm.itemData(i))
        )
        form.addRow("Feedback rhythm:", self.rhythm)
        layout.addLayout(form)
        layout.addWidget(
            NotesBoard(
                controller, "mastery", "Skills to grow and what blocks them", ("skill", "blocker")
            )
        )
        layout.addWidget(
            NotesBoard(
                controller,
                "mastery",
                "Stretch goals and visible markers of progress",
                ("goal", "marker"),
            )
        )
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the chosen feedback rhythm."""
        rhythm = self.controller.decisions().get(FEEDBACK_RHYTHM, "")
        self.rhythm.setCurrentIndex(max(self.rhythm.findData(rhythm), 0))


class PurposePanel(QWidget):
    """Stories of impact, a draft purpose statement and its authenticity check."""

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(NotesBoard(controller, "purpose", "Stories of impact", ("story",)))
        layout.addWidget(heading("Draft purpose statement", 2))
        layout.addWidget(
            plain_label(
                "Name who is helped and how. A statement only about revenue, growth or "
                "shareholders, or made of abstract words, is flagged."
            )
        )
        layout.addWidget(DecisionText(controller, PURPOSE_STATEMENT, "Our work matters because…"))
        layout.addWidget(heading("Authenticity check", 2))
        layout.addWidget(
            DecisionText(
                controller,
                AUTHENTICITY_NOTE,
                "Which real stories back this statement? Does the group believe it?",
            )
        )
