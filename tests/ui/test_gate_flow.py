"""The gate in the app: import pay so it blocks, fail to enter step 2, override, go on."""

from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from ampdesk.framework.content import framework
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.fairness_panel import FairnessPanel
from ampdesk.ui.hosted import host_workshop
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.override_dialog import OverrideDialog

UNDERPAID = (
    "role,level,work_type,pay,market_median\n"
    "Designer,Mid,creative,40000,50000\nDesigner,Mid,creative,41000,50000\n"
)


def _open(qtbot: QtBot, path: Path) -> WorkshopWindow:
    window = WorkshopWindow(WorkshopController(host_workshop(path), framework()))
    qtbot.addWidget(window)
    window.show()
    return window


def _panel(window: WorkshopWindow) -> FairnessPanel:
    return window.page("fairness").findChild(FairnessPanel)  # type: ignore[return-value]


@pytest.mark.slow
def test_import_block_override_unlock(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Gate").close()
    csv = tmp_path / "pay.csv"
    csv.write_text(UNDERPAID, encoding="utf-8")
    window = _open(qtbot, path)
    panel = _panel(window)

    assert panel.import_file(csv)
    qtbot.waitUntil(lambda: window.controller.evaluation.gate.state == "blocked")
    assert not window.show_step("autonomy")
    assert "Designer / Mid" in panel.gate.label.text()

    def fill_and_accept(dialog: OverrideDialog) -> int:
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert not ok.isEnabled()  # nothing typed yet
        qtbot.keyClicks(dialog.reason, "Pay round is decided in March")
        qtbot.keyClicks(dialog.remediation, "Raise both designers to market")
        assert not ok.isEnabled()  # still no owner
        qtbot.keyClicks(dialog.owner, "Head of People")
        assert ok.isEnabled()
        return QDialog.DialogCode.Accepted

    with patch.object(OverrideDialog, "exec", fill_and_accept):
        qtbot.mouseClick(panel.override_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.evaluation.gate.overridden)
    assert window.show_step("autonomy")
    ids = {f.id for f in window.controller.evaluation.findings}
    assert "ignoring_baseline_fairness" in ids

    window.controller.undo_stack.undo()  # the override is undoable
    qtbot.waitUntil(lambda: not window.controller.evaluation.gate.overridden)
    assert not window.show_step("autonomy")
    window.controller.undo_stack.redo()
    qtbot.waitUntil(lambda: window.controller.evaluation.gate.overridden)
    window.close()

    with open_workshop(path) as workshop:
        override = WorkshopStore(workshop).gate.active_override()
    assert override is not None and override.owner == "Head of People"


@pytest.mark.slow
def test_bad_pay_file_is_explained_and_changes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Gate").close()
    bad = tmp_path / "bad.csv"
    bad.write_text("role,level\nDesigner,Mid\n", encoding="utf-8")
    window = _open(qtbot, path)
    with patch.object(QMessageBox, "warning") as warning:
        assert not _panel(window).import_file(bad)
    assert "missing required column" in warning.call_args.args[2]
    assert window.controller.store.pay.rows() == ()
