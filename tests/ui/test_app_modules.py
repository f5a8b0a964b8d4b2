"""How the window modules hang together: no import cycle, settings given, not made anew."""

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

import ampdesk.ui
from ampdesk.store.workshop_file import create_workshop
from ampdesk.store.writer_lock import HOLDER_ENV
from ampdesk.ui.opening import open_workshop_window
from ampdesk.ui.recent import app_settings, recent_files, remember_recent
from ampdesk.ui.start_window import StartWindow

UI = Path(ampdesk.ui.__file__).parent


def _module_level_imports(path: Path) -> set[str]:
    """The ampdesk.ui modules ``path`` imports when it loads (not inside a function, not
    only for type checking)."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name.removeprefix("ampdesk.ui.") for name in found if name.startswith("ampdesk.ui.")}


def test_no_window_module_imports_itself_back() -> None:
    graph = {path.stem: _module_level_imports(path) for path in UI.glob("*.py")}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for name in graph.get(start, ()):
            if name == goal or (name not in seen and reaches(name, goal, seen | {name})):
                return True
        return False

    assert [m for m in graph if reaches(m, m, set())] == []
    assert "app" not in graph["start_window"]  # the old cycle: opening files lives on its own


def test_windows_keep_what_they_remember_in_the_settings_given(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOLDER_ENV, "")  # opening sets it for the app's server; put back after
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    path = tmp_path / "offsite.ampdesk"
    create_workshop(path, "Offsite in May").close()
    remember_recent(settings, path)
    start = StartWindow(settings, open_workshop_window)
    qtbot.addWidget(start)
    assert start.recent.item(0).text().startswith("offsite")  # no title seen yet: the name
    start.open_path(path)
    (window,) = start.windows
    qtbot.addWidget(window)
    assert window.settings is settings
    window.close()
    settings.sync()
    saved = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "geometry" in saved and "Offsite in May" in saved
    assert recent_files(settings) == [path.resolve()]
    assert path.resolve() not in recent_files(app_settings())  # the app's own are untouched
