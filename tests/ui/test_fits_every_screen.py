"""The window fits every screen: first start within the screen with its frame, usable at
1024x600 (narrow rail, warnings collapsed to their count or closed), rail labels whole,
columns as wide as their content, a page that never moves under the toolbars; and
``ampdesk screenshots`` exact in device pixels, every presenter state whole."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from ampdesk.demo import write_demo
from ampdesk.ui.actions_model import DUE, OWNER, STEP
from ampdesk.ui.actions_page import ActionsPage
from ampdesk.ui.main_window import WorkshopWindow
from ampdesk.ui.screenshots import render_screenshots
from tests.ui.test_projector import ROOT, _on_screens

FIRST_START = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QPoint
from ampdesk.framework.content import framework
from ampdesk.ui.app import create_application
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.hosted import host_workshop
from ampdesk.ui.main_window import WorkshopWindow

app = create_application()
window = WorkshopWindow(WorkshopController(host_workshop(Path(sys.argv[1])), framework()))
window.show()
app.processEvents()
screen = window.screen().availableGeometry()
pages = {}
for page_id in window.page_ids:
    window.rail.setCurrentRow(window.page_ids.index(page_id))
    for _ in range(5):
        app.processEvents()
    top = window.pages.mapTo(window, QPoint(0, 0)).y()
    pages[page_id] = [window.pages.width(), window.pages.height(), top,
                      screen.contains(window.frameGeometry())]
status = window.statusBar()
print(json.dumps({
    "fits": screen.contains(window.frameGeometry()),
    "status_shown": screen.contains(status.mapToGlobal(status.rect().bottomRight())),
    "rail": window.rail.width(),
    "dock": window.warnings_dock.width(),
    "collapsed": window.warnings_dock.collapsed,
    "pages": pages,
}))
window.close()
"""


@pytest.mark.parametrize(("size", "share"), [((1024, 600), 0.75), ((1280, 720), 0.5)])
def test_first_start_fits_and_every_page_is_usable(
    tmp_path: Path, size: tuple[int, int], share: float
) -> None:
    """``share``: of the screen's width, at least this much is the page's (at 1024 pixels the
    rail shows numbers and the warnings their count)."""
    width, height = size
    laptop = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}]}
    shown = _on_screens(tmp_path, FIRST_START, laptop, XDG_CONFIG_HOME=str(tmp_path / "config"))
    assert shown["fits"] and shown["status_shown"], shown
    tops = {page[2] for page in shown["pages"].values()}
    assert len(tops) == 1  # the toolbars never push the page down on some pages
    for page_id, (page_width, page_height, _top, fits) in shown["pages"].items():
        assert fits, page_id
        assert page_width >= share * width and page_height >= 0.6 * height, (page_id, shown)
    if width < 1100:
        assert shown["rail"] < 140 and shown["collapsed"] and shown["dock"] < 100


def test_the_warnings_collapse_to_their_count_and_close(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    dock = demo_window.warnings_dock
    dock.set_collapsed(False)
    qtbot.waitUntil(lambda: dock.width() >= 300)
    dock.set_collapsed(True)
    qtbot.waitUntil(lambda: dock.width() < 100)
    assert dock.count.text() == f"\u26a0 {demo_window.warnings.open_count()}"
    assert not demo_window.warnings.isVisible()
    dock.count.click()
    assert demo_window.warnings.isVisible()
    dock.close()
    assert not dock.isVisible()
    view = {a.text(): a for a in demo_window.menuBar().actions()}["&View"].menu()
    assert view is not None
    (panel,) = [a for a in view.actions() if a.text() == "Mistake warnings &panel"]
    panel.trigger()
    assert dock.isVisible()


def test_rail_labels_are_whole_with_their_warnings_mark(demo_window: WorkshopWindow) -> None:
    window = demo_window
    for narrow in (False, True):
        window.set_rail_narrow(narrow)
        metrics = window.rail.fontMetrics()
        for row in range(window.rail.count()):
            item = window.rail.item(row)
            for text in (item.text(),):
                room = window.rail.visualItemRect(item).width() - 20 - 8 - 2 * 10
                assert metrics.horizontalAdvance(text) <= room, (narrow, text)
    window.set_rail_narrow(True)
    assert window.rail.item(window.page_ids.index("autonomy")).text().startswith("2")
    assert window.rail.item(0).toolTip() == "Plan"


def test_action_columns_are_as_wide_as_their_content(demo_window: WorkshopWindow) -> None:
    demo_window.showMaximized()
    demo_window.show_step("actions")
    page = demo_window.page("actions")
    assert isinstance(page, ActionsPage)
    QApplication.processEvents()
    for column in (STEP, OWNER, DUE):
        assert page.table.columnWidth(column) >= page.table.sizeHintForColumn(column), column


def test_every_presenter_state_is_whole(qtbot: QtBot, demo_window: WorkshopWindow) -> None:
    presenter = demo_window.open_presenter()
    for size in ((1920, 1080), (1280, 720)):
        presenter.resize(*size)
        for page_id in ("fairness", "autonomy", "mastery", "purpose", "actions", "plan"):
            demo_window.present_page(page_id)
            qtbot.wait(50)
            for label in presenter.findChildren(QLabel):
                if not label.isVisible() or not label.text():
                    continue
                if label.wordWrap():
                    needed = label.heightForWidth(label.width())
                    assert label.height() >= needed, (size, page_id, label.text()[:40])
                else:
                    assert label.width() >= label.sizeHint().width(), (size, label.text())


def test_screenshots_at_200_percent_fit_the_screen_in_device_pixels(tmp_path: Path) -> None:
    write_demo(tmp_path / "demo.ampdesk").close()
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    folder = tmp_path / "shots"
    subprocess.run(
        [sys.executable, "-m", "ampdesk", "screenshots", str(tmp_path / "demo.ampdesk"),
         str(folder), "--size", "1280x720", "--scale", "2"],
        env=env, cwd=ROOT, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pages = [p for p in folder.glob("[0-9][0-9]-*.png") if not p.stem.endswith("-full")]
    assert len(pages) == 9
    for page in pages:
        image = QImage(str(page))
        assert image.width() <= 1280 and image.height() <= 720, page.name
    states = {p.stem.removeprefix("presenter-") for p in folder.glob("presenter-*.png")}
    assert states == {"fairness", "autonomy", "mastery", "purpose", "actions", "case", "black"}


def test_screenshots_say_when_the_callers_platform_decides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_demo(tmp_path / "demo.ampdesk").close()
    render_screenshots(tmp_path / "demo.ampdesk", tmp_path / "shots", (1280, 720), 2.0)
    assert "decides the screens" in capsys.readouterr().err
    assert "QT_SCALE_FACTOR" not in os.environ or os.environ["QT_SCALE_FACTOR"] != "2"


def test_a_long_list_fills_the_projector_and_stays_on_it(
    qtbot: QtBot, demo_window: WorkshopWindow
) -> None:
    window = demo_window
    for n in range(14):
        window.controller.add_note(
            "purpose", "story", f"Story {n}: a customer told us our work saved her a long day"
        )
    presenter = window.open_presenter()
    for size in ((1920, 1080), (1280, 720)):
        presenter.resize(*size)
        window.present_page("purpose")

        def stories() -> list[QLabel]:
            return [
                label
                for label in presenter.findChildren(QLabel)
                if label.isVisibleTo(presenter) and label.text().startswith("Story of impact ·")
            ]

        qtbot.waitUntil(lambda: len(stories()) >= 7)
        shown = stories()  # more than the six of old on a half-empty screen, all whole
        for label in shown:
            assert label.height() >= label.heightForWidth(label.width()), (size, label.text())
        bottom = max(label.mapTo(presenter, label.rect().bottomLeft()).y() for label in shown)
        assert bottom <= presenter.height(), size
