"""The presenter screen for the projector: large type, no pay figures, no individual answers."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from ampdesk.framework.content import STEP_IDS
from ampdesk.framework.pulse import STATEMENTS
from ampdesk.framework.state import NOTE_KIND_LABELS
from ampdesk.ui.autonomy_chart import AutonomyChart
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.counts_editor import summary_text
from ampdesk.ui.live_bar import done_text, phones_text
from ampdesk.ui.qr import qr_pixmap
from ampdesk.ui.stage import Stage
from ampdesk.ui.step_timer import PRESENTER_COLOURS, StepTimer, clock, urgency
from ampdesk.ui.widgets import clear_layout, plain_label

# Type scales with the screen's height, so the lines that fit do not depend on it: below a
# title of two lines, thirteen lines of body text; a list shows the items whose lines fit.
BODY_LINES = 13
SIDE_MARGIN = 48
TOP_NOTES_BESIDE_CHART = 2
JOIN_QR_SIZE = 260
# Type sizes as shares of the presenter's height: readable from the back of a room
# (the smallest, 2.6%, is 28 px on a 1080-line projector).
SIZES = {
    "body": 0.034,
    "step": 0.032,
    "title": 0.052,
    "timer": 0.046,
    "small": 0.026,
    "code": 0.06,
}
CHART_FONT_SHARE = 0.025


def style(height: int) -> str:
    """The presenter's style sheet with type sized for a window ``height`` pixels high."""
    px = {name: max(int(share * height), 12) for name, share in SIZES.items()}
    return f"""
QWidget#presenter {{ background: #14213d; }}
QWidget#presenter QLabel {{ color: #f5f5f5; font-size: {px["body"]}px; }}
QWidget#presenter QLabel#presenter-step {{
    color: #f1c453; font-size: {px["step"]}px; font-weight: bold; }}
QWidget#presenter QLabel#presenter-title {{ font-size: {px["title"]}px; font-weight: bold; }}
QWidget#presenter QLabel#presenter-timer {{ font-size: {px["timer"]}px; font-weight: bold; }}
QWidget#presenter QLabel#presenter-counter {{ font-size: {px["step"]}px; color: #c9d1e0; }}
QWidget#presenter QLabel#presenter-small {{ font-size: {px["small"]}px; color: #c9d1e0; }}
QWidget#presenter QLabel#presenter-code {{
    font-size: {px["code"]}px; font-weight: bold; color: #f1c453; }}
QWidget#presenter QWidget#blackout {{ background: black; }}
"""


class PresenterWindow(QWidget):
    """Shows what the :class:`Stage` presents: a step's prompt and the group's anonymous
    results, a case, or black. It never takes the keyboard: the facilitator's window drives
    it, and the facilitator's hints stay there."""

    def __init__(self, controller: WorkshopController, timer: StepTimer, stage: Stage) -> None:
        super().__init__()
        self.controller = controller
        self.timer = timer
        self.stage = stage
        self.setObjectName("presenter")
        self.setWindowTitle("ampdesk — presenter screen")
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._styled_for = 0
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.resize(1280, 720)
        self._restyle()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SIDE_MARGIN, 32, SIDE_MARGIN, 32)
        # the screen decides the size, not the content (which is cut, never the window grown)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        header = QHBoxLayout()
        self.step_label = QLabel()
        self.step_label.setObjectName("presenter-step")
        header.addWidget(self.step_label, 1)
        self.counter = QLabel()
        self.counter.setObjectName("presenter-counter")
        self.counter.setAccessibleName("Prompt number")
        header.addWidget(self.counter)
        header.addSpacing(32)
        self.done_label = QLabel()
        self.done_label.setObjectName("presenter-counter")
        self.done_label.setAccessibleName("Phones done")
        header.addWidget(self.done_label)
        header.addSpacing(32)
        self.timer_label = QLabel()
        self.timer_label.setObjectName("presenter-timer")
        self.timer_label.setAccessibleName("Time left")
        header.addWidget(self.timer_label)
        layout.addLayout(header)
        self.title = plain_label("")
        self.title.setObjectName("presenter-title")
        layout.addWidget(self.title)
        self.body = QVBoxLayout()
        middle = QHBoxLayout()
        middle.addLayout(self.body, 1)
        self.join_panel = QWidget()
        join = QVBoxLayout(self.join_panel)
        join.setContentsMargins(32, 0, 0, 0)
        self.join_qr = QLabel()
        self.join_qr.setAccessibleName("QR code to join")
        self.join_text = plain_label("")
        self.join_text.setObjectName("presenter-small")
        self.join_text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.join_code = plain_label("")
        self.join_code.setObjectName("presenter-code")
        self.join_code.setAccessibleName("Join code")
        self.join_count = plain_label("")
        self.join_count.setObjectName("presenter-small")
        self.join_count.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        for widget in (self.join_qr, self.join_text, self.join_code, self.join_count):
            join.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        join.addStretch(1)
        self.join_panel.hide()
        middle.addWidget(self.join_panel)
        layout.addLayout(middle, 1)
        self.blackout = QWidget(self)
        self.blackout.setObjectName("blackout")
        self.blackout.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.blackout.setAccessibleName("Black screen")
        self.blackout.hide()

        controller.changed.connect(self.refresh)
        stage.changed.connect(self.refresh)
        timer.changed.connect(self._show_time)
        self.refresh()

    # -- what the facilitator drives ---------------------------------------------------------
    def toggle_full_screen(self) -> None:
        """Full screen on the screen the window is on, or back to a window."""
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-size the type for the new height; the black screen covers everything."""
        super().resizeEvent(event)
        self.blackout.setGeometry(self.rect())
        if abs(self.height() - self._styled_for) > 8:
            self._restyle()
            self.refresh()

    def _restyle(self) -> None:
        self._styled_for = self.height()
        self.setStyleSheet(style(self.height()))

    def set_join(self, info: dict[str, object] | None) -> None:
        """Show how to join live input (QR code, link and code), or hide it when it stops."""
        self.join_panel.setVisible(info is not None)
        if info is not None:
            self.join_qr.setPixmap(qr_pixmap(str(info["join_url"]), JOIN_QR_SIZE))
            address = str(info["url"]).removeprefix("http://").rstrip("/")
            self.join_text.setText(f"Scan the code, or open\n{address}\nand type")
            self.join_code.setText(str(info["code"]))

    def set_phone_count(self, count: int) -> None:
        """Show how many phones have joined (under the join code)."""
        self.join_count.setText(phones_text(count))

    def set_done(self, done: int, phones: int) -> None:
        """Show "9 of 12 done" while an activity is open on the phones (``done`` -1: none)."""
        self.done_label.setText(done_text(done, phones) if done >= 0 and phones else "")

    # -- rendering -------------------------------------------------------------------------
    @property
    def page_id(self) -> str:
        """The presented page."""
        return self.stage.page

    def _show_time(self) -> None:
        if self.page_id not in STEP_IDS or self.timer.timeboxes(self.page_id) is None:
            self.timer_label.setText("")
            return
        left = self.timer.remaining_of(self.page_id)
        self.timer_label.setText(clock(left))
        self.timer_label.setStyleSheet(f"color: {PRESENTER_COLOURS[urgency(left)]};")

    def _line(self, text: str, small: bool = False) -> None:
        label = plain_label(text)
        if small:
            label.setObjectName("presenter-small")
        self.body.addWidget(label)

    def refresh(self) -> None:
        """Redraw from the file (anonymous aggregates only)."""
        self.blackout.setGeometry(self.rect())
        self.blackout.setVisible(self.stage.black)
        self.blackout.raise_()
        clear_layout(self.body)
        self._show_time()
        self.counter.setText("")
        content = self.controller.content
        if self.stage.case is not None:
            self._show_case_body()
        elif self.page_id in STEP_IDS:
            step = content.step(self.page_id)
            self.step_label.setText(f"Step {step.number} · {step.title}")
            prompts = self.controller.plan.prompts(step)
            index = min(self.stage.prompt, len(prompts) - 1)
            self.title.setText(prompts[index][1])
            self.counter.setText(f"{index + 1} / {len(prompts)}")
            getattr(self, f"_results_{self.page_id}")()
        elif self.page_id == "actions":
            self.step_label.setText("Actions")
            self.title.setText("Who does what by when")
            actions = self.controller.actions()
            lines = []
            for action in actions:
                due = f", by {action.due:%d %b}" if action.due else ""
                lines.append(f"• {action.title} ({action.owner or 'owner to agree'}{due})")
            shown = self._fitting(lines)
            for line in lines[:shown]:
                self._line(line)
            self._more(len(lines) - shown)
        else:
            details = self.controller.details()
            self.step_label.setText(details.organisation or "Autonomy, Mastery, Purpose")
            self.title.setText(details.title)
            self._line(content.tagline)
        self.body.addStretch(1)

    def _show_case_body(self) -> None:
        case_id = self.stage.case
        assert case_id is not None
        self.step_label.setText("A case to think about")
        if case_id.startswith("own:"):
            own = {c.id: c for c in self.controller.own_cases()}[int(case_id[4:])]
            self.title.setText(own.title)
            self._line(own.story)
            if own.lesson:
                self._line(f"Lesson: {own.lesson}")
            return
        case = self.controller.content.case(case_id)
        self.title.setText(case.title)
        # the facilitator tells the story; the screen holds what the group should keep
        self._line(f"What happened: {case.outcome}")
        self._line(f"Lesson: {case.lesson}")
        sources = "; ".join(self.controller.content.source(s).citation for s in case.sources)
        self._line(f"Sources: {sources}", small=True)

    def _fitting(self, texts: list[str], lines: int = BODY_LINES) -> int:
        """How many of ``texts``, from the first, fit in ``lines`` lines of body text (one line
        is kept for "+N more" when not all fit)."""
        font = QFont(self.font())
        font.setPixelSize(max(int(SIZES["body"] * self.height()), 12))
        metrics = QFontMetrics(font)
        width = max(self.width() - 2 * SIDE_MARGIN, 1)
        used = 0
        for count, text in enumerate(texts):
            used += max(1, math.ceil(metrics.horizontalAdvance(text) * 1.05 / width))
            if used > lines - (count + 1 < len(texts)):
                return count
        return len(texts)

    def _top_notes(self, step: str, kinds: tuple[str, ...], limit: int | None = None) -> None:
        notes = [n for n in self.controller.notes(step) if n.kind in kinds and not n.hidden]
        texts = []
        for note in sorted(notes, key=lambda n: (-n.votes, n.id)):
            dots = f"  ● {note.votes}" if note.votes else ""
            where = f"{note.dimension.upper()}: " if note.dimension else ""
            texts.append(f"{NOTE_KIND_LABELS[note.kind]} · {where}{note.text}{dots}")
        shown = self._fitting(texts) if limit is None else min(limit, len(texts))
        for text in texts[:shown]:
            self._line(text)
        self._more(len(texts) - shown)

    def _more(self, hidden: int) -> None:
        """Say how many did not fit under a cut list."""
        if hidden > 0:
            self._line(f"+{hidden} more", small=True)

    def _results_fairness(self) -> None:
        threshold = self.controller.anonymity_threshold()
        pulse = self.controller.evaluation.pulse
        for item, text in STATEMENTS:
            self._line(f"{text}\n{summary_text(pulse[item], threshold)}")
        waiting = self.controller.unrevealed("fairness")
        if waiting:  # a count only: results show when the facilitator reveals them
            self._line(
                f"{waiting} answers from phones wait to be revealed; later answers join in "
                f"batches of {threshold}.",
                small=True,
            )

    def _results_autonomy(self) -> None:
        chart = AutonomyChart(scale=CHART_FONT_SHARE * self.height() / 13)
        palette = chart.palette()
        palette.setColor(QPalette.ColorRole.Text, QColor("#f5f5f5"))
        chart.setPalette(palette)
        chart.set_data(
            self.controller.evaluation.autonomy,
            self.controller.anonymity_threshold(),
        )
        chart.setMinimumHeight(chart.sizeHint().height())
        self.body.addWidget(chart)
        self._top_notes("autonomy", ("idea",), limit=TOP_NOTES_BESIDE_CHART)

    def _results_mastery(self) -> None:
        self._top_notes("mastery", ("skill", "blocker", "goal", "marker"))

    def _results_purpose(self) -> None:
        self._top_notes("purpose", ("story",))
