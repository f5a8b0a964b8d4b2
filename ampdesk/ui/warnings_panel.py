"""The mistake-warnings panel: every finding of the rules, always in view."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ampdesk.framework.accuracy import honest_figure
from ampdesk.framework.messages import step_words
from ampdesk.framework.mistakes import Finding
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.text_limits import ask_text
from ampdesk.ui.widgets import ScrollPage, callout, clear_layout, heading

CASE_BUTTON = "Preview case"  # the one wording of a button that opens a case
AREAS = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"
PANEL_WIDTH = 330  # the panel's width beside the page when open
CASE_BUTTON_WIDTH = 250  # longer case titles are cut with "…" (the tooltip has them whole)


class FindingCard(QWidget):
    """One finding: what was seen, why it matters, what to do, the case, the acknowledgement."""

    def __init__(
        self, panel: WarningsPanel, finding: Finding, note: str | None, new: bool = False
    ) -> None:
        super().__init__()
        self.finding = finding
        self.new = new
        content = panel.controller.content
        cases = ", ".join(content.case(c).title for c in finding.cases)
        acknowledged = f"<p><b>Acknowledged:</b> {escape(note)}</p>" if note is not None else ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = callout(
            ("<b>New</b> · " if new else "")
            + f"<b>{escape(finding.title)}</b><br>{escape(finding.detected)}"
            + (f"<p><b>To ask:</b> {escape(finding.question)}</p>" if finding.question else "")
            + f"<p><i>Why it matters:</i> {escape(finding.why)}</p>"
            f"<p><i>Instead:</i> {escape(finding.instead)}</p>"
            + (f"<p><i>Case to tell:</i> {escape(cases)}</p>" if cases else "")
            + acknowledged
            + f'<a href="{finding.step}">Go to {escape(step_words(finding.step))}</a>',
            "ok" if note is not None else "warning",
        )
        self.label.setAccessibleName(f"Warning: {finding.title}")
        self.label.setOpenExternalLinks(False)
        self.label.linkActivated.connect(panel.step_requested)
        layout.addWidget(self.label)
        if new:
            self.label.setStyleSheet("border: 3px solid #d97706;")
        self.acknowledge = QPushButton("Change note…" if note is not None else "Acknowledge…")
        self.acknowledge.setAccessibleName(f"Acknowledge warning: {finding.title}")
        self.acknowledge.clicked.connect(lambda: panel.ask_acknowledgement(finding, note or ""))
        layout.addWidget(self.acknowledge, 0, Qt.AlignmentFlag.AlignLeft)
        self.case_buttons: list[QPushButton] = []
        show_metrics = self.acknowledge.fontMetrics()
        for case_id in finding.cases:
            title = content.case(case_id).title
            show = QPushButton(
                show_metrics.elidedText(
                    f"{CASE_BUTTON}: {title}", Qt.TextElideMode.ElideRight, CASE_BUTTON_WIDTH
                )
            )
            show.setToolTip(
                f"<p>{escape(title)}: opens here first; it goes on the projector from there.</p>"
            )
            show.setAccessibleName(f"{CASE_BUTTON}: {title}")
            show.clicked.connect(lambda _=False, c=case_id: panel.case_requested.emit(c))
            layout.addWidget(show, 0, Qt.AlignmentFlag.AlignLeft)
            self.case_buttons.append(show)


class WarningsPanel(ScrollPage):
    """Lists the current findings; links ask to open a step or show a case."""

    step_requested = Signal(str)
    case_requested = Signal(str)
    updated = Signal()  # the list was rebuilt (new warnings may have appeared)

    def __init__(self, controller: WorkshopController) -> None:
        super().__init__(margins=(12, 12, 12, 12), spacing=6)
        self.controller = controller
        self.setMinimumWidth(300)
        self.cards: list[FindingCard] = []
        self.step: str | None = None  # the step in hand: its warnings come first
        self._seen: set[str] | None = None  # findings shown before (None: first showing)
        self._new: set[str] = set()
        self.entered = False  # Tab moves through the panel only once it was entered
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # widgets need one
        app.focusChanged.connect(self._focus_moved)
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list from the latest evaluation and acknowledgements."""
        clear_layout(self.content)
        findings = self.controller.evaluation.findings
        notes = self.controller.acknowledgements()
        open_count = sum(1 for f in findings if f.id not in notes)
        title = f"Warnings ({open_count} open)" if findings else "No warnings"
        self.content.addWidget(heading(title, 2))
        english = QLabel(
            "The checks read English wording only; notes in other languages are not checked. "
            + honest_figure()
        )
        english.setWordWrap(True)
        self.content.addWidget(english)
        ids = {f.id for f in findings}
        if self._seen is not None:
            self._new = (self._new | (ids - self._seen)) & ids
        self._seen = ids
        ordered = self._ordered(findings)
        self.cards = [FindingCard(self, f, notes.get(f.id), f.id in self._new) for f in ordered]
        for card in self.cards:
            self.content.addWidget(card)
        self._set_tab_stops()
        if self.cards and self.cards[0].new:
            self.verticalScrollBar().setValue(0)
        self.updated.emit()
        if not findings:
            self.content.addWidget(
                QLabel("The rules found nothing to warn about in what is captured so far.")
            )
        self.content.addStretch(1)

    def open_count(self) -> int:
        """How many warnings have no acknowledgement yet."""
        notes = self.controller.acknowledgements()
        return sum(1 for f in self.controller.evaluation.findings if f.id not in notes)

    def buttons(self) -> list[QPushButton]:
        """The panel's buttons, in Tab order."""
        return [b for card in self.cards for b in (card.acknowledge, *card.case_buttons)]

    def enter(self) -> None:
        """Let Tab move through the panel, starting at its first button."""
        self.entered = True
        self._set_tab_stops()
        buttons = self.buttons()
        (buttons[0] if buttons else self).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Entered by a click inside; left once the focus is elsewhere in the window."""
        if new is None:
            return
        inside = new is self or self.isAncestorOf(new)
        if inside != self.entered:
            self.entered = inside
            self._set_tab_stops()

    def _set_tab_stops(self) -> None:
        """Buttons are Tab stops only while the panel is entered (a click always works)."""
        policy = Qt.FocusPolicy.StrongFocus if self.entered else Qt.FocusPolicy.ClickFocus
        for button in self.buttons():
            button.setFocusPolicy(policy)

    def _ordered(self, findings: Sequence[Finding]) -> list[Finding]:
        """The step in hand's warnings first, new ones before older ones."""
        return sorted(findings, key=lambda f: (f.step != self.step, f.id not in self._new))

    def set_step(self, step: str) -> None:
        """Put the warnings of the step in hand first; the ones seen there stop being new."""
        if step == self.step:
            return
        findings = self.controller.evaluation.findings
        new_before = set(self._new)
        self._new -= {f.id for f in findings if f.step == self.step}
        self.step = step
        shown = [(c.finding.id, c.new) for c in self.cards]
        if shown != [(f.id, f.id in self._new) for f in self._ordered(findings)]:
            self.refresh()
        elif new_before != self._new:
            self.updated.emit()

    def new_count(self, step: str) -> int:
        """How many new warnings concern ``step`` (counted on the step rail)."""
        return sum(
            1 for f in self.controller.evaluation.findings if f.id in self._new and f.step == step
        )

    def ask_acknowledgement(self, finding: Finding, current: str) -> None:
        """Ask for a note; the warning stays listed, with the note, and is reported."""
        note, ok = ask_text(
            self,
            "Acknowledge warning",
            f"{finding.title}\n\nWhat did the group decide about it? (kept and printed in the "
            "report; the warning stays listed)",
            "acknowledgement.note",
            current,
            multi_line=True,
        )
        if ok and note.strip():
            self.controller.acknowledge(finding.id, note.strip())


class WarningsDock(QDockWidget):
    """The warnings panel beside the page; it collapses to its count and can be closed
    (View > Mistake warnings brings it back)."""

    def __init__(self, panel: WarningsPanel, parent: QWidget) -> None:
        super().__init__("Mistake warnings", parent)
        self.setObjectName("warnings-dock")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.panel = panel
        self.collapsed = False
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 2, 2, 2)
        self.title = QLabel("Mistake warnings")
        self.collapse = QToolButton()
        self.collapse.setAutoRaise(True)
        self.collapse.clicked.connect(lambda: self.set_collapsed(not self.collapsed))
        close = QToolButton()
        close.setAutoRaise(True)
        close.setText("\u2715")
        close.setToolTip("Close the warnings (View > Mistake warnings opens them again)")
        close.setAccessibleName("Close the warnings")
        close.clicked.connect(self.close)
        row.addWidget(self.title, 1)
        row.addWidget(self.collapse)
        row.addWidget(close)
        self.setTitleBarWidget(bar)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        self.count = QToolButton()
        self.count.setAutoRaise(True)
        self.count.setToolTip("Show the warnings")
        self.count.clicked.connect(lambda: self.set_collapsed(False))
        column.addWidget(panel, 1)
        column.addWidget(self.count, 1, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(body)
        panel.updated.connect(self._show_count)
        self.set_collapsed(False)

    def set_collapsed(self, collapsed: bool) -> None:
        """Show only the number of open warnings (True), or the whole panel."""
        self.collapsed = collapsed
        self.panel.setVisible(not collapsed)
        self.count.setVisible(collapsed)
        self.title.setVisible(not collapsed)
        self.collapse.setText("\u00bb" if not collapsed else "\u00ab")
        self.collapse.setToolTip("Collapse to the count" if not collapsed else "Show the warnings")
        self.collapse.setAccessibleName(self.collapse.toolTip())
        self._show_count()
        # collapsed, the dock keeps to the count's width (the page gets the rest)
        self.setMaximumWidth(self.minimumSizeHint().width() if collapsed else QWIDGETSIZE_MAX)
        window = self.parentWidget()
        if isinstance(window, QMainWindow) and window.dockWidgetArea(self) in AREAS:
            width = self.minimumSizeHint().width() if collapsed else PANEL_WIDTH
            window.resizeDocks([self], [width], Qt.Orientation.Horizontal)

    def _show_count(self) -> None:
        open_count = self.panel.open_count()
        self.count.setText(f"\u26a0 {open_count}")
        self.count.setAccessibleName(
            f"{open_count} open warning{'s' if open_count != 1 else ''}: show them"
        )
