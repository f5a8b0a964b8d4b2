"""Vector charts drawn with ReportLab graphics, readable in black and white.

Every chart is a flowable that is drawn at the width of the frame it lands in (never past the
margin) and that splits between its rows when it does not fit on the rest of a page, so a chart
of any number of rows prints. Labels that would overlap are moved apart or left out; long
labels are shortened with an ellipsis, keeping the part after the last " / " (the level)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, Shape, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ampdesk.framework.rounding import fixed, percent
from ampdesk.report.scripts import ELLIPSIS, FONT, fit, line_pieces, line_width, text_width
from ampdesk.report.styles import INK, MUTED, RULE

DARK = colors.HexColor("#2b3a55")
LIGHT = colors.HexColor("#b8c0cc")
# Five greys from disagree to agree, distinct in greyscale print.
SCALE = [colors.HexColor(c) for c in ("#2b2b2b", "#6b6b6b", "#a8a8a8", "#d0d0d0", "#f2f2f2")]


def shorten(label: str, width: float, size: float = 7.5) -> str:
    """``label`` fitted into ``width`` points: the part before the last " / " loses letters
    first (with an ellipsis), so "Role / Level" keeps its level."""
    if text_width(label, size) <= width:
        return label
    head, sep, tail = label.rpartition(" / ")
    if not sep:
        return fit(label, size, width) or ELLIPSIS
    suffix = f"{sep}{tail}"
    room = width - text_width(suffix, size)
    shortened = fit(head, size, room) if room > 0 else ""
    if not shortened:
        return shorten(label.replace(" / ", " "), width, size)
    return shortened + suffix


def _drawing(width: float, height: float) -> Drawing:
    """An empty drawing whose initial font is the report's (no Helvetica in the file)."""
    return Drawing(width, height, initialFontName=FONT, initialFontSize=7)


def _text(x: float, y: float, value: str, size: float, **options: Any) -> Shape:
    """``value`` drawn at (x, y): one string in DejaVu Sans, or a group of pieces each in the
    font that shows it, shaped and right to left where the script needs it."""
    options.setdefault("fillColor", INK)
    pieces = line_pieces(value, size)
    if len(pieces) == 1 and pieces[0].font == FONT and pieces[0].text == value:
        return String(x, y, value, fontName=FONT, fontSize=size, **options)
    anchor = options.pop("textAnchor", "start")
    x -= {"end": 1.0, "middle": 0.5}.get(anchor, 0.0) * line_width(pieces)
    group = Group()
    for piece in pieces:
        group.add(String(x, y, piece.text, fontName=piece.font, fontSize=size, **options))
        x += piece.width
    return group


def _on_white(x: float, y: float, value: str, size: float, colour: colors.Color) -> Group:
    """A short label on a white ground, readable over the lines it sits on."""
    width = stringWidth(value, FONT, size)
    ground = Rect(
        x - 1, y - 0.25 * size, width + 2, 1.15 * size, fillColor=colors.white, strokeColor=None
    )
    return Group(ground, _text(x, y, value, size, fillColor=colour))


class Chart(Flowable):
    """A chart of ``rows`` rows drawn by ``draw(width, first, last)`` at the frame's width;
    it splits between rows across pages (``row_height`` points per row, ``fixed`` more)."""

    def __init__(
        self,
        draw: Callable[[float, int, int], Drawing],
        rows: int,
        row_height: float,
        fixed: float,
        max_width: float,
        first: int = 0,
    ) -> None:
        super().__init__()
        self._draw, self._rows, self._row_height = draw, rows, row_height
        self._fixed, self._max_width, self._first = fixed, max_width, first
        self._drawing: Drawing | None = None

    def _height(self, rows: int) -> float:
        return self._fixed + self._row_height * rows

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width = min(self._max_width, availWidth)
        self._drawing = self._draw(width, self._first, self._rows)
        self.width, self.height = width, self._drawing.height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        count = self._rows - self._first
        fits = int((availHeight - self._fixed) // self._row_height) if self._row_height else 0
        if fits < min(3, count) or fits >= count:
            return []
        middle = self._first + fits
        return [
            Chart(self._draw, middle, self._row_height, self._fixed, self._max_width, self._first),
            Chart(self._draw, self._rows, self._row_height, self._fixed, self._max_width, middle),
        ]

    def draw(self) -> None:
        if self._drawing is not None:
            self._drawing.drawOn(self.canv, 0, 0)


def _axis_ticks(low: float, high: float) -> list[float]:
    step = 1.0 if high - low >= 3 else 0.25
    ticks, value = [], low
    while value <= high + 1e-9:
        ticks.append(round(value, 2))
        value += step
    return ticks


def horizontal_bars(
    labels: Sequence[str],
    series: Sequence[Sequence[float]],
    names: Sequence[str],
    scale: tuple[float, float],
    marks: Sequence[tuple[float, str]],
    width: float,
    axis: str = "",
    places: int = 2,
) -> Chart:
    """Groups of horizontal bars (one bar per series) on an axis labelled from ``scale``'s
    start, each value written with ``places`` decimals beside its bar (a bar past the scale's
    end is cut, and marked so), with labelled reference lines; splits between groups across
    pages."""
    bar, gap = 9.0, 7.0
    group = bar * len(series) + gap
    top_space, bottom_space = 16.0 + 9.0 * len(marks), 34.0 if axis else 24.0
    low, high = scale
    fills = [DARK, LIGHT]

    def draw(total_width: float, first: int, last: int) -> Drawing:
        count = last - first
        label_width = min(170.0, total_width * 0.36)
        plot = total_width - label_width - 34
        height = top_space + group * count + bottom_space
        drawing = _drawing(total_width, height)

        def x_of(value: float) -> float:
            return label_width + (min(max(value, low), high) - low) / (high - low) * plot

        base = bottom_space
        values_shown: list[tuple[float, float, str]] = []
        for index in range(count):
            label = labels[first + index]
            top = height - top_space - index * group
            drawing.add(
                _text(
                    label_width - 6,
                    top - bar * len(series) / 2 - 3,
                    shorten(label, label_width - 10),
                    7.5,
                    textAnchor="end",
                )
            )
            for s, values in enumerate(series):
                y = top - (s + 1) * bar
                value = values[first + index]
                end = x_of(value)
                drawing.add(
                    Rect(
                        label_width,
                        y,
                        end - label_width,
                        bar - 1.5,
                        fillColor=fills[s % 2],
                        strokeColor=INK,
                        strokeWidth=0.3,
                    )
                )
                if value > high:  # cut: two white strokes across the bar's end
                    for dx in (-7.0, -4.0):
                        drawing.add(
                            Line(
                                end + dx,
                                y - 1,
                                end + dx + 2.5,
                                y + bar - 0.5,
                                strokeColor=colors.white,
                                strokeWidth=1.6,
                            )
                        )
                values_shown.append((end + 3, y + 1.5, fixed(value, places)))
        # axis with ticks from the scale's start
        drawing.add(Line(label_width, base, label_width + plot, base, strokeColor=INK))
        for tick in _axis_ticks(low, high):
            x = x_of(tick)
            drawing.add(Line(x, base, x, base - 3, strokeColor=INK, strokeWidth=0.5))
            drawing.add(_text(x, base - 11, f"{tick:g}", 7, textAnchor="middle"))
        if axis:
            drawing.add(_text(label_width + plot / 2, base - 22, axis, 7, textAnchor="middle"))
        # reference lines, each labelled at its top, beside it, one label a row above the other
        plot_top = height - top_space + 4
        for row, (value, name) in enumerate(sorted(marks, key=lambda m: -m[0])):
            x = x_of(value)
            label_y = plot_top + 2 + row * 9
            drawing.add(
                Line(
                    x,
                    base,
                    x,
                    label_y + 7,
                    strokeColor=INK,
                    strokeWidth=0.6,
                    strokeDashArray=[2, 2],
                )
            )
            drawing.add(_text(x + 3, label_y, name, 7, fillColor=INK))
        x = label_width
        for s, name in enumerate(names):
            drawing.add(
                Rect(x, height - 10, 9, 7, fillColor=fills[s % 2], strokeColor=INK, strokeWidth=0.3)
            )
            drawing.add(_text(x + 13, height - 9, name, 7))
            x += 24 + stringWidth(name, FONT, 7)
        for x, y, value_text in values_shown:  # over the reference lines
            drawing.add(_on_white(x, y, value_text, 7, INK))
        return drawing

    return Chart(draw, len(labels), group, top_space + bottom_space, width)


def stacked_distribution(
    labels: Sequence[str], counts: Sequence[Sequence[int]], width: float
) -> Chart:
    """One 100% bar per item, split into the five scale points (1 dark ... 5 light), each part
    labelled with its share of the answers."""
    bar, gap = 12.0, 8.0
    fixed = 36.0

    def draw(total_width: float, first: int, last: int) -> Drawing:
        label_width = min(150.0, total_width * 0.32)
        plot = total_width - label_width - 10
        height = fixed + (bar + gap) * (last - first)
        drawing = _drawing(total_width, height)
        for index in range(last - first):
            label, row = labels[first + index], counts[first + index]
            y = height - 22 - index * (bar + gap)
            drawing.add(
                _text(
                    label_width - 6, y + 3, shorten(label, label_width - 10), 7.5, textAnchor="end"
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
                    share = percent(count / total)
                    if w > stringWidth(share, FONT, 6.5) + 4:
                        shade = colors.white if point < 2 else INK
                        drawing.add(
                            _text(
                                x + w / 2, y + 3, share, 6.5, textAnchor="middle", fillColor=shade
                            )
                        )
                x += w
        x = label_width
        for point, legend in enumerate(("1 strongly disagree", "2", "3", "4", "5 strongly agree")):
            drawing.add(Rect(x, 12, 9, 7, fillColor=SCALE[point], strokeColor=INK, strokeWidth=0.3))
            drawing.add(_text(x + 12, 13, legend, 6.5))
            x += 24 + stringWidth(legend, FONT, 6.5)
        drawing.add(
            _text(label_width, 2, "Share of the answers to each statement", 6.5, fillColor=MUTED)
        )
        return drawing

    return Chart(draw, len(labels), bar + gap, fixed, width)


# Line styles told apart in greyscale print: dash pattern and marker size differ too.
TREND_STYLES = (
    (colors.HexColor("#2b2b2b"), None),
    (colors.HexColor("#555555"), [4, 2]),
    (colors.HexColor("#6b6b6b"), [1, 2]),  # 5.3:1 on white: its value labels read
    (colors.HexColor("#2b3a55"), [6, 2, 1, 2]),
)


def _value_labels(points: list[tuple[float, int]], low: float, high: float) -> dict[int, float]:
    """Label heights for the values at one x (y, series), at least 7.5 points apart and
    inside [low, high]; a label that cannot be placed near its point is left out."""
    placed: dict[int, float] = {}
    last = low - 10.0
    for y, series in sorted(points):
        wanted = max(y - 2.5, last + 7.5)
        if wanted - (y - 2.5) <= 9 and wanted <= high:
            placed[series] = wanted
            last = wanted
    return placed


def _marker(kind: int, x: float, y: float, colour: colors.Color) -> Shape:
    """A point's mark, one shape per series: square, circle, triangle, diamond."""
    if kind == 1:
        return Circle(x, y, 2.4, fillColor=colour, strokeColor=colour)
    if kind == 2:
        return Polygon(
            [x - 2.8, y - 2.2, x + 2.8, y - 2.2, x, y + 2.8], fillColor=colour, strokeColor=colour
        )
    if kind == 3:
        return Polygon(
            [x, y - 3, x + 3, y, x, y + 3, x - 3, y], fillColor=colour, strokeColor=colour
        )
    return Rect(x - 2, y - 2, 4, 4, fillColor=colour, strokeColor=colour)


def trend_lines(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    width: float,
    days: Sequence[int] | None = None,
) -> Chart:
    """Lines on a 1-5 scale over ``labels``, placed by ``days`` (since the first point) where
    given, so that the axis runs in time; a None value leaves a gap in its line, and each
    series has its own dash and point marker."""
    left, bottom, legend = 34.0, 18.0, 14.0 * ((len(series) + 1) // 2)
    plot_height = 130.0
    height = bottom + plot_height + 10 + legend

    def draw(total_width: float, _first: int, _last: int) -> Drawing:
        drawing = _drawing(total_width, height)
        plot_width = total_width - left - 10
        count = len(labels)

        span = max(days[-1], 1) if days and count > 1 else max(count - 1, 1)
        position = list(days) if days and count > 1 else list(range(count))

        def x_of(index: int) -> float:
            share = position[index] / span if count > 1 else 0.5
            return left + 24 + share * (plot_width - 64)

        def y_of(value: float) -> float:
            return bottom + (value - 1) / 4 * plot_height

        for tick in range(1, 6):
            tick_y = y_of(tick)
            drawing.add(
                Line(left, tick_y, left + plot_width, tick_y, strokeColor=RULE, strokeWidth=0.4)
            )
            drawing.add(_text(left - 6, tick_y - 2.5, str(tick), 7, textAnchor="end"))
        drawing.add(_text(2, bottom + plot_height + 9, "average, 1 to 5", 6.5, fillColor=MUTED))
        shown_until = -1e9  # a label that would touch the one before it is left out
        for index, label in enumerate(labels):
            half = stringWidth(label, FONT, 7) / 2
            if x_of(index) - half > shown_until + 6:
                drawing.add(_text(x_of(index), 4, label, 7, textAnchor="middle"))
                shown_until = x_of(index) + half
        at_x: dict[int, list[tuple[float, int]]] = {}
        for number, (_name, values) in enumerate(series):
            for index, value in enumerate(values):
                if value is not None:
                    at_x.setdefault(index, []).append((y_of(value), number))
        label_y = {
            index: _value_labels(found, bottom - 4, bottom + plot_height + 2)
            for index, found in at_x.items()
        }
        values_shown: list[tuple[float, float, str, colors.Color]] = []
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
                            *previous,
                            *here,
                            strokeColor=colour,
                            strokeWidth=1.4,
                            strokeDashArray=dash,
                        )
                    )
                drawing.add(_marker(number % 4, *here, colour))
                y = label_y[index].get(number)
                if y is not None:
                    values_shown.append((here[0] + 6, y + 2, fixed(value), colour))
                previous = here
            row, column = divmod(number, 2)
            x = left + column * (plot_width / 2)
            y = height - 10 - row * 14
            drawing.add(
                Line(
                    x,
                    y + 3,
                    x + 22,
                    y + 3,
                    strokeColor=colour,
                    strokeWidth=1.4,
                    strokeDashArray=dash,
                )
            )
            drawing.add(_marker(number % 4, x + 11, y + 3, colour))
            drawing.add(_text(x + 28, y, name, 7.5))
        for x, y, value_text, colour in values_shown:  # over the lines
            drawing.add(_on_white(x, y, value_text, 7, colour))
        return drawing

    return Chart(draw, 1, 0, height, width)
