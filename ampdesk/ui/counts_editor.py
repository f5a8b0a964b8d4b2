"""Facilitator capture of a show of hands: how many people chose each point of a 1-5 scale."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSpinBox, QWidget

from ampdesk.framework.followup import stored_activity
from ampdesk.framework.pulse import ItemSummary
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.widgets import plain_label


def summary_text(summary: ItemSummary, threshold: int) -> str:
    """One line about an item's answers that never reveals a small group."""
    if summary.n == 0:
        return "No answers yet."
    if summary.suppressed or summary.mean is None:
        return f"Hidden until at least {threshold} people have answered."
    assert summary.disagree_share is not None and summary.agree_share is not None
    return (
        f"{summary.n} answers · average {summary.mean:.1f} of 5 · "
        f"{summary.agree_share:.0%} at 4-5 · {summary.disagree_share:.0%} at 1-2"
    )


class CountsEditor(QWidget):
    """Rows of five counters (scale points 1-5) per item, each saved as the item's answers."""

    def __init__(
        self,
        controller: WorkshopController,
        activity: str | None,
        items: list[tuple[str, str]],
        checkin_id: int | None = None,
    ) -> None:
        """``activity`` None: a check-in's items, each kept with its own activity."""
        super().__init__()
        self.controller = controller
        self.activity = activity
        self.checkin_id = checkin_id
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, list[QSpinBox]] = {}
        self.results: dict[str, QLabel] = {}
        self.save_buttons: dict[str, QPushButton] = {}
        self.unsaved: set[str] = set()  # items with typed counts not saved yet
        for row, (item, text) in enumerate(items):
            grid.addWidget(plain_label(text), row * 2, 0, 1, 7)
            boxes = []
            for point in range(5):
                box = QSpinBox()
                box.setRange(0, 999)
                box.setPrefix(f"{point + 1}: ")
                box.setAccessibleName(f"{text}: number of people answering {point + 1}")
                box.valueChanged.connect(lambda _=0, i=item: self.unsaved.add(i))
                grid.addWidget(box, row * 2 + 1, point)
                boxes.append(box)
            save = QPushButton("Save counts")
            save.setAccessibleName(f"Save counts for: {text}")
            save.clicked.connect(lambda _=False, i=item: self.save(i))
            grid.addWidget(save, row * 2 + 1, 5)
            self.save_buttons[item] = save
            result = plain_label("")
            grid.addWidget(result, row * 2 + 1, 6)
            self.boxes[item] = boxes
            self.results[item] = result
        grid.setColumnStretch(6, 1)

    def load(self) -> None:
        """Show the stored facilitator counts; counts being typed are left alone."""
        for item, boxes in self.boxes.items():
            if item in self.unsaved:
                continue
            counts = self.controller.repo.facilitator_counts(
                self._activity(item), item, self.checkin_id
            )
            for box, count in zip(boxes, counts, strict=True):
                box.blockSignals(True)
                box.setValue(count)
                box.blockSignals(False)

    def show_summaries(self, summaries: dict[str, ItemSummary], threshold: int) -> None:
        """Show each item's aggregate (suppressed below the anonymity threshold)."""
        for item, label in self.results.items():
            label.setText(summary_text(summaries[item], threshold))

    def save(self, item: str) -> None:
        """Store the counts typed for one item (replacing earlier typed counts)."""
        counts = [box.value() for box in self.boxes[item]]
        self.unsaved.discard(item)
        self.controller.set_pulse_counts(self._activity(item), item, counts, self.checkin_id)

    def _activity(self, item: str) -> str:
        return self.activity or stored_activity(item)
