"""Facilitator capture of a show of hands: how many people chose each point of a 1-5 scale."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QSpinBox, QWidget

from ampdesk.framework.followup import stored_activity
from ampdesk.framework.pulse import ItemSummary
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.saved_text import SAVE_AFTER_MS
from ampdesk.ui.tones import tone
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


def over_expected(counted: int, expected: int | None) -> str:
    """A warning when more answers were counted than people are expected ("" otherwise)."""
    if expected is None or counted <= expected:
        return ""
    return f"{counted} answers for {expected} people expected: was someone counted twice?"


class CountBox(QSpinBox):
    """A count (the wheel changes it only once clicked into: :mod:`ampdesk.ui.wheel_guard`)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setRange(0, 999)


class CountsEditor(QWidget):
    """Rows of five counters (scale points 1-5) per item, each saved as the item's answers.

    Counts are stored as they are typed: when typing pauses, on leaving a box and before
    anything reads the file; there is no Save button to forget.
    """

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
        self.unsaved: set[str] = set()  # items with typed counts not stored yet
        self._pause = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._pause.timeout.connect(self.save_all)
        self.flags: dict[str, QLabel] = {}  # "more answers than people expected"
        for row, (item, text) in enumerate(items):
            grid.addWidget(plain_label(text), row * 3, 0, 1, 6)
            boxes: list[QSpinBox] = []
            for point in range(5):
                box = CountBox()
                box.setPrefix(f"{point + 1}: ")
                box.setAccessibleName(f"{text}: number of people answering {point + 1}")
                box.valueChanged.connect(lambda _=0, i=item: self._typed(i))
                box.editingFinished.connect(self.save_all)
                grid.addWidget(box, row * 3 + 1, point)
                boxes.append(box)
            result = plain_label("")
            grid.addWidget(result, row * 3 + 1, 5)
            flag = plain_label("")
            flag.setObjectName("over-expected")
            flag.setStyleSheet(f"color: {tone('warning', self.palette())}; font-weight: 600;")
            flag.hide()
            grid.addWidget(flag, row * 3 + 2, 0, 1, 6)
            self.boxes[item] = boxes
            self.results[item] = result
            self.flags[item] = flag
        grid.setColumnStretch(5, 1)
        controller.flush_requested.connect(self.save_all)

    def _typed(self, item: str) -> None:
        self.unsaved.add(item)
        self._pause.start()
        counted = sum(box.value() for box in self.boxes[item])
        self._flag(item, over_expected(counted, self.controller.plan.expected_participants))

    def _flag(self, item: str, warning: str) -> None:
        """Say beside an item's counts that they are more than the people expected."""
        label = self.flags[item]
        label.setText(warning)
        label.setVisible(bool(warning))

    def load(self) -> None:
        """Show the stored facilitator counts; counts being typed are left alone."""
        for item, boxes in self.boxes.items():
            if item in self.unsaved:
                continue
            counts = self.controller.facilitator_counts(self._activity(item), item, self.checkin_id)
            for box, count in zip(boxes, counts, strict=True):
                box.blockSignals(True)
                box.setValue(count)
                box.blockSignals(False)

    def show_summaries(self, summaries: dict[str, ItemSummary], threshold: int) -> None:
        """Show each item's aggregate (suppressed below the anonymity threshold)."""
        expected = self.controller.plan.expected_participants
        for item, label in self.results.items():
            label.setText(summary_text(summaries[item], threshold))
            if item not in self.unsaved:
                self._flag(item, over_expected(summaries[item].n, expected))

    def save_all(self) -> None:
        """Store every item whose counts were typed and not stored yet."""
        self._pause.stop()
        for item in sorted(self.unsaved):
            self.save(item)

    def save(self, item: str) -> None:
        """Store the counts typed for one item (replacing earlier typed counts)."""
        counts = [box.value() for box in self.boxes[item]]
        self.unsaved.discard(item)
        stored = self.controller.facilitator_counts(self._activity(item), item, self.checkin_id)
        if list(stored) != counts:
            self.controller.set_pulse_counts(self._activity(item), item, counts, self.checkin_id)

    def _activity(self, item: str) -> str:
        return self.activity or stored_activity(item)
