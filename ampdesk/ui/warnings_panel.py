"""The mistake-warnings panel: every finding of the rules, always in view."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.widgets import callout, heading


class WarningsPanel(QScrollArea):
    """Lists the current findings; a click on a finding's step link asks to open that step."""

    step_requested = Signal(str)

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__()
        self.controller = controller
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(280)
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(12, 12, 12, 12)
        self.setWidget(self._body)
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list from the latest evaluation."""
        while (item := self._layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        findings = self.controller.evaluation.findings
        count = len(findings)
        self._layout.addWidget(heading(f"Warnings ({count})" if count else "No warnings", 2))
        content = self.controller.content
        for finding in findings:
            step = content.step(finding.step)
            cases = ", ".join(content.case(c).title for c in finding.cases)
            box = callout(
                f"<b>{escape(finding.title)}</b><br>{escape(finding.detected)}"
                f"<p><i>Why it matters:</i> {escape(finding.why)}</p>"
                f"<p><i>Instead:</i> {escape(finding.instead)}</p>"
                + (f"<p><i>Case to tell:</i> {escape(cases)}</p>" if cases else "")
                + f'<a href="{finding.step}">Go to step {step.number}: {escape(step.title)}</a>',
                "warning",
            )
            box.setAccessibleName(f"Warning: {finding.title}")
            box.setOpenExternalLinks(False)
            box.linkActivated.connect(self.step_requested)
            self._layout.addWidget(box)
        if not findings:
            self._layout.addWidget(
                QLabel("The rules found nothing to warn about in what is captured so far.")
            )
        self._layout.addStretch(1)
