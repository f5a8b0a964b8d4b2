"""The mistake-warnings panel: every finding of the rules, always in view."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ampdesk.framework.mistakes import Finding
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.widgets import ScrollPage, callout, clear_layout, heading


class FindingCard(QWidget):
    """One finding: what was seen, why it matters, what to do, the case, the acknowledgement."""

    def __init__(self, panel: WarningsPanel, finding: Finding, note: str | None) -> None:
        super().__init__()
        self.finding = finding
        content = panel.controller.content
        step = content.step(finding.step)
        cases = ", ".join(content.case(c).title for c in finding.cases)
        acknowledged = f"<p><b>Acknowledged:</b> {escape(note)}</p>" if note is not None else ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = callout(
            f"<b>{escape(finding.title)}</b><br>{escape(finding.detected)}"
            f"<p><i>Why it matters:</i> {escape(finding.why)}</p>"
            f"<p><i>Instead:</i> {escape(finding.instead)}</p>"
            + (f"<p><i>Case to tell:</i> {escape(cases)}</p>" if cases else "")
            + acknowledged
            + f'<a href="{finding.step}">Go to step {step.number}: {escape(step.title)}</a>',
            "ok" if note is not None else "warning",
        )
        self.label.setAccessibleName(f"Warning: {finding.title}")
        self.label.setOpenExternalLinks(False)
        self.label.linkActivated.connect(panel.step_requested)
        layout.addWidget(self.label)
        buttons = QHBoxLayout()
        self.acknowledge = QPushButton("Change note…" if note is not None else "Acknowledge…")
        self.acknowledge.setAccessibleName(f"Acknowledge warning: {finding.title}")
        self.acknowledge.clicked.connect(lambda: panel.ask_acknowledgement(finding, note or ""))
        buttons.addWidget(self.acknowledge)
        for number, case_id in enumerate(finding.cases, start=1):
            title = content.case(case_id).title
            show = QPushButton(f"Case {number}" if len(finding.cases) > 1 else "Show case")
            show.setToolTip(f"<p>Show on the presenter screen: {escape(title)}</p>")
            show.setAccessibleName(f"Show case: {title}")
            show.clicked.connect(lambda _=False, c=case_id: panel.case_requested.emit(c))
            buttons.addWidget(show)
        buttons.addStretch(1)
        layout.addLayout(buttons)


class WarningsPanel(ScrollPage):
    """Lists the current findings; links ask to open a step or show a case."""

    step_requested = Signal(str)
    case_requested = Signal(str)

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__(margins=(12, 12, 12, 12), spacing=6)
        self.controller = controller
        self.setMinimumWidth(300)
        self.cards: list[FindingCard] = []
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list from the latest evaluation and acknowledgements."""
        clear_layout(self.content)
        findings = self.controller.evaluation.findings
        notes = self.controller.repo.acknowledgements()
        open_count = sum(1 for f in findings if f.id not in notes)
        title = f"Warnings ({open_count} open)" if findings else "No warnings"
        self.content.addWidget(heading(title, 2))
        english = QLabel(
            "The checks read English wording only; notes in other languages are not checked."
        )
        english.setWordWrap(True)
        self.content.addWidget(english)
        self.cards = [FindingCard(self, f, notes.get(f.id)) for f in findings]
        for card in self.cards:
            self.content.addWidget(card)
        if not findings:
            self.content.addWidget(
                QLabel("The rules found nothing to warn about in what is captured so far.")
            )
        self.content.addStretch(1)

    def ask_acknowledgement(self, finding: Finding, current: str) -> None:
        """Ask for a note; the warning stays listed, with the note, and is reported."""
        note, ok = QInputDialog.getMultiLineText(
            self,
            "Acknowledge warning",
            f"{finding.title}\n\nWhat did the group decide about it? (kept and printed in the "
            "report; the warning stays listed)",
            current,
        )
        if ok and note.strip():
            self.controller.acknowledge(finding.id, note.strip())
