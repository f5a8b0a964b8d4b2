"""Opening a damaged workshop says what is damaged and offers a repaired copy, which opens;
the damaged file is left byte for byte as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from ampdesk.demo import write_demo
from ampdesk.ui.opening import open_workshop_window
from tests.store.test_repair import _damaged_index


def _click_when_shown(text: str, seen: list[str]) -> None:
    """Click the button named ``text`` of the message box once it is shown."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        button = next(b for b in box.findChildren(QPushButton) if b.text() == text)
        button.click()

    QTimer.singleShot(20, click)


@pytest.mark.slow
def test_a_damaged_file_is_offered_a_repaired_copy_that_opens(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "offsite.ampdesk"
    write_demo(path).close()
    notes = _damaged_index(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    target = tmp_path / "offsite (repaired).ampdesk"
    seen: list[str] = []
    told: list[str] = []
    _click_when_shown("Write a repaired copy…", seen)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    with (
        patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), "")) as asked,
        patch.object(QMessageBox, "information", lambda _p, _t, text: told.append(text)),
    ):
        window = open_workshop_window(path, settings)
    assert window is not None
    qtbot.addWidget(window)
    assert "the index ix_note_step does not match the note table" in seen[0]
    assert asked.call_args.args[2] == str(target)  # the copy's name is suggested beside it
    assert told and "0 rows could not be read" in told[0] and "was left as it was" in told[0]
    assert window.controller.workshop.path == target
    assert len(window.controller.store.notes.all()) == notes
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    window.close()
