"""A bar chart of the group's current and desired autonomy per dimension (1-5)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ampdesk.framework.content import AUTONOMY_DIMENSIONS, AUTONOMY_LABELS
from ampdesk.framework.pulse import ItemSummary
from ampdesk.framework.thresholds import DEFAULT_THRESHOLD

CURRENT = QColor(138, 148, 166)
DESIRED = QColor(47, 111, 219)


class AutonomyChart(QWidget):
    """Paired horizontal bars; a dimension under the anonymity threshold shows no bars."""

    def __init__(self, scale: float = 1.0) -> None:
        """``scale`` enlarges type and bars (the presenter sizes them to the projector)."""
        super().__init__()
        self.scale = max(scale, 1.0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Current and desired autonomy per dimension")
        self._data: dict[str, dict[str, ItemSummary]] = {}
        self._threshold = DEFAULT_THRESHOLD

    def sizeHint(self) -> QSize:
        """Room for four dimensions and the legend."""
        return QSize(int(520 * self.scale), int(262 * self.scale))

    def set_data(self, data: dict[str, dict[str, ItemSummary]], threshold: int) -> None:
        """Show ``data[dimension]["current"|"desired"]``."""
        self._data = data
        self._threshold = threshold
        parts = []
        for dim in AUTONOMY_DIMENSIONS:
            pair = data.get(dim, {})
            means = [pair[w].mean for w in ("current", "desired") if w in pair]
            if len(means) == 2 and None not in means:
                parts.append(f"{dim}: now {means[0]:.1f}, wanted {means[1]:.1f}")
            else:
                parts.append(f"{dim}: not enough answers")
        self.setAccessibleDescription("; ".join(parts))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Draw the bars, the 1-5 scale and the legend."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        k = self.scale
        font = painter.font()
        font.setPixelSize(round(13 * k))
        painter.setFont(font)
        text_colour = self.palette().text().color()
        label_width, top, row_height = 130.0 * k, 28.0 * k, 52.0 * k
        left = label_width + 8 * k
        width = max(self.width() - left - 16 * k, 50)

        def x_of(value: float) -> float:
            return left + (value - 1) / 4 * width

        grid = QColor(text_colour)
        grid.setAlpha(50)
        for point in range(1, 6):
            painter.setPen(QPen(grid, 1))
            x = x_of(point)
            painter.drawLine(int(x), int(top), int(x), int(top + row_height * 4))
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(x - 10 * k, top + row_height * 4, 20 * k, 18 * k),
                Qt.AlignmentFlag.AlignCenter,
                str(point),
            )
        for row, dim in enumerate(AUTONOMY_DIMENSIONS):
            y = top + row * row_height
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, y, label_width, row_height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                AUTONOMY_LABELS[dim],
            )
            pair = self._data.get(dim, {})
            for offset, (when, colour) in enumerate((("current", CURRENT), ("desired", DESIRED))):
                summary = pair.get(when)
                bar = QRectF(left, y + (8 + offset * 18) * k, 0, 14 * k)
                if summary is None or summary.suppressed or summary.mean is None:
                    painter.setPen(text_colour)
                    painter.drawText(
                        bar.adjusted(4 * k, -2 * k, width, 2 * k),
                        Qt.AlignmentFlag.AlignVCenter,
                        f"{when}: shown from {self._threshold} answers",
                    )
                    continue
                bar.setRight(x_of(summary.mean))
                painter.fillRect(bar, colour)
                painter.setPen(text_colour)
                painter.drawText(
                    QRectF(bar.right() + 6 * k, bar.top() - 2 * k, 60 * k, 18 * k),
                    Qt.AlignmentFlag.AlignVCenter,
                    f"{summary.mean:.1f}",
                )
        legend_y = 4.0 * k
        for offset, (name, colour) in enumerate((("now", CURRENT), ("wanted", DESIRED))):
            x = left + offset * 110 * k
            painter.fillRect(QRectF(x, legend_y + 3 * k, 14 * k, 12 * k), colour)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(x + 20 * k, legend_y, 90 * k, 18 * k), Qt.AlignmentFlag.AlignVCenter, name
            )
        painter.end()
