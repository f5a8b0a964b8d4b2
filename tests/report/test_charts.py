"""Chart labels never collide and never leave the chart: checked on the strings each drawing
holds (their boxes from position, anchor, font size and width), for crowded cases."""

from itertools import combinations

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from ampdesk.report.charts import Chart, horizontal_bars, stacked_distribution, trend_lines
from ampdesk.report.styles import styles

Box = tuple[float, float, float, float, str]  # left, bottom, right, top, text


def _boxes(chart: Chart, width: float = 480) -> tuple[Drawing, list[Box]]:
    styles()  # fonts registered
    chart.wrap(width, 2000)
    drawing = chart._drawing
    assert drawing is not None
    found: list[Box] = []

    def walk(shapes: list[object]) -> None:
        for shape in shapes:
            if isinstance(shape, Group):
                walk(shape.contents)
            elif isinstance(shape, String):
                wide = stringWidth(shape.text, shape.fontName, shape.fontSize)
                shift = {"end": wide, "middle": wide / 2}.get(shape.textAnchor, 0.0)
                left = shape.x - shift
                found.append(
                    (
                        left,
                        shape.y - 0.2 * shape.fontSize,
                        left + wide,
                        shape.y + 0.75 * shape.fontSize,
                        shape.text,
                    )
                )

    walk(drawing.contents)
    return drawing, found


def _apart(boxes: list[Box]) -> list[tuple[str, str]]:
    return [
        (a[4], b[4])
        for a, b in combinations(boxes, 2)
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


def _inside(drawing: Drawing, boxes: list[Box]) -> list[str]:
    return [
        b[4]
        for b in boxes
        if b[0] < -0.5 or b[2] > drawing.width + 0.5 or b[1] < -0.5 or b[3] > drawing.height + 0.5
    ]


def test_trend_value_labels_of_close_values_do_not_overlap() -> None:
    chart = trend_lines(
        ["Workshop", "17 December 2026", "17 January 2027", "17 February 2027"],
        [
            ("Fair compared with colleagues", [3.8, 3.0, 3.5, 3.5]),
            ("Fair compared with the market", [3.8, 2.9, 3.1, 3.6]),
            ("Pay settled enough to focus", [3.7, 3.0, 3.6, 3.5]),
            ("Say over our work (average)", [3.8, 2.9, 3.1, 3.4]),
        ],
        480,
    )
    drawing, boxes = _boxes(chart)
    assert _apart(boxes) == []
    assert _inside(drawing, boxes) == []
    assert sum(1 for b in boxes if b[4] in ("3.8", "3.7")) >= 2  # labels placed, not all dropped


def test_pay_chart_reference_labels_and_long_role_names() -> None:
    roles = [
        f"Senior software engineer in the payments platform team {n} / Level {n}" for n in range(6)
    ]
    chart = horizontal_bars(
        roles,
        [[0.82, 0.86, 0.99, 1.01, 1.2, 0.5]],
        ["median compa-ratio"],
        (0.5, 1.5),
        [(0.85, "gate blocks below 0.85"), (1.0, "market median 1.00")],
        480,
        axis="compa-ratio (pay / market median)",
    )
    drawing, boxes = _boxes(chart)
    assert _apart(boxes) == []
    assert _inside(drawing, boxes) == []
    assert any(b[4].endswith("… / Level 3") for b in boxes)  # shortened, the level kept


def test_distribution_shares_and_legend() -> None:
    chart = stacked_distribution(
        ["Fair next to peers", "Fair next to market", "Pay is settled"],
        [(1, 1, 1, 1, 96), (20, 20, 20, 20, 20), (0, 0, 50, 50, 0)],
        480,
    )
    drawing, boxes = _boxes(chart)
    assert _apart(boxes) == []
    assert _inside(drawing, boxes) == []
