"""The follow-up trend: one line per series (1-5) from the workshop through every check-in."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ampdesk.framework.followup import SERIES, TrendPoint

COLOURS = {
    "peers": QColor("#d1495b"),
    "market": QColor("#edae49"),
    "settled": QColor("#8d6a9f"),
    "autonomy": QColor("#2e6fd8"),
}


class TrendChart(QWidget):
    """Lines over the check-ins; a point with too few answers leaves a gap."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Trend since the workshop")
        self.points: list[TrendPoint] = []

    def sizeHint(self) -> QSize:
        """Room for the lines, the dates and the legend."""
        return QSize(560, 280)

    def set_points(self, points: list[TrendPoint]) -> None:
        """Show ``points`` (the workshop first)."""
        self.points = points
        parts = []
        for series, label in SERIES:
            values = [p.means.get(series) for p in points]
            shown = ", ".join("no figure" if v is None else f"{v:.1f}" for v in values)
            parts.append(f"{label}: {shown}")
        self.setAccessibleDescription("; ".join(parts))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Draw the 1-5 grid, one line per series, the dates and the legend."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().text().color()
        left, top, right, bottom = 36.0, 56.0, 16.0, 40.0
        inset = 56.0  # room for the first and last dates under the line ends
        plot = QRectF(left, top, max(self.width() - left - right, 50), self.height() - top - bottom)
        grid = QColor(text)
        grid.setAlpha(50)
        for value in range(1, 6):
            y = plot.bottom() - (value - 1) / 4 * plot.height()
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - 9, left - 8, 18), Qt.AlignmentFlag.AlignRight, str(value)
            )
        count = len(self.points)
        if count == 0:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No check-ins yet")
            painter.end()
            return

        def x_of(index: int) -> float:
            if count == 1:
                return plot.center().x()
            return plot.left() + inset + index / (count - 1) * (plot.width() - 2 * inset)

        for index, trend_point in enumerate(self.points):
            painter.setPen(text)
            painter.drawText(
                QRectF(x_of(index) - 60, plot.bottom() + 6, 120, 18),
                Qt.AlignmentFlag.AlignCenter,
                trend_point.label,
            )
        for series, _label in SERIES:
            pen = QPen(COLOURS[series], 3)
            painter.setPen(pen)
            previous: QPointF | None = None
            for index, trend_point in enumerate(self.points):
                mean = trend_point.means.get(series)
                if mean is None:
                    previous = None
                    continue
                here = QPointF(x_of(index), plot.bottom() - (mean - 1) / 4 * plot.height())
                if previous is not None:
                    painter.drawLine(previous, here)
                painter.setBrush(COLOURS[series])
                painter.drawEllipse(here, 4, 4)
                previous = here
        x, y = left, 4.0
        for series, label in SERIES:
            width = painter.fontMetrics().horizontalAdvance(label) + 32
            if x + width > self.width() and x > left:
                x, y = left, y + 22
            painter.fillRect(QRectF(x, y + 3, 14, 12), COLOURS[series])
            painter.setPen(text)
            painter.drawText(QRectF(x + 20, y, width, 18), Qt.AlignmentFlag.AlignVCenter, label)
            x += width
        painter.end()
