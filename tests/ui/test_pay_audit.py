"""Typing the pay audit in by hand: add, edit a cell, delete, undo, all kept in the file."""

from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ampdesk.framework.content import framework
from ampdesk.store.workshop_file import create_workshop, open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.fairness_panel import FairnessPanel
from ampdesk.ui.hosted import host_workshop
from ampdesk.ui.pay_row_dialog import PayRowDialog
from ampdesk.ui.pay_table_model import COLUMNS, COMPA_COLUMN


@pytest.mark.slow
def test_type_edit_delete_and_undo(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    create_workshop(path, "Audit").close()
    controller = WorkshopController(host_workshop(path), framework())
    panel = FairnessPanel(controller)
    qtbot.addWidget(panel)

    def fill(dialog: PayRowDialog) -> int:
        qtbot.keyClicks(dialog.person, "Heron")
        qtbot.keyClicks(dialog.role, "Designer")
        qtbot.keyClicks(dialog.level, "Mid")
        dialog.pay.setValue(45_000)
        dialog.market.setValue(50_000)
        return QDialog.DialogCode.Accepted

    with patch.object(PayRowDialog, "exec", fill):
        panel.add_person()
    qtbot.waitUntil(lambda: panel.pay_model.rowCount() == 1)
    model = panel.pay_model
    assert model.data(model.index(0, COMPA_COLUMN)) == "0.90"  # 45,000 / 50,000

    pay_column = [name for _, name in COLUMNS].index("pay")
    assert not model.setData(model.index(0, pay_column), "-3")  # refused, nothing written
    assert model.setData(model.index(0, pay_column), "40000")
    qtbot.waitUntil(lambda: controller.evaluation.gate.state == "blocked")  # 40,000 / 50,000
    assert "low_compa_ratio" in {r.code for r in controller.evaluation.gate.reasons}
    assert not model.flags(model.index(0, COMPA_COLUMN)) & Qt.ItemFlag.ItemIsEditable

    panel.pay_view.selectRow(0)
    panel.delete_selected()
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    controller.undo_stack.undo()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    controller.close()

    with open_workshop(path) as workshop:
        (row,) = WorkshopStore(workshop).pay.rows()
    assert (row.person, row.pay, row.market_median) == ("Heron", 40_000, 50_000)
