"""Shared test setup: Qt runs offscreen; settings and app data go to a throwaway folder."""

import os
import tempfile
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def _isolated_settings() -> Iterator[None]:
    """Keep recent files and window geometry of test runs out of the user's settings."""
    from PySide6.QtCore import QSettings, QStandardPaths

    with tempfile.TemporaryDirectory() as folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        QStandardPaths.setTestModeEnabled(True)
        yield
