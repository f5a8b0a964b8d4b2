"""The step timer: a timebox per step, started, paused and extended by the facilitator."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

EXTEND_SECONDS = 5 * 60


def clock(seconds: int) -> str:
    """``seconds`` as m:ss, with a minus sign once the timebox is over."""
    sign = "\u2212" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{rest:02d}"


class StepTimer(QObject):
    """Counts down the current step's timebox; ``changed`` fires every second and on edits."""

    changed = Signal()

    def __init__(
        self, timeboxes: Callable[[str], int | None], parent: QObject | None = None
    ) -> None:
        """``timeboxes`` gives a page's planned minutes (None: the page has no timebox)."""
        super().__init__(parent)
        self.timeboxes = timeboxes
        self.step: str | None = None
        self.remaining = 0
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._count)

    @property
    def running(self) -> bool:
        """Whether the clock is counting."""
        return self._tick.isActive()

    def set_step(self, step: str | None) -> None:
        """Load a step's timebox (stopped); pages without a timebox clear the timer."""
        if step == self.step:
            return
        self._tick.stop()
        self.step = step
        self.remaining = (self.timeboxes(step) or 0) * 60 if step else 0
        self.changed.emit()

    def toggle(self) -> None:
        """Start or pause."""
        if self.running:
            self._tick.stop()
        elif self.step is not None and self.timeboxes(self.step):
            self._tick.start()
        self.changed.emit()

    def extend(self) -> None:
        """Give the step five more minutes."""
        self.remaining += EXTEND_SECONDS
        self.changed.emit()

    def _count(self) -> None:
        self.remaining -= 1
        self.changed.emit()


class TimerBar(QWidget):
    """The timer's controls for the facilitator's window."""

    def __init__(self, timer: StepTimer) -> None:
        super().__init__()
        self.timer = timer
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 0)
        self.label = QLabel()
        self.label.setAccessibleName("Time left in this step")
        font = self.label.font()
        font.setPointSize(14)
        font.setBold(True)
        self.label.setFont(font)
        self.start = QPushButton()
        self.start.clicked.connect(timer.toggle)
        self.more = QPushButton("+5 min")
        self.more.setAccessibleName("Extend the step by five minutes")
        self.more.clicked.connect(timer.extend)
        row.addWidget(self.label)
        row.addWidget(self.start)
        row.addWidget(self.more)
        timer.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the time left and the right button text."""
        self.label.setText(clock(self.timer.remaining))
        self.start.setText("Pause" if self.timer.running else "Start timer")
