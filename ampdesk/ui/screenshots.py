"""Render every page of a workshop window to PNG files (for README, reviews and tests)."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from ampdesk.framework.content import STEP_IDS, framework
from ampdesk.store.outputs import whole_file
from ampdesk.ui.app import create_application
from ampdesk.ui.controller import WorkshopController
from ampdesk.ui.hosted import host_workshop
from ampdesk.ui.main_window import WorkshopWindow


def _settle(seconds: float = 0.5) -> None:
    """Let asynchronous painting (such as PDF pages) finish before a picture is taken."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)


CONFIDENTIAL_MARK = "CONFIDENTIAL: individual pay. Readable by its owner only; do not pass on."


def save_picture(widget: QWidget, target: Path, confidential: bool) -> None:
    """Save a picture of ``widget`` as PNG. One that can show individual pay (``confidential``)
    carries the confidential mark across its top and is written owner-only (0600)."""
    picture = widget.grab()
    if confidential:
        painter = QPainter(picture)
        band = max(24, picture.deviceIndependentSize().toSize().height() // 24)
        width = picture.deviceIndependentSize().toSize().width()
        painter.fillRect(0, 0, width, band, QColor("#a4161a"))
        font = QFont(painter.font())
        font.setBold(True)
        font.setPixelSize(band * 6 // 10)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(0, 0, width, band, Qt.AlignmentFlag.AlignCenter, CONFIDENTIAL_MARK)
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    buffer.close()
    with whole_file(target, private=confidential) as temporary:
        temporary.write_bytes(data.data())


def _screens(size: tuple[int, int], projector: tuple[int, int]) -> dict[str, object]:
    """Qt's offscreen platform configured with the laptop's screen and a projector beside it."""
    return {
        "screens": [
            {"name": "laptop", "x": 0, "y": 0, "width": size[0], "height": size[1]},
            {
                "name": "projector",
                "x": size[0],
                "y": 0,
                "width": projector[0],
                "height": projector[1],
            },
        ]
    }


def _presenter_states(window: WorkshopWindow) -> list[tuple[str, Callable[[], object]]]:
    """Each state of the presenter screen, named, with what brings it on."""
    stage = window.stage
    states: list[tuple[str, Callable[[], object]]] = [
        (page_id, partial(stage.present, page_id)) for page_id in (*STEP_IDS, "actions")
    ]
    states.append(("case", partial(stage.show_case, window.controller.content.cases[0].id)))
    states.append(("black", partial(stage.set_black, True)))
    return states


def render_screenshots(
    path: Path,
    folder: Path,
    size: tuple[int, int] = (1280, 720),
    scale: float = 1.0,
    presenter_size: tuple[int, int] = (1920, 1080),
) -> list[Path]:
    """Open ``path``, show each page in turn and save it as ``folder/NN-page.png``; the
    presenter screen beside it at the projector's size.

    ``size`` is the screen in device pixels and ``scale`` the display scaling (2 on a HiDPI
    laptop): every picture is at most ``size``. Rendering needs no display: Qt draws
    offscreen on screens of these sizes. A platform the caller chose (``QT_QPA_PLATFORM``
    other than plain ``offscreen``, or an application already made) keeps its own screens,
    and a note on stderr says so.
    """
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    if platform != "offscreen" or QApplication.instance() is not None:
        print(
            f"ampdesk: note: the platform {platform!r} set by the caller decides the screens: "
            f"pictures follow its screens, not --size {size[0]}x{size[1]} --scale {scale:g}",
            file=sys.stderr,
        )
    else:  # offscreen: a laptop screen and a projector beside it, in device pixels
        config = folder / ".screens.json"
        folder.mkdir(parents=True, exist_ok=True)
        config.write_text(json.dumps(_screens(size, presenter_size)), encoding="utf-8")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        if scale != 1.0:
            os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"
    create_application()
    folder.mkdir(parents=True, exist_ok=True)
    window = WorkshopWindow(WorkshopController(host_workshop(path), framework()))
    window.resize(round(size[0] / scale), round(size[1] / scale))
    window.show()
    window.fit_screen()
    written = []
    confidential = window.controller.disclosure.exact  # the window shows individual pay
    try:
        for number, page_id in enumerate(window.page_ids):
            # locked steps are captured too: their page shows the gate's lock banner
            window.rail.setCurrentRow(number)
            QApplication.processEvents()
            if window.page_ids[number] == "report":
                window.page("report").shutdown()  # type: ignore[attr-defined]  # the preview
            _settle()
            target = folder / f"{number:02d}-{page_id}.png"
            save_picture(window, target, confidential)
            written.append(target)
            page = window.pages.currentWidget()
            inner = page.widget() if isinstance(page, QScrollArea) else None
            if inner is not None:
                full = folder / f"{number:02d}-{page_id}-full.png"
                save_picture(inner, full, confidential)
                written.append(full)
        presenter = window.open_presenter()  # full screen on the projector, if configured
        if not presenter.isFullScreen():
            presenter.resize(round(presenter_size[0] / scale), round(presenter_size[1] / scale))
        _settle()  # the type is sized for the projector's height before the first picture
        for state, show in _presenter_states(window):
            show()
            _settle(0.2)
            target = folder / f"presenter-{state}.png"
            save_picture(presenter, target, False)
            written.append(target)
    finally:
        window.close()
    return written
