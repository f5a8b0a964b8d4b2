"""What the room sees, apart from the page the facilitator's window shows.

The facilitator browses freely (the plan, a case, the report) while the projector and the
phones stay on what was presented: a page, one of its prompts, a case, or black.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from ampdesk.framework.content import STEP_IDS


class Stage(QObject):
    """The presented page, its prompt, a case over it, and the black-out; ``changed`` fires
    on every change (``page_changed`` only when another page is presented)."""

    changed = Signal()
    page_changed = Signal(str)

    def __init__(self, prompt_count: Callable[[str], int], parent: QObject | None = None):
        """``prompt_count`` gives how many prompts a step has planned."""
        super().__init__(parent)
        self.prompt_count = prompt_count
        self.page = "plan"
        self.prompt = 0  # the index of the step's prompt on the projector
        self.case: str | None = None  # a case shown over the page
        self.black = False

    def present(self, page: str) -> None:
        """Put ``page`` before the room (its first prompt; a case on it is taken down)."""
        moved = page != self.page
        if moved:
            self.page, self.prompt = page, 0
        self.case = None
        self.changed.emit()
        if moved:
            self.page_changed.emit(page)

    def move_prompt(self, delta: int) -> None:
        """The presented step's next (1) or previous (-1) prompt; no wrapping round."""
        if self.page in STEP_IDS:
            last = max(self.prompt_count(self.page) - 1, 0)
            self.prompt = min(max(self.prompt + delta, 0), last)
            self.case = None
            self.changed.emit()

    def show_case(self, case_id: str) -> None:
        """Show a case over the presented page (``own:N`` for the organisation's stories)."""
        self.case = case_id
        self.changed.emit()

    def set_black(self, black: bool) -> None:
        """Black the projector out, or show it again."""
        self.black = black
        self.changed.emit()
