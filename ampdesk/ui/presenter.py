"""The presenter screen for the projector: large type, no pay figures, no individual answers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ampdesk.framework.content import STEP_IDS
from ampdesk.framework.pulse import STATEMENTS
from ampdesk.framework.state import NOTE_KIND_LABELS
from ampdesk.ui.autonomy_chart import AutonomyChart
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.counts_editor import summary_text
from ampdesk.ui.live_bar import phones_text
from ampdesk.ui.qr import qr_pixmap
from ampdesk.ui.step_timer import PRESENTER_COLOURS, StepTimer, clock, urgency
from ampdesk.ui.widgets import clear_layout, plain_label

TOP_NOTES = 6
TOP_NOTES_BESIDE_CHART = 3
JOIN_QR_SIZE = 260
STYLE = """
QWidget#presenter { background: #14213d; }
QWidget#presenter QLabel { color: #f5f5f5; font-size: 20pt; }
QWidget#presenter QLabel#presenter-step { color: #f1c453; font-size: 18pt; font-weight: bold; }
QWidget#presenter QLabel#presenter-title { font-size: 34pt; font-weight: bold; }
QWidget#presenter QLabel#presenter-timer { font-size: 28pt; font-weight: bold; color: #a8dadc; }
QWidget#presenter QLabel#presenter-small { font-size: 14pt; color: #c9d1e0; }
QWidget#presenter QLabel#presenter-code { font-size: 40pt; font-weight: bold; color: #f1c453; }
"""


class PresenterWindow(QWidget):
    """Shows the current step's prompt and the group's anonymous results, or a case."""

    def __init__(self, controller: WorkshopController, timer: StepTimer) -> None:
        super().__init__()
        self.controller = controller
        self.timer = timer
        self.setObjectName("presenter")
        self.setWindowTitle("ampdesk — presenter screen")
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.resize(1280, 720)
        self.page_id = "plan"
        self.prompt_index = 0
        self.case_id: str | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        header = QHBoxLayout()
        self.step_label = QLabel()
        self.step_label.setObjectName("presenter-step")
        header.addWidget(self.step_label, 1)
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
        self.footer = plain_label(
            "Right arrow: next prompt · Left arrow: previous · Esc: leave full screen"
        )
        self.footer.setObjectName("presenter-small")
        layout.addWidget(self.footer)

        QShortcut(QKeySequence(Qt.Key.Key_Right), self, self.next_prompt)
        QShortcut(QKeySequence(Qt.Key.Key_Left), self, self.previous_prompt)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.showNormal)
        QShortcut(QKeySequence("F11"), self, self.showFullScreen)
        controller.changed.connect(self.refresh)
        timer.changed.connect(self._show_time)
        self.refresh()

    # -- what the facilitator drives ---------------------------------------------------------
    def show_page(self, page_id: str) -> None:
        """Follow the facilitator to another page (a step, the plan, the actions)."""
        if page_id != self.page_id:
            self.page_id, self.prompt_index = page_id, 0
        self.case_id = None
        self.refresh()

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

    def show_case(self, case_id: str) -> None:
        """Put a case on the screen (``own:N`` for the organisation's own stories)."""
        self.case_id = case_id
        self.refresh()

    def next_prompt(self) -> None:
        """Show the step's next prompt."""
        self._move_prompt(1)

    def previous_prompt(self) -> None:
        """Show the step's previous prompt."""
        self._move_prompt(-1)

    def _move_prompt(self, delta: int) -> None:
        if self.page_id in STEP_IDS:
            step = self.controller.content.step(self.page_id)
            count = len(self.controller.plan.prompts(step))
            self.prompt_index = (self.prompt_index + delta) % count
            self.case_id = None
            self.refresh()

    # -- rendering -------------------------------------------------------------------------
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
        clear_layout(self.body)
        self._show_time()
        content = self.controller.content
        if self.case_id is not None:
            self._show_case_body()
        elif self.page_id in STEP_IDS:
            step = content.step(self.page_id)
            self.step_label.setText(f"Step {step.number} · {step.title}")
            prompts = self.controller.plan.prompts(step)
            self.title.setText(prompts[self.prompt_index % len(prompts)][1])
            getattr(self, f"_results_{self.page_id}")()
        elif self.page_id == "actions":
            self.step_label.setText("Actions")
            self.title.setText("Who does what by when")
            for action in self.controller.repo.actions()[:8]:
                due = f", by {action.due:%d %b}" if action.due else ""
                self._line(f"• {action.title} ({action.owner or 'owner to agree'}{due})")
        else:
            details = self.controller.repo.details()
            self.step_label.setText(details.organisation or "Autonomy, Mastery, Purpose")
            self.title.setText(details.title)
            self._line(content.tagline)
        self.body.addStretch(1)

    def _show_case_body(self) -> None:
        assert self.case_id is not None
        self.step_label.setText("A case to think about")
        if self.case_id.startswith("own:"):
            own = {c.id: c for c in self.controller.repo.own_cases()}[int(self.case_id[4:])]
            self.title.setText(own.title)
            self._line(own.story)
            if own.lesson:
                self._line(f"Lesson: {own.lesson}")
            return
        case = self.controller.content.case(self.case_id)
        self.title.setText(case.title)
        # the facilitator tells the story; the screen holds what the group should keep
        self._line(f"What happened: {case.outcome}")
        self._line(f"Lesson: {case.lesson}")
        sources = "; ".join(self.controller.content.source(s).citation for s in case.sources)
        self._line(f"Sources: {sources}", small=True)

    def _top_notes(self, step: str, kinds: tuple[str, ...], limit: int = TOP_NOTES) -> None:
        notes = [n for n in self.controller.repo.notes(step) if n.kind in kinds and not n.hidden]
        for note in sorted(notes, key=lambda n: (-n.votes, n.id))[:limit]:
            dots = f"  ● {note.votes}" if note.votes else ""
            where = f"{note.dimension.upper()}: " if note.dimension else ""
            self._line(f"{NOTE_KIND_LABELS[note.kind]} · {where}{note.text}{dots}")

    def _results_fairness(self) -> None:
        threshold = self.controller.repo.details().anonymity_threshold
        pulse = self.controller.evaluation.pulse
        for item, text in STATEMENTS:
            self._line(f"{text}\n{summary_text(pulse[item], threshold)}")
        waiting = self.controller.repo.unrevealed("fairness")
        if waiting:  # a count only: results show when the facilitator reveals them
            self._line(
                f"{waiting} answers from phones wait to be revealed; later answers join in "
                f"batches of {threshold}.",
                small=True,
            )

    def _results_autonomy(self) -> None:
        chart = AutonomyChart()
        palette = chart.palette()
        palette.setColor(QPalette.ColorRole.Text, QColor("#f5f5f5"))
        chart.setPalette(palette)
        chart.set_data(
            self.controller.evaluation.autonomy, self.controller.repo.details().anonymity_threshold
        )
        chart.setMinimumHeight(chart.sizeHint().height())
        self.body.addWidget(chart)
        self._top_notes("autonomy", ("idea",), limit=TOP_NOTES_BESIDE_CHART)

    def _results_mastery(self) -> None:
        self._top_notes("mastery", ("skill", "blocker", "goal", "marker"))

    def _results_purpose(self) -> None:
        self._top_notes("purpose", ("story",))
