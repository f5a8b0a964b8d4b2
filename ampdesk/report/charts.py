"""Vector charts drawn with ReportLab graphics, readable in black and white."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ampdesk.report.styles import FONT, INK, MUTED, RULE

DARK = colors.HexColor("#2b3a55")
LIGHT = colors.HexColor("#b8c0cc")
# Five greys from disagree to agree, distinct in greyscale print.
SCALE = [colors.HexColor(c) for c in ("#2b2b2b", "#6b6b6b", "#a8a8a8", "#d0d0d0", "#f2f2f2")]


def _drawing(width: float, height: float) -> Drawing:
    """An empty drawing whose initial font is the report's (no Helvetica in the file)."""
    return Drawing(width, height, initialFontName=FONT, initialFontSize=7)


def horizontal_bars(
    labels: Sequence[str],
    series: Sequence[Sequence[float]],
    names: Sequence[str],
    scale: tuple[float, float],
    marks: Sequence[tuple[float, str]],
    width: float,
) -> Drawing:
    """Groups of horizontal bars (one bar per series), with labelled reference lines."""
    label_width, bar, gap = 150.0, 9.0, 8.0
    group = bar * len(series) + gap
    height = 30 + group * len(labels)
    drawing = _drawing(width, height)
    low, high = scale
    plot = width - label_width - 30

    def x_of(value: float) -> float:
        return label_width + (min(max(value, low), high) - low) / (high - low) * plot

    fills = [DARK, LIGHT]
    for index, label in enumerate(labels):
        top = height - 22 - index * group
        drawing.add(
            String(
                label_width - 6,
                top - bar,
                label[:32],
                fontName=FONT,
                fontSize=7.5,
                textAnchor="end",
                fillColor=INK,
            )
        )
        for s, values in enumerate(series):
            y = top - (s + 1) * bar
            value = values[index]
            drawing.add(
                Rect(
                    label_width,
                    y,
                    x_of(value) - label_width,
                    bar - 1.5,
                    fillColor=fills[s % 2],
                    strokeColor=INK,
                    strokeWidth=0.3,
                )
            )
            drawing.add(
                String(
                    x_of(value) + 3,
                    y + 1.5,
                    f"{value:.2f}",
                    fontName=FONT,
                    fontSize=6.5,
                    fillColor=INK,
                )
            )
    for value, name in marks:
        x = x_of(value)
        drawing.add(
            Line(x, 12, x, height - 14, strokeColor=MUTED, strokeWidth=0.6, strokeDashArray=[2, 2])
        )
        drawing.add(
            String(x, 3, name, fontName=FONT, fontSize=6.5, textAnchor="middle", fillColor=MUTED)
        )
    for s, name in enumerate(names):
        x = label_width + s * 110
        drawing.add(
            Rect(x, height - 10, 9, 7, fillColor=fills[s % 2], strokeColor=INK, strokeWidth=0.3)
        )
        drawing.add(String(x + 13, height - 9, name, fontName=FONT, fontSize=7, fillColor=INK))
    return drawing


def stacked_distribution(
    labels: Sequence[str], counts: Sequence[Sequence[int]], width: float
) -> Drawing:
    """One 100% bar per item, split into the five scale points (1 dark ... 5 light)."""
    label_width, bar, gap = 150.0, 12.0, 8.0
    height = 24 + (bar + gap) * len(labels)
    drawing = _drawing(width, height)
    plot = width - label_width - 10
    for index, (label, row) in enumerate(zip(labels, counts, strict=True)):
        y = height - 22 - index * (bar + gap)
        drawing.add(
            String(
                label_width - 6,
                y + 3,
                label[:32],
                fontName=FONT,
                fontSize=7.5,
                textAnchor="end",
                fillColor=INK,
            )
        )
        total = sum(row) or 1
        x = label_width
        for point, count in enumerate(row):
            w = count / total * plot
            if w > 0:
                drawing.add(
                    Rect(x, y, w, bar, fillColor=SCALE[point], strokeColor=INK, strokeWidth=0.3)
                )
                if w > 14:
                    shade = colors.white if point < 2 else INK
                    drawing.add(
                        String(
                            x + w / 2,
                            y + 3,
                            str(count),
                            fontName=FONT,
                            fontSize=6.5,
                            textAnchor="middle",
                            fillColor=shade,
                        )
                    )
            x += w
    x = label_width
    for point, legend in enumerate(("1 strongly disagree", "2", "3", "4", "5 strongly agree")):
        drawing.add(Rect(x, 2, 9, 7, fillColor=SCALE[point], strokeColor=INK, strokeWidth=0.3))
        drawing.add(String(x + 12, 3, legend, fontName=FONT, fontSize=6.5, fillColor=INK))
        x += 24 + stringWidth(legend, FONT, 6.5)
    return drawing


# Line styles told apart in greyscale print: dash pattern and marker size differ too.
TREND_STYLES = (
    (colors.HexColor("#2b2b2b"), None),
    (colors.HexColor("#555555"), [4, 2]),
    (colors.HexColor("#808080"), [1, 2]),
    (colors.HexColor("#2b3a55"), [6, 2, 1, 2]),
)


def trend_lines(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    width: float,
) -> Drawing:
    """Lines on a 1-5 scale over ``labels``; a None value leaves a gap in its line."""
    left, right, bottom, legend = 24.0, 40.0, 18.0, 14.0 * ((len(series) + 1) // 2)
    plot_height = 120.0
    height = bottom + plot_height + 10 + legend
    drawing = _drawing(width, height)
    plot_width = width - left - right
    count = len(labels)

    def x_of(index: int) -> float:
        return left + 30 + (index / (count - 1) if count > 1 else 0.5) * (plot_width - 60)

    def y_of(value: float) -> float:
        return bottom + (value - 1) / 4 * plot_height

    for value in range(1, 6):
        y = y_of(value)
        drawing.add(Line(left, y, left + plot_width, y, strokeColor=RULE, strokeWidth=0.4))
        drawing.add(
            String(left - 6, y - 2.5, str(value), fontName=FONT, fontSize=7, textAnchor="end")
        )
    for index, label in enumerate(labels):
        drawing.add(
            String(
                x_of(index), 4, label, fontName=FONT, fontSize=7, textAnchor="middle", fillColor=INK
            )
        )
    for number, (name, values) in enumerate(series):
        colour, dash = TREND_STYLES[number % len(TREND_STYLES)]
        previous: tuple[float, float] | None = None
        for index, value in enumerate(values):
            if value is None:
                previous = None
                continue
            here = (x_of(index), y_of(value))
            if previous is not None:
                drawing.add(
                    Line(
                        *previous, *here, strokeColor=colour, strokeWidth=1.4, strokeDashArray=dash
                    )
                )
            drawing.add(Rect(here[0] - 2, here[1] - 2, 4, 4, fillColor=colour, strokeColor=colour))
            drawing.add(
                String(
                    here[0] + 4,
                    here[1] + 3,
                    f"{value:.1f}",
                    fontName=FONT,
                    fontSize=6,
                    fillColor=colour,
                )
            )
            previous = here
        row, column = divmod(number, 2)
        x = left + column * (plot_width / 2)
        y = height - 10 - row * 14
        drawing.add(
            Line(x, y + 3, x + 22, y + 3, strokeColor=colour, strokeWidth=1.4, strokeDashArray=dash)
        )
        drawing.add(String(x + 28, y, name, fontName=FONT, fontSize=7.5, fillColor=INK))
    return drawing
