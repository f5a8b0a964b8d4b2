"""Nothing changes by accident: the wheel over a field, a privacy setting changed in passing."""

from unittest.mock import patch

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QMessageBox,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ampdesk.ui.fairness_panel import FairnessPanel
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.plan_page import PlanPage


def wheel(field: QWidget, notches: int = 1) -> None:
    """Turn the wheel ``notches`` notches up over ``field``."""
    target = field
    for _ in range(notches):
        event = QWheelEvent(
            QPointF(5, 5),
            QPointF(target.mapToGlobal(QPoint(5, 5))),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(target, event)


def value(field: QWidget) -> object:
    if isinstance(field, QComboBox):
        return field.currentIndex()
    assert isinstance(field, QAbstractSpinBox)
    return field.text()


@pytest.mark.slow
def test_the_wheel_over_any_field_of_any_page_changes_nothing(
    demo_window: WorkshopWindow,
) -> None:
    checked = 0
    for page_id in demo_window.page_ids:
        if demo_window.show_step(page_id):
            page = demo_window.page(page_id)
            demo_window.rail.setFocus()
            for field in page.findChildren(QAbstractSpinBox) + page.findChildren(QComboBox):
                if not field.isVisibleTo(page) or not field.isEnabled():
                    continue
                before = value(field)
                field.setFocus()  # focus alone (Tab) does not arm the wheel either
                wheel(field, 3)
                assert value(field) == before, (page_id, field.accessibleName())
                checked += 1
    assert checked >= 10


@pytest.mark.slow
def test_the_wheel_changes_a_count_clicked_into_and_scrolls_the_page_otherwise(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    demo_window.resize(1024, 600)
    demo_window.show_step("fairness")
    panel = demo_window.page("fairness").findChild(FairnessPanel)
    assert panel is not None
    box = panel.pulse.boxes["peers"][0]
    box.setValue(0)
    scroll = demo_window.page("fairness")
    assert isinstance(scroll, QScrollArea)
    bar = scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    before = bar.value()
    wheel(box)
    assert box.value() == 0
    assert bar.value() < before  # the page scrolled instead
    qtbot.mouseClick(box.findChild(QWidget), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(box.hasFocus)
    wheel(box)
    assert box.value() == 1
    demo_window.rail.setFocus()
    qtbot.waitUntil(lambda: not box.hasFocus())
    wheel(box)
    assert box.value() == 1


@pytest.mark.slow
def test_the_wheel_never_changes_the_anonymity_threshold(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    page = demo_window.page("plan")
    assert isinstance(page, PlanPage)
    qtbot.mouseClick(page.threshold.findChild(QWidget), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.threshold.hasFocus)
    with patch.object(QMessageBox, "question") as question:
        wheel(page.threshold, 6)
        demo_window.rail.setFocus()
        qtbot.waitUntil(lambda: not page.threshold.hasFocus())
    assert page.threshold.value() == 5
    assert demo_window.controller.anonymity_threshold() == 5
    question.assert_not_called()


@pytest.mark.slow
def test_a_new_anonymity_threshold_is_kept_only_once_confirmed(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    page = demo_window.page("plan")
    assert isinstance(page, PlanPage)
    page.threshold.setFocus()
    qtbot.waitUntil(page.threshold.hasFocus)
    page.threshold.selectAll()
    qtbot.keyClicks(page.threshold, "3")
    cancel = QMessageBox.StandardButton.Cancel
    with patch.object(QMessageBox, "question", return_value=cancel) as question:
        qtbot.keyClick(page.threshold, Qt.Key.Key_Return)
    assert "from 5 to 3" in question.call_args.args[2]
    assert "Groups of 3 to 4 answers will then be shown" in question.call_args.args[2]
    assert demo_window.controller.anonymity_threshold() == 5
    assert page.threshold.value() == 5
    page.threshold.selectAll()
    qtbot.keyClicks(page.threshold, "3")
    with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes):
        qtbot.keyClick(page.threshold, Qt.Key.Key_Return)
    assert demo_window.controller.anonymity_threshold() == 3
