"""Warning and alarm text colours that read at 4.5:1 or better in light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# name: (on a light window, on a dark window)
TONES = {
    "warning": ("#8a4b00", "#ffb454"),  # something is missing (an owner, a date)
    "soon": ("#8a5200", "#f1c453"),  # the timebox ends within two minutes
    "alarm": ("#a31515", "#ff8a80"),  # over time, a problem to act on
}


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone(name: str, palette: QPalette | None = None) -> str:
    """The colour of ``name`` for ``palette`` (the application's by default)."""
    light, dark = TONES[name]
    return dark if is_dark(palette or QGuiApplication.palette()) else light


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)
