"""The app's settings and the recent-files list kept in them (newest first, with titles)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8


@cache
def app_settings() -> QSettings:
    """The app's settings, made once (after the application has its name); windows are given
    them, and tests give a window settings of their own."""
    return QSettings()


def remember_recent(settings: QSettings, path: Path) -> None:
    """Put ``path`` first in the recent-files list."""
    recent = [p for p in recent_files(settings) if p != path.resolve()]
    settings.setValue("recent_files", [str(p) for p in [path.resolve(), *recent][:MAX_RECENT]])


def recent_files(settings: QSettings) -> list[Path]:
    """The recently opened workshops, newest first."""
    value = settings.value("recent_files", [])
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [Path(p) for p in items]


def recent_titles(settings: QSettings) -> dict[str, str]:
    """The workshops' titles by file path, as last seen open (the recent list shows them)."""
    try:
        titles = json.loads(str(settings.value("recent_titles", "{}")))
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in titles.items()} if isinstance(titles, dict) else {}


def remember_title(settings: QSettings, path: Path, title: str) -> None:
    """Keep a workshop's title for the recent list."""
    titles = recent_titles(settings)
    if titles.get(str(path.resolve())) != title:
        titles[str(path.resolve())] = title
        known = {str(p) for p in recent_files(settings)} | {str(path.resolve())}
        settings.setValue(
            "recent_titles", json.dumps({k: v for k, v in titles.items() if k in known})
        )


def start_folder(settings: QSettings) -> Path:
    """Where a file dialog opens without a workshop in hand: the newest recent workshop's
    folder, else the user's documents (never the folder the app was started from)."""
    for path in recent_files(settings):
        if path.parent.is_dir():
            return path.parent
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.StandardLocation.DocumentsLocation
    return Path(QStandardPaths.writableLocation(location) or Path.home())
