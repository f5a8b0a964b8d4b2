"""The step timer: each step's clock against its planned timebox, kept while you look elsewhere.

One step's clock runs at a time. Leaving the step's page (to pick a case, to check the plan)
does not stop it; starting another step's clock pauses the one before. The time each step took
is written to the workshop file (for the report) every few seconds, on pause and on close.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton, QWidget

from ampdesk.ui.tones import tone

SAVE_EVERY_SECONDS = 15
SOON_SECONDS = 2 * 60  # the clock turns amber this long before the timebox ends
TONE_OF = {"soon": "soon", "over": "alarm"}  # the window's colours: ui/tones.py
PRESENTER_COLOURS = {"ok": "#a8dadc", "soon": "#f1c453", "over": "#ff6b6b"}


def clock(seconds: int) -> str:
    """``seconds`` as m:ss, with a minus sign once the timebox is over."""
    sign = "\u2212" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{rest:02d}"


def urgency(seconds_left: int) -> str:
    """``ok``, ``soon`` (two minutes or less left) or ``over`` (past the timebox)."""
    if seconds_left < 0:
        return "over"
    return "soon" if seconds_left <= SOON_SECONDS else "ok"


class StepTimer(QObject):
    """The clocks of the timed steps; ``changed`` fires every second while one runs and on edits."""

    changed = Signal()

    def __init__(
        self,
        timeboxes: Callable[[str], int | None],
        taken: dict[str, int] | None = None,
        record: Callable[[str, int], None] | None = None,
        parent: QObject | None = None,
        extra: dict[str, int] | None = None,
        record_extra: Callable[[str, int], None] | None = None,
    ) -> None:
        """``timeboxes`` gives a page's planned minutes (None: the page has no timebox);
        ``taken`` the seconds already spent per step; ``record(step, seconds)`` keeps them;
        ``extra`` and ``record_extra`` the same for the time given beyond a timebox."""
        super().__init__(parent)
        self.timeboxes = timeboxes
        self.elapsed: dict[str, int] = dict(taken or {})
        self.extra: dict[str, int] = dict(extra or {})
        self._record = record
        self._record_extra = record_extra
        self.step: str | None = None  # the page on screen
        self.running_step: str | None = None
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._count)

    # -- reading ------------------------------------------------------------------------------
    @property
    def subject(self) -> str | None:
        """The step the controls act on: the timed step on screen, else the one whose clock runs."""
        if self.step is not None and self.timeboxes(self.step) is not None:
            return self.step
        return self.running_step

    @property
    def running(self) -> bool:
        """Whether the subject's clock is counting."""
        return self.running_step is not None and self.running_step == self.subject

    @property
    def remaining(self) -> int:
        """Seconds left in the subject's timebox (negative in overtime; 0 without a subject)."""
        return self.remaining_of(self.subject) if self.subject else 0

    def planned_seconds(self, step: str) -> int:
        """The step's timebox with the minutes added during the workshop."""
        return (self.timeboxes(step) or 0) * 60 + self.extra.get(step, 0)

    def remaining_of(self, step: str) -> int:
        """Seconds left in ``step``'s timebox (negative in overtime)."""
        return self.planned_seconds(step) - self.elapsed.get(step, 0)

    # -- driving ------------------------------------------------------------------------------
    def set_step(self, step: str | None) -> None:
        """Follow the page on screen; a running clock keeps running."""
        if step != self.step:
            self.step = step
            self.changed.emit()

    def toggle(self) -> None:
        """Start or pause the subject's clock (starting it pauses another step's clock)."""
        subject = self.subject
        if subject is None or not self.timeboxes(subject):
            return
        if self.running:
            self.pause()
            return
        self.pause()
        self.running_step = subject
        self._tick.start()
        self.changed.emit()

    def pause(self) -> None:
        """Stop the running clock and keep its time in the file."""
        if self.running_step is not None:
            self._save(self.running_step)
        self._tick.stop()
        self.running_step = None
        self.changed.emit()

    def extend(self, minutes: int = 5) -> None:
        """Give the subject ``minutes`` more (fewer when negative; a timebox keeps at least a
        minute) and keep that in the file."""
        subject = self.subject
        if subject is not None:
            floor = 60 - (self.timeboxes(subject) or 0) * 60
            self._set_extra(subject, max(self.extra.get(subject, 0) + minutes * 60, floor))

    def reset_extension(self) -> None:
        """Back to the subject's planned timebox."""
        if self.subject is not None:
            self._set_extra(self.subject, 0)

    def _set_extra(self, step: str, seconds: int) -> None:
        if seconds:
            self.extra[step] = seconds
        else:
            self.extra.pop(step, None)
        if self._record_extra is not None:
            self._record_extra(step, seconds)
        self.changed.emit()

    def _count(self) -> None:
        if self.running_step is None:
            return
        seconds = self.elapsed.get(self.running_step, 0) + 1
        self.elapsed[self.running_step] = seconds
        if seconds % SAVE_EVERY_SECONDS == 0:
            self._save(self.running_step)
        self.changed.emit()

    def _save(self, step: str) -> None:
        if self._record is not None and step in self.elapsed:
            self._record(step, self.elapsed[step])


def _small_button(text: str) -> QToolButton:
    """A compact button (the timer's row fits a 640-pixel-wide window)."""
    button = QToolButton()
    button.setText(text)
    return button


class TimerBar(QWidget):
    """The timer's controls for the facilitator's window."""

    def __init__(self, timer: StepTimer, names: Callable[[str], str] = str) -> None:
        """``names`` gives a step's name for the line about a clock running elsewhere."""
        super().__init__()
        self.timer = timer
        self.names = names
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 0)
        self.step_name = QLabel()
        self.label = QLabel()
        self.label.setAccessibleName("Time left in this step")
        font = self.label.font()
        font.setPointSize(14)
        font.setBold(True)
        self.label.setFont(font)
        self.start = QPushButton()
        self.start.clicked.connect(timer.toggle)
        self.one_less = _small_button("\u22121 min")
        self.one_less.setAccessibleName("Take a minute off the step's time")
        self.one_less.clicked.connect(lambda: timer.extend(-1))
        self.as_planned = _small_button("As planned")
        self.as_planned.setAccessibleName("Back to the planned time")
        self.as_planned.setToolTip("Drop the minutes given or taken during the workshop")
        self.as_planned.clicked.connect(timer.reset_extension)
        self.one_more = _small_button("+1 min")
        self.one_more.setAccessibleName("Give the step one more minute")
        self.one_more.clicked.connect(lambda: timer.extend(1))
        self.more = _small_button("+5 min")
        self.more.setAccessibleName("Give the step five more minutes")
        self.more.clicked.connect(lambda: timer.extend(5))
        self.planned = QLabel()
        self.planned.setAccessibleName("Planned and taken time")
        self.other = QLabel()
        self.other.setAccessibleName("Another step's clock")
        for widget in (
            self.step_name,
            self.label,
            self.start,
            self.one_less,
            self.one_more,
            self.more,
            self.as_planned,
        ):
            row.addWidget(widget)
        row.addWidget(self.planned)
        row.addWidget(self.other)
        self.none = QLabel("No timebox on this page.")
        row.addWidget(self.none, 1)
        row.setStretchFactor(self.planned, 1)
        row.setStretchFactor(self.other, 1)
        for button in (self.start, self.one_less, self.one_more, self.more, self.as_planned):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # as high with its buttons as without: the page below never moves
        self.setFixedHeight(self.sizeHint().height())
        # the clock keeps its width; the texts beside it give way on a narrow screen rather
        # than widen the window beyond it (they are cut, the clock and buttons never)
        self.label.setMinimumWidth(
            self.label.fontMetrics().horizontalAdvance("\u2212999:99 over time")
        )
        for text in (self.step_name, self.planned, self.other):
            text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            text.setMinimumWidth(0)
        timer.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the subject's time left, in colour once it runs short, and the right buttons."""
        subject = self.timer.subject
        controls: list[QWidget] = [self.label, self.start, self.one_less, self.one_more]
        controls += [self.more, self.as_planned, self.planned]
        # hide before showing: the row is never, even for a moment, wider than either state
        if subject is None:
            for widget in (*controls, self.step_name, self.other):
                widget.hide()
            self.none.show()
            return
        self.none.hide()
        for widget in controls:
            widget.show()
        left = self.timer.remaining
        state = urgency(left)
        self.label.setText(clock(left) if left >= 0 else f"{clock(left)} over time")
        colour = tone(TONE_OF[state], self.palette()) if state in TONE_OF else ""
        self.label.setStyleSheet(f"color: {colour};" if colour else "")
        self.label.setProperty("urgency", state)
        self.start.setText("Pause" if self.timer.running else "Start timer")
        elsewhere = subject != self.timer.step
        self.step_name.setText(f"{self.names(subject)}:" if elsewhere else "")
        self.step_name.setVisible(elsewhere)
        self.as_planned.setEnabled(bool(self.timer.extra.get(subject)))
        planned = self.timer.planned_seconds(subject) // 60
        taken = self.timer.elapsed.get(subject, 0)
        self.planned.setText(f"planned {planned} min · taken {clock(taken)}")
        running = self.timer.running_step
        other = running is not None and running != subject
        self.other.setVisible(other)
        if other:
            assert running is not None
            self.other.setText(
                f"· {self.names(running)}'s clock runs: {clock(self.timer.remaining_of(running))}"
            )
