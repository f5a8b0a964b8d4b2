"""The presenter made for a projector: type scaled to the screen, counters, black-out, and
full screen on the second screen (two virtual screens of Qt's offscreen platform)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from ampdesk.demo import write_demo
from ampdesk.ui.autonomy_chart import AutonomyChart
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.presenter import BODY_LINES

ROOT = Path(__file__).resolve().parents[2]
SCREENS = {
    "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 720},
        {"name": "projector", "x": 1280, "y": 0, "width": 1920, "height": 1080},
    ]
}
TWO_SCREENS = """
import json, sys
from pathlib import Path
from typing import Any
from PySide6.QtWidgets import QApplication
from ampdesk.framework.content import framework
from ampdesk.ui.hosted import host_workshop
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.main_window import WorkshopWindow

app = QApplication([])
window = WorkshopWindow(WorkshopController(host_workshop(Path(sys.argv[1])), framework()))
window.show()
presenter = window.open_presenter()
app.processEvents()
print(json.dumps({
    "window": window.screen().name(),
    "presenter": presenter.screen().name(),
    "full": presenter.isFullScreen(),
    "message": window.statusBar().currentMessage(),
}))
window.close()
"""


@pytest.mark.slow
def test_presenter_type_scales_with_the_screen(qtbot: QtBot, demo_window: WorkshopWindow) -> None:
    window = demo_window
    presenter = window.open_presenter()
    presenter.resize(1920, 1080)
    window.present_page("autonomy")
    QApplication.processEvents()
    labels = [label for label in presenter.findChildren(QLabel) if label.isVisible()]
    assert labels
    for label in labels:
        label.ensurePolished()
        size = label.font().pixelSize()
        assert size >= 0.025 * 1080, (label.text()[:40], size)
    (chart,) = presenter.findChildren(AutonomyChart)
    assert round(13 * chart.scale) >= 0.025 * 1080


@pytest.mark.slow
def test_prompt_counter_more_and_blackout(qtbot: QtBot, demo_window: WorkshopWindow) -> None:
    window = demo_window
    presenter = window.open_presenter()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_step("fairness")
    window.rail.setFocus()
    qtbot.keyClick(window.rail, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    count = len(window.controller.plan.prompts(window.controller.content.step("fairness")))
    assert presenter.counter.text() == f"1 / {count}"
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.rail, Qt.Key.Key_Left, ctrl)  # no wrapping round to the last prompt
    assert presenter.counter.text() == f"1 / {count}"
    qtbot.keyClick(window.rail, Qt.Key.Key_Right, ctrl)
    assert presenter.counter.text() == f"2 / {count}"
    for n in range(BODY_LINES + 2):
        window.controller.add_note("purpose", "story", f"Story {n}")
    window.present_page("purpose")
    qtbot.waitUntil(
        lambda: any(label.text().startswith("+") for label in presenter.findChildren(QLabel))
    )
    stories = len([n for n in window.controller.store.notes.all("purpose") if n.kind == "story"])
    more = [
        label.text() for label in presenter.findChildren(QLabel) if label.text().startswith("+")
    ]
    shown = [label for label in presenter.findChildren(QLabel) if "Story" in label.text()]
    assert more == [f"+{stories - len(shown)} more"]
    qtbot.keyClick(window.rail, Qt.Key.Key_B, ctrl)  # Ctrl+B from the facilitator's window
    assert presenter.blackout.isVisible()
    assert presenter.blackout.geometry() == presenter.rect()
    assert "black" in window.preview.state.text()
    qtbot.keyClick(window.rail, Qt.Key.Key_B, ctrl)
    assert not presenter.blackout.isVisible()
    qtbot.keyClick(window.rail, Qt.Key.Key_F11)
    assert presenter.isFullScreen()
    qtbot.keyClick(window.rail, Qt.Key.Key_F11)
    assert not presenter.isFullScreen()


def _on_screens(tmp_path: Path, script: str, screens: object, **env: str) -> dict[str, Any]:
    """Run ``script`` on the demo in a fresh interpreter with Qt's offscreen platform set to
    ``screens``; the JSON object it prints last."""
    write_demo(tmp_path / "demo.ampdesk").close()
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(screens), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "demo.ampdesk")],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", **env},
        cwd=ROOT,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_presenter_opens_full_screen_on_the_second_screen(tmp_path: Path) -> None:
    shown = _on_screens(tmp_path, TWO_SCREENS, SCREENS)
    assert shown["window"] == "laptop"
    assert shown["presenter"] == "projector"
    assert shown["full"] is True
    assert "full screen on projector" in shown["message"] and "F11" in shown["message"]


RESTORE = """
import json, sys
from pathlib import Path
from typing import Any
from PySide6.QtCore import QSettings
from ampdesk.framework.content import framework
from ampdesk.ui.hosted import host_workshop
from ampdesk.ui.app import create_application
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.main_window import WorkshopWindow

app = create_application()
def opened():
    return WorkshopWindow(WorkshopController(host_workshop(Path(sys.argv[1])), framework()))
big = opened()
big.setGeometry(300, 200, 2400, 1400)  # saved on a larger screen
big.close()  # keeps its geometry in the settings
window = opened()
window.show()
app.processEvents()
frame = window.frameGeometry()
screen = window.screen().availableGeometry()
print(json.dumps({"fits": screen.contains(frame), "size": [frame.width(), frame.height()]}))
window.close()
"""


@pytest.mark.slow
def test_restored_geometry_fits_the_current_screen(tmp_path: Path) -> None:
    laptop_only = {"screens": [SCREENS["screens"][0]]}
    shown = _on_screens(tmp_path, RESTORE, laptop_only, XDG_CONFIG_HOME=str(tmp_path / "config"))
    assert shown["fits"], shown


@pytest.mark.slow
def test_screenshots_fit_the_size_asked_for(tmp_path: Path) -> None:
    """1280x720, and a 2560x1440 laptop at 2x scaling (1280x720 logical pixels)."""
    write_demo(tmp_path / "demo.ampdesk").close()
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no window state saved elsewhere
    for (width, height), scale in (((1280, 720), "1"), ((2560, 1440), "2")):
        folder = tmp_path / f"shots{scale}"
        subprocess.run(
            [sys.executable, "-m", "ampdesk", "screenshots", str(tmp_path / "demo.ampdesk"),
             str(folder), "--size", f"{width}x{height}", "--scale", scale],
            env=env, cwd=ROOT, check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        pages = [p for p in folder.glob("[0-9][0-9]-*.png") if not p.stem.endswith("-full")]
        assert len(pages) == 9
        for page in pages:
            image = QImage(str(page))
            assert image.width() <= width and image.height() <= height, (page.name, scale)
        presenter = QImage(str(folder / "presenter-autonomy.png"))
        assert (presenter.width(), presenter.height()) == (1920, 1080)
