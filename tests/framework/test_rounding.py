"""One rounding rule, half up, on the value as written in decimal."""

from ampdesk.framework.rounding import fixed, percent


def test_half_up_where_python_rounds_half_to_even() -> None:
    assert f"{4.25:.1f}" == "4.2"  # what the report printed before
    assert fixed(4.25) == "4.3"
    assert fixed(0.125, 2) == "0.13"
    assert fixed(2.675, 2) == "2.68"  # 2.675 is 2.67499... in binary; read as written
    assert fixed(-0.04) == "0.0"
    assert fixed(12_345.5, 0) == "12,346"


def test_percent_half_up() -> None:
    assert percent(0.125) == "13%"
    assert percent(0.425) == "43%"
    assert percent(0.1075, 1) == "10.8%"


def test_any_float_rounds() -> None:
    assert fixed(1e300, 2).endswith(",000.00")
    assert fixed(float("inf")) == "Infinity"
    assert percent(2.5e-7, 1) == "0.0%"
