"""A small live picture of the projector in the facilitator's window, with what it shows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ampdesk.framework.content import STEP_IDS, Framework
from ampdesk.framework.messages import step_name
from ampdesk.ui.presenter import PresenterWindow
from ampdesk.ui.stage import Stage

PREVIEW_SIZE = (64, 36)  # a 16:9 thumbnail as high as the toolbar
REFRESH_MS = 1000  # the picture follows the projector (its clock, phones' results)
PAGE_NAMES = {"plan": "the workshop's title", "actions": "the actions", "followups": "the plan"}


def stage_words(stage: Stage, content: Framework, prompts: int, case_title: str | None) -> str:
    """What the room sees, in a few words ("Step 2 · prompt 2 of 5", "black")."""
    if stage.black:
        return "black (Ctrl+B shows it again)"
    if stage.case is not None:
        return f"case: {case_title or stage.case}"
    if stage.page in STEP_IDS:
        number = content.step(stage.page).number
        prompt = min(stage.prompt, prompts - 1) + 1
        return f"step {number} {step_name(stage.page)} · prompt {prompt} of {prompts}"
    return PAGE_NAMES.get(stage.page, stage.page)


class ProjectorPreview(QWidget):
    """The projector's picture and state; ``presenter()`` gives the open presenter, if any."""

    def __init__(
        self,
        stage: Stage,
        describe: Callable[[], str],
        presenter: Callable[[], PresenterWindow | None],
    ) -> None:
        super().__init__()
        self.stage = stage
        self.describe = describe
        self.presenter = presenter
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 0)
        self.picture = QLabel()
        self.picture.setFixedSize(*PREVIEW_SIZE)
        self.picture.setAccessibleName("What the projector shows")
        self.picture.setStyleSheet("background: #14213d; border: 1px solid palette(mid);")
        self.state = QLabel()
        self.state.setAccessibleName("On the projector")
        row.addWidget(self.picture)
        row.addWidget(self.state)
        self._tick = QTimer(self, interval=REFRESH_MS)
        self._tick.timeout.connect(self.refresh)
        self._tick.start()
        stage.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the projector as it is now, or say it is closed."""
        presenter = self.presenter()
        words = self.describe()
        if presenter is None or not presenter.isVisible():
            self.picture.clear()
            self.state.setText(f"Projector closed (F5) · presented: {words}")
            return
        picture = presenter.grab().scaled(
            *PREVIEW_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.picture.setPixmap(picture)
        self.state.setText(f"On the projector: {words}")
