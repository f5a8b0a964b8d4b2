"""The one rounding rule of every figure ampdesk prints: half up, as readers round by hand
(4.25 is 4.3, where Python's own rounding gives 4.2), applied to the value as written in
decimal, so that a chart, a table and a sentence give the same figure."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext


def _rounded(value: Decimal, places: int) -> str:
    if not value.is_finite():
        return str(value)
    with localcontext() as context:  # as many digits as the value has: 1e300 rounds too
        context.prec = max(28, value.adjusted() + places + 2)
        result = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) + 0
    return f"{result:,.{places}f}"  # + 0 above: no "-0.0"


def fixed(value: float, places: int = 1) -> str:
    """``value`` with ``places`` decimals, half up: fixed(4.25) == "4.3"."""
    return _rounded(Decimal(repr(value)), places)


def percent(share: float, places: int = 0) -> str:
    """A share (0.425) as a percentage, half up: "43%"."""
    return f"{_rounded(Decimal(repr(share)) * 100, places)}%"
