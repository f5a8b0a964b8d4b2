"""QR codes for the join link, drawn by Qt from segno's module matrix (no image files)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap

QUIET_ZONE = 4  # modules of white around the code, as scanners expect


def qr_image(text: str) -> QImage:
    """The QR code of ``text``: one pixel per module, black on white, with its quiet zone."""
    import segno  # loaded when live input starts, not at app start-up

    rows = [list(row) for row in segno.make(text, error="m").matrix_iter(border=QUIET_ZONE)]
    image = QImage(len(rows[0]), len(rows), QImage.Format.Format_Mono)
    image.setColor(0, QColor("white").rgb())
    image.setColor(1, QColor("black").rgb())
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            image.setPixel(x, y, 1 if dark else 0)
    return image


def qr_pixmap(text: str, size: int) -> QPixmap:
    """The QR code scaled to about ``size`` pixels, with sharp module edges."""
    image = qr_image(text)
    scale = max(1, size // image.width())
    return QPixmap.fromImage(
        image.scaled(
            image.width() * scale,
            image.height() * scale,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation,
        )
    )
