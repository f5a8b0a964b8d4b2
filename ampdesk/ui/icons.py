"""Icons drawn from the SVG files in ``resources/icons`` at every size the screen asks for."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ampdesk.resources_path import resources_dir

_SIZES = (16, 24, 32, 48, 64, 128)


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/NAME.svg`` rendered sharp at common sizes (and 2x)."""
    renderer = QSvgRenderer(str(resources_dir() / "icons" / f"{name}.svg"))
    if not renderer.isValid():
        raise FileNotFoundError(f"icon {name!r} is missing or not valid SVG")
    result = QIcon()
    for size in _SIZES:
        pixmap = QPixmap(QSize(size, size))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result
