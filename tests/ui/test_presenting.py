"""Presenting is separate from browsing: the facilitator drives the projector and the phones
from the laptop window alone, and both follow what is presented, not the page on screen."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ampdesk.framework.fairness import GateOverride
from ampdesk.ui.cases_page import CasesPage
from ampdesk.ui.main_window import WorkshopWindow
from tests.live.client import Phone

CTRL = Qt.KeyboardModifier.ControlModifier
TWO_SCREENS = "AMPDESK_TEST_TWO_SCREENS"  # set when the test runs again on two screens
ROOT = Path(__file__).resolve().parents[2]


def _activity(phone: Phone) -> str:
    return str(phone.state().data.get("activity"))


def _settles_on(qtbot: QtBot, phone: Phone, activity: str) -> None:
    for _ in range(50):
        if _activity(phone) == activity:
            return
        qtbot.wait(200)
    raise AssertionError(f"the phone never showed {activity}")


def _screen(window: WorkshopWindow) -> str:
    assert window.presenter is not None
    return "\n".join(label.text() for label in window.presenter.findChildren(QLabel))


def test_a_workshop_driven_from_the_laptop_window_alone(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    window = demo_window
    window.controller.set_override(
        GateOverride("Audit not ready", "Run the pay audit", "HR lead", dt.date(2027, 1, 15))
    )
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.live_bar.choose_host("127.0.0.1")
    with qtbot.waitSignal(window.live.started, timeout=30000) as started:
        qtbot.keyClick(window.rail, Qt.Key.Key_L, CTRL)
    info = started.args[0]
    phone = Phone(str(info["url"]))
    assert phone.join(str(info["code"])).status == 201
    qtbot.keyClick(window.rail, Qt.Key.Key_F5)
    presenter = window.presenter
    assert presenter is not None and presenter.isVisible()
    if os.environ.get(TWO_SCREENS):  # full screen on the projector beside the laptop
        assert presenter.isFullScreen()
        assert presenter.screen().name() == "projector" and window.screen().name() == "laptop"
    # the projector never takes the keyboard: the laptop window keeps it
    assert QGuiApplication.focusWindow() is window.windowHandle()
    assert presenter.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)

    # present step 1: projector and phones move; the window's keys drive the prompts
    qtbot.keyClick(window.rail, Qt.Key.Key_1, CTRL)
    window.rail.setFocus()
    qtbot.keyClick(window.rail, Qt.Key.Key_Return, CTRL)
    _settles_on(qtbot, phone, "pulse")
    fairness = window.controller.content.step("fairness")
    prompts = [text for _, text in window.controller.plan.prompts(fairness)]
    assert prompts[0] in _screen(window)
    qtbot.keyClick(window.rail, Qt.Key.Key_Right, CTRL)
    assert prompts[1] in _screen(window)
    assert "prompt 2 of" in window.preview.state.text()
    assert not window.preview.picture.pixmap().isNull()  # the projector, small

    # browsing elsewhere changes nothing in the room
    for number in (0, 5, 7, 8, 3):  # plan, actions, report, cases, step 3
        qtbot.keyClick(window.rail, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        qtbot.wait(100)
        assert prompts[1] in _screen(window)
    qtbot.wait(600)
    assert _activity(phone) == "pulse"
    # (offscreen, building a step page with combo boxes leaves no window active; the
    # projector is not the one that took it)
    assert QGuiApplication.focusWindow() is not presenter.windowHandle()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.live.page == "fairness"

    # black-out from the window, then back
    qtbot.keyClick(window.rail, Qt.Key.Key_B, CTRL)
    assert presenter.blackout.isVisible() and "black" in window.preview.state.text()
    qtbot.keyClick(window.rail, Qt.Key.Key_B, CTRL)
    assert not presenter.blackout.isVisible()

    # a case over the presented step: the phones stay on the step's pulse
    window.show_step("cases")
    cases = window.page("cases")
    assert isinstance(cases, CasesPage)
    case = window.controller.content.cases[0]
    cases.select(case.id)
    cases.present.click()
    assert case.title in _screen(window) and case.title in window.preview.state.text()
    assert _activity(phone) == "pulse"

    # the phone answers; the reveal shows the results on the projector
    answer = phone.submit("answers", {"activity": "pulse", "answers": {"peers": 4}})
    assert answer.status in (200, 201)
    qtbot.keyClick(window.rail, Qt.Key.Key_Return, CTRL)  # present the page shown (Cases)
    _settles_on(qtbot, phone, "waiting")  # the Cases page has no activity on the phones
    window.present_page("fairness")
    _settles_on(qtbot, phone, "pulse")
    window.live_bar.reveal_results()
    assert "answers" in window.live_bar.status.text()
    # the facilitator's hints stay on the laptop
    assert "next prompt" not in _screen(window) and "F11" not in _screen(window)
    assert QGuiApplication.focusWindow() is window.windowHandle()
    window.live.stop()


def test_the_same_workshop_on_a_laptop_beside_a_projector(tmp_path: Path) -> None:
    """The test above again, in a fresh process whose screens are a 1280x720 laptop and a
    1920x1080 projector beside it."""
    if os.environ.get(TWO_SCREENS):
        return
    screens = tmp_path / "screens.json"
    screens.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 720},
                    {"name": "projector", "x": 1280, "y": 0, "width": 1920, "height": 1080},
                ]
            }
        ),
        encoding="utf-8",
    )
    env = {**os.environ, TWO_SCREENS: "1", "QT_QPA_PLATFORM": f"offscreen:configfile={screens}"}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         f"{__file__}::test_a_workshop_driven_from_the_laptop_window_alone"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:]
    assert "1 passed" in run.stdout
