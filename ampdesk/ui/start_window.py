"""The start window: new workshop, open a file, recent files, the demo workshop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ampdesk.ui.icons import icon
from ampdesk.ui.recent import recent_files, recent_titles, start_folder
from ampdesk.ui.text_limits import ask_text
from ampdesk.ui.widgets import heading, plain_label

if TYPE_CHECKING:
    from ampdesk.framework.plan import Template
    from ampdesk.ui.main_window import WorkshopWindow

# The store (SQLAlchemy) and the workshop window load when a workshop is first created or
# opened, so that this window is on the screen within a fraction of a second.

FILE_FILTER = "ampdesk workshops (*.ampdesk)"
Opener = Callable[[Path, QSettings, QWidget], "WorkshopWindow | None"]


def demo_path() -> Path:
    """Where the demo workshop is written (the user's application data folder)."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "demo.ampdesk"


class StartWindow(QWidget):
    """Shown when ampdesk starts without a file."""

    def __init__(self, settings: QSettings, open_window: Opener) -> None:
        """A start window keeping its recent list in ``settings``, opening workshops with
        ``open_window`` (the opener's, ui/opening.py)."""
        super().__init__()
        self.settings = settings
        self._open_window = open_window
        self.setWindowTitle("ampdesk")
        self.setWindowIcon(icon("ampdesk"))
        self.resize(720, 520)
        self.windows: list[WorkshopWindow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(12)
        layout.addWidget(heading("ampdesk", 1))
        layout.addWidget(
            plain_label(
                "Run an Autonomy, Mastery, Purpose workshop with your team and leave with a "
                "printed report. Everything stays in one file on this computer."
            )
        )
        buttons = QHBoxLayout()
        for text, slot, primary in (
            ("New workshop…", self.new_workshop, True),
            ("New from template…", self.new_from_template, False),
            ("Open workshop…", self.open_file, False),
            ("Open the demo workshop", self.open_demo, False),
        ):
            button = QPushButton(text)
            button.setProperty("primary", primary)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(heading("Recent workshops", 2))
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent workshops")
        self.recent.itemActivated.connect(self._open_recent)
        layout.addWidget(self.recent, 1)
        self.refresh_recent()

    def refresh_recent(self) -> None:
        """List the recent files that still exist."""
        self.recent.clear()
        titles = recent_titles(self.settings)
        for path in recent_files(self.settings):
            if path.exists():
                item = QListWidgetItem(f"{titles.get(str(path), path.stem)}    ({path.name})")
                item.setToolTip(str(path))
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                self.recent.addItem(item)
        if not self.recent.count():
            placeholder = QListWidgetItem("Workshops you open appear here.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)

    def open_path(self, path: Path) -> None:
        """Open the workshop at ``path`` (a problem is explained in a dialog)."""
        window = self._open_window(path, self.settings, self)
        if window is not None:
            self.windows.append(window)
            self.refresh_recent()
            self.hide()

    def _open_recent(self, item: QListWidgetItem) -> None:
        if stored := item.data(Qt.ItemDataRole.UserRole):
            self.open_path(Path(stored))

    def new_workshop(self, folder: Path | None = None) -> None:
        """Ask for a title and a file name (in ``folder``, by default the newest recent
        workshop's), create the workshop and open it."""
        from ampdesk.store.creation import create_whole
        from ampdesk.store.workshop_file import WorkshopFileError

        title, ok = ask_text(self, "New workshop", "Title of the workshop:", "workshop.title")
        if not ok:
            return
        folder = folder or start_folder(self.settings)
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Create workshop file",
            str(folder / f"{title or 'workshop'}.ampdesk"),
            FILE_FILTER,
        )
        if not name:
            return
        path = Path(name).with_suffix(".ampdesk")
        try:
            create_whole(path, title)
        except WorkshopFileError as exc:
            QMessageBox.critical(self, "Cannot create workshop", str(exc))
            return
        self.open_path(path)

    def new_from_template(self) -> None:
        """Choose a template (shipped, or a file), then a title and a file name."""
        from ampdesk.framework.plan import PlanError
        from ampdesk.store.templates import load_template

        choices = {"Half-day workshop (about 4 hours)": "half-day",
                   "Full-day workshop": "full-day",
                   "A template file…": ""}  # fmt: skip
        label, ok = QInputDialog.getItem(
            self, "New from template", "Start from:", list(choices), 0, False
        )
        if not ok:
            return
        source: str | Path = choices[label]
        if not source:
            name, _ = QFileDialog.getOpenFileName(
                self,
                "Choose a template",
                str(start_folder(self.settings)),
                "ampdesk templates (*.json)",
            )
            if not name:
                return
            source = Path(name)
        try:
            template = load_template(source)
        except (PlanError, OSError) as exc:
            QMessageBox.critical(self, "Cannot use this template", str(exc))
            return
        title, ok = ask_text(
            self, "New workshop", "Title of the workshop:", "workshop.title", template.title
        )
        if not ok:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Create workshop file",
            str(start_folder(self.settings) / f"{title or 'workshop'}.ampdesk"),
            FILE_FILTER,
        )
        if name:
            self.create_from_template(template, title, Path(name).with_suffix(".ampdesk"))

    def create_from_template(self, template: Template, title: str, path: Path) -> None:
        """Create ``path`` planned as ``template`` says and open it."""
        from ampdesk.store.templates import new_from_template
        from ampdesk.store.workshop_file import WorkshopFileError

        try:
            new_from_template(path, template, title or None).close()
        except WorkshopFileError as exc:
            QMessageBox.critical(self, "Cannot create workshop", str(exc))
            return
        self.open_path(path)

    def open_file(self, folder: Path | None = None) -> None:
        """Choose a workshop file (in ``folder``, by default the newest recent workshop's) and
        open it."""
        folder = folder or start_folder(self.settings)
        name, _ = QFileDialog.getOpenFileName(self, "Open workshop", str(folder), FILE_FILTER)
        if name:
            self.open_path(Path(name))

    def open_demo(self) -> None:
        """Write a fresh copy of the demo workshop and open it."""
        from ampdesk.demo import write_demo

        path = demo_path()
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        write_demo(path).close()
        self.open_path(path)
