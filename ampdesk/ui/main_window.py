"""The main window: the step rail, the page of the chosen step and the warnings panel."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QMouseEvent,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from ampdesk.errors import explain
from ampdesk.framework.content import STEP_IDS, Step
from ampdesk.framework.messages import gate_holds_step, progress_words, step_name, step_words
from ampdesk.store.file_header import WorkshopFileError
from ampdesk.ui.actions_page import ActionsPage
from ampdesk.ui.cases_page import CasesPage
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.fairness_panel import FairnessPanel
from ampdesk.ui.followups_page import FollowUpsPage
from ampdesk.ui.icons import icon
from ampdesk.ui.live_bar import LiveBar
from ampdesk.ui.live_session import LiveSession
from ampdesk.ui.plan_page import PlanPage
from ampdesk.ui.presenter import PresenterWindow
from ampdesk.ui.projector_preview import ProjectorPreview, stage_words
from ampdesk.ui.recent import app_settings, remember_title
from ampdesk.ui.stage import Stage
from ampdesk.ui.step_page import StepPage
from ampdesk.ui.step_panels import AutonomyPanel, MasteryPanel, PurposePanel
from ampdesk.ui.step_timer import StepTimer, TimerBar
from ampdesk.ui.warnings_panel import WarningsDock, WarningsPanel
from ampdesk.ui.wheel_guard import install as guard_the_wheel
from ampdesk.ui.window_menus import add_menus

RAIL_NAMES = {
    "plan": "Plan",
    "actions": "Actions",
    "followups": "Follow-ups",
    "report": "Report",
    "cases": "Cases",
}
NARROW_BELOW = 1100  # a screen narrower than this gets the narrow rail and the warnings' count
RAIL_ROOM = 20 + 8 + 2 * 10 + 2 * 6 + 8  # icon, its gap, item padding and margins, frame
FRAME_ALLOWANCE = (16, 48)  # a window frame's usual width and height, before it is known
STATE_ICON = {"not_started": "step-todo", "in_progress": "step-progress", "done": "step-done"}


class WorkshopWindow(QMainWindow):
    """Everything about one open workshop. What opens other windows (File > New, Open, Open
    Recent, Close) is asked of the opener (ui/opening.py) through the four signals."""

    new_requested = Signal(Path)  # a new workshop, its file suggested in this folder
    open_requested = Signal(Path)  # choose a workshop, starting in this folder
    open_path_requested = Signal(Path)  # open this workshop (this one stays open)
    start_requested = Signal()  # this workshop closed: back to the start window

    def __init__(self, controller: WorkshopController, settings: QSettings | None = None) -> None:
        """The window of ``controller``'s workshop; its geometry and the recent list are kept
        in ``settings`` (the app's by default)."""
        super().__init__()
        guard_the_wheel()
        self.controller = controller
        self.settings = settings if settings is not None else app_settings()
        controller.setParent(self)
        controller.workshop.on_lost = self._store_lost
        self.setWindowIcon(icon("ampdesk"))
        available = self.screen().availableGeometry()
        # at most the screen with room for a window frame (fit_screen corrects it once known)
        self.resize(
            min(1280, available.width() - FRAME_ALLOWANCE[0]),
            min(800, available.height() - FRAME_ALLOWANCE[1]),
        )

        self.rail = QListWidget()
        self.rail.setObjectName("rail")
        self.rail.setAccessibleName("Workshop steps")
        self.rail.setIconSize(QSize(20, 20))
        self.rail_narrow: bool | None = None  # None: narrow on a narrow screen
        self.pages = QStackedWidget()
        self.page_ids: list[str] = []
        self._factories: list[Callable[[], QWidget]] = []
        self._built: set[int] = set()
        self._add_page("plan", "Plan", self._plan_page)
        workspaces: dict[str, Callable[[WorkshopController], QWidget]] = {
            "fairness": FairnessPanel,
            "autonomy": AutonomyPanel,
            "mastery": MasteryPanel,
            "purpose": PurposePanel,
        }
        for step in controller.content.steps:
            self._add_page(
                step.id,
                f"{step.number}  {step_name(step.id)}",
                partial(self._step_page, step, partial(workspaces[step.id], controller)),
            )
        self._add_page("actions", "Actions", lambda: ActionsPage(controller))
        self._add_page("followups", "Follow-ups", self._followups_page)
        self._add_page("report", "Report", self._report_page)
        self._add_page("cases", "Cases", self._cases_page)
        self.timer = StepTimer(
            lambda page: controller.plan.timebox(page),
            controller.step_seconds(),
            controller.record_step_seconds,
            self,
            controller.step_extra_seconds(),
            controller.record_step_extra,
        )
        self.presenter: PresenterWindow | None = None
        self._fitted_narrow = False
        self._leaving = False  # closing was agreed (File > Close or Quit)
        self.go_actions: dict[str, QAction] = {}
        self.recent_menu: QMenu | None = None
        self.live_action = QAction(self)  # made by the menus
        self.narrow_action = QAction(self)  # made by the menus
        self.rail.currentRowChanged.connect(self._show_row)
        self.rail.viewport().installEventFilter(self)
        self.timer_toolbar = self.addToolBar("Timer")
        self.timer_toolbar.setObjectName("timer-toolbar")
        self.timer_toolbar.setMovable(False)
        self.timer_toolbar.addWidget(
            TimerBar(self.timer, lambda s: step_name(s) if s in STEP_IDS else s)
        )
        self.live = LiveSession(controller)
        self.live_bar = LiveBar(self.live)
        self.live_bar.join_changed.connect(self._join_changed)
        self.live_bar.phones_counted.connect(self._phones_counted)
        self.live_bar.done_counted.connect(self._done_counted)
        self.addToolBarBreak()  # the timer and live input side by side are too wide for 1280 px
        live_toolbar = self.addToolBar("Live input")
        live_toolbar.setObjectName("live-toolbar")
        live_toolbar.setMovable(False)
        live_toolbar.addWidget(self.live_bar)
        self.stage = Stage(
            lambda page: len(controller.plan.prompts(controller.content.step(page))), self
        )
        self.stage.page_changed.connect(self._presented_page)
        self.preview = ProjectorPreview(self.stage, self._stage_words, lambda: self.presenter)
        stage_toolbar = self.addToolBar("Projector")
        stage_toolbar.setObjectName("projector-toolbar")
        stage_toolbar.setMovable(False)
        stage_toolbar.addWidget(self.preview)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.rail)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.warnings = WarningsPanel(controller)
        self.warnings.step_requested.connect(self.show_step)
        self.warnings.case_requested.connect(self.preview_case)
        self.warnings.updated.connect(self._label_rail)
        self.warnings_dock = WarningsDock(self.warnings, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.warnings_dock)
        self.resizeDocks([self.warnings_dock], [330], Qt.Orientation.Horizontal)

        add_menus(self)
        self.live.started.connect(self._live_started)
        self.live.stopped.connect(self._live_stopped)
        settings = self.settings
        if geometry := settings.value("workshop_window/geometry"):
            self.restoreGeometry(geometry)
        if state := settings.value("workshop_window/state"):
            self.restoreState(state)
        self.fit_screen()  # again once shown, when the window frame is known
        controller.changed.connect(self.refresh)
        self.refresh()
        self.rail.setCurrentRow(0)

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the screen once the window frame's size is known."""
        super().showEvent(event)
        self.fit_screen()

    def fit_screen(self) -> None:
        """Keep the window inside the screen it is on (a size saved on a larger screen, or at
        another display scaling, would reach past its edges); on a narrow screen the rail
        shows numbers and the warnings their count."""
        available = self.screen().availableGeometry()
        if available.width() < NARROW_BELOW and not self._fitted_narrow:
            self._fitted_narrow = True  # once: the facilitator may open them again
            self.warnings_dock.set_collapsed(True)
        self._fit_rail(available.width())
        frame = self.frameGeometry()
        width = min(self.width(), available.width() - (frame.width() - self.width()))
        height = min(self.height(), available.height() - (frame.height() - self.height()))
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        x = min(max(frame.x(), available.x()), available.right() - frame.width() + 1)
        y = min(max(frame.y(), available.y()), available.bottom() - frame.height() + 1)
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def _add_page(self, page_id: str, label: str, factory: Callable[[], QWidget]) -> None:
        """Register a page; it is built the first time it is shown, to keep start-up quick."""
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, page_id)
        item.setSizeHint(QSize(0, 40))
        self.rail.addItem(item)
        self.pages.addWidget(QWidget())
        self.page_ids.append(page_id)
        self._factories.append(factory)

    def page(self, page_id: str) -> QWidget:
        """The page of ``page_id``, built now if it was not shown yet."""
        row = self.page_ids.index(page_id)
        if row not in self._built:
            placeholder = self.pages.widget(row)
            built = self._factories[row]()
            self.pages.insertWidget(row, built)
            if placeholder is not None:
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
            self._built.add(row)
            return built
        page = self.pages.widget(row)
        assert page is not None  # every row has a page
        return page

    def _step_page(self, step: Step, workspace: Callable[[], QWidget]) -> StepPage:
        page = StepPage(self.controller, step, workspace())
        page.case_requested.connect(self.preview_case)
        return page

    def _cases_page(self) -> CasesPage:
        page = CasesPage(self.controller)
        page.show_requested.connect(self.present_case)
        return page

    def _plan_page(self) -> PlanPage:
        page = PlanPage(self.controller)
        page.save_template.clicked.connect(self.save_template)
        page.send.clicked.connect(self.send_to_facilitator)
        return page

    def _followups_page(self) -> FollowUpsPage:
        page = FollowUpsPage(self.controller)
        page.pulse_requested.connect(self._checkin_pulse)
        return page

    def _checkin_pulse(self, checkin_id: int) -> None:
        if not self.live.running:
            self.statusBar().showMessage(
                "Start live input first (Ctrl+L); the phones then get the check-in's pulse.", 8000
            )
            return
        self.live.open_checkin(checkin_id)
        self.statusBar().showMessage("The phones now show the check-in's pulse.", 5000)

    def _report_page(self) -> QWidget:
        # Qt PDF, printing and ReportLab load when the report step is first opened
        from ampdesk.ui.report_page import ReportPage

        return ReportPage(self.controller)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        page_id = self.page_ids[row]
        self.page(page_id)
        self.pages.setCurrentIndex(row)
        self.timer.set_step(page_id)
        self.warnings.set_step(page_id)

    # -- the room: what is presented, apart from the page shown here -------------------------
    def present_page(self, page_id: str | None = None) -> None:
        """Room > Present this page: the projector and the phones move to ``page_id`` (the
        page shown here by default); until then they stay where they are."""
        self.stage.present(page_id or self.page_ids[max(self.rail.currentRow(), 0)])

    def next_prompt(self) -> None:
        """Room > Next prompt of the presented step."""
        self.stage.move_prompt(1)

    def previous_prompt(self) -> None:
        """Room > Previous prompt of the presented step."""
        self.stage.move_prompt(-1)

    def _presented_page(self, page_id: str) -> None:
        self.live_bar.follow(page_id)  # the phones open the presented page's activity

    def _stage_words(self) -> str:
        stage = self.stage
        prompts = 0
        if stage.page in STEP_IDS:
            prompts = len(self.controller.plan.prompts(self.controller.content.step(stage.page)))
        title = None
        if stage.case is not None and not stage.case.startswith("own:"):
            title = self.controller.content.case(stage.case).title
        return stage_words(stage, self.controller.content, prompts, title)

    def open_presenter(self) -> PresenterWindow:
        """Open (or raise) the presenter screen, showing what is presented; the keyboard
        stays in this window."""
        if self.presenter is None:
            self.presenter = PresenterWindow(self.controller, self.timer, self.stage)
            self.presenter.set_join(self.live.info)
            if self.live.running:
                self.live_bar.refresh()  # the phone count, on the presenter too
            projector = self._projector_screen()
            if projector is not None:
                self.presenter.setScreen(projector)
                self.presenter.move(projector.geometry().topLeft())
                self.presenter.showFullScreen()
                self.statusBar().showMessage(
                    f"The presenter is full screen on {projector.name() or 'the second screen'}. "
                    "Ctrl+Enter presents this page, Ctrl+→ and Ctrl+← its prompts, Ctrl+B "
                    "blacks it out, F11 switches full screen (leave it to drag the window).",
                    12000,
                )
        self.presenter.show()
        self.presenter.raise_()
        self.activateWindow()  # the keyboard stays with the facilitator
        self.preview.refresh()
        return self.presenter

    def _projector_screen(self) -> QScreen | None:
        """A screen other than the window's (the projector), if there is one."""
        others = [s for s in QGuiApplication.screens() if s is not self.screen()]
        return others[0] if others else None

    def toggle_presenter_full_screen(self) -> None:
        """F11 from the main window: the presenter full screen, or back to a window."""
        self.open_presenter().toggle_full_screen()

    def toggle_blackout(self) -> None:
        """Blank the projector, or show it again."""
        self.open_presenter()
        self.stage.set_black(not self.stage.black)

    def _join_changed(self, info: dict[str, object] | None) -> None:
        if self.presenter is not None:
            self.presenter.set_join(info)

    def _phones_counted(self, count: int) -> None:
        if self.presenter is not None:
            self.presenter.set_phone_count(count)

    def _done_counted(self, done: int, phones: int) -> None:
        if self.presenter is not None:
            self.presenter.set_done(done, phones)

    def present_case(self, case_id: str) -> None:
        """Show a case on the presenter screen (opening it if needed)."""
        self.open_presenter()
        self.stage.show_case(case_id)

    def new_workshop(self) -> None:
        """File > New: a new workshop, its file suggested beside this one."""
        self.new_requested.emit(self.controller.workshop.path.parent)

    def open_workshop(self) -> None:
        """File > Open: choose a workshop, starting in this one's folder."""
        self.open_requested.emit(self.controller.workshop.path.parent)

    def open_recent(self, path: Path) -> None:
        """File > Open Recent: open another workshop (this one stays open)."""
        self.open_path_requested.emit(path)

    def enter_warnings(self) -> None:
        """View > Go to the warnings (F6): Tab then moves through the warnings panel."""
        self.warnings_dock.show()
        self.warnings_dock.set_collapsed(False)
        self.warnings.enter()

    def _live_started(self) -> None:
        self.live_action.setText("Stop &live input")

    def _live_stopped(self) -> None:
        self.live_action.setText("Start &live input")

    def phones_may_go(self) -> bool:
        """While phones are connected, ask before closing stops live input."""
        phones = len(self.live.store.phones()) if self.live.running else 0
        if not phones:
            return True
        answer = QMessageBox.question(
            self,
            "Stop live input?",
            f"{phones} {'phone is' if phones == 1 else 'phones are'} connected to "
            f"{self.controller.workshop.path.name}. Closing stops live input: the phones can "
            "no longer send answers (everything sent so far is saved).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def quit_app(self) -> None:
        """File > Quit: close every window, once each with phones connected agreed."""
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, WorkshopWindow)]
        if all(w.phones_may_go() for w in windows):
            self._leaving = True
            for window in windows:
                window._leaving = True
            QApplication.closeAllWindows()

    def close_to_start(self) -> None:
        """Close this workshop and go back to the start window."""
        if not self.phones_may_go():
            return
        self._leaving = True
        if self.close():
            self.start_requested.emit()

    def save_as(self) -> None:
        """Write a copy of the workshop to a new file (every change is already saved)."""
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Save a copy as",
            str(self.controller.workshop.path),
            "ampdesk workshops (*.ampdesk)",
        )
        if not name:
            return
        try:
            self.controller.workshop.copy_to(Path(name).with_suffix(".ampdesk"))
        except (ValueError, WorkshopFileError, OSError) as exc:  # onto itself, a full disk
            reason = explain(exc, self.controller.workshop.path) or str(exc)
            QMessageBox.critical(self, "Copy not saved", reason)

    def save_template(self) -> Path | None:
        """Save the plan as a template file (no answers, names or pay)."""
        self.controller.flush_requested.emit()
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Save the plan as a template",
            str(self.controller.workshop.path.with_suffix(".json")),
            "ampdesk templates (*.json)",
        )
        if not name:
            return None
        target = Path(name).with_suffix(".json")
        title = self.controller.details().title
        try:
            self.controller.workshop.save_template(target, title)
        except OSError as exc:
            QMessageBox.critical(self, "Template not saved", f"{target.name}: {exc.strerror}")
            return None
        self.statusBar().showMessage(f"Saved the template {target.name}", 5000)
        return target

    def send_to_facilitator(self) -> Path | None:
        """Write a copy of the prepared workshop for the facilitator who runs it."""
        self.controller.flush_requested.emit()
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Send to facilitator: write a copy",
            str(
                self.controller.workshop.path.with_name(
                    f"{self.controller.workshop.path.stem} (for facilitator).ampdesk"
                )
            ),
            "ampdesk workshops (*.ampdesk)",
        )
        if not name:
            return None
        question = QMessageBox(self)
        question.setWindowTitle("Send to facilitator")
        question.setText("Should the copy hold each person's pay?")
        question.setInformativeText(
            "Without it, the facilitator sees the audit's figures per role and level, and the "
            "gate works as it does here; no single person's pay is in the file."
        )
        without = question.addButton("Leave out individual pay", QMessageBox.ButtonRole.AcceptRole)
        with_pay = question.addButton(
            "Include individual pay", QMessageBox.ButtonRole.DestructiveRole
        )
        question.addButton(QMessageBox.StandardButton.Cancel)
        question.setDefaultButton(without)
        question.exec()
        if question.clickedButton() not in (without, with_pay):
            return None
        return self.hand_over(
            Path(name).with_suffix(".ampdesk"), question.clickedButton() is with_pay
        )

    def hand_over(self, target: Path, include_individual_pay: bool) -> Path | None:
        """Write the hand-over copy to ``target``; problems are explained, nothing half written."""
        try:
            self.controller.workshop.hand_over(target, include_individual_pay)
        except (OSError, WorkshopFileError) as exc:
            QMessageBox.critical(self, "Copy not written", str(exc))
            return None
        self.statusBar().showMessage(f"Wrote {target.name} for the facilitator", 5000)
        return target

    def show_step(self, page_id: str) -> bool:
        """Open a page by id; refused (False, with the reason shown) while the gate locks it."""
        row = self.page_ids.index(page_id)
        item = self.rail.item(row)
        if not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.explain_lock(page_id)
            return False
        self.rail.setCurrentRow(row)
        return True

    def explain_lock(self, page_id: str) -> None:
        """Say why a step is locked and where to go (a click on a locked step lands here)."""
        step = self.controller.content.step(page_id)
        first = self.controller.content.steps[0]
        self.lock_message = (
            f"Step {step.number} waits for the pay-fairness gate. Go to {step_words(first.id)}: "
            "address pay fairness there, or record an override with a reason and a remediation."
        )
        self.statusBar().showMessage(self.lock_message, 12000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click on a locked step of the rail explains the lock instead of doing nothing."""
        if watched is self.rail.viewport() and event.type() == QEvent.Type.MouseButtonPress:
            assert isinstance(event, QMouseEvent)
            item = self.rail.itemAt(event.position().toPoint())
            if item is not None and not item.flags() & Qt.ItemFlag.ItemIsEnabled:
                self.explain_lock(item.data(Qt.ItemDataRole.UserRole))
                return True
        return super().eventFilter(watched, event)

    def preview_case(self, case_id: str) -> None:
        """Open a case on the Cases page; from there it goes on the projector."""
        self.show_step("cases")
        page = self.page("cases")
        assert isinstance(page, CasesPage)
        page.select(case_id)

    def refresh(self) -> None:
        """Update the window title, the rail's states and every page."""
        details = self.controller.details()
        self.setWindowTitle(f"{details.title} — {self.controller.workshop.path.name} — ampdesk")
        remember_title(self.settings, self.controller.workshop.path, details.title)
        evaluation = self.controller.evaluation
        statuses = self.controller.step_statuses()
        for row, page_id in enumerate(self.page_ids):
            item = self.rail.item(row)
            page = self.pages.widget(row)
            if row in self._built and isinstance(page, StepPage):
                page.refresh()
            if page_id not in statuses:
                item.setIcon(icon("ampdesk"))
                continue
            step = self.controller.content.step(page_id)
            label = f"{step.number}  {step_name(page_id)}"
            locked = evaluation.step_locked(page_id)
            self.go_actions[page_id].setEnabled(not locked)
            flags = item.flags()
            if locked:
                lines = self.controller.disclosure.reason_lines(
                    evaluation.gate.reasons, evaluation.roles
                )
                reasons = "".join(f"<li>{escape(line)}</li>" for line in lines)
                item.setIcon(icon("step-locked"))
                item.setToolTip(
                    f"<p>{escape(gate_holds_step(evaluation.gate.state))}</p>"
                    + (f"<ul>{reasons}</ul>" if reasons else "")
                )
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{label}, locked")
            else:
                status = statuses[page_id]
                item.setIcon(icon(STATE_ICON[status]))
                item.setToolTip(f"<p>{escape(step.title)}: {progress_words(status)}</p>")
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
                item.setData(
                    Qt.ItemDataRole.AccessibleTextRole, f"{label}, {progress_words(status)}"
                )
        self._label_rail()
        if not self.rail.currentItem() or not (
            self.rail.currentItem().flags() & Qt.ItemFlag.ItemIsEnabled
        ):
            self.rail.setCurrentRow(0)

    def set_rail_narrow(self, narrow: bool | None) -> None:
        """Show the rail with numbers only (True), names (False), or as the screen allows."""
        self.rail_narrow = narrow
        self._fit_rail(self.screen().availableGeometry().width())

    def _fit_rail(self, screen_width: int) -> None:
        narrow = self.rail_narrow
        if narrow is None:
            narrow = screen_width < NARROW_BELOW
        self._rail_is_narrow = narrow
        self.narrow_action.blockSignals(True)
        self.narrow_action.setChecked(narrow)
        self.narrow_action.blockSignals(False)
        self._label_rail()

    def _fit_rail_width(self) -> None:
        """As wide as the longest label with room for a warnings mark ("⚠ 9"), wider only
        when a mark needs it: never a cut label."""
        self.rail.ensurePolished()
        metrics = self.rail.fontMetrics()
        texts = [self.rail.item(row).text() for row in range(self.rail.count())]
        names = [t.split(self._mark(1)[:3])[0] for t in texts]  # without their marks
        widest = max(
            max(metrics.horizontalAdvance(t) for t in texts),
            max(metrics.horizontalAdvance(n + self._mark(9)) for n in names),
        )
        self.rail.setFixedWidth(widest + RAIL_ROOM)

    @staticmethod
    def _mark(new: int) -> str:
        return f"  \u26a0 {new}" if new else ""

    def _label_rail(self) -> None:
        """Each page's name on the rail (or its number or letter when the rail is narrow),
        with the number of new warnings about a step; names stay in the tooltip."""
        narrow = getattr(self, "_rail_is_narrow", False)
        for row, page_id in enumerate(self.page_ids):
            item = self.rail.item(row)
            if page_id in STEP_IDS:
                number = self.controller.content.step(page_id).number
                name = step_name(page_id)
                new = self.warnings.new_count(page_id)
                label = f"{number}" if narrow else f"{number}  {name}"
                item.setText(label + self._mark(new))
            else:
                name = RAIL_NAMES[page_id]
                item.setText(name[0] if narrow else name)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, name)
                item.setToolTip(name)
        self._fit_rail_width()

    def _store_lost(self, message: str) -> None:
        """The store host ended: say so in one line and close this workshop (every change
        it confirmed is in the file; nothing more can be written)."""
        notice = QMessageBox(QMessageBox.Icon.Critical, "Workshop closed", f"{message}.")
        notice.setObjectName("store_lost")
        notice.show()
        self.lost_notice = notice  # outlives this window's closing
        QTimer.singleShot(0, self.close)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Release the file when the window closes; every change is already saved. Closed
        from the window's frame while phones are connected, it asks first."""
        if event.spontaneous() and not self._leaving and not self.phones_may_go():
            event.ignore()
            return
        if not self.controller.workshop.lost:
            # typed text is kept while the file is still open: the editor that has the focus
            # saves on losing it, and the others on the flush
            focused = QApplication.focusWidget()
            if focused is not None and self.isAncestorOf(focused):
                focused.clearFocus()
            self.controller.flush_requested.emit()
        self.live.stop()
        if not self.controller.workshop.lost:
            self.timer.pause()  # the time taken so far is kept in the file
        if self.presenter is not None:
            self.presenter.close()
        if self.page_ids.index("report") in self._built:
            report = self.page("report")
            report.shutdown()  # type: ignore[attr-defined]  # a report being written finishes first
        self.settings.setValue("workshop_window/geometry", self.saveGeometry())
        self.settings.setValue("workshop_window/state", self.saveState())
        self.controller.close()
        super().closeEvent(event)
