"""Render the application icon (resources/icons/ampdesk.svg) to PNG sizes and a Windows .ico."""

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = (16, 32, 48, 64, 128, 256)


def main() -> None:
    """Write packaging/linux/icons/N.png for every size and packaging/windows/ampdesk.ico."""
    QGuiApplication([])
    renderer = QSvgRenderer(str(HERE.parent / "resources" / "icons" / "ampdesk.svg"))
    folder = HERE / "linux" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        image.save(str(folder / f"{size}.png"))
    (HERE / "windows").mkdir(exist_ok=True)
    Image.open(folder / "256.png").save(
        HERE / "windows" / "ampdesk.ico", sizes=[(s, s) for s in SIZES]
    )


if __name__ == "__main__":
    main()
