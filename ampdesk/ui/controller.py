"""The open workshop as the widgets see it: edits go to the file, re-evaluation is coalesced."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from ampdesk.framework.content import Framework
from ampdesk.framework.evaluation import Evaluation, evaluate
from ampdesk.framework.fairness import GateOverride, PayRow
from ampdesk.framework.state import StepStatus
from ampdesk.store.repository import Repository
from ampdesk.store.workshop_file import Workshop


class WorkshopController(QObject):
    """Owns the open workshop; widgets read from it and call it to change anything.

    The file is the single source of truth: every edit is committed at once, then
    :attr:`changed` fires (at most once per event-loop turn) after the rules are re-run.
    """

    changed = Signal()

    def __init__(self, workshop: Workshop, content: Framework, parent: QObject | None = None):
        super().__init__(parent)
        self.workshop = workshop
        self.content = content
        self.repo = Repository(workshop)
        self._evaluation = evaluate(self.repo.inputs(), content)
        self._refresh = QTimer(self, singleShot=True, interval=0)
        self._refresh.timeout.connect(self._reevaluate)

    @property
    def evaluation(self) -> Evaluation:
        """The rules' verdict on the workshop as it is in the file."""
        return self._evaluation

    def schedule_refresh(self) -> None:
        """Re-run the rules soon; many edits in one turn cause one refresh."""
        self._refresh.start()

    def _reevaluate(self) -> None:
        self._evaluation = evaluate(self.repo.inputs(), self.content)
        self.changed.emit()

    def set_checklist_item(self, step: str, item: str, done: bool) -> None:
        """Tick or untick a checklist item."""
        self.repo.set_checklist_item(step, item, done)
        self.schedule_refresh()

    def set_step_status(self, step: str, status: StepStatus) -> None:
        """Record how far the group is with a step."""
        self.repo.set_step_status(step, status)
        self.schedule_refresh()

    def replace_pay(self, rows: Sequence[PayRow]) -> None:
        """Replace the compensation audit (after an import)."""
        self.repo.replace_pay(rows)
        self.schedule_refresh()

    def set_pulse_counts(self, item: str, counts: Sequence[int]) -> None:
        """Replace the facilitator-entered answers to one fairness statement."""
        self.repo.set_facilitator_counts("fairness", item, counts)
        self.schedule_refresh()

    def set_override(self, override: GateOverride) -> None:
        """Go on although the gate did not pass (kept in the file and reported)."""
        self.repo.set_override(override)
        self.schedule_refresh()

    def withdraw_override(self) -> None:
        """Withdraw the active override; the gate applies again."""
        self.repo.withdraw_override()
        self.schedule_refresh()

    def close(self) -> None:
        """Release the workshop file."""
        self._refresh.stop()
        self.workshop.close()
